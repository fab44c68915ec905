// Severity names and the canonical order of diagnostics.
#include "analysis/core/diagnostic.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace cdls {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Information: return "information";
    case Severity::Hint: return "hint";
    }
    return "warning";
}

bool parse_severity(std::string_view name, Severity& out) {
    if (name == "error") out = Severity::Error;
    else if (name == "warning") out = Severity::Warning;
    else if (name == "information" || name == "info") out = Severity::Information;
    else if (name == "hint") out = Severity::Hint;
    else return false;
    return true;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    auto less = [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.range.begin, a.range.end, a.rule, a.message) <
               std::tie(b.range.begin, b.range.end, b.rule, b.message);
    };
    // Often already in order (one analyzer's output); otherwise sort positions, not the
    // diagnostics themselves, and move each one once: the same order as a stable sort of them.
    if (std::is_sorted(diagnostics.begin(), diagnostics.end(), less)) return;
    // Or a few sorted runs (the kind analyzer's, then the shared and image rules' appended):
    // merging neighbouring runs, left to right, is what a stable sort gives, in linear time.
    std::vector<std::size_t> runs{0};
    for (std::size_t i = 1; i < diagnostics.size() && runs.size() <= 16; ++i)
        if (less(diagnostics[i], diagnostics[i - 1])) runs.push_back(i);
    if (runs.size() <= 16) {
        runs.push_back(diagnostics.size());
        while (runs.size() > 2) {
            std::vector<std::size_t> merged{0};
            for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
                std::size_t end = r + 2 < runs.size() ? runs[r + 2] : runs[r + 1];
                if (r + 2 < runs.size())
                    std::inplace_merge(diagnostics.begin() + static_cast<std::ptrdiff_t>(runs[r]),
                                       diagnostics.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]),
                                       diagnostics.begin() + static_cast<std::ptrdiff_t>(end), less);
                merged.push_back(end);
            }
            runs = std::move(merged);
        }
        return;
    }
    std::vector<std::size_t> order(diagnostics.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return less(diagnostics[a], diagnostics[b]); });
    std::vector<Diagnostic> sorted;
    sorted.reserve(diagnostics.size());
    for (std::size_t i : order) sorted.push_back(std::move(diagnostics[i]));
    diagnostics = std::move(sorted);
}

} // namespace cdls
