// missing-test: the final image has no %test, so nothing checks the build worked.
#include "analysis/definition/checks.hpp"

namespace cdls::rules {
const RuleInfo missing_test{"missing-test", Severity::Hint, Habit::VersionControl, RuleScope::Definition,
                            "The image has no %test section checking that the installed software works."};
} // namespace cdls::rules

namespace cdls::definition {

void check_missing_test(const CheckContext& context, Diagnostics& out) {
    const Stage* stage = final_stage(context.file);
    if (!stage || !stage->header_entry("bootstrap") || context.facts.document_anchor.empty()) return;
    for (const Section& s : stage->sections)
        if (s.kind == SectionKind::Test) return;
    Diagnostic d = make_diagnostic(rules::missing_test, context.facts.document_anchor,
                                   "add a %test section that runs the installed software; apptainer runs it "
                                   "at the end of the build and with `apptainer test`");
    d.fixes.push_back(append_section_fix(context.text(), "Add a %test section",
                                         "%test\n    # Run the installed software; a failing command fails "
                                         "the test, e.g.\n    # python --version\n"));
    out.push_back(std::move(d));
}

} // namespace cdls::definition
