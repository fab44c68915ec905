// Byte-level ASCII helpers shared by the line index, the JSON writer and the analyzers (hot paths).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cdls {

// True when every byte is below 0x80, tested eight bytes at a time (32 a test while there are
// that many: every file read by `cdls check` is tested whole, ~3 MB a corpus run).
inline bool is_ascii(std::string_view text) {
    constexpr std::uint64_t high = 0x8080808080808080ull;
    std::size_t i = 0;
    for (; i + 32 <= text.size(); i += 32) {
        std::uint64_t word[4];
        std::memcpy(word, text.data() + i, 32);
        if ((word[0] | word[1] | word[2] | word[3]) & high) return false;
    }
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if (word & high) return false;
    }
    for (; i < text.size(); ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
    return true;
}

// std::tolower of the "C" locale (the only one cdls uses), without a libc call a byte: rule
// ids, keywords, names and paths are compared case-insensitively on hot paths.
inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

} // namespace cdls
