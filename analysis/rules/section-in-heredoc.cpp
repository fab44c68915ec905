// section-in-heredoc: a `%` line inside a heredoc ends the section (apptainer splits sections
// before the shell sees the script), cutting the heredoc off.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/shell_scan.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>

namespace cdls::rules {
const RuleInfo section_in_heredoc{"section-in-heredoc", Severity::Warning, Habit::Syntax,
                                  RuleScope::Definition,
                                  "A line starting with `%` inside a heredoc starts a new section and cuts "
                                  "the heredoc off."};
} // namespace cdls::rules

namespace cdls::definition {
namespace {

// Where each distinct line (trimmed, as closes_heredoc compares it) of text[range) last ends.
// "Is the heredoc closed after X" is then one lookup, not a scan of the rest of the stage for
// every open heredoc (quadratic with many unclosed heredocs).
using LastLines = std::unordered_map<std::string_view, Offset>;

LastLines last_lines(std::string_view text, TextRange range) {
    LastLines last;
    for (Offset pos = range.begin; pos < range.end;) {
        PhysicalLine line = line_at(text.substr(0, range.end), pos);
        std::string_view content = text.substr(line.begin, line.content_end - line.begin);
        TextRange t = trim(content, 0, static_cast<Offset>(content.size()));
        last[content.substr(t.begin, t.length())] = line.content_end;
        pos = line.end;
    }
    return last;
}

// True when a line at or after `from` (a section start inside the range `last` was built over)
// closes the heredoc; a section's first line may start before `from` only by blanks, which trim
// removes.
bool closed_later(const LastLines& last, Offset from, std::string_view delimiter) {
    auto it = last.find(delimiter);
    return it != last.end() && it->second >= from;
}

} // namespace

void check_section_in_heredoc(const CheckContext& context, Diagnostics& out) {
    std::string_view text = context.text();
    for (const Stage& stage : context.stages()) {
        std::optional<LastLines> last; // built for the first section with an open heredoc
        for (std::size_t i = 0; i + 1 < stage.sections.size(); ++i) {
            const Section& section = stage.sections[i];
            if (section.open_heredocs.empty()) continue;
            const OpenHeredoc& heredoc = section.open_heredocs.front();
            Offset next = stage.sections[i + 1].range.begin;
            if (!last) last = last_lines(text, {next, stage.range.end});
            // Only when the delimiter shows up later: then the `%` line was meant to be inside.
            if (!closed_later(*last, next, heredoc.delimiter)) continue;
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
