// Finds `{{ name }}` build-argument placeholders the way apptainer's build-args reader does.
#include "analysis/definition/placeholders.hpp"

#include "analysis/definition/lines.hpp"

namespace cdls::definition {
namespace {

// RE2's \s: [\t\n\f\r ].
bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Matches `{{\s*(\w+)\s*}}` at `at`; fills the placeholder's ranges on success.
bool match_at(std::string_view text, Offset at, Placeholder& out) {
    if (at + 1 >= text.size() || text[at] != '{' || text[at + 1] != '{') return false;
    Offset i = at + 2;
    while (i < text.size() && is_re2_space(text[i])) ++i;
    Offset name_begin = i;
    while (i < text.size() && is_word_char(text[i])) ++i;
    Offset name_end = i;
    if (name_end == name_begin) return false;
    while (i < text.size() && is_re2_space(text[i])) ++i;
    if (i + 1 >= text.size() || text[i] != '}' || text[i + 1] != '}') return false;
    out.range = {at, i + 2};
    out.name_range = {name_begin, name_end};
    out.name = std::string(text.substr(name_begin, name_end - name_begin));
    return true;
}

} // namespace

std::vector<Placeholder> find_placeholders(std::string_view text) {
    std::vector<Placeholder> found;
    Offset last_substituted_end = 0;
    // Jumps from one "{{" to the next (memchr inside find) instead of testing every byte.
    for (std::size_t i = text.find("{{"); i != std::string_view::npos; i = text.find("{{", i)) {
        Offset at = static_cast<Offset>(i);
        Placeholder p;
        if (!match_at(text, at, p)) {
            ++i;
            continue;
        }
        // apptainer looks for `#` followed by a character other than `!` between the line start
        // (or the end of the previous substituted placeholder on the line) and the match. A
        // placeholder may span lines (\s matches newlines): the line start is the last newline
        // before the match, wherever it is.
        std::size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
        Offset line_start = newline == std::string_view::npos ? 0 : static_cast<Offset>(newline + 1);
        Offset window = std::max(line_start, last_substituted_end);
        for (Offset k = window; k + 1 < p.range.begin; ++k) {
            if (text[k] == '#' && text[k + 1] != '!') {
                p.in_comment = true;
                break;
            }
        }
        if (!p.in_comment) last_substituted_end = p.range.end;
        i = p.range.end;
        found.push_back(std::move(p));
    }
    return found;
}

} // namespace cdls::definition
