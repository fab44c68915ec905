// Semantic tokens: what each piece of a definition file or Dockerfile is (header keys, agents,
// sections, stages, image references, build arguments, comments, and in shell bodies commands,
// options, strings and variables), encoded as LSP wants them, with delta edits.
#pragma once

#include "analysis/core/line_index.hpp"
#include "analysis/document_analysis.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cdls::features {

// The legend: indices into token_type_names().
enum class TokenType : std::uint8_t {
    Keyword,
    Namespace,
    Type,
    Variable,
    String,
    Comment,
    Parameter,
    Function,
    Property,
    EnumMember,
    Macro,
    Operator,
    Number,
};
// Bits of token_modifier_names().
inline constexpr std::uint32_t modifier_declaration = 1u << 0;
inline constexpr std::uint32_t modifier_readonly = 1u << 1;

std::span<const std::string_view> token_type_names();
std::span<const std::string_view> token_modifier_names();

// A token never spans a line break; tokens are sorted and do not overlap.
struct SemanticToken {
    TextRange range;
    TokenType type = TokenType::Keyword;
    std::uint32_t modifiers = 0;
    friend bool operator==(const SemanticToken&, const SemanticToken&) = default;
};

std::vector<SemanticToken> semantic_tokens(const AnalysisResult& analysis, std::string_view text);
// The tokens that overlap `range` (for textDocument/semanticTokens/range).
std::vector<SemanticToken> tokens_in_range(const std::vector<SemanticToken>& tokens, TextRange range);

// The LSP encoding: five integers a token (delta line, delta start, length, type, modifiers),
// characters counted in `encoding`.
std::vector<std::uint32_t> encode_semantic_tokens(const std::vector<SemanticToken>& tokens, const LineIndex& index,
                                                  PositionEncoding encoding);

// One edit turning `before` into `after` (the changed middle between the common prefix and
// suffix, aligned to whole tokens); none when they are equal.
struct SemanticTokensEdit {
    std::uint32_t start = 0;
    std::uint32_t delete_count = 0;
    std::vector<std::uint32_t> data;
    friend bool operator==(const SemanticTokensEdit&, const SemanticTokensEdit&) = default;
};
std::vector<SemanticTokensEdit> semantic_tokens_delta(const std::vector<std::uint32_t>& before,
                                                      const std::vector<std::uint32_t>& after);

} // namespace cdls::features
