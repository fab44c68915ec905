// A fast hash of text for the analyzers' memo tables, which hash every block or shell body of a
// document on each keystroke. Eight bytes per step (std::hash reads a few bytes per step and
// was a sixth of a keystroke in a large definition file, docs/performance.md). Only for hash
// tables: the tables compare the texts, so a collision costs a comparison, never a wrong answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace cdls {

inline std::uint64_t hash_mix(std::uint64_t h) {
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

inline std::size_t text_hash(std::string_view text) {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = text.size() * k;
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 16; p += 16, n -= 16) {
        std::uint64_t a, b;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, 8);
        h = (h ^ a) * k;
        h = ((h << 31) | (h >> 33)) ^ b;
        h *= k;
    }
    if (n >= 8) {
        std::uint64_t a;
        std::memcpy(&a, p, 8);
        h = (h ^ a) * k;
        p += 8;
        n -= 8;
    }
    std::uint64_t tail = 0;
    if (n != 0) std::memcpy(&tail, p, n); // n < 8 (and p may be null for an empty text)
    h = (h ^ tail ^ (static_cast<std::uint64_t>(n) << 59)) * k;
    return static_cast<std::size_t>(hash_mix(h));
}

// text_hash for hash tables keyed by std::string and looked up by std::string_view (with
// std::equal_to<>): a lookup copies nothing.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return text_hash(text); }
};

} // namespace cdls
