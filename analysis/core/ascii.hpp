// A byte-level test shared by the line index and the JSON writer (both hot paths).
#pragma once

#include <cstdint>
#include <cstring>
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

} // namespace cdls
