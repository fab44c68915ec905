// json-single-quotes: `CMD ['a', 'b']` is not JSON; BuildKit runs it in a shell as one string.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo json_single_quotes{"json-single-quotes", Severity::Warning, Habit::Syntax, RuleScope::Dockerfile,
                                  "An exec-form JSON array uses single quotes, which JSON does not allow."};

void check_json_single_quotes(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!ins.json_single_quotes) return;
    auto d = make_diagnostic(json_single_quotes, ins.arguments_range,
                             std::string(ins.keyword()) +
                                 " uses single quotes, so it is not JSON and runs in a shell: "
                                 "use double quotes [\"a\", \"b\"]");
    // One-line arguments: swap the quotes in place.
    if (ins.arguments.pieces.size() == 1) {
        std::string fixed = ins.arguments.text;
        for (char& c : fixed) {
            if (c == '\'') c = '"';
            else if (c == '"') c = '\'';
        }
        d.fixes.push_back({"Use double quotes", {{ins.arguments_range, fixed}}, true});
    }
    out.push_back(std::move(d));
}

} // namespace cdls::dockerfile::rules
