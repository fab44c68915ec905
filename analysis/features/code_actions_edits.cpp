// The edits behind the actions that no rule's fix covers: a %arguments default for an undefined
// build argument, and the suppression pragmas (line and file).
#include "analysis/features/code_actions.hpp"

#include "analysis/core/line_index.hpp"

#include <algorithm>

namespace cdls::features {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string_view line_text(const LineIndex& index, std::string_view text, std::uint32_t line) {
    return slice(text, {index.line_start(line), index.line_end(line)});
}

std::string_view indentation(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t'))
        ++n;
    return line.substr(0, n);
}

// The line break the document uses (so a CRLF file stays CRLF).
std::string_view line_break(std::string_view text) {
    std::size_t lf = text.find('\n');
    return lf != std::string_view::npos && lf > 0 && text[lf - 1] == '\r' ? "\r\n" : "\n";
}

// True when the edit makes the diagnostic disappear: the analyzer must recognise the pragma
// where it landed (not inside %help, a heredoc or a continued line).
bool suppresses(const AnalysisResult& analysis, std::string_view text, const Diagnostic& diagnostic,
                const TextEdit& edit, const AnalysisSettings* settings) {
    std::string changed = apply_edit(text, edit);
    auto shift = static_cast<std::int64_t>(edit.new_text.size()) -
                 static_cast<std::int64_t>(edit.range.length());
    auto moved = [&](Offset o) { return o >= edit.range.end ? static_cast<Offset>(o + shift) : o; };
    AnalysisResult after =
        analyze_text(analysis.kind, changed, settings ? *settings : AnalysisSettings{});
    return std::none_of(
        after.diagnostics.begin(), after.diagnostics.end(), [&](const Diagnostic& d) {
            return d.rule == diagnostic.rule && d.range.begin == moved(diagnostic.range.begin) &&
                   d.range.end == moved(diagnostic.range.end);
        });
}

// The own-line `# <prefix> ...` pragma on `line`, if that line is one.
std::optional<TextRange> pragma_on_line(const LineIndex& index, std::string_view text,
                                        std::uint32_t line, std::string_view prefix) {
    std::string_view content = trim(line_text(index, text, line));
    if (content.empty() || content.front() != '#') return std::nullopt;
    std::string_view body = trim(content.substr(1));
    if (body.substr(0, prefix.size()) != prefix) return std::nullopt;
    auto begin = static_cast<Offset>(content.data() - text.data());
    return TextRange{begin, begin + static_cast<Offset>(content.size())};
}

} // namespace

std::optional<TextEdit> suppress_line_edit(const AnalysisResult& analysis, std::string_view text,
                                           const Diagnostic& diagnostic,
                                           const AnalysisSettings* settings) {
    LineIndex index(text);
    std::uint32_t line = index.line_of(diagnostic.range.begin);
    if (analysis.dockerfile) {
        // A pragma covers the instruction from its first line; none can go inside a heredoc.
        const auto* instruction =
            dockerfile::instruction_at(*analysis.dockerfile, diagnostic.range.begin);
        if (instruction) {
            for (const auto& heredoc : instruction->heredocs())
                if (heredoc.body_range.contains(diagnostic.range.begin)) return std::nullopt;
            line = index.line_of(instruction->range.begin);
        }
    }
    // The pragma covers a line and the lines continuing it, so it goes above the first of them.
    while (line > 0) {
        std::string_view previous = trim(line_text(index, text, line - 1));
        if (previous.empty() || (previous.back() != '\\' && previous.back() != '`')) break;
        --line;
    }
    TextEdit edit;
    if (line > 0) {
        if (auto pragma = pragma_on_line(index, text, line - 1, "cdls-ignore:")) {
            edit = {{pragma->end, pragma->end}, ", " + std::string(diagnostic.rule)};
            if (suppresses(analysis, text, diagnostic, edit, settings)) return edit;
        }
    }
    Offset start = index.line_start(line);
    edit = {{start, start},
            std::string(indentation(line_text(index, text, line))) +
                "# cdls-ignore: " + std::string(diagnostic.rule) + std::string(line_break(text))};
    if (!suppresses(analysis, text, diagnostic, edit, settings)) return std::nullopt;
    return edit;
}

TextEdit suppress_file_edit(const AnalysisResult& analysis, std::string_view text,
                            std::string_view rule) {
    LineIndex index(text);
    for (const CommentFact& comment : analysis.facts.comments) {
        if (!comment.own_line) continue;
        auto pragma =
            pragma_on_line(index, text, index.line_of(comment.range.begin), "cdls-ignore-file:");
        if (pragma) return {{pragma->end, pragma->end}, ", " + std::string(rule)};
    }
    Offset at = 0;
    if (analysis.definition) at = analysis.definition->bom.end;
    if (analysis.dockerfile) {
        at = analysis.dockerfile->content_begin;
        // Parser directives must stay first: BuildKit stops looking for them at any other line.
        for (const auto& directive : analysis.dockerfile->directives) {
            std::uint32_t line = index.line_of(directive.range.begin);
            at = std::max(at, line + 1 < index.line_count() ? index.line_start(line + 1)
                                                            : static_cast<Offset>(text.size()));
        }
    }
    std::string pragma = "# cdls-ignore-file: " + std::string(rule);
    std::string_view lb = line_break(text);
    if (at == text.size() && at > 0 && text.back() != '\n')
        return {{at, at}, std::string(lb) + pragma};
    return {{at, at}, pragma + std::string(lb)};
}

std::optional<CodeAction> add_argument_default_action(const AnalysisResult& analysis,
                                                      std::string_view text,
                                                      const Diagnostic& undefined_argument) {
    if (!analysis.definition) return std::nullopt;
    const definition::DefinitionFile& file = *analysis.definition;
    int stage_index = definition::stage_index_at(file, undefined_argument.range.begin);
    if (stage_index < 0) return std::nullopt;
    const definition::Stage& stage = file.stages[static_cast<std::size_t>(stage_index)];
    std::string name;
    for (const definition::Placeholder* p : definition::stage_placeholders(stage))
        if (p->range == undefined_argument.range) name = p->name;
    if (name.empty()) return std::nullopt;

    std::string_view lb = line_break(text);
    LineIndex index(text);
    CodeAction action;
    action.kind = std::string(kind_quickfix);
    const definition::Section* arguments = nullptr;
    for (const auto& section : stage.sections)
        if (section.kind == definition::SectionKind::Arguments) arguments = &section;
    if (arguments) {
        action.title = "Add `" + name + "=` to %arguments";
        std::uint32_t after_line = index.line_of(arguments->header_line.begin);
        std::string indent = "    ";
        if (!arguments->arguments_lines.empty()) {
            after_line = index.line_of(arguments->arguments_lines.back().range.begin);
            indent = std::string(indentation(line_text(index, text, after_line)));
        }
        std::string line = indent + name + "=";
        if (after_line + 1 < index.line_count()) {
            Offset at = index.line_start(after_line + 1);
            action.edits.push_back({{at, at}, line + std::string(lb)});
        } else {
            auto at = static_cast<Offset>(text.size());
            action.edits.push_back({{at, at}, std::string(lb) + line});
        }
    } else {
        action.title = "Add a %arguments section with `" + name + "=`";
        std::string section =
            "%arguments" + std::string(lb) + "    " + name + "=" + std::string(lb);
        if (!stage.sections.empty()) {
            Offset at = index.line_start(index.line_of(stage.sections.front().range.begin));
            action.edits.push_back({{at, at}, section + std::string(lb)});
        } else {
            Offset at = stage.range.end;
            std::string prefix = at > 0 && text[at - 1] != '\n' ? std::string(lb) : "";
            action.edits.push_back({{at, at}, prefix + std::string(lb) + section});
        }
    }
    action.resolves.push_back(undefined_argument);
    return action;
}

} // namespace cdls::features
