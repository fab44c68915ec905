// missing-bootstrap: a header without `Bootstrap:`, or content before the first `Bootstrap:` line.
#include "analysis/definition/checks.hpp"

#include <algorithm>

namespace cdls::rules {
const RuleInfo missing_bootstrap{"missing-bootstrap", Severity::Error, Habit::Syntax, RuleScope::Definition,
                                 "A stage has no `Bootstrap:` line, so apptainer does not know what to build from."};
} // namespace cdls::rules

namespace cdls::definition {
namespace {

// Where the first real content of a stage is: a header entry or invalid line, or a section.
TextRange first_content(const Stage& stage) {
    for (const HeaderLine& line : stage.header.lines)
        if (line.kind == HeaderLineKind::Entry || line.kind == HeaderLineKind::Invalid) return line.content;
    if (!stage.sections.empty()) return stage.sections.front().header_line;
    return {stage.range.begin, stage.range.begin};
}

bool has_header_content(const Stage& stage) {
    return std::any_of(stage.header.lines.begin(), stage.header.lines.end(), [](const HeaderLine& l) {
        return l.kind == HeaderLineKind::Entry || l.kind == HeaderLineKind::Invalid;
    });
}

} // namespace

void check_missing_bootstrap(const CheckContext& context, Diagnostics& out) {
    const DefinitionFile& file = context.file;
    if (file.is_empty()) return;
    bool any_bootstrap_stage = std::any_of(file.stages.begin(), file.stages.end(),
                                           [](const Stage& s) { return s.starts_at_bootstrap; });
    for (const Stage& stage : file.stages) {
        if (stage.header_entry("bootstrap") || !stage.has_content()) continue;
        if (any_bootstrap_stage) {
            out.push_back(make_diagnostic(
                rules::missing_bootstrap, first_content(stage),
                "this comes before the first `Bootstrap:` line, so apptainer builds it as a stage of its "
                "own without a base: move it below a `Bootstrap:` header"));
        } else if (has_header_content(stage)) {
            // A file of sections only is valid (`apptainer build --update` applies it to an
            // existing image); a header without Bootstrap is not.
            out.push_back(make_diagnostic(rules::missing_bootstrap, first_content(stage),
                                          "the header has no `Bootstrap:` line: start the file with "
                                          "`Bootstrap: <agent>`, e.g. `Bootstrap: docker`"));
        }
    }
}

} // namespace cdls::definition
