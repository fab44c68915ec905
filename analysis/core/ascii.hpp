// A byte-level test shared by the line index and the JSON writer (both hot paths).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace cdls {

// True when every byte is below 0x80, tested eight bytes at a time.
inline bool is_ascii(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        if (word & 0x8080808080808080ull) return false;
    }
    for (; i < text.size(); ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
    return true;
}

} // namespace cdls
