// Glob matching as dynamic programming over (pattern token, text position): O(P·T), no
// exponential backtracking whatever the pattern (config files are user input).
#include "analysis/core/glob.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cdls {

namespace {

struct Token {
    enum Kind { Literal, AnyChar, Class, Star, DoubleStar, DoubleStarSlash } kind;
    char c = 0;
    std::string set; // for Class: pairs lo,hi
    bool negate = false;
};

std::vector<Token> tokenize(std::string_view pattern, bool& ok) {
    std::vector<Token> out;
    ok = true;
    for (std::size_t i = 0; i < pattern.size();) {
        char c = pattern[i];
        if (c == '*') {
            if (i + 1 < pattern.size() && pattern[i + 1] == '*') {
                i += 2;
                if (i < pattern.size() && pattern[i] == '/') {
                    ++i;
                    if (out.empty() || out.back().kind != Token::DoubleStarSlash) out.push_back({Token::DoubleStarSlash});
                } else {
                    out.push_back({Token::DoubleStar});
                }
            } else {
                ++i;
                if (out.empty() || out.back().kind != Token::Star) out.push_back({Token::Star});
            }
        } else if (c == '?') {
            out.push_back({Token::AnyChar});
            ++i;
        } else if (c == '[') {
            Token t{Token::Class};
            std::size_t j = i + 1;
            if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) {
                t.negate = true;
                ++j;
            }
            bool first = true;
            while (j < pattern.size() && (first || pattern[j] != ']')) {
                first = false;
                char lo = pattern[j], hi = lo;
                if (j + 2 < pattern.size() && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
                    hi = pattern[j + 2];
                    j += 3;
                } else {
                    ++j;
                }
                t.set += lo;
                t.set += hi;
            }
            if (j >= pattern.size()) {
                ok = false; // unterminated class
                return out;
            }
            out.push_back(std::move(t));
            i = j + 1;
        } else {
            out.push_back({Token::Literal, c});
            ++i;
        }
    }
    return out;
}

bool class_matches(const Token& t, char c) {
    bool in = false;
    for (std::size_t k = 0; k + 1 < t.set.size(); k += 2)
        if (c >= t.set[k] && c <= t.set[k + 1]) in = true;
    return in != t.negate;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    bool ok = true;
    std::vector<Token> tokens = tokenize(pattern, ok);
    if (!ok) return false;
    const std::size_t P = tokens.size(), T = text.size();
    if ((P + 1) * (T + 1) > (1u << 22)) return false; // refuse absurd inputs
    // can[i][j]: tokens[i..] match text[j..]; filled backwards so no recursion is needed.
    std::vector<std::uint8_t> can((P + 1) * (T + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint8_t& { return can[i * (T + 1) + j]; };
    at(P, T) = 1;
    for (std::size_t i = P; i-- > 0;) {
        const Token& tok = tokens[i];
        for (std::size_t j = T + 1; j-- > 0;) {
            bool m = false;
            bool has = j < T;
            switch (tok.kind) {
            case Token::Literal: m = has && text[j] == tok.c && at(i + 1, j + 1); break;
            case Token::AnyChar: m = has && text[j] != '/' && at(i + 1, j + 1); break;
            case Token::Class: m = has && text[j] != '/' && class_matches(tok, text[j]) && at(i + 1, j + 1); break;
            case Token::Star: m = at(i + 1, j) || (has && text[j] != '/' && at(i, j + 1)); break;
            case Token::DoubleStar: m = at(i + 1, j) || (has && at(i, j + 1)); break;
            case Token::DoubleStarSlash: {
                // Zero segments, or any run ending in '/' followed by more.
                m = at(i + 1, j);
                if (!m) {
                    std::size_t k = text.find('/', j);
                    m = k != std::string_view::npos && at(i, k + 1);
                }
                break;
            }
            }
            at(i, j) = m;
        }
    }
    return at(0, 0);
}

} // namespace cdls
