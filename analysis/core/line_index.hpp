// Line starts of a text and conversion between byte offsets and LSP positions (utf-8 or utf-16).
#pragma once

#include "analysis/core/text.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace cdls {

enum class PositionEncoding { Utf8, Utf16 };

// An LSP position: zero-based line and character, characters counted in the negotiated encoding.
struct LinePosition {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
    friend constexpr bool operator==(const LinePosition&, const LinePosition&) = default;
};

struct LineRange {
    LinePosition start;
    LinePosition end;
    friend constexpr bool operator==(const LineRange&, const LineRange&) = default;
};

// Lines end at "\n", "\r\n" or a lone "\r" (as LSP specifies). The index keeps a view of the
// text, which must outlive it.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    // The index of `text`, which is the text of `before` with `replaced` (offsets in that text)
    // replaced by `inserted` bytes: the starts before the edit are kept, the edited lines
    // re-scanned and the rest moved, so a keystroke does not re-scan the whole text.
    LineIndex(std::string_view text, const LineIndex& before, TextRange replaced, std::size_t inserted);

    std::size_t line_count() const { return starts_.size(); }
    Offset line_start(std::uint32_t line) const;
    // End of the line's content, before its line break.
    Offset line_end(std::uint32_t line) const;
    std::uint32_t line_of(Offset offset) const;

    // Offsets past the end clamp to the end; an offset inside a multi-byte character or a
    // "\r\n" pair maps to the start of it.
    LinePosition position(Offset offset, PositionEncoding encoding) const;
    LineRange range(TextRange range, PositionEncoding encoding) const;

    // Positions past the end of a line clamp to the line's end; lines past the last clamp to
    // the end of the text. A utf-16 character inside a surrogate pair maps to the start of it.
    Offset offset(LinePosition position, PositionEncoding encoding) const;
    TextRange offsets(LineRange range, PositionEncoding encoding) const;

    std::string_view text() const { return text_; }

private:
    std::string_view text_;
    std::vector<Offset> starts_;
};

// The line index of a text: the one a caller already has (the server keeps one per document),
// else one built on first use (most analyses need no line numbers; building one is a pass over
// the whole text).
class LineIndexOnDemand {
public:
    LineIndexOnDemand(std::string_view text, const LineIndex* given) : text_(text), given_(given) {}
    const LineIndex& get() const {
        if (given_) return *given_;
        if (!built_) built_.emplace(text_);
        return *built_;
    }

private:
    std::string_view text_;
    const LineIndex* given_;
    mutable std::optional<LineIndex> built_;
};

// Length of a UTF-8 sequence starting with `lead` (1 for invalid bytes, so bad input still
// advances), and the number of utf-16 code units it takes.
std::size_t utf8_sequence_length(unsigned char lead);
std::size_t utf16_units(std::string_view text);

} // namespace cdls
