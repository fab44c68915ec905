// Formatting of definition files and Dockerfiles as a plan of per-line changes (new content,
// removed blank lines, inserted blank lines), turned into small edits at the end.
#include "analysis/features/formatting.hpp"

#include "analysis/definition/keywords.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <algorithm>
#include <optional>

namespace cdls::features {
namespace {

using definition::is_blank;
using definition::PhysicalLine;

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

struct LinePlan {
    PhysicalLine line;
    std::optional<std::string> content; // new text of [begin, content_end)
    bool remove = false;
    bool insert_blank_before = false;
    bool frozen = false;        // heredoc body or terminator: never changed
    bool fixed_indent = false;  // starts inside a multi-line word: leading blanks are content
    bool keep_trailing = false; // its line break lies inside a word: trailing blanks are content
    bool ends_heredoc = false;  // a heredoc terminator: what follows may change
};

class Plan {
public:
    explicit Plan(std::string_view text) : text_(text) {
        for (Offset pos = 0; pos < text.size();) {
            PhysicalLine line = definition::line_at(text, pos);
            lines_.push_back({line});
            pos = line.end;
        }
        std::size_t newline = text.find('\n');
        if (newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r') eol_ = "\r\n";
    }

    std::size_t size() const { return lines_.size(); }
    std::size_t text_size() const { return text_.size(); }
    LinePlan& operator[](std::size_t i) { return lines_[i]; }
    const LinePlan& operator[](std::size_t i) const { return lines_[i]; }

    // The line holding `offset` (the last line for the text end).
    std::size_t line_of(Offset offset) const {
        auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                                   [](Offset o, const LinePlan& l) { return o < l.line.begin; });
        return it == lines_.begin() ? 0 : static_cast<std::size_t>(it - lines_.begin() - 1);
    }

    std::string_view original(std::size_t i) const {
        return text_.substr(lines_[i].line.begin, lines_[i].line.content_end - lines_[i].line.begin);
    }
    std::string current(std::size_t i) const {
        return lines_[i].content ? *lines_[i].content : std::string(original(i));
    }
    bool blank(std::size_t i) const {
        std::string_view s = original(i);
        return std::all_of(s.begin(), s.end(), is_blank);
    }
    bool untouchable(std::size_t i) const { return lines_[i].frozen || lines_[i].fixed_indent; }
    void set(std::size_t i, std::string content) {
        if (!lines_[i].frozen) lines_[i].content = std::move(content);
    }

    void mark_terminator(Offset offset) {
        if (!lines_.empty()) lines_[line_of(offset)].ends_heredoc = true;
    }

    void freeze(TextRange range) {
        if (lines_.empty() || range.empty()) return;
        for (std::size_t i = line_of(range.begin); i < lines_.size() && lines_[i].line.begin < range.end; ++i)
            lines_[i].frozen = true;
    }
    // A word, string or substitution over several lines: what lies inside it stays as it is.
    void protect_multi_line(TextRange range) {
        if (lines_.empty() || range.empty()) return;
        for (std::size_t i = line_of(range.begin); i < lines_.size() && lines_[i].line.begin < range.end; ++i) {
            const PhysicalLine& line = lines_[i].line;
            if (range.begin < line.end && range.end > line.content_end && line.content_end < line.end)
                lines_[i].keep_trailing = true;
            if (range.begin < line.begin) lines_[i].fixed_indent = true;
        }
    }

    void strip_trailing_blanks() {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (lines_[i].frozen || lines_[i].keep_trailing || lines_[i].remove) continue;
            std::string s = current(i);
            std::size_t end = s.size();
            while (end > 0 && is_space_or_tab(s[end - 1])) --end;
            // `\ ` escapes the blank; without it the line would continue on the next.
            if (end == s.size() || (end > 0 && s[end - 1] == '\\')) continue;
            s.resize(end);
            set(i, std::move(s));
        }
    }

    // No blank lines at the end of the text, and a final line break.
    void end_of_text() {
        if (lines_.empty()) return;
        std::size_t last = lines_.size() - 1;
        std::size_t j = last + 1;
        while (j > 0 && blank(j - 1) && !untouchable(j - 1)) --j;
        if (j > 0 && untouchable(j - 1)) {
            if (j - 1 == last) return; // the text ends inside a heredoc or a string
        }
        for (std::size_t k = j; k <= last; ++k) lines_[k].remove = true;
        if (j == 0) return;
        const PhysicalLine& line = lines_[j - 1].line;
        if (j - 1 == last && line.end == line.content_end && !lines_[j - 1].frozen && !lines_[j - 1].keep_trailing)
            final_break_ = true;
    }

    // Exactly one blank line before line `h` (none at the start of the text; none needed right
    // after a comment, which belongs to what follows it).
    void one_blank_line_before(std::size_t h) {
        std::size_t j = h;
        while (j > 0 && blank(j - 1) && !untouchable(j - 1)) --j;
        if (j == 0) {
            for (std::size_t k = 0; k < h; ++k) lines_[k].remove = true;
            return;
        }
        std::size_t previous = j - 1;
        bool after_heredoc = lines_[previous].ends_heredoc && !lines_[previous].fixed_indent;
        if ((untouchable(previous) && !after_heredoc) || lines_[previous].keep_trailing) return;
        std::size_t run = h - j;
        if (run == 0) {
            std::string_view p = original(previous);
            std::size_t first = p.find_first_not_of(" \t");
            if (first == std::string_view::npos || p[first] != '#') lines_[h].insert_blank_before = true;
            return;
        }
        for (std::size_t k = j + 1; k < h; ++k) lines_[k].remove = true;
    }

    std::vector<TextEdit> edits() const {
        std::vector<TextEdit> out;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const LinePlan& plan = lines_[i];
            const PhysicalLine& line = plan.line;
            if (plan.remove) {
                out.push_back({{line.begin, line.end}, ""});
                continue;
            }
            std::string before = plan.insert_blank_before ? eol_ : std::string();
            std::string_view old_content = original(i);
            std::string new_content = current(i);
            bool last_break = final_break_ && i + 1 == lines_.size();
            if (last_break) new_content += eol_;
            if (new_content == old_content) {
                if (!before.empty()) out.push_back({{line.begin, line.begin}, before});
                continue;
            }
            std::size_t prefix = 0;
            while (prefix < old_content.size() && prefix < new_content.size() && old_content[prefix] == new_content[prefix])
                ++prefix;
            std::size_t suffix = 0;
            while (suffix < old_content.size() - prefix && suffix < new_content.size() - prefix &&
                   old_content[old_content.size() - 1 - suffix] == new_content[new_content.size() - 1 - suffix])
                ++suffix;
            if (!before.empty()) prefix = 0; // one edit from the line start: the insertion and the change
            Offset begin = line.begin + static_cast<Offset>(prefix);
            Offset end = line.content_end - static_cast<Offset>(suffix);
            out.push_back({{begin, end}, before + new_content.substr(prefix, new_content.size() - prefix - suffix)});
        }
        return out;
    }

private:
    std::string_view text_;
    std::vector<LinePlan> lines_;
    std::string eol_ = "\n";
    bool final_break_ = false;
};

// ---- indentation ----

struct Indenter {
    unsigned width; // columns of one level
    bool tabs;
    unsigned tab_stop() const { return width == 0 ? 4 : width; }
    unsigned unit() const { return tabs ? tab_stop() : width; }
    unsigned columns(std::string_view leading) const {
        unsigned col = 0;
        for (char c : leading) col = c == '\t' ? (col / tab_stop() + 1) * tab_stop() : col + 1;
        return col;
    }
    std::string make(unsigned cols) const {
        if (!tabs) return std::string(cols, ' ');
        return std::string(cols / tab_stop(), '\t') + std::string(cols % tab_stop(), ' ');
    }
};

std::size_t leading_length(std::string_view s) {
    std::size_t n = s.find_first_not_of(" \t");
    return n == std::string_view::npos ? s.size() : n;
}

void set_indent(Plan& plan, std::size_t i, const std::string& indent) {
    std::string content = plan.current(i);
    std::size_t lead = leading_length(content);
    if (content.compare(0, lead, indent) == 0 && lead == indent.size()) return;
    plan.set(i, indent + content.substr(lead));
}

// ---- definition files ----

bool runs_posix_shell(const definition::Section& section, std::string_view text) {
    if (section.shell.empty()) return true;
    std::string_view base = shell::command_basename(slice(text, section.shell));
    return base == "sh" || base == "bash" || base == "dash" || base == "ash" || base == "ksh" || base == "zsh" ||
           base == "busybox";
}

std::string canonical_key(std::string_view written, const std::string& key_lower) {
    constexpr std::string_view other = "otherurl";
    if (!definition::is_header_keyword(key_lower)) return std::string(written);
    if (key_lower.size() > other.size() && key_lower.starts_with(other))
        return "OtherURL" + key_lower.substr(other.size());
    return std::string(definition::header_keyword_spelling(key_lower));
}

void format_header_entry(Plan& plan, const definition::HeaderLine& entry, std::string_view text) {
    if (entry.key.empty() || entry.colon.empty()) return;
    std::size_t i = plan.line_of(entry.key.begin);
    const PhysicalLine& line = plan[i].line;
    if (entry.colon.end > line.content_end) return;
    std::string_view between = text.substr(entry.key.end, entry.colon.begin - entry.key.end);
    if (!std::all_of(between.begin(), between.end(), is_space_or_tab)) return;
    std::string out(text.substr(line.begin, entry.key.begin - line.begin));
    out += canonical_key(slice(text, entry.key), entry.key_lower);
    out += ':';
    std::string_view rest = text.substr(entry.colon.end, line.content_end - entry.colon.end);
    rest.remove_prefix(leading_length(rest));
    if (!rest.empty()) {
        out += ' ';
        out += rest;
    }
    plan.set(i, std::move(out));
}

void format_section_header(Plan& plan, const definition::Section& section, std::string_view text) {
    std::size_t i = plan.line_of(section.header_line.begin);
    std::string_view arguments = slice(text, section.arguments);
    std::string out(slice(text, section.name));
    if (arguments.find_first_of("#\"'{\\") != std::string_view::npos) {
        out += ' ';
        out += arguments;
    } else {
        for (std::size_t pos = 0; pos < arguments.size();) {
            std::size_t begin = arguments.find_first_not_of(" \t", pos);
            if (begin == std::string_view::npos) break;
            std::size_t end = std::min(arguments.find_first_of(" \t", begin), arguments.size());
            out += ' ';
            out += arguments.substr(begin, end - begin);
            pos = end;
        }
    }
    // Keep whatever followed the arguments on the line (only blanks, stripped later).
    Offset after = std::max(section.arguments.end, section.name.end);
    out += text.substr(after, plan[i].line.content_end - after);
    plan.set(i, std::move(out));
}

// Body lines of a section, [first, last].
std::pair<std::size_t, std::size_t> body_lines(const Plan& plan, const definition::Section& section) {
    std::size_t first = plan.line_of(section.header_line.begin) + 1;
    std::size_t last = section.body.empty() ? first - 1 : plan.line_of(section.body.end - 1);
    return {first, last};
}

void protect_script(Plan& plan, const definition::Section& section, std::string_view text) {
    std::string_view body = slice(text, section.body);
    shell::Script script = shell::tokenize(body);
    const Offset base = section.body.begin;
    auto shifted = [base](TextRange r) { return TextRange{base + r.begin, base + r.end}; };
    for (const auto& command : script.commands) {
        for (const auto& word : command.words) plan.protect_multi_line(shifted(word.range));
        for (const auto& assignment : command.assignments)
            plan.protect_multi_line(shifted({assignment.name_range.begin,
                                             std::max(assignment.name_range.end, assignment.value_range.end)}));
        for (const auto& redirection : command.redirections)
            if (redirection.target) plan.protect_multi_line(shifted(redirection.target->range));
        for (const auto& heredoc : command.heredocs) {
            TextRange body_range = shifted(heredoc.body);
            if (heredoc.terminated) {
                PhysicalLine terminator = definition::line_at(text, body_range.end);
                body_range.end = terminator.end;
                plan.mark_terminator(terminator.begin);
            } else {
                body_range.end = section.body.end;
            }
            if (body_range.empty()) body_range.end = body_range.begin + 1; // the terminator line alone
            plan.freeze(body_range);
        }
    }
    for (TextRange terminator : section.heredoc_terminators) plan.freeze(terminator);
    if (!section.open_heredocs.empty()) {
        // A heredoc still open at the section end: everything after its operator is its body.
        Offset from = section.open_heredocs.front().operator_range.end;
        plan.freeze({definition::line_at(text, plan[plan.line_of(from)].line.begin).end, section.body.end});
    }
}

bool is_comment_line(const Plan& plan, std::size_t i) {
    std::string_view s = plan.original(i);
    return s.size() > leading_length(s) && s[leading_length(s)] == '#';
}

// Comment lines that end a body right above the next section header belong to that header:
// they keep their place. Returns the last body line to indent.
std::size_t before_attached_comments(const Plan& plan, const definition::Section& section, std::size_t first,
                                     std::size_t last) {
    if (section.body.end >= plan.text_size()) return last; // nothing follows: nothing to attach to
    std::size_t end = last + 1;
    while (end > first && end - 1 < plan.size() && is_comment_line(plan, end - 1) && !plan.untouchable(end - 1)) --end;
    return end == 0 ? 0 : end - 1;
}

void indent_script(Plan& plan, const definition::Section& section, const Indenter& indenter) {
    auto [first, body_last] = body_lines(plan, section);
    std::size_t last = before_attached_comments(plan, section, first, body_last);
    if (last < first) return;
    // Comments do not set the base: a comment in column 0 moves to the first level.
    auto is_comment = [&plan](std::size_t i) {
        std::string_view s = plan.original(i);
        return s.size() > leading_length(s) && s[leading_length(s)] == '#';
    };
    std::optional<unsigned> common;
    for (std::size_t i = first; i <= last && i < plan.size(); ++i) {
        if (plan.blank(i) || plan.untouchable(i) || is_comment(i)) continue;
        unsigned cols = indenter.columns(plan.original(i).substr(0, leading_length(plan.original(i))));
        common = common ? std::min(*common, cols) : cols;
    }
    if (!common) { // only comments: they set the base themselves
        for (std::size_t i = first; i <= last && i < plan.size(); ++i) {
            if (plan.blank(i) || plan.untouchable(i)) continue;
            unsigned cols = indenter.columns(plan.original(i).substr(0, leading_length(plan.original(i))));
            common = common ? std::min(*common, cols) : cols;
        }
    }
    if (!common) return;
    for (std::size_t i = first; i <= last && i < plan.size(); ++i) {
        if (plan.blank(i) || plan.untouchable(i)) continue;
        std::string_view old = plan.original(i);
        unsigned cols = indenter.columns(old.substr(0, leading_length(old)));
        unsigned wanted = indenter.unit() + (cols > *common ? cols - *common : 0);
        // A continuation line keeps a separating blank.
        bool continues = i > 0 && !plan.original(i - 1).empty() && plan.original(i - 1).back() == '\\';
        if (wanted == 0 && cols > 0 && continues) continue;
        set_indent(plan, i, indenter.make(wanted));
    }
}

void indent_flat(Plan& plan, const definition::Section& section, const Indenter& indenter) {
    auto [first, body_last] = body_lines(plan, section);
    std::size_t last = before_attached_comments(plan, section, first, body_last);
    if (last < first) return;
    for (std::size_t i = first; i <= last && i < plan.size(); ++i)
        if (!plan.blank(i) && !plan.untouchable(i)) set_indent(plan, i, indenter.make(indenter.unit()));
}

void format_section(Plan& plan, const definition::Section& section, std::string_view text, const Indenter& indenter) {
    using definition::SectionKind;
    format_section_header(plan, section, text);
    auto [first, last] = body_lines(plan, section);
    if (definition::is_script_section(section.kind)) {
        if (!runs_posix_shell(section, text)) {
            for (std::size_t i = first; i <= last && i < plan.size(); ++i) plan[i].frozen = true;
            return;
        }
        protect_script(plan, section, text);
        indent_script(plan, section, indenter);
        return;
    }
    switch (section.kind) {
    case SectionKind::Labels:
    case SectionKind::AppLabels:
    case SectionKind::Files:
    case SectionKind::AppFiles:
    case SectionKind::Arguments: indent_flat(plan, section, indenter); break;
    default: break; // %help text and unknown sections keep their layout
    }
}

void format_definition(Plan& plan, const definition::DefinitionFile& file, std::string_view text,
                       const Indenter& indenter) {
    std::vector<std::size_t> boundaries; // lines that want one blank line before them
    for (const auto& stage : file.stages) {
        for (const auto& line : stage.header.lines)
            if (line.kind == definition::HeaderLineKind::Entry) format_header_entry(plan, line, text);
        if (stage.starts_at_bootstrap) boundaries.push_back(plan.line_of(stage.range.begin));
        for (const auto& section : stage.sections) {
            format_section(plan, section, text, indenter);
            boundaries.push_back(plan.line_of(section.header_line.begin));
        }
    }
    for (std::size_t h : boundaries) plan.one_blank_line_before(h);
}

// ---- Dockerfiles ----

void protect_instruction(Plan& plan, const dockerfile::Instruction& instruction) {
    for (const auto& heredoc : instruction.heredocs()) {
        plan.freeze(heredoc.body_range);
        plan.freeze(heredoc.terminator_range);
        if (heredoc.terminated) plan.mark_terminator(heredoc.terminator_range.begin);
        if (!heredoc.terminated) plan.freeze({heredoc.body_range.begin, instruction.range.end});
    }
    // The legacy `ENV name value` form keeps the rest of the line, trailing blanks included.
    bool legacy = (instruction.keyword() == "ENV" || instruction.keyword() == "LABEL") &&
                  std::any_of(instruction.pairs.begin(), instruction.pairs.end(),
                              [](const dockerfile::KeyValue& p) { return !p.has_equals; });
    if (legacy && plan.size() > 0)
        for (std::size_t i = plan.line_of(instruction.range.begin);
             i < plan.size() && plan[i].line.begin < instruction.range.end; ++i)
            plan[i].keep_trailing = true;
    for (const auto& child : instruction.onbuild()) protect_instruction(plan, child);
}

void upper_case_keyword(Plan& plan, const dockerfile::Instruction& instruction) {
    if (!instruction.keyword_range.empty()) {
        std::size_t i = plan.line_of(instruction.keyword_range.begin);
        std::string content = plan.current(i);
        Offset at = instruction.keyword_range.begin - plan[i].line.begin;
        bool changed = false;
        for (Offset k = at; k < at + instruction.keyword_range.length() && k < content.size(); ++k) {
            if (content[k] >= 'a' && content[k] <= 'z') {
                content[k] = static_cast<char>(content[k] - 'a' + 'A');
                changed = true;
            }
        }
        if (changed) plan.set(i, std::move(content));
    }
    for (const auto& child : instruction.onbuild()) upper_case_keyword(plan, child);
}

void format_dockerfile(Plan& plan, const dockerfile::Dockerfile& file) {
    for (const auto& instruction : file.instructions) protect_instruction(plan, instruction);
    for (const auto& instruction : file.instructions) upper_case_keyword(plan, instruction);
}

} // namespace

std::vector<TextEdit> format_document(const AnalysisResult& analysis, std::string_view text,
                                      const FormattingOptions& options) {
    Plan plan(text);
    if (plan.size() == 0) return {};
    if (analysis.definition) {
        format_definition(plan, *analysis.definition, text, Indenter{options.indent_width, options.use_tabs});
    } else if (analysis.dockerfile) {
        if (!analysis.dockerfile->encoding_error.empty()) return {};
        format_dockerfile(plan, *analysis.dockerfile);
    } else {
        return {};
    }
    plan.strip_trailing_blanks();
    plan.end_of_text();
    return plan.edits();
}

std::vector<TextEdit> format_range(const AnalysisResult& analysis, std::string_view text, TextRange range,
                                   const FormattingOptions& options) {
    std::vector<TextEdit> all = format_document(analysis, text, options);
    // The lines the range touches: from its first line's start to its last line's end.
    Offset begin = range.begin;
    while (begin > 0 && text[begin - 1] != '\n') --begin;
    Offset end = std::min<Offset>(range.end, static_cast<Offset>(text.size()));
    if (end > range.begin && end > 0 && text[end - 1] == '\n') --end; // a range ending at a line start
    while (end < text.size() && text[end] != '\n') ++end;
    std::vector<TextEdit> out;
    for (auto& edit : all)
        if (edit.range.begin >= begin && edit.range.begin <= end) out.push_back(std::move(edit));
    return out;
}

std::string apply_edits(std::string_view text, const std::vector<TextEdit>& edits) {
    std::string out;
    Offset at = 0;
    for (const auto& edit : edits) {
        if (edit.range.begin < at || edit.range.end > text.size()) continue; // overlapping: skipped
        out.append(text.substr(at, edit.range.begin - at));
        out.append(edit.new_text);
        at = edit.range.end;
    }
    out.append(text.substr(at));
    return out;
}

} // namespace cdls::features
