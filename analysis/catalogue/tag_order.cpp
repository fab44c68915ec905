// Version-aware ordering of Docker tags and how much a tag pins.
#include "analysis/catalogue/catalogue.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <array>

namespace cdls::catalogue {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

enum class TokenKind { Dot = 0, Number = 1, Separator = 2, Word = 3 };

struct Token {
    TokenKind kind;
    std::string_view text;
};

// "3.14.7-alpine3.22" → 3 . 14 . 7 - alpine 3 . 22, one token at a time: comparisons run
// inside sorts, and building vectors of tokens there allocated twice per comparison.
class TokenStream {
public:
    explicit TokenStream(std::string_view tag) : tag_(tag) {}

    bool next(Token& token) {
        if (i_ >= tag_.size()) return false;
        std::size_t start = i_;
        char c = tag_[i_];
        if (is_digit(c)) {
            while (i_ < tag_.size() && is_digit(tag_[i_])) ++i_;
            token = {TokenKind::Number, tag_.substr(start, i_ - start)};
        } else if (is_letter(c)) {
            while (i_ < tag_.size() && is_letter(tag_[i_])) ++i_;
            token = {TokenKind::Word, tag_.substr(start, i_ - start)};
        } else {
            ++i_;
            token = {c == '.' ? TokenKind::Dot : TokenKind::Separator, tag_.substr(start, 1)};
        }
        return true;
    }

private:
    std::string_view tag_;
    std::size_t i_ = 0;
};

// Numeric comparison of digit runs of any length: <0, 0, >0.
int compare_numbers(std::string_view a, std::string_view b) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

// Leading version components: "v3.7.11-x" → 3, "3-slim" → 1, "trixie" → 0.
int leading_components(std::string_view tag) {
    std::size_t i = 0;
    if (i < tag.size() && (tag[i] == 'v' || tag[i] == 'V') && tag.size() > 1 && is_digit(tag[1])) ++i;
    int components = 0;
    while (i < tag.size() && is_digit(tag[i])) {
        while (i < tag.size() && is_digit(tag[i])) ++i;
        ++components;
        if (i + 1 < tag.size() && tag[i] == '.' && is_digit(tag[i + 1])) ++i;
        else break;
    }
    return components;
}

std::size_t version_end(std::string_view tag) {
    std::size_t i = 0;
    if (i < tag.size() && (tag[i] == 'v' || tag[i] == 'V') && tag.size() > 1 && is_digit(tag[1])) ++i;
    while (i < tag.size() && (is_digit(tag[i]) || (tag[i] == '.' && i + 1 < tag.size() && is_digit(tag[i + 1]))))
        ++i;
    return i;
}

bool has_date_stamp(std::string_view tag) {
    std::size_t run = 0;
    for (char c : tag) {
        run = is_digit(c) ? run + 1 : 0;
        if (run >= 8) return true;
    }
    return false;
}


} // namespace

bool tag_newer_first(std::string_view a, std::string_view b) {
    // A leading 'v' (traefik v3.7.11) sorts as the version it prefixes.
    auto strip_v = [](std::string_view tag) {
        return tag.size() > 1 && (tag[0] == 'v' || tag[0] == 'V') && is_digit(tag[1]) ? tag.substr(1) : tag;
    };
    TokenStream left(strip_v(a));
    TokenStream right(strip_v(b));
    Token x{};
    Token y{};
    while (true) {
        bool has_left = left.next(x);
        bool has_right = right.next(y);
        if (!has_left && !has_right) break;
        if (has_left != has_right) {
            // The longer one goes first only when it adds version components (3.14.7 before 3.14);
            // a variant or pre-release suffix goes after the bare tag (3.14.7 before 3.14.7-slim).
            const Token& next = has_left ? x : y;
            bool adds_version = next.kind == TokenKind::Dot;
            return has_left == adds_version;
        }
        if (x.kind == TokenKind::Number && y.kind == TokenKind::Number) {
            if (int order = compare_numbers(x.text, y.text); order != 0) return order > 0;
            continue;
        }
        if (x.kind != y.kind) return static_cast<int>(x.kind) < static_cast<int>(y.kind);
        if (x.text != y.text) return x.text < y.text;
    }
    return a < b; // same tokens, different spelling (v3 and 3, 03 and 3)
}

int tag_specificity(std::string_view tag) {
    return (has_date_stamp(tag) ? 100 : 0) + leading_components(tag);
}

bool tag_is_moving_word(std::string_view tag) {
    // Not "release": release-1-7-2 names one release.
    static constexpr std::array<std::string_view, 25> moving_words{
        "alpha",   "beta",         "canary",    "current", "dev",     "devel",    "edge",
        "experimental", "latest",  "lts",       "main",    "mainline", "master",  "next",
        "nightly", "oldoldstable", "oldstable", "rc",      "rolling", "sid",      "snapshot",
        "stable",  "testing",      "unstable",  "preview"};
    std::string lower = ascii_lower(tag);
    if (has_date_stamp(lower)) return false; // stable-20260803 is one build of stable
    for (std::string_view word : moving_words)
        if (lower == word || (lower.size() > word.size() && lower.rfind(word, 0) == 0 &&
                              (lower[word.size()] == '-' || lower[word.size()] == '_')))
            return true;
    return false;
}

bool is_valid_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 128 || tag.front() == '.' || tag.front() == '-') return false;
    return std::all_of(tag.begin(), tag.end(), [](char c) {
        return is_digit(c) || is_letter(c) || c == '_' || c == '.' || c == '-';
    });
}

bool tag_floats_by_pattern(std::string_view tag) {
    // Template placeholders (%%VERSION%%) and other non-tags are not judged.
    if (!is_valid_tag(tag)) return false;
    std::string lower = ascii_lower(tag);
    // A conda build string (1.9--pyh9f0ad1d_0, as on quay.io/biocontainers) names one build.
    if (lower.find("--") != std::string::npos) return false;
    if (tag_is_moving_word(lower)) return true;
    if (has_date_stamp(lower)) return false;
    int components = leading_components(lower);
    if (components >= 3) return false;
    if (components > 0) {
        std::size_t end = version_end(lower);
        return end == lower.size() || lower[end] == '-' || lower[end] == '_';
    }
    return std::none_of(lower.begin(), lower.end(), is_digit); // bookworm, alpine, slim-trixie
}

} // namespace cdls::catalogue
