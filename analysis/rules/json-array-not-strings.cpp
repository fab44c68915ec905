// json-array-not-strings: an exec-form array holding numbers or nested arrays (BuildKit fails).
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo json_array_not_strings{"json-array-not-strings", Severity::Error, Habit::Syntax,
                                      RuleScope::Dockerfile,
                                      "An exec-form JSON array holds something other than strings."};

void check_json_array_not_strings(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!ins.json_not_strings) return;
    out.push_back(make_diagnostic(json_array_not_strings, ins.arguments_range,
                                  std::string(ins.keyword()) +
                                      " JSON array must hold only strings: quote every element, "
                                      "e.g. [\"sleep\", \"10\"]"));
}

} // namespace cdls::dockerfile::rules
