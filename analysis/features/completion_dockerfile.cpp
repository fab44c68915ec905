// Completion in Dockerfiles: parser directives, instructions, flags and their values, base
// images and tags, stage names, `$VAR` names in scope.
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/features/completion_context.hpp"
#include "analysis/features/hover_docs.hpp"

#include <algorithm>
#include <cctype>

namespace cdls::features {

using namespace detail;
using dockerfile::Dockerfile;
using dockerfile::Instruction;

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string_view instruction_snippet(std::string_view keyword) {
    if (keyword == "FROM") return "FROM ${1:image}:${2:tag}";
    if (keyword == "RUN") return "RUN ${1:command}";
    if (keyword == "CMD") return "CMD [\"${1:executable}\"]";
    if (keyword == "LABEL") return "LABEL ${1:org.opencontainers.image.source}=\"${2:url}\"";
    if (keyword == "EXPOSE") return "EXPOSE ${1:8080}";
    if (keyword == "ENV") return "ENV ${1:NAME}=${2:value}";
    if (keyword == "ADD") return "ADD ${1:source} ${2:destination}";
    if (keyword == "COPY") return "COPY ${1:source} ${2:destination}";
    if (keyword == "ENTRYPOINT") return "ENTRYPOINT [\"${1:executable}\"]";
    if (keyword == "VOLUME") return "VOLUME ${1:/data}";
    if (keyword == "USER") return "USER ${1:1000}";
    if (keyword == "WORKDIR") return "WORKDIR ${1:/app}";
    if (keyword == "ARG") return "ARG ${1:NAME}=${2:value}";
    if (keyword == "ONBUILD") return "ONBUILD ${1:INSTRUCTION}";
    if (keyword == "STOPSIGNAL") return "STOPSIGNAL ${1:SIGTERM}";
    if (keyword == "HEALTHCHECK") return "HEALTHCHECK CMD ${1:command}";
    if (keyword == "SHELL") return "SHELL [\"${1:/bin/bash}\", \"-c\"]";
    return {};
}

std::string first_sentence(std::string_view summary) {
    std::size_t stop = summary.find(". ");
    return std::string(stop == std::string_view::npos ? summary : summary.substr(0, stop + 1));
}

void complete_instructions(TextRange word, bool rest_blank, bool in_onbuild,
                           std::vector<CompletionItem>& out) {
    std::size_t index = 0;
    for (const KeywordDoc& doc : instruction_docs()) {
        if (in_onbuild && (doc.name == "ONBUILD" || doc.name == "FROM" || doc.name == "MAINTAINER"))
            continue;
        CompletionItem item;
        item.label = std::string(doc.name);
        item.kind = CompletionKind::Keyword;
        item.detail = first_sentence(doc.summary);
        item.documentation = keyword_markdown(doc, doc.name, "dockerfile");
        item.sort_text = numbered(index++);
        item.edit = {word, item.label + (rest_blank ? " " : "")};
        if (rest_blank) item.snippet = std::string(instruction_snippet(doc.name));
        item.retrigger = doc.name == "FROM" && item.snippet.empty() && rest_blank;
        out.push_back(std::move(item));
    }
}

// True when every line before `line_begin` is a parser directive (`# name=value`).
bool in_directive_area(std::string_view text, Offset content_begin, Offset line_begin) {
    Offset at = content_begin;
    while (at < line_begin) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos || end >= line_begin) end = line_begin;
        std::string_view l = text.substr(at, end - at);
        std::size_t i = l.find_first_not_of(" \t");
        if (i == std::string_view::npos || l[i] != '#') return false;
        std::size_t j = l.find_first_not_of(" \t", i + 1);
        std::size_t k = j;
        while (k < l.size() && std::isalpha(static_cast<unsigned char>(l[k])))
            ++k;
        if (j == std::string_view::npos || k == j || l.find('=', k) == std::string_view::npos)
            return false;
        at = static_cast<Offset>(end + 1);
    }
    return true;
}

void complete_directive(const Dockerfile& file, std::string_view text, const CursorLine& line,
                        std::string_view after_hash, std::vector<CompletionItem>& out) {
    std::size_t name_start = after_hash.find_first_not_of(" \t");
    if (name_start == std::string_view::npos) name_start = after_hash.size();
    std::string_view typed = after_hash.substr(name_start);
    Offset typed_begin = line.cursor - static_cast<Offset>(typed.size());
    std::size_t equals = typed.find('=');
    if (equals == std::string_view::npos) {
        if (!std::all_of(typed.begin(), typed.end(),
                         [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
            return;
        TextRange range = extend_right(text, line, typed_begin, [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) != 0;
        });
        for (const KeywordDoc& doc : directive_docs()) {
            if (std::any_of(file.directives.begin(), file.directives.end(),
                            [&](const dockerfile::Directive& d) {
                                return d.name == doc.name && !d.range.touches(line.cursor);
                            }))
                continue;
            CompletionItem item;
            item.label = std::string(doc.name);
            item.kind = CompletionKind::Keyword;
            item.detail = "parser directive";
            item.documentation = keyword_markdown(doc, "# " + item.label, "dockerfile");
            item.edit = {range, item.label + "="};
            item.retrigger = true;
            out.push_back(std::move(item));
        }
        return;
    }
    std::string name = upper(typed.substr(0, equals));
    TextRange range = word_around(text, line);
    range.begin = std::max<Offset>(range.begin, typed_begin + static_cast<Offset>(equals + 1));
    auto value = [&](std::string label, std::string detail) {
        CompletionItem item;
        item.label = label;
        item.kind = CompletionKind::Value;
        item.detail = std::move(detail);
        item.sort_text = numbered(out.size());
        item.edit = {range, std::move(label)};
        out.push_back(std::move(item));
    };
    if (name == "SYNTAX")
        value("docker/dockerfile:1", "the stable Dockerfile frontend, major version 1");
    if (name == "ESCAPE") {
        value("\\", "backslash (the default)");
        value("`", "backtick");
    }
    if (name == "CHECK") {
        value("error=true", "fail the build on check warnings");
        value("skip=all", "skip every check");
    }
}

std::vector<std::string> stage_names_before(const Dockerfile& file, Offset offset) {
    std::vector<std::string> names;
    for (const auto& stage : file.stages) {
        if (file.instructions[stage.instruction].range.touches(offset) ||
            file.instructions[stage.instruction].range.begin > offset)
            break;
        if (!stage.name.empty()) names.push_back(stage.name);
    }
    return names;
}

void add_stage_items(const std::vector<std::string>& names, TextRange range,
                     std::vector<CompletionItem>& out) {
    for (const auto& name : names) {
        CompletionItem item;
        item.label = name;
        item.kind = CompletionKind::Reference;
        item.detail = "build stage";
        item.sort_text = "0" + numbered(out.size());
        item.edit = {range, name};
        out.push_back(std::move(item));
    }
}

void complete_flag_value(const Dockerfile& file, std::string_view keyword, std::string_view flag,
                         std::string_view value_typed, TextRange value_range, Offset offset,
                         std::vector<CompletionItem>& out) {
    auto value = [&](std::string label, std::string detail, TextRange range) {
        CompletionItem item;
        item.label = label;
        item.kind = CompletionKind::Value;
        item.detail = std::move(detail);
        item.sort_text = numbered(out.size());
        item.edit = {range, std::move(label)};
        out.push_back(std::move(item));
    };
    if (keyword == "COPY" && flag == "from") {
        add_stage_items(stage_names_before(file, offset), value_range, out);
        return;
    }
    if (keyword == "RUN" && flag == "mount") {
        // The option being typed: after the last ',' (or the start of the value).
        std::size_t comma = value_typed.rfind(',');
        std::string_view option =
            comma == std::string_view::npos ? value_typed : value_typed.substr(comma + 1);
        Offset option_begin = value_range.begin +
                              static_cast<Offset>(comma == std::string_view::npos ? 0 : comma + 1);
        std::size_t equals = option.find('=');
        if (equals == std::string_view::npos) return;
        std::string_view key = option.substr(0, equals);
        TextRange range{option_begin + static_cast<Offset>(equals + 1), value_range.end};
        if (key == "type")
            for (std::string_view t : {"cache", "bind", "secret", "ssh", "tmpfs"})
                value(std::string(t), "mount type", range);
        if (key == "from") add_stage_items(stage_names_before(file, offset), range, out);
        return;
    }
    if (flag == "platform")
        for (std::string_view p :
             {"$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64", "linux/arm64"})
            value(std::string(p), "platform", value_range);
    if (flag == "network")
        for (std::string_view n : {"default", "none", "host"})
            value(std::string(n), "network mode", value_range);
    if (flag == "security")
        for (std::string_view s : {"sandbox", "insecure"})
            value(std::string(s), "security mode", value_range);
}

void complete_flags(const Instruction* instruction, std::string_view keyword, TextRange range,
                    std::vector<CompletionItem>& out) {
    for (const KeywordDoc& doc : flag_docs(keyword)) {
        if (instruction && doc.name != "mount" && doc.name != "exclude")
            if (const auto* flag = instruction->find_flag(doc.name);
                flag && !flag->range.touches(range.begin))
                continue;
        bool boolean = doc.name == "link" || doc.name == "parents" || doc.name == "keep-git-dir";
        CompletionItem item;
        item.label = "--" + std::string(doc.name);
        item.kind = CompletionKind::Property;
        item.detail = first_sentence(doc.summary);
        item.documentation = keyword_markdown(doc, item.label, "dockerfile");
        item.sort_text = numbered(out.size());
        item.edit = {range, item.label + (boolean ? "" : "=")};
        item.retrigger = !boolean;
        out.push_back(std::move(item));
    }
}

void complete_variables(const Dockerfile& file, std::string_view text, const CursorLine& line,
                        Offset name_begin, bool braced, std::vector<CompletionItem>& out) {
    TextRange range = extend_right(text, line, name_begin, is_name_char);
    bool closed = !braced || (range.end < line.end && text[range.end] == '}');
    std::size_t index = 0;
    for (const auto& variable : visible_variables(file, line.cursor)) {
        CompletionItem item;
        item.label = variable.name;
        item.kind = CompletionKind::Variable;
        item.detail = variable.origin + (variable.has_value ? " = " + variable.value : "");
        if (variable.origin == "automatic ARG")
            item.documentation = "Set by BuildKit for every build; inside a stage declare `ARG " +
                                 variable.name + "` first.";
        else
            item.documentation =
                "`" + variable.name + "` from " + variable.origin + " on line " +
                std::to_string(line_number(text, variable.range.begin)) +
                (variable.has_value ? ", value `" + variable.value + "`" : ", no default") + "." +
                (variable.origin == "global ARG"
                     ? " Usable in FROM; inside a stage only after `ARG " + variable.name +
                           "` there."
                     : "");
        item.sort_text = (variable.origin == "automatic ARG" ? "1" : "0") + numbered(index++);
        item.edit = {range, closed ? variable.name : variable.name + "}"};
        out.push_back(std::move(item));
    }
}

} // namespace

std::vector<CompletionItem> complete_dockerfile(const AnalysisResult& analysis,
                                                std::string_view text, Offset offset,
                                                const catalogue::Catalogue& catalogue) {
    const Dockerfile& file = *analysis.dockerfile;
    std::vector<CompletionItem> out;
    if (!file.encoding_error.empty() || offset < file.content_begin) return out;
    CursorLine line = cursor_line(text, offset);
    const Instruction* instruction = dockerfile::instruction_at(file, offset);
    if (instruction && instruction->range.begin > line.cursor) instruction = nullptr;
    if (instruction)
        for (const auto& heredoc : instruction->heredocs())
            if (heredoc.body_range.begin <= line.begin &&
                line.begin < std::max(heredoc.body_range.end, heredoc.terminator_range.end))
                return out;
    std::size_t indent = line.before.find_first_not_of(" \t");
    std::string_view trimmed =
        indent == std::string_view::npos ? std::string_view{} : line.before.substr(indent);
    bool comment = !trimmed.empty() && trimmed.front() == '#';
    // `$NAME` / `${NAME` being typed.
    if (!comment) {
        Offset name_begin = line.cursor;
        while (name_begin > line.begin && is_name_char(text[name_begin - 1]))
            --name_begin;
        bool braced = name_begin >= line.begin + 2 && text[name_begin - 1] == '{' &&
                      text[name_begin - 2] == '$';
        bool plain = name_begin >= line.begin + 1 && text[name_begin - 1] == '$';
        bool starts_with_digit =
            name_begin < line.cursor && std::isdigit(static_cast<unsigned char>(text[name_begin]));
        if ((braced || plain) && !starts_with_digit) {
            complete_variables(file, text, line, name_begin, braced, out);
            return out;
        }
    }
    bool continuation = instruction && instruction->keyword_range.begin < line.begin;
    if (comment) {
        if (!continuation &&
            (file.instructions.empty() || file.instructions.front().range.begin >= line.begin) &&
            in_directive_area(text, file.content_begin, line.begin))
            complete_directive(file, text, line, trimmed.substr(1), out);
        return out;
    }
    if (continuation) return out;
    TextRange word = word_around(text, line);
    bool rest_blank = std::all_of(text.begin() + word.end, text.begin() + line.end,
                                  [](char c) { return is_blank(c); });
    if (std::all_of(trimmed.begin(), trimmed.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
        complete_instructions(word, rest_blank, false, out);
        return out;
    }
    // The words of the line before the current one.
    std::vector<std::string_view> previous;
    std::string_view head = text.substr(line.begin, word.begin - line.begin);
    for (std::size_t i = 0; i < head.size();) {
        while (i < head.size() && is_blank(head[i]))
            ++i;
        std::size_t j = i;
        while (j < head.size() && !is_blank(head[j]))
            ++j;
        if (j > i) previous.push_back(head.substr(i, j - i));
        i = j;
    }
    if (previous.empty()) return out;
    std::string keyword = upper(previous.front());
    previous.erase(previous.begin());
    if (keyword == "ONBUILD") {
        if (previous.empty()) {
            complete_instructions(word, rest_blank, true, out);
            return out;
        }
        keyword = upper(previous.front());
        previous.erase(previous.begin());
        instruction =
            instruction && !instruction->onbuild().empty() ? instruction->onbuild().data()
                                                            : nullptr;
    }
    bool only_flags_before = std::all_of(previous.begin(), previous.end(),
                                         [](std::string_view w) { return w.substr(0, 2) == "--"; });
    std::string_view typed = text.substr(word.begin, line.cursor - word.begin);
    if (only_flags_before && !typed.empty() && typed.front() == '-') {
        std::size_t equals = typed.find('=');
        if (equals == std::string_view::npos) {
            Offset end = line.cursor;
            while (end < word.end && text[end] != '=')
                ++end;
            complete_flags(instruction, keyword, {word.begin, end}, out);
        } else {
            std::string_view flag = typed.substr(0, equals);
            while (!flag.empty() && flag.front() == '-')
                flag.remove_prefix(1);
            TextRange value_range{word.begin + static_cast<Offset>(equals + 1), word.end};
            complete_flag_value(file, keyword, flag, typed.substr(equals + 1), value_range, offset,
                                out);
        }
        return out;
    }
    if (keyword == "FROM") {
        std::size_t position = static_cast<std::size_t>(
            std::count_if(previous.begin(), previous.end(),
                          [](std::string_view w) { return w.substr(0, 2) != "--"; }));
        if (position == 0) {
            if (typed.find(':') == std::string_view::npos &&
                typed.find('/') == std::string_view::npos)
                add_stage_items(stage_names_before(file, offset), word, out);
            complete_image_reference(text, word, line.cursor, catalogue, out);
        } else if (position == 1) {
            CompletionItem item;
            item.label = "AS";
            item.kind = CompletionKind::Keyword;
            item.detail = "name this stage";
            item.edit = {word, "AS "};
            out.push_back(std::move(item));
        }
    }
    return out;
}

} // namespace cdls::features
