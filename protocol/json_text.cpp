// Direct JSON text writing (see json_text.hpp); invalid UTF-8 goes through nlohmann so that the
// replacement characters are exactly nlohmann's.
#include "protocol/json_text.hpp"
#include "analysis/core/ascii.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdls::protocol {

namespace {

bool valid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t n = 0;
        std::uint32_t code = 0;
        if ((c & 0xE0) == 0xC0) n = 1, code = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) n = 2, code = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) n = 3, code = c & 0x07;
        else return false;
        if (static_cast<std::size_t>(end - p) <= n) return false;
        for (std::size_t i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are invalid, as for nlohmann.
        static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (code < minimum[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        p += n + 1;
    }
    return true;
}

// Bytes that JSON strings must escape: controls, '"' and '\\'.
constexpr auto needs_escape = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = true;
    table['"'] = table['\\'] = true;
    return table;
}();

// The first byte at or after `i` that a JSON string must escape (text.size() when none),
// sixteen bytes at a time: most texts have none.
std::size_t next_escape(std::string_view text, std::size_t i) {
#ifdef __SSE2__
    for (; i + 16 <= text.size(); i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
        __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
        __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
        if (int mask = _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))))
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < text.size(); ++i)
        if (needs_escape[static_cast<unsigned char>(text[i])]) return i;
    return text.size();
}

// The escape of such a byte, written at `p` (6 bytes at most); returns its end.
char* write_escape(char* p, unsigned char c) {
    static constexpr char hex[] = "0123456789abcdef";
    *p++ = '\\';
    switch (c) {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = hex[c >> 4];
        *p++ = hex[c & 0xF];
    }
    return p;
}

} // namespace

void append_json_string(std::string& out, std::string_view text) {
    if (!is_ascii(text) && !valid_utf8(text)) {
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = next_escape(text, 0); i < text.size(); i = next_escape(text, i + 1)) {
        out.append(text, run, i - run);
        char escape[6];
        out.append(escape, static_cast<std::size_t>(write_escape(escape, static_cast<unsigned char>(text[i])) - escape));
        run = i + 1;
    }
    out.append(text, run, text.size() - run);
    out += '"';
}

char* write_json_string(char* p, std::string_view text) {
    *p++ = '"';
    std::size_t run = 0;
    for (std::size_t i = next_escape(text, 0); i < text.size(); i = next_escape(text, i + 1)) {
        std::memcpy(p, text.data() + run, i - run);
        p = write_escape(p + (i - run), static_cast<unsigned char>(text[i]));
        run = i + 1;
    }
    std::memcpy(p, text.data() + run, text.size() - run);
    p += text.size() - run;
    *p++ = '"';
    return p;
}

void append_json_number(std::string& out, std::int64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)ec; // 24 bytes hold every int64
    out.append(buffer, end);
}

void append_notification_head(std::string& out, std::string_view method) {
    out += R"({"jsonrpc":"2.0","method":)";
    append_json_string(out, method);
    out += R"(,"params":)";
}

std::string make_notification_text(std::string_view method, std::string_view params_json) {
    std::string out;
    out.reserve(params_json.size() + method.size() + 48);
    append_notification_head(out, method);
    out += params_json;
    out += '}';
    return out;
}

void append_result_head(std::string& out, std::string_view id_json) {
    out += R"({"id":)";
    out += id_json;
    out += R"(,"jsonrpc":"2.0","result":)";
}

} // namespace cdls::protocol
