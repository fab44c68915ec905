// Severity names and the canonical order of diagnostics.
#include "analysis/core/diagnostic.hpp"

#include <algorithm>
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
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.range.begin, a.range.end, a.rule, a.message) <
               std::tie(b.range.begin, b.range.end, b.rule, b.message);
    });
}

} // namespace cdls
