// unknown-bootstrap-agent: `Bootstrap:` names no agent apptainer knows (agents are case-sensitive).
#include "analysis/definition/checks.hpp"
#include "analysis/definition/keywords.hpp"

namespace cdls::rules {
const RuleInfo unknown_bootstrap_agent{"unknown-bootstrap-agent", Severity::Error, Habit::Syntax,
                                       RuleScope::Definition,
                                       "`Bootstrap:` names an agent apptainer does not know."};
} // namespace cdls::rules

namespace cdls::definition {

void check_unknown_bootstrap_agent(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        const HeaderLine* line = stage.header_entry("bootstrap");
        if (!line || line->value.empty()) continue;
        std::string_view agent = context.slice(line->value);
        if (is_bootstrap_agent(agent) || agent.find("{{") != std::string_view::npos) continue;
        std::optional<std::string> suggestion = context.nearest("agents", agent, bootstrap_agents());
        std::string message = "unknown bootstrap agent `" + std::string(agent) + "`";
        if (suggestion) {
            message += ": did you mean `" + *suggestion + "`?";
        } else {
            message += ": use one of docker, library, oras, localimage, docker-archive, oci, "
                       "oci-archive, shub, yum, dnf, zypper, debootstrap, arch, busybox, scratch";
        }
        Diagnostic d = make_diagnostic(rules::unknown_bootstrap_agent, line->value, std::move(message));
        if (suggestion)
            d.fixes.push_back(Fix{"Change to `" + *suggestion + "`", {TextEdit{line->value, *suggestion}}, true});
        out.push_back(std::move(d));
    }
}

} // namespace cdls::definition
