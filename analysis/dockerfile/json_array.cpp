// A small JSON reader for exec-form arguments: arrays of strings with their positions.
#include "analysis/dockerfile/json_array.hpp"

#include <cctype>

namespace cdls::dockerfile {

namespace {

struct Reader {
    std::string_view s;
    std::size_t i = 0;
    int depth = 0;

    void skip_ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }

    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out.push_back(static_cast<char>(cp));
        else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    bool hex4(unsigned& out) {
        if (i + 4 > s.size()) return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[i++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    bool string(std::string& out) {
        if (i >= s.size() || s[i] != '"') return false;
        ++i;
        while (i < s.size()) {
            char c = s[i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (i >= s.size()) return false;
            char e = s[i++];
            switch (e) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                unsigned cp = 0;
                if (!hex4(cp)) return false;
                if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                    std::size_t save = i;
                    i += 2;
                    unsigned low = 0;
                    if (hex4(low) && low >= 0xDC00 && low < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    else i = save;
                }
                put_utf8(out, cp);
                break;
            }
            default: return false;
            }
        }
        return false;
    }

    bool literal(std::string_view word) {
        if (s.substr(i, word.size()) != word) return false;
        i += word.size();
        return true;
    }

    bool number() {
        std::size_t start = i;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e' ||
                                s[i] == 'E' || s[i] == '+' || s[i] == '-'))
            ++i;
        return i > start && std::isdigit(static_cast<unsigned char>(s[i - 1]));
    }

    // Any JSON value; a string is decoded into `string_out` when given.
    bool value(std::string* string_out) {
        if (++depth > 64) return false;
        skip_ws();
        bool ok = false;
        if (i >= s.size()) ok = false;
        else if (s[i] == '"') {
            std::string tmp;
            ok = string(string_out ? *string_out : tmp);
        } else if (s[i] == '[') {
            ++i;
            skip_ws();
            if (i < s.size() && s[i] == ']') {
                ++i;
                ok = true;
            } else {
                while (true) {
                    if (!value(nullptr)) break;
                    skip_ws();
                    if (i < s.size() && s[i] == ',') {
                        ++i;
                        continue;
                    }
                    if (i < s.size() && s[i] == ']') {
                        ++i;
                        ok = true;
                    }
                    break;
                }
            }
        } else if (s[i] == '{') {
            ++i;
            skip_ws();
            if (i < s.size() && s[i] == '}') {
                ++i;
                ok = true;
            } else {
                while (true) {
                    skip_ws();
                    std::string key;
                    if (!string(key)) break;
                    skip_ws();
                    if (i >= s.size() || s[i] != ':') break;
                    ++i;
                    if (!value(nullptr)) break;
                    skip_ws();
                    if (i < s.size() && s[i] == ',') {
                        ++i;
                        continue;
                    }
                    if (i < s.size() && s[i] == '}') {
                        ++i;
                        ok = true;
                    }
                    break;
                }
            }
        } else if (s[i] == 't') ok = literal("true");
        else if (s[i] == 'f') ok = literal("false");
        else if (s[i] == 'n') ok = literal("null");
        else ok = number();
        --depth;
        return ok;
    }
};

} // namespace

JsonArray parse_json_array(std::string_view text) {
    JsonArray out;
    Reader r{text};
    r.skip_ws();
    if (r.i >= text.size() || text[r.i] != '[') return out;
    ++r.i;
    r.skip_ws();
    if (r.i < text.size() && text[r.i] == ']') {
        out.status = JsonStatus::Strings;
        return out;
    }
    bool all_strings = true;
    while (true) {
        r.skip_ws();
        if (r.i < text.size() && text[r.i] == '"') {
            JsonArray::String str;
            str.begin = static_cast<Offset>(r.i);
            if (!r.string(str.value)) return out;
            str.end = static_cast<Offset>(r.i);
            out.strings.push_back(std::move(str));
        } else {
            if (!r.value(nullptr)) return out;
            all_strings = false;
        }
        r.skip_ws();
        if (r.i < text.size() && text[r.i] == ',') {
            ++r.i;
            continue;
        }
        if (r.i < text.size() && text[r.i] == ']') break;
        return out;
    }
    out.status = all_strings ? JsonStatus::Strings : JsonStatus::NotStrings;
    if (!all_strings) out.strings.clear();
    return out;
}

bool looks_like_json_array(std::string_view text) {
    std::size_t i = 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != '"') return false;
    // Skip the first string; an exec form continues with `,` or `]`, or never closes it.
    ++i;
    while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\') ++i;
        ++i;
    }
    if (i >= text.size()) return true;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    return i >= text.size() || text[i] == ',' || text[i] == ']';
}

bool is_single_quoted_json_array(std::string_view text) {
    if (text.find('\'') == std::string_view::npos) return false;
    std::string swapped(text);
    for (char& c : swapped) {
        if (c == '\'') c = '"';
        else if (c == '"') c = '\'';
    }
    return parse_json_array(swapped).status == JsonStatus::Strings;
}

} // namespace cdls::dockerfile
