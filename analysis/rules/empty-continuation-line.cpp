// empty-continuation-line: an empty line inside a continued instruction (BuildKit drops it with
// a warning and plans to make it an error).
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo empty_continuation_line{"empty-continuation-line", Severity::Warning, Habit::Syntax,
                                       RuleScope::Dockerfile,
                                       "An empty line inside a continued instruction (future BuildKit error)."};

void check_empty_continuation_line(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    for (TextRange line : ins.empty_continuation_lines()) {
        auto d = make_diagnostic(empty_continuation_line, line,
                                 "empty line inside a continued " + std::string(ins.keyword()) +
                                     ": remove it (BuildKit will make this an error)");
        d.fixes.push_back({"Remove the empty line", {{line, ""}}, true});
        out.push_back(std::move(d));
    }
}

} // namespace cdls::dockerfile::rules
