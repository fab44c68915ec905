// Edit distance and nearest-candidate search for "did you mean" suggestions.
#include "analysis/core/suggest.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <vector>

namespace cdls {

namespace {


} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, bool ignore_case) {
    auto eq = [ignore_case](char x, char y) {
        if (!ignore_case) return x == y;
        return ascii_lower(x) == ascii_lower(y);
    };
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> rows(3 * (m + 1)); // three rows in one allocation
    std::size_t* prev2 = rows.data();
    std::size_t* prev = prev2 + (m + 1);
    std::size_t* cur = prev + (m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = eq(a[i - 1], b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && eq(a[i - 1], b[j - 2]) && eq(a[i - 2], b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::optional<std::string> nearest(std::string_view word, std::span<const std::string_view> candidates,
                                   bool ignore_case) {
    if (word.empty()) return std::nullopt;
    const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (std::string_view candidate : candidates) {
        // The distance is at least the difference in length: skip hopeless candidates, so a
        // 1 MB word costs nothing instead of a 1 MB x candidate table each (found by fuzzing).
        std::size_t length_gap = word.size() > candidate.size() ? word.size() - candidate.size() : candidate.size() - word.size();
        if (length_gap > limit) continue;
        std::size_t d = edit_distance(word, candidate, ignore_case);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

} // namespace cdls
