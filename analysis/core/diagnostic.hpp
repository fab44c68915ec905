// What the analyzer reports: diagnostics with an optional set of fixes, all in byte ranges.
#pragma once

#include "analysis/core/shared_text.hpp"
#include "analysis/core/text.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cdls {

// Same numbering as LSP's DiagnosticSeverity.
enum class Severity : int { Error = 1, Warning = 2, Information = 3, Hint = 4 };

std::string_view severity_name(Severity severity); // "error", "warning", "information", "hint"
bool parse_severity(std::string_view name, Severity& out);

// A fix a code action can apply: a title and the edits, all in the same document.
struct Fix {
    std::string title;
    std::vector<TextEdit> edits;
    bool preferred = false;
    friend bool operator==(const Fix&, const Fix&) = default;
};

struct Diagnostic {
    TextRange range;
    Severity severity = Severity::Warning;
    // Stable kebab-case rule id, e.g. "image-latest-tag": a RuleInfo's id, in static storage
    // (make_diagnostic), so copying a diagnostic copies no string.
    std::string_view rule;
    SharedText message; // copies share it (shared_text.hpp)
    std::vector<Fix> fixes;
    bool unnecessary = false; // LSP DiagnosticTag.Unnecessary (faded out)
    bool deprecated = false;  // LSP DiagnosticTag.Deprecated (struck through)
    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Moves a diagnostic's range and its fixes' edits by `delta` bytes.
void shift_diagnostic(Diagnostic& diagnostic, std::int64_t delta);

// Orders by position, then rule id, then message: the order every consumer sees.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);
// Moves `diagnostics` to the end of `out` in that order (each one moved once; no sorted copy is
// made first) and leaves `diagnostics` empty.
void append_sorted(std::vector<Diagnostic>& diagnostics, std::vector<Diagnostic>& out);

} // namespace cdls
