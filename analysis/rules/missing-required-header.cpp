// missing-required-header: an agent needs keywords the header does not give (docker needs From:).
#include "analysis/definition/checks.hpp"
#include "analysis/definition/keywords.hpp"

namespace cdls::rules {
const RuleInfo missing_required_header{"missing-required-header", Severity::Error, Habit::Syntax,
                                       RuleScope::Definition,
                                       "The bootstrap agent needs a header keyword that is missing "
                                       "(e.g. `From:` for docker)."};
} // namespace cdls::rules

namespace cdls::definition {
namespace {

std::string_view example_value(std::string_view agent, std::string_view key) {
    if (key == "from") {
        if (agent == "localimage" || agent == "docker-archive" || agent == "oci-archive") return "<path>";
        return "<image>:<version>";
    }
    if (key == "osversion") return "<release>";
    return "<url>";
}

} // namespace

void check_missing_required_header(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        const HeaderLine* bootstrap = stage.header_entry("bootstrap");
        if (!bootstrap) continue;
        std::string_view agent = context.slice(bootstrap->value);
        const HeaderLine* mirror = stage.header_entry("mirrorurl");
        bool mirror_has_osversion = mirror && mirror->value_text.find("%{OSVERSION}") != std::string::npos;
        for (std::string_view key : required_header_keywords(agent, mirror_has_osversion)) {
            if (stage.header_entry(key)) continue;
            std::string spelling(header_keyword_spelling(key));
            std::string message = "`Bootstrap: " + std::string(agent) + "` needs a `" + spelling +
                                  ":` line: add `" + spelling + ": " +
                                  std::string(example_value(agent, key)) + "` to the header";
            if (key == "osversion" && (agent == "yum" || agent == "dnf"))
                message += " (MirrorURL uses %{OSVERSION})";
            out.push_back(make_diagnostic(rules::missing_required_header,
                                          {bootstrap->key.begin, bootstrap->value.end}, std::move(message)));
        }
    }
}

} // namespace cdls::definition
