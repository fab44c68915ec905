// Helpers of the definition tests: analyse a source and pick diagnostics of one rule.
#pragma once

#include "analysis/core/text.hpp"
#include "analysis/definition/analyzer.hpp"
#include "analysis/definition/syntax.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::definition::testing {

inline std::vector<Diagnostic> diagnostics_of(std::string_view text, std::string_view rule) {
    std::vector<Diagnostic> found;
    for (Diagnostic& d : analyze_definition(text).diagnostics)
        if (d.rule == rule) found.push_back(std::move(d));
    return found;
}

inline std::string covered(std::string_view text, const Diagnostic& d) {
    return std::string(slice(text, d.range));
}

// The text after applying a fix's edits (given in document order, non-overlapping).
inline std::string apply_fix(std::string_view text, const Fix& fix) {
    std::string out(text);
    for (auto it = fix.edits.rbegin(); it != fix.edits.rend(); ++it) out = apply_edit(out, *it);
    return out;
}

} // namespace cdls::definition::testing
