// Semantic tokens of definition files and Dockerfiles: the syntax trees are painted byte by
// byte (inner parts after outer ones), then runs of one colour become tokens.
#include "analysis/features/semantic_tokens.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace cdls::features {
namespace {

constexpr std::array<std::string_view, 13> kTypeNames{"keyword",   "namespace", "type",     "variable", "string",
                                                      "comment",   "parameter", "function", "property", "enumMember",
                                                      "macro",     "operator",  "number"};
constexpr std::array<std::string_view, 2> kModifierNames{"declaration", "readonly"};

class Painter {
public:
    explicit Painter(std::string_view text) : text_(text), paint_(text.size(), -1) {}

    // Later paint covers earlier paint; line breaks stay unpainted so tokens never span lines.
    void put(TextRange range, TokenType type, std::uint32_t modifiers = 0) {
        Offset end = std::min<Offset>(range.end, static_cast<Offset>(text_.size()));
        auto code = static_cast<std::int16_t>(static_cast<int>(type) * 4 + static_cast<int>(modifiers & 3u));
        for (Offset i = range.begin; i < end; ++i)
            if (text_[i] != '\n' && text_[i] != '\r') paint_[i] = code;
    }

    std::vector<SemanticToken> tokens() const {
        std::vector<SemanticToken> out;
        for (std::size_t i = 0; i < paint_.size();) {
            if (paint_[i] < 0) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < paint_.size() && paint_[j] == paint_[i]) ++j;
            out.push_back({{static_cast<Offset>(i), static_cast<Offset>(j)}, static_cast<TokenType>(paint_[i] / 4),
                           static_cast<std::uint32_t>(paint_[i] % 4)});
            i = j;
        }
        return out;
    }

    std::string_view text() const { return text_; }

private:
    std::string_view text_;
    std::vector<std::int16_t> paint_;
};

// ---- shell bodies ----

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// `$NAME`, `${...}` and `$1` in a raw shell word (not in single quotes, not escaped), as
// ranges relative to the word.
std::vector<TextRange> shell_variables(std::string_view raw) {
    std::vector<TextRange> out;
    bool double_quoted = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\') {
            ++i;
        } else if (c == '\'' && !double_quoted) {
            std::size_t close = raw.find('\'', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
        } else if (c == '"') {
            double_quoted = !double_quoted;
        } else if (c == '$' && i + 1 < raw.size()) {
            std::size_t end = i + 1;
            if (raw[end] == '{') {
                std::size_t close = raw.find('}', end);
                if (close == std::string_view::npos) continue;
                end = close + 1;
            } else if (is_name_start(raw[end])) {
                while (end < raw.size() && is_name_char(raw[end])) ++end;
            } else if (std::string_view("0123456789@*#?$!-").find(raw[end]) != std::string_view::npos) {
                ++end;
            } else {
                continue;
            }
            out.push_back({static_cast<Offset>(i), static_cast<Offset>(end)});
            i = end - 1;
        }
    }
    return out;
}

using ToDocument = std::function<TextRange(TextRange)>;

void paint_word(Painter& p, const shell::Word& word, std::string_view logical, const ToDocument& to_document,
                std::optional<TokenType> type) {
    if (word.range.empty()) return;
    std::string_view raw = slice(logical, word.range);
    if (!raw.empty() && (raw.front() == '\'' || raw.front() == '"')) type = TokenType::String;
    if (type) p.put(to_document(word.range), *type);
    for (TextRange v : shell_variables(raw))
        p.put(to_document({word.range.begin + v.begin, word.range.begin + v.end}), TokenType::Variable);
}

void paint_shell(Painter& p, std::string_view logical, const ToDocument& to_document) {
    shell::Script script = shell::tokenize(logical);
    std::vector<const shell::Command*> commands;
    for (const auto& command : script.commands) commands.push_back(&command);
    // Outer commands first: the commands inside a substitution paint over the word holding them.
    std::stable_sort(commands.begin(), commands.end(),
                     [](const shell::Command* a, const shell::Command* b) { return a->depth < b->depth; });
    for (const shell::Command* command : commands) {
        for (const auto& assignment : command->assignments) {
            p.put(to_document(assignment.name_range), TokenType::Variable, modifier_declaration);
            if (!assignment.value_range.empty()) {
                std::string_view raw = slice(logical, assignment.value_range);
                bool quoted = raw.front() == '\'' || raw.front() == '"';
                if (quoted) p.put(to_document(assignment.value_range), TokenType::String);
                for (TextRange v : shell_variables(raw))
                    p.put(to_document({assignment.value_range.begin + v.begin, assignment.value_range.begin + v.end}),
                          TokenType::Variable);
            }
        }
        for (std::size_t i = 0; i < command->words.size(); ++i) {
            const shell::Word& word = command->words[i];
            std::string_view raw = slice(logical, word.range);
            std::size_t name_length = 0;
            if (i < command->name_index && shell::is_assignment_word(raw, name_length)) continue;
            std::optional<TokenType> type;
            if (i <= command->name_index && !(i < command->name_index && raw.starts_with("-"))) type = TokenType::Function;
            else if (raw.starts_with("-") && !word.quoted) type = TokenType::Parameter;
            paint_word(p, word, logical, to_document, type);
        }
        for (const auto& redirection : command->redirections)
            if (redirection.target) paint_word(p, *redirection.target, logical, to_document, std::nullopt);
        for (const auto& heredoc : command->heredocs)
            if (!heredoc.body.empty()) p.put(to_document(heredoc.body), TokenType::String);
    }
}

// ---- image references ----

void paint_image(Painter& p, TextRange range) {
    std::string_view written = slice(p.text(), range);
    catalogue::ImageReference ref = catalogue::parse_image_reference(written);
    if (!ref.valid) {
        p.put(range, TokenType::String);
        return;
    }
    auto shifted = [&](TextRange r) { return TextRange{range.begin + r.begin, range.begin + r.end}; };
    p.put(shifted(ref.name_range), TokenType::Namespace);
    if (ref.has_tag) p.put(shifted(ref.tag_range), TokenType::EnumMember);
    if (ref.has_digest) p.put(shifted(ref.digest_range), TokenType::Number);
}

// ---- definition files ----

bool runs_posix_shell(const definition::Section& section, std::string_view text) {
    if (section.shell.empty()) return true;
    std::string_view base = shell::command_basename(slice(text, section.shell));
    return base == "sh" || base == "bash" || base == "dash" || base == "ash" || base == "ksh" || base == "zsh" ||
           base == "busybox";
}

bool agent_names_image(std::string_view agent) {
    return agent == "docker" || agent == "docker-daemon" || agent == "library" || agent == "oras" || agent == "shub" ||
           agent == "oci";
}

void paint_header(Painter& p, const definition::Stage& stage) {
    std::string_view agent = stage.agent(p.text());
    for (const auto& line : stage.header.lines) {
        if (line.kind == definition::HeaderLineKind::Entry) {
            p.put(line.key, TokenType::Keyword);
            if (line.key_lower == "bootstrap") p.put(line.value, TokenType::EnumMember);
            else if (line.key_lower == "stage") p.put(line.value, TokenType::Type, modifier_declaration);
            else if (line.key_lower == "from" && agent_names_image(agent) && line.value_pieces.size() == 1)
                paint_image(p, line.value);
            else
                for (TextRange piece : line.value_pieces) p.put(piece, TokenType::String);
        }
        for (TextRange comment : line.comments) p.put(comment, TokenType::Comment);
    }
}

void paint_section(Painter& p, const definition::Section& section) {
    using definition::SectionKind;
    std::string_view text = p.text();
    p.put(section.name, TokenType::Keyword);
    if (!section.app_name.empty()) p.put(section.app_name, TokenType::Type);
    if (!section.from_stage.empty()) {
        TextRange from_word = definition::next_word(text, section.arguments.begin, section.arguments.end);
        p.put(from_word, TokenType::Keyword);
        p.put(section.from_stage, TokenType::Type);
    }
    if (!section.shell_flag.empty()) p.put(section.shell_flag, TokenType::Parameter);
    if (!section.shell.empty()) p.put(section.shell, TokenType::String);
    for (const auto& label : section.labels) {
        p.put(label.key, TokenType::Property);
        p.put(label.value, TokenType::String);
    }
    for (const auto& argument : section.arguments_lines) {
        if (!argument.valid) continue;
        p.put(argument.name, TokenType::Macro, modifier_declaration);
        p.put(argument.value, TokenType::String);
    }
    if (definition::is_script_section(section.kind) && runs_posix_shell(section, text)) {
        const Offset base = section.body.begin;
        paint_shell(p, slice(text, section.body),
                    [base](TextRange r) { return TextRange{base + r.begin, base + r.end}; });
    }
    for (const auto& comment : section.comments) p.put(comment.range, TokenType::Comment);
    for (const auto& placeholder : section.placeholders)
        if (!placeholder.in_comment) p.put(placeholder.range, TokenType::Macro);
}

void paint_definition(Painter& p, const definition::DefinitionFile& file) {
    for (const auto& stage : file.stages) {
        paint_header(p, stage);
        for (const auto& placeholder : stage.header.placeholders)
            if (!placeholder.in_comment) p.put(placeholder.range, TokenType::Macro);
        for (const auto& section : stage.sections) paint_section(p, section);
    }
}

// ---- Dockerfiles ----

bool runs_shell(std::string_view keyword) { return keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT"; }

void paint_instruction(Painter& p, const dockerfile::Dockerfile& file, const dockerfile::Instruction& instruction) {
    p.put(instruction.keyword_range, TokenType::Keyword);
    for (const auto& flag : instruction.flags) {
        p.put({flag.range.begin, flag.name_range.end}, TokenType::Parameter);
        if (flag.has_value) p.put(flag.value_range, flag.name == "from" ? TokenType::Type : TokenType::String);
    }
    const std::string_view keyword = instruction.keyword();
    if (instruction.form == dockerfile::ArgumentForm::Json) {
        for (const auto& string : instruction.json()) p.put(string.range, TokenType::String);
    } else if (runs_shell(keyword)) {
        const auto& arguments = instruction.arguments;
        paint_shell(p, arguments.text, [&arguments](TextRange r) {
            if (r.empty()) return TextRange{arguments.to_document(r.begin), arguments.to_document(r.begin)};
            return arguments.to_document(r);
        });
    } else if (keyword == "FROM") {
        for (const auto& word : instruction.words) {
            std::string_view w = instruction.text_of(word);
            if (w.size() == 2 && (w[0] == 'a' || w[0] == 'A') && (w[1] == 's' || w[1] == 'S'))
                p.put(instruction.range_of(word), TokenType::Keyword);
        }
        for (const auto& stage : file.stages) {
            if (&file.instructions[stage.instruction] != &instruction) continue;
            if (!stage.image_range.empty()) {
                if (file.find_stage(stage.image, static_cast<std::size_t>(&stage - file.stages.data())))
                    p.put(stage.image_range, TokenType::Type);
                else
                    paint_image(p, stage.image_range);
            }
            if (!stage.name_range.empty()) p.put(stage.name_range, TokenType::Type, modifier_declaration);
        }
    } else if (keyword == "EXPOSE") {
        for (const auto& word : instruction.words)
            p.put(instruction.range_of(word), TokenType::Number);
    }
    TokenType key_type = keyword == "LABEL" ? TokenType::Property : TokenType::Variable;
    for (const auto& pair : instruction.pairs) {
        p.put(pair.key_range, key_type, keyword == "LABEL" ? 0 : modifier_declaration);
        p.put(pair.value_range, TokenType::String);
    }
    for (const auto& heredoc : instruction.heredocs()) {
        p.put(heredoc.marker_range, TokenType::Operator);
        p.put(heredoc.body_range, TokenType::String);
        p.put(heredoc.terminator_range, TokenType::Operator);
    }
    if (keyword != "RUN" && keyword != "CMD" && keyword != "ENTRYPOINT")
        for (const auto& reference : dockerfile::variable_references(instruction, file.escape))
            p.put(reference.range, TokenType::Variable);
    for (TextRange comment : instruction.comments()) p.put(comment, TokenType::Comment);
    for (const auto& child : instruction.onbuild()) paint_instruction(p, file, child);
}

void paint_dockerfile(Painter& p, const dockerfile::Dockerfile& file) {
    for (const auto& directive : file.directives) {
        p.put(directive.range, TokenType::Comment);
        p.put(directive.name_range, TokenType::Keyword);
        p.put(directive.value_range, TokenType::String);
    }
    for (TextRange comment : file.comments) p.put(comment, TokenType::Comment);
    for (const auto& instruction : file.instructions) paint_instruction(p, file, instruction);
}

} // namespace

std::span<const std::string_view> token_type_names() { return kTypeNames; }
std::span<const std::string_view> token_modifier_names() { return kModifierNames; }

std::vector<SemanticToken> semantic_tokens(const AnalysisResult& analysis, std::string_view text) {
    Painter painter(text);
    if (analysis.definition) paint_definition(painter, *analysis.definition);
    else if (analysis.dockerfile) paint_dockerfile(painter, *analysis.dockerfile);
    return painter.tokens();
}

std::vector<SemanticToken> tokens_in_range(const std::vector<SemanticToken>& tokens, TextRange range) {
    std::vector<SemanticToken> out;
    for (const auto& token : tokens)
        if (token.range.end > range.begin && token.range.begin < range.end) out.push_back(token);
    return out;
}

std::vector<std::uint32_t> encode_semantic_tokens(const std::vector<SemanticToken>& tokens, const LineIndex& index,
                                                  PositionEncoding encoding) {
    std::vector<std::uint32_t> data;
    data.reserve(tokens.size() * 5);
    LinePosition previous;
    for (const auto& token : tokens) {
        LinePosition start = index.position(token.range.begin, encoding);
        LinePosition end = index.position(token.range.end, encoding);
        if (end.line != start.line || end.character <= start.character) continue; // never across lines
        std::uint32_t delta_line = start.line - previous.line;
        std::uint32_t delta_start = delta_line == 0 ? start.character - previous.character : start.character;
        data.insert(data.end(), {delta_line, delta_start, end.character - start.character,
                                 static_cast<std::uint32_t>(token.type), token.modifiers});
        previous = start;
    }
    return data;
}

std::vector<SemanticTokensEdit> semantic_tokens_delta(const std::vector<std::uint32_t>& before,
                                                      const std::vector<std::uint32_t>& after) {
    if (before == after) return {};
    // Common prefix and suffix in whole tokens (5 integers each).
    std::size_t prefix = 0;
    while (prefix + 5 <= before.size() && prefix + 5 <= after.size() &&
           std::equal(before.begin() + static_cast<std::ptrdiff_t>(prefix), before.begin() + static_cast<std::ptrdiff_t>(prefix + 5),
                      after.begin() + static_cast<std::ptrdiff_t>(prefix)))
        prefix += 5;
    std::size_t suffix = 0;
    while (suffix + 5 <= before.size() - prefix && suffix + 5 <= after.size() - prefix &&
           std::equal(before.end() - static_cast<std::ptrdiff_t>(suffix + 5), before.end() - static_cast<std::ptrdiff_t>(suffix),
                      after.end() - static_cast<std::ptrdiff_t>(suffix + 5)))
        suffix += 5;
    SemanticTokensEdit edit;
    edit.start = static_cast<std::uint32_t>(prefix);
    edit.delete_count = static_cast<std::uint32_t>(before.size() - prefix - suffix);
    edit.data.assign(after.begin() + static_cast<std::ptrdiff_t>(prefix),
                     after.end() - static_cast<std::ptrdiff_t>(suffix));
    return {edit};
}

} // namespace cdls::features
