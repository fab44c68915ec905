// Helpers for the Dockerfile unit tests: analyse a source, find rules and ranges by text.
#pragma once

#include "analysis/dockerfile/analyzer.hpp"
#include "analysis/dockerfile/syntax.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::dockerfile::test {

inline Result analyze(std::string_view text) { return Analyzer().analyze(text); }

inline std::size_t count_rule(const Result& result, std::string_view rule) {
    return static_cast<std::size_t>(std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                                  [&](const Diagnostic& d) { return d.rule == rule; }));
}

inline const Diagnostic* first_of(const Result& result, std::string_view rule) {
    for (const auto& d : result.diagnostics)
        if (d.rule == rule) return &d;
    return nullptr;
}

inline std::size_t error_count(const Result& result) {
    return static_cast<std::size_t>(std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

// The range of the `nth` occurrence of `needle` in `text`.
inline TextRange range_of(std::string_view text, std::string_view needle, std::size_t nth = 0) {
    std::size_t pos = text.find(needle);
    while (nth-- > 0 && pos != std::string_view::npos) pos = text.find(needle, pos + 1);
    if (pos == std::string_view::npos) return {0, 0};
    return {static_cast<Offset>(pos), static_cast<Offset>(pos + needle.size())};
}

inline std::string rules_of(const Result& result) {
    std::string out;
    for (const auto& d : result.diagnostics) out += std::string(d.rule) + " ";
    return out;
}

} // namespace cdls::dockerfile::test
