// section-in-heredoc: a `%` line inside a heredoc ends the section (apptainer splits sections
// before the shell sees the script), cutting the heredoc off.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/shell_scan.hpp"

#include <algorithm>
#include <unordered_set>

namespace cdls::rules {
const RuleInfo section_in_heredoc{"section-in-heredoc", Severity::Warning, Habit::Syntax,
                                  RuleScope::Definition,
                                  "A line starting with `%` inside a heredoc starts a new section and cuts "
                                  "the heredoc off."};
} // namespace cdls::rules

namespace cdls::definition {

// One pass from the end of each stage backwards: the trimmed lines below the section after a
// heredoc are collected once (a set), so a file of 30 000 unclosed heredocs stays linear.
void check_section_in_heredoc(const CheckContext& context, Diagnostics& out) {
    std::string_view text = context.text();
    for (const Stage& stage : context.file.stages) {
        std::unordered_set<std::string_view> closers; // trimmed lines in [scanned, stage end)
        Offset scanned = stage.range.end;
        std::vector<Diagnostic> found;
        for (std::size_t i = stage.sections.size(); i-- > 1;) {
            const Section& section = stage.sections[i - 1];
            if (section.open_heredocs.empty()) continue;
            const Section& cut = stage.sections[i];
            for (Offset pos = cut.range.begin; pos < scanned;) {
                PhysicalLine line = line_at(text.substr(0, scanned), pos);
                TextRange t = trim(text, line.begin, line.content_end);
                closers.insert(text.substr(t.begin, t.length()));
                pos = line.end > pos ? line.end : scanned;
            }
            scanned = std::min(scanned, cut.range.begin);
            const OpenHeredoc& heredoc = section.open_heredocs.front();
            // Only when the delimiter shows up later: then the `%` line was meant to be inside.
            if (!closers.contains(std::string_view(heredoc.delimiter))) continue;
            found.push_back(make_diagnostic(
                rules::section_in_heredoc, cut.name,
                "`" + std::string(context.slice(cut.name)) + "` is inside the heredoc `" +
                    std::string(context.slice(heredoc.operator_range)) + "` of " +
                    std::string(context.slice(section.name)) +
                    ", but apptainer starts a new section here and cuts the heredoc off: make sure no "
                    "line inside it starts with `%` (indent it with a leading character or write the "
                    "file with printf)"));
        }
        out.insert(out.end(), std::make_move_iterator(found.rbegin()), std::make_move_iterator(found.rend()));
    }
}

} // namespace cdls::definition
