// "Did you mean": the nearest candidate to a misspelt word.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cdls {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), ASCII
// case-insensitive when `ignore_case`.
std::size_t edit_distance(std::string_view a, std::string_view b, bool ignore_case = true);

// The candidate nearest to `word`, if it is close enough to be a plausible typo: distance at
// most max(1, len/3) (at most 3), ties broken by candidate order.
std::optional<std::string> nearest(std::string_view word, std::span<const std::string_view> candidates,
                                   bool ignore_case = true);

} // namespace cdls
