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

// Which producer made a diagnostic, for the analysis that patches the last result instead of
// building it anew (document_analysis.cpp): a Piece rule's findings depend only on the text of
// the instruction or stage they lie in; every other origin is a whole-document rule, found
// again (or kept, when what it reads did not change) as one family.
enum class Origin : std::uint8_t {
    Piece = 0,    // instruction / stage rules, shell bodies, copied paths
    KindDocument, // the kind's document rules (stages, directives, missing sections)
    Secrets,      // secret-in-definition (reported once per secret across the document)
    SourceLabel,  // missing-source-label
    Images,       // the catalogue's image rules
    Configured,   // rules only settings turn on (trusted registries, registry tags, data extensions)
    Suppression,  // unused-suppression
    Limit,        // analysis-limit: the cap on a file's diagnostics
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
    Origin origin = Origin::Piece; // bookkeeping, not part of what is reported (nor of ==)
    friend bool operator==(const Diagnostic& a, const Diagnostic& b) {
        return a.range == b.range && a.severity == b.severity && a.rule == b.rule && a.message == b.message &&
               a.fixes == b.fixes && a.unnecessary == b.unnecessary && a.deprecated == b.deprecated;
    }
};

// Marks diagnostics [from, end) of `list` as made by `origin`.
inline void set_origin(std::vector<Diagnostic>& list, std::size_t from, Origin origin) {
    for (std::size_t i = from; i < list.size(); ++i) list[i].origin = origin;
}

// Moves a diagnostic's range and its fixes' edits by `delta` bytes.
void shift_diagnostic(Diagnostic& diagnostic, std::int64_t delta);

// Orders by position, then rule id, then message: the order every consumer sees.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);
// Moves `diagnostics` to the end of `out` in that order (each one moved once; no sorted copy is
// made first) and leaves `diagnostics` empty.
void append_sorted(std::vector<Diagnostic>& diagnostics, std::vector<Diagnostic>& out);

} // namespace cdls
