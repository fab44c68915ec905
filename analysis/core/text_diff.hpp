// Where two versions of a text start and stop differing: the incremental analyzers re-parse only
// what lies between, whatever edit (or edits) produced the new text.
#pragma once

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

} // namespace cdls
