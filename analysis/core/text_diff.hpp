// Where two versions of a text start and stop differing: the incremental analyzers re-parse only
// what lies between, whatever edit (or edits) produced the new text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace cdls {

// Length of the longest common prefix of `a` and `b`.
std::size_t common_prefix(std::string_view a, std::string_view b);

// Length of the longest common suffix of `a` and `b`, at most `limit` bytes (callers pass
// min(a.size(), b.size()) - prefix so that prefix and suffix never overlap).
std::size_t common_suffix(std::string_view a, std::string_view b, std::size_t limit);

// One text against its previous version: [prefix, old_size - suffix) of the old text became
// [prefix, new_size - suffix) of the new one.
struct TextChange {
    std::size_t prefix = 0;
    std::size_t suffix = 0;
    std::size_t old_size = 0;
    std::size_t new_size = 0;
    bool identical() const { return prefix == old_size && old_size == new_size; }
    std::size_t old_changed_end() const { return old_size - suffix; }
    std::size_t new_changed_end() const { return new_size - suffix; }
    // How far text after the change moved (new offset - old offset).
    std::ptrdiff_t delta() const {
        return static_cast<std::ptrdiff_t>(new_size) - static_cast<std::ptrdiff_t>(old_size);
    }
};

TextChange diff_texts(std::string_view old_text, std::string_view new_text);

// Whether `change` can describe a text of `old_size` bytes becoming one of `new_size`: the sizes
// match and the kept prefix and suffix do not overlap in either text. A change that fails this
// was not made against the analyzer's last text, and the caller parses whole instead.
inline bool fits(const TextChange& change, std::size_t old_size, std::size_t new_size) {
    return change.old_size == old_size && change.new_size == new_size &&
           change.prefix + change.suffix <= std::min(old_size, new_size);
}

// The edits made to a text since an earlier version, gathered into one TextChange: the union of
// the replaced ranges (so possibly more than what differs), which is what an editor's incremental
// changes tell without comparing the two texts. The incremental analyzers take it instead of
// keeping the old text to diff against.
class EditedSpan {
public:
    explicit EditedSpan(std::size_t size) : change_{size, 0, size, size} {}
    // [begin, end) of the current text became `inserted` bytes (begin <= end <= current size).
    void replace(std::size_t begin, std::size_t end, std::size_t inserted) {
        const std::size_t size = change_.new_size;
        change_.prefix = edited_ ? std::min(change_.prefix, begin) : begin;
        change_.suffix = edited_ ? std::min(change_.suffix, size - end) : size - end;
        change_.new_size = size - (end - begin) + inserted;
        edited_ = true;
    }
    const TextChange& change() const { return change_; }
    bool edited() const { return edited_; } // any replace() since it was made

private:
    TextChange change_;
    bool edited_ = false; // until the first edit the whole text is both prefix and suffix
};

} // namespace cdls
