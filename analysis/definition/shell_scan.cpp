// Comment and heredoc scan of shell bodies (%post, %runscript, ...).
#include "analysis/definition/shell_scan.hpp"

#include "analysis/definition/lines.hpp"

#include <array>
#include <string_view>

namespace cdls::definition {
namespace {

// Characters after which a `#` starts a comment (besides blanks and the line start).
bool starts_comment_after(char c) {
    return is_blank(c) || c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '<' ||
           c == '>';
}

bool ends_word(char c) { return is_blank(c) || starts_comment_after(c); }

enum class Quote { None, Single, Double };

// The bytes that change the scan outside quotes: escapes, quotes, comments, heredocs.
constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("\\'\"#<")) table[c] = true;
    return table;
}();

} // namespace

bool closes_heredoc(std::string_view line, std::string_view delimiter) {
    TextRange t = trim(line, 0, static_cast<Offset>(line.size()));
    return line.substr(t.begin, t.length()) == delimiter;
}

ShellScan scan_shell(std::string_view text, Offset begin, Offset end) {
    ShellScan scan;
    Quote quote = Quote::None;
    // Bodies being read, first one first, from active[first_active]: a vector, as a
    // std::deque allocates twice when it is made and most bodies have no heredoc.
    std::vector<OpenHeredoc> active;
    std::size_t first_active = 0;
    std::vector<OpenHeredoc> pending; // opened on the current line
    for (Offset pos = begin; pos < end;) {
        PhysicalLine line = line_at(text.substr(0, end), pos);
        pos = line.end > pos ? line.end : end;
        if (first_active < active.size()) {
            std::string_view content = text.substr(line.begin, line.content_end - line.begin);
            if (closes_heredoc(content, active[first_active].delimiter)) {
                scan.heredoc_terminators.push_back(trim(text, line.begin, line.content_end));
                ++first_active;
            }
            continue;
        }
        bool only_blanks = true;
        for (Offset i = line.begin; i < line.content_end; ++i) {
            char c = text[i];
            if (quote == Quote::Single) {
                if (c == '\'') quote = Quote::None;
                continue;
            }
            if (quote == Quote::Double) {
                if (c == '\\') ++i;
                else if (c == '"') quote = Quote::None;
                continue;
            }
            if (!special[static_cast<unsigned char>(c)]) { // most bytes: one table lookup
                if (!is_blank(c)) only_blanks = false;
                // Once the line has a non-blank, the rest of a plain run changes nothing.
                if (!only_blanks)
                    while (i + 1 < line.content_end && !special[static_cast<unsigned char>(text[i + 1])]) ++i;
                continue;
            }
            if (c == '\\') {
                ++i;
                only_blanks = false;
                continue;
            }
            if (c == '\'') quote = Quote::Single;
            else if (c == '"') quote = Quote::Double;
            else if (c == '#' && (i == line.begin || starts_comment_after(text[i - 1]))) {
                scan.comments.push_back({{i, line.content_end}, only_blanks});
                break;
            } else if (c == '<' && i + 1 < line.content_end && text[i + 1] == '<') {
                if (i + 2 < line.content_end && text[i + 2] == '<') { // here-string
                    i += 2;
                    only_blanks = false;
                    continue;
                }
                OpenHeredoc heredoc;
                Offset j = i + 2;
                if (j < line.content_end && text[j] == '-') {
                    heredoc.strip_tabs = true;
                    ++j;
                }
                while (j < line.content_end && (text[j] == ' ' || text[j] == '\t')) ++j;
                std::string delimiter;
                while (j < line.content_end && !ends_word(text[j])) {
                    char d = text[j];
                    if (d == '\'' || d == '"') {
                        std::size_t close = text.find(d, j + 1);
                        if (close == std::string_view::npos || close >= line.content_end) break;
                        delimiter.append(text.substr(j + 1, close - j - 1));
                        j = static_cast<Offset>(close + 1);
                        continue;
                    }
                    if (d != '\\') delimiter.push_back(d);
                    ++j;
                }
                if (!delimiter.empty()) {
                    heredoc.delimiter = std::move(delimiter);
                    heredoc.operator_range = {i, j};
                    pending.push_back(std::move(heredoc));
                }
                i = j > i ? j - 1 : i;
            }
            if (!is_blank(c)) only_blanks = false;
        }
        if (quote == Quote::None) {
            for (OpenHeredoc& h : pending) active.push_back(std::move(h));
            pending.clear();
        }
    }
    for (OpenHeredoc& h : pending) active.push_back(std::move(h));
    scan.open_heredocs.assign(active.begin() + static_cast<std::ptrdiff_t>(first_active),
                              active.end());
    return scan;
}

} // namespace cdls::definition
