// Line starts and offset <-> position conversion in utf-8 or utf-16 code units.
#include "analysis/core/line_index.hpp"
#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace cdls {

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1; // continuation or invalid byte: one unit, so bad input still advances
}

namespace {

// Length of the (possibly invalid) sequence at `pos`, never past `end`.
std::size_t sequence_at(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t n = utf8_sequence_length(static_cast<unsigned char>(text[pos]));
    if (pos + n > end) return 1;
    for (std::size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(text[pos + i]) & 0xC0) != 0x80) return 1;
    return n;
}

// Appends the start of the line after each break ("\n", "\r\n", "\r") that begins in
// text[from, end); a "\r" just before `end` still looks at the byte after it.
void add_breaks(std::string_view text, std::size_t from, std::size_t end, std::vector<Offset>& starts) {
    for (std::size_t i = from; i < end; ++i) {
        char c = text[i];
        if (c == '\n') {
            starts.push_back(static_cast<Offset>(i + 1));
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            starts.push_back(static_cast<Offset>(i + 1));
        }
    }
}

} // namespace

std::size_t utf16_units(std::string_view text) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = sequence_at(text, i, text.size());
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return units;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    // Room for lines of 24 bytes on average (a corpus averages 33): grown line by line, a
    // corpus run reallocated ~7 500 times.
    starts_.reserve(text.size() / 24 + 2);
    starts_.push_back(0);
    if (text.find('\r') == std::string_view::npos) {
        // The common case: only "\n" breaks, found with memchr (vectorised) instead of a byte loop.
        for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
            starts_.push_back(static_cast<Offset>(i + 1));
        return;
    }
    add_breaks(text, 0, text.size(), starts_);
}

LineIndex::LineIndex(std::string_view text, const LineIndex& before, TextRange replaced, std::size_t inserted)
    : text_(text) {
    const std::vector<Offset>& old = before.starts_;
    // Starts up to the line holding the byte before the edit stay: a "\r" there may pair with
    // a "\n" the edit brings.
    std::uint32_t from_line = before.line_of(replaced.begin == 0 ? 0 : replaced.begin - 1);
    starts_.reserve(old.size() + 1);
    starts_.assign(old.begin(), old.begin() + from_line + 1);
    // Re-scan to one byte past the inserted text (a "\r" there may pair with the "\n" after it).
    std::size_t scan_end = std::min(text.size(), static_cast<std::size_t>(replaced.begin) + inserted + 1);
    add_breaks(text, starts_.back(), scan_end, starts_);
    // Old starts that come from breaks past the re-scanned bytes, moved by the size change.
    auto delta = static_cast<std::int64_t>(inserted) - static_cast<std::int64_t>(replaced.length());
    auto it = std::upper_bound(old.begin(), old.end(), replaced.end + 1);
    auto moved = [delta](Offset start) { return static_cast<Offset>(static_cast<std::int64_t>(start) + delta); };
    while (it != old.end() && moved(*it) <= starts_.back()) ++it;
    // Past the first one kept, old starts increase, and so do the moved ones: all are kept, in
    // one pass that the compiler vectorises (half a 20 000-line file's starts per keystroke).
    std::size_t kept = starts_.size();
    starts_.resize(kept + static_cast<std::size_t>(old.end() - it));
    std::transform(it, old.end(), starts_.begin() + static_cast<std::ptrdiff_t>(kept), moved);
}

Offset LineIndex::line_start(std::uint32_t line) const {
    if (line >= starts_.size()) return static_cast<Offset>(text_.size());
    return starts_[line];
}

Offset LineIndex::line_end(std::uint32_t line) const {
    if (line >= starts_.size()) return static_cast<Offset>(text_.size());
    Offset end = line + 1 < starts_.size() ? starts_[line + 1] : static_cast<Offset>(text_.size());
    if (end > starts_[line] && line + 1 < starts_.size()) {
        // Strip the line break: "\n", "\r\n" or "\r".
        if (text_[end - 1] == '\n') --end;
        if (end > starts_[line] && text_[end - 1] == '\r') --end;
    }
    return end;
}

std::uint32_t LineIndex::line_of(Offset offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<std::uint32_t>(std::distance(starts_.begin(), it) - 1);
}

LinePosition LineIndex::position(Offset offset, PositionEncoding encoding) const {
    offset = std::min<Offset>(offset, static_cast<Offset>(text_.size()));
    std::uint32_t line = line_of(offset);
    Offset start = starts_[line];
    Offset end = std::min(offset, line_end(line));
    if (encoding == PositionEncoding::Utf8) return {line, end - start};
    if (is_ascii(text_.substr(start, end - start))) return {line, end - start}; // one unit a byte
    std::uint32_t units = 0;
    for (std::size_t i = start; i < end;) {
        std::size_t n = sequence_at(text_, i, line_end(line));
        if (i + n > end) break; // offset inside a character: position of its start
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return {line, units};
}

LineRange LineIndex::range(TextRange r, PositionEncoding encoding) const {
    return {position(r.begin, encoding), position(r.end, encoding)};
}

Offset LineIndex::offset(LinePosition pos, PositionEncoding encoding) const {
    if (pos.line >= starts_.size()) return static_cast<Offset>(text_.size());
    Offset start = starts_[pos.line];
    Offset end = line_end(pos.line);
    if (encoding == PositionEncoding::Utf8) {
        Offset o = start + std::min<Offset>(pos.character, end - start);
        // Never land inside a multi-byte character.
        while (o > start && o < end && (static_cast<unsigned char>(text_[o]) & 0xC0) == 0x80) --o;
        return o;
    }
    std::uint32_t units = 0;
    std::size_t i = start;
    while (i < end) {
        std::size_t n = sequence_at(text_, i, end);
        std::uint32_t w = n == 4 ? 2 : 1;
        if (units + w > pos.character) break;
        units += w;
        i += n;
    }
    return static_cast<Offset>(i);
}

TextRange LineIndex::offsets(LineRange r, PositionEncoding encoding) const {
    return {offset(r.start, encoding), offset(r.end, encoding)};
}

} // namespace cdls
