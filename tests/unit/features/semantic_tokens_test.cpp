// Semantic tokens: what each part of a file is, the LSP encoding and delta edits.
#include "analysis/features/semantic_tokens.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

#include <optional>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

namespace {

// The type of the token covering exactly `range`, if any.
std::optional<TokenType> type_of(const std::vector<SemanticToken>& tokens, TextRange range) {
    for (const auto& t : tokens)
        if (t.range == range) return t.type;
    return std::nullopt;
}

std::vector<SemanticToken> tokens_of(DocumentKind kind, const std::string& text) {
    return semantic_tokens(analyze_text(kind, text), text);
}

} // namespace

TEST_CASE("semantic tokens: definition header, sections and build arguments") {
    Annotated src("[[Bootstrap]]: [[docker]]\n[[From]]: [[python]]:[[3.12]]\n[[Stage]]: [[build]]\n[[# note]]\n\n"
                  "[[%labels]]\n    [[Author]] [[me]]\n\n[[%files]] [[from]] [[build]]\n    /a /b\n\n"
                  "[[%arguments]]\n    [[V]]=[[1]]\n");
    auto tokens = tokens_of(DocumentKind::Definition, src.text());
    const std::vector<TokenType> expected{
        TokenType::Keyword, TokenType::EnumMember, TokenType::Keyword, TokenType::Namespace, TokenType::EnumMember,
        TokenType::Keyword, TokenType::Type,       TokenType::Comment, TokenType::Keyword,   TokenType::Property,
        TokenType::String,  TokenType::Keyword,    TokenType::Keyword, TokenType::Type,      TokenType::Keyword,
        TokenType::Macro,   TokenType::String};
    REQUIRE(src.ranges().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("range " << i);
        CHECK(type_of(tokens, src.range(i)) == expected[i]);
    }
}

TEST_CASE("semantic tokens: shell bodies have commands, options, strings, variables and comments") {
    Annotated src("Bootstrap: docker\nFrom: a:1\n\n%post\n    [[apt-get]] [[-y]] install [[\"curl\"]] [[$PKG]]\n"
                  "    [[X]]=[['v']] [[echo]] \"a [[${B}]]\" [[{{ ver }}]]\n    [[# done]]\n");
    auto tokens = tokens_of(DocumentKind::Definition, src.text());
    const std::vector<TokenType> expected{TokenType::Function, TokenType::Parameter, TokenType::String,
                                          TokenType::Variable, TokenType::Variable,  TokenType::String,
                                          TokenType::Function, TokenType::Variable,  TokenType::Macro,
                                          TokenType::Comment};
    REQUIRE(src.ranges().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("range " << i);
        CHECK(type_of(tokens, src.range(i)) == expected[i]);
    }
    // The declaration modifier marks the assignment's name.
    for (const auto& t : tokens)
        if (t.range == src.range(4)) CHECK(t.modifiers == modifier_declaration);
}

TEST_CASE("semantic tokens: a non-shell body is not tokenized as shell") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n\n%post -c /usr/bin/python3\nprint('x')\n";
    auto tokens = tokens_of(DocumentKind::Definition, text);
    Offset body = static_cast<Offset>(text.find("print"));
    for (const auto& t : tokens) CHECK(t.range.begin < body);
}

TEST_CASE("semantic tokens: Dockerfile instructions") {
    Annotated src("# [[syntax]]=[[docker/dockerfile:1]]\n[[FROM]] [[golang]]:[[1.22]] [[AS]] [[build]]\n"
                  "[[ARG]] [[V]]=[[1]]\n[[RUN]] [[--mount]]=[[type=cache]] [[go]] build [[-o]] /x\n"
                  "[[FROM]] [[build]]\n[[COPY]] [[--from]]=[[build]] /x /y\n[[CMD]] [ [[\"/y\"]] ]\n");
    auto tokens = tokens_of(DocumentKind::Dockerfile, src.text());
    const std::vector<TokenType> expected{
        TokenType::Keyword,   TokenType::String,  TokenType::Keyword,  TokenType::Namespace, TokenType::EnumMember,
        TokenType::Keyword,   TokenType::Type,    TokenType::Keyword,  TokenType::Variable,  TokenType::String,
        TokenType::Keyword,   TokenType::Parameter, TokenType::String, TokenType::Function,  TokenType::Parameter,
        TokenType::Keyword,   TokenType::Type,    TokenType::Keyword,  TokenType::Parameter, TokenType::Type,
        TokenType::Keyword,   TokenType::String};
    REQUIRE(src.ranges().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("range " << i);
        CHECK(type_of(tokens, src.range(i)) == expected[i]);
    }
}

TEST_CASE("semantic tokens: multi-line tokens are split per line; encoding is relative") {
    std::string text = "FROM a:1\nRUN cat <<EOF\nline one\nline two\nEOF\n";
    auto tokens = tokens_of(DocumentKind::Dockerfile, text);
    for (const auto& t : tokens) CHECK(text.substr(t.range.begin, t.range.length()).find('\n') == std::string::npos);
    LineIndex index(text);
    std::vector<SemanticToken> two{{{0, 4}, TokenType::Keyword, 0}, {{5, 6}, TokenType::Namespace, 0},
                                   {{9, 12}, TokenType::Keyword, 0}};
    CHECK(encode_semantic_tokens(two, index, PositionEncoding::Utf16) ==
          std::vector<std::uint32_t>{0, 0, 4, 0, 0, 0, 5, 1, 1, 0, 1, 0, 3, 0, 0});
    // utf-16 counts characters, not bytes.
    std::string wide = "# é\nRUN x\n";
    LineIndex wide_index(wide);
    CHECK(encode_semantic_tokens({{{0, 4}, TokenType::Comment, 0}}, wide_index, PositionEncoding::Utf16) ==
          std::vector<std::uint32_t>{0, 0, 3, 5, 0});
}

TEST_CASE("semantic tokens: delta edits replace the changed middle") {
    std::vector<std::uint32_t> before{0, 0, 4, 0, 0, 1, 0, 3, 0, 0, 1, 0, 2, 0, 0};
    std::vector<std::uint32_t> after{0, 0, 4, 0, 0, 1, 0, 5, 1, 0, 1, 0, 2, 0, 0};
    auto edits = semantic_tokens_delta(before, after);
    REQUIRE(edits.size() == 1);
    CHECK(edits[0] == SemanticTokensEdit{5, 5, {1, 0, 5, 1, 0}});
    CHECK(semantic_tokens_delta(before, before).empty());
    auto appended = semantic_tokens_delta(before, {0, 0, 4, 0, 0, 1, 0, 3, 0, 0, 1, 0, 2, 0, 0, 1, 0, 1, 0, 0});
    REQUIRE(appended.size() == 1);
    CHECK(appended[0] == SemanticTokensEdit{15, 0, {1, 0, 1, 0, 0}});
    // Applying an edit gives the new data.
    std::vector<std::uint32_t> applied = before;
    applied.erase(applied.begin() + edits[0].start, applied.begin() + edits[0].start + edits[0].delete_count);
    applied.insert(applied.begin() + edits[0].start, edits[0].data.begin(), edits[0].data.end());
    CHECK(applied == after);
}

TEST_CASE("semantic tokens: the range form keeps the tokens that touch the range") {
    std::string text = "FROM a:1\nRUN x\n";
    auto tokens = tokens_of(DocumentKind::Dockerfile, text);
    auto second = tokens_in_range(tokens, {9, 14});
    REQUIRE(!second.empty());
    for (const auto& t : second) CHECK(t.range.begin >= 9);
}
