// missing-help: the final image has no %help, so `apptainer run-help` says nothing.
#include "analysis/definition/checks.hpp"

namespace cdls::rules {
const RuleInfo missing_help{"missing-help", Severity::Hint, Habit::VersionControl, RuleScope::Definition,
                            "The image has no %help section describing what it is and how to use it."};
} // namespace cdls::rules

namespace cdls::definition {

void check_missing_help(const CheckContext& context, Diagnostics& out) {
    const Stage* stage = final_stage(context.file);
    if (!stage || !stage->header_entry("bootstrap") || context.facts.document_anchor.empty()) return;
    for (const Section& s : stage->sections)
        if (s.kind == SectionKind::Help) return;
    Diagnostic d = make_diagnostic(rules::missing_help, context.facts.document_anchor,
                                   "add a %help section: what the image contains, how to run it and where "
                                   "its definition is kept (shown by `apptainer run-help`)");
    d.fixes.push_back(append_section_fix(context.text(), "Add a %help section",
                                         "%help\n    What this container provides and how to run it:\n"
                                         "    apptainer run <image>.sif\n"));
    out.push_back(std::move(d));
}

} // namespace cdls::definition
