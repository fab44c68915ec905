// template-placeholder: `{{ ... }}` of an unrendered template (Go templates, jq, Jinja) in an
// instruction's arguments; BuildKit would take it literally.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo template_placeholder{"template-placeholder", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                    "The file holds `{{ ... }}` template placeholders: render the template first."};

bool has_template_placeholder(const Instruction& ins) {
    // RUN, CMD, ENTRYPOINT and HEALTHCHECK run shell code where `{{` is legitimate
    // (docker inspect --format '{{.Id}}'); the other instructions never take it.
    const std::string_view k = ins.keyword();
    if (k == "RUN" || k == "CMD" || k == "ENTRYPOINT" || k == "HEALTHCHECK" || k == "ONBUILD" ||
        !ins.known)
        return false;
    std::size_t open = ins.arguments.text.find("{{");
    return open != std::string::npos && ins.arguments.text.find("}}", open) != std::string::npos;
}

void check_template_placeholder(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!has_template_placeholder(ins)) return;
    const std::string& s = ins.arguments.text;
    std::size_t open = s.find("{{");
    std::size_t close = s.find("}}", open) + 2;
    TextRange range = ins.arguments.to_document(TextRange{static_cast<Offset>(open), static_cast<Offset>(close)});
    out.push_back(make_diagnostic(template_placeholder, range,
                                  s.substr(open, close - open) +
                                      " is an unrendered template placeholder: render the template into a "
                                      "Dockerfile before building"));
}

} // namespace cdls::dockerfile::rules
