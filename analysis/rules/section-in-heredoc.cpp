// section-in-heredoc: a `%` line inside a heredoc ends the section (apptainer splits sections
// before the shell sees the script), cutting the heredoc off.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/shell_scan.hpp"

namespace cdls::rules {
const RuleInfo section_in_heredoc{"section-in-heredoc", Severity::Warning, Habit::Syntax,
                                  RuleScope::Definition,
                                  "A line starting with `%` inside a heredoc starts a new section and cuts "
                                  "the heredoc off."};
} // namespace cdls::rules

namespace cdls::definition {
namespace {

// True when a line of text[begin, end) closes the heredoc.
bool closed_later(std::string_view text, TextRange range, std::string_view delimiter) {
    for (Offset pos = range.begin; pos < range.end;) {
        PhysicalLine line = line_at(text.substr(0, range.end), pos);
        if (closes_heredoc(text.substr(line.begin, line.content_end - line.begin), delimiter)) return true;
        pos = line.end;
    }
    return false;
}

} // namespace

void check_section_in_heredoc(const CheckContext& context, Diagnostics& out) {
    std::string_view text = context.text();
    for (const Stage& stage : context.file.stages) {
        for (std::size_t i = 0; i + 1 < stage.sections.size(); ++i) {
            const Section& section = stage.sections[i];
            if (section.open_heredocs.empty()) continue;
            const OpenHeredoc& heredoc = section.open_heredocs.front();
            // Only when the delimiter shows up later: then the `%` line was meant to be inside.
            if (!closed_later(text, {stage.sections[i + 1].range.begin, stage.range.end}, heredoc.delimiter))
                continue;
            const Section& cut = stage.sections[i + 1];
            out.push_back(make_diagnostic(
                rules::section_in_heredoc, cut.name,
                "`" + std::string(context.slice(cut.name)) + "` is inside the heredoc `" +
                    std::string(context.slice(heredoc.operator_range)) + "` of " +
                    std::string(context.slice(section.name)) +
                    ", but apptainer starts a new section here and cuts the heredoc off: make sure no "
                    "line inside it starts with `%` (indent it with a leading character or write the "
                    "file with printf)"));
        }
    }
}

} // namespace cdls::definition
