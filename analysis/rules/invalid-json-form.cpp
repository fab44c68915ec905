// invalid-json-form: arguments that start like an exec-form JSON array but are not valid JSON,
// so BuildKit silently runs them in a shell as one string.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo invalid_json_form{"invalid-json-form", Severity::Warning, Habit::Syntax, RuleScope::Dockerfile,
                                 "Exec-form arguments are not valid JSON, so they run as a shell command."};

void check_invalid_json_form(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!ins.json_like || ins.json_not_strings) return;
    out.push_back(make_diagnostic(invalid_json_form, ins.arguments_range,
                                  std::string(ins.keyword()) +
                                      " arguments are not a valid JSON array, so they run in a "
                                      "shell as one string: write [\"program\", \"arg\"] with "
                                      "double quotes, commas and a closing ]"));
}

} // namespace cdls::dockerfile::rules
