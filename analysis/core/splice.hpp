// Editing lists kept in document order when an edit replaced some of their elements: the
// incremental analyzers' trees, per-instruction and per-stage findings and facts.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace cdls {

// Replaces items[from, to) by `middle`, moving the items after `to` only when the counts
// differ. A list that must grow gets a sixteenth to spare, not twice its size (a vector of
// 4 000 instructions is 1.5 MB).
template <class T>
void replace_range(std::vector<T>& items, std::size_t from, std::size_t to, std::vector<T>&& middle) {
    if (to - from == middle.size()) {
        std::move(middle.begin(), middle.end(), items.begin() + static_cast<std::ptrdiff_t>(from));
        return;
    }
    std::size_t size = items.size() - (to - from) + middle.size();
    if (size > items.capacity()) items.reserve(size + size / 16 + 16);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(from), items.begin() + static_cast<std::ptrdiff_t>(to));
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(from), std::make_move_iterator(middle.begin()),
                 std::make_move_iterator(middle.end()));
}

// replace_range, after moving items[to, end) by `delta` bytes with `shift(item, delta)`.
template <class T, class Shift>
void splice_moved(std::vector<T>& items, std::size_t from, std::size_t to, std::vector<T>&& middle,
                  std::ptrdiff_t delta, Shift shift) {
    if (delta != 0)
        for (std::size_t i = to; i < items.size(); ++i) shift(items[i], delta);
    replace_range(items, from, to, std::move(middle));
}

// For a list whose elements come in groups, `shares[i]` saying how many group i gave
// (`count(shares[i])`): where group k's elements begin, and how many groups [k, k + n) gave.
template <class Share, class Count>
std::pair<std::size_t, std::size_t> span_of(const std::vector<Share>& shares, std::size_t k, std::size_t n,
                                            Count count) {
    std::size_t first = 0, size = 0;
    for (std::size_t i = 0; i < k; ++i) first += count(shares[i]);
    for (std::size_t i = k; i < k + n; ++i) size += count(shares[i]);
    return {first, size};
}

} // namespace cdls
