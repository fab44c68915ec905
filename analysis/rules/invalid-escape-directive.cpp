// invalid-escape-directive: `# escape=` with a character other than \ or `, or given twice.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo invalid_escape_directive{"invalid-escape-directive", Severity::Error, Habit::Syntax,
                                        RuleScope::Dockerfile,
                                        "The escape parser directive must be \\ or ` and appear once."};

void check_invalid_escape_directive(const CheckContext& context, std::vector<Diagnostic>& out) {
    for (const auto& d : context.file.directives) {
        if (d.name != "escape") continue;
        if (d.duplicate) {
            out.push_back(make_diagnostic(invalid_escape_directive, d.range,
                                          "only one escape directive is allowed: remove this line"));
        } else if (d.value != "\\" && d.value != "`") {
            auto diagnostic = make_diagnostic(invalid_escape_directive, d.value_range,
                                              "escape must be \\ or ` (backtick), not " + d.value);
            diagnostic.fixes.push_back({"Use ` (backtick)", {{d.value_range, "`"}}, false});
            diagnostic.fixes.push_back({"Use \\ (backslash)", {{d.value_range, "\\"}}, false});
            out.push_back(std::move(diagnostic));
        }
    }
}

} // namespace cdls::dockerfile::rules
