// Byte ranges into a document's UTF-8 text: the one coordinate system of analysis/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cdls {

using Offset = std::uint32_t;

// A half-open byte range [begin, end) into a document's text.
struct TextRange {
    Offset begin = 0;
    Offset end = 0;

    constexpr Offset length() const { return end - begin; }
    constexpr bool empty() const { return begin == end; }
    constexpr bool contains(Offset offset) const { return offset >= begin && offset < end; }
    // True when `offset` lies inside or touches the end (a cursor right after a word).
    constexpr bool touches(Offset offset) const { return offset >= begin && offset <= end; }
    friend constexpr bool operator==(const TextRange&, const TextRange&) = default;
};

// Moves `range` by `delta` bytes (negative: towards the start of the text).
constexpr void shift_range(TextRange& range, std::int64_t delta) {
    range.begin = static_cast<Offset>(range.begin + delta);
    range.end = static_cast<Offset>(range.end + delta);
}

// Replace `range` of the text by `new_text`.
struct TextEdit {
    TextRange range;
    std::string new_text;
    friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

inline std::string_view slice(std::string_view text, TextRange range) {
    if (range.begin > text.size()) return {};
    return text.substr(range.begin, range.end - range.begin);
}

// Room for `size` bytes in `s` with a sixteenth to spare. std::string doubles its capacity
// when it grows, even by one byte: a 700 KB document one keystroke longer would hold 1.4 MB.
inline void reserve_with_slack(std::string& s, std::size_t size) {
    if (size <= s.capacity()) return;
    std::string grown;
    grown.reserve(size + size / 16 + 64); // a fresh string gets exactly what it asks for
    grown.append(s);
    s.swap(grown);
}

// Applies one edit to a string (used by incremental sync, code actions and tests).
inline std::string apply_edit(std::string_view text, const TextEdit& edit) {
    std::string out;
    out.reserve(text.size() + edit.new_text.size());
    out.append(text.substr(0, edit.range.begin));
    out.append(edit.new_text);
    out.append(text.substr(edit.range.end));
    return out;
}

} // namespace cdls
