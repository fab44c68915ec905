// Common prefix and suffix, 16 bytes at a time: on a 700 KB document this is the only pass over
// the unchanged text an incremental analysis makes.
#include "analysis/core/text_diff.hpp"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdls {

std::size_t common_prefix(std::string_view a, std::string_view b) {
    std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
        __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
        auto equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
        if (equal != 0xFFFFu) return i + static_cast<std::size_t>(__builtin_ctz(~equal & 0xFFFFu));
    }
#endif
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

std::size_t common_suffix(std::string_view a, std::string_view b, std::size_t limit) {
    limit = std::min({limit, a.size(), b.size()});
    const char* ea = a.data() + a.size();
    const char* eb = b.data() + b.size();
    std::size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= limit; i += 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ea - i - 16));
        __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(eb - i - 16));
        auto equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
        // Bit 15 is the last byte of the block: count equal bytes from the top down.
        if (equal != 0xFFFFu) return i + static_cast<std::size_t>(__builtin_clz(~equal & 0xFFFFu) - 16);
    }
#endif
    while (i < limit && ea[-1 - static_cast<std::ptrdiff_t>(i)] == eb[-1 - static_cast<std::ptrdiff_t>(i)]) ++i;
    return i;
}

TextChange diff_texts(std::string_view old_text, std::string_view new_text) {
    TextChange c;
    c.old_size = old_text.size();
    c.new_size = new_text.size();
    c.prefix = common_prefix(old_text, new_text);
    c.suffix = common_suffix(old_text, new_text, std::min(old_text.size(), new_text.size()) - c.prefix);
    return c;
}

} // namespace cdls
