// Code actions over one analysed document: quick fixes from the diagnostics' fixes, a
// %arguments default for an undefined build argument, digest pins, suppression pragmas, and
// "fix all" (shared with `cdls check --fix`). Pure: byte ranges in, byte-range edits out.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/core/diagnostic.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/document_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::features {

// LSP code action kinds cdls produces.
inline constexpr std::string_view kind_quickfix = "quickfix";
inline constexpr std::string_view kind_refactor_rewrite = "refactor.rewrite";
inline constexpr std::string_view kind_fix_all = "source.fixAll.cdls";

// Where digests come from (a live registry lookup, a lock file, ...). The built-in catalogue
// has none, so without a source no digest action is offered: digests are never invented.
class DigestSource {
  public:
    virtual ~DigestSource() = default;
    // "sha256:<hex>" for the image the reference names (name and tag as judged), if known.
    virtual std::optional<std::string> digest(const catalogue::ImageReference& reference) const = 0;
};

// A diagnostic as the client sent it back in the request's context: what identifies it.
struct DiagnosticKey {
    TextRange range;
    std::string rule;
};

struct CodeActionRequest {
    TextRange range;                            // the editor's selection or cursor
    std::vector<DiagnosticKey> diagnostics;     // context.diagnostics
    std::vector<std::string> only;              // context.only; empty: every kind
    const DigestSource* digests = nullptr;      // optional digest source
    const AnalysisSettings* settings = nullptr; // the document's settings (to check suppressions)
};

struct CodeAction {
    std::string title;
    std::string kind;
    std::vector<TextEdit> edits;
    bool preferred = false;
    // Indices into CodeActionRequest::diagnostics this action resolves.
    std::vector<std::size_t> diagnostics;
    // The analysis diagnostics this action resolves (for clients that sent none).
    std::vector<Diagnostic> resolves;
};

// True when `kind` is allowed by the `only` filter (an entry matches itself and its sub-kinds).
bool kind_allowed(std::string_view kind, const std::vector<std::string>& only);

std::vector<CodeAction> code_actions(const AnalysisResult& analysis, std::string_view text,
                                     const CodeActionRequest& request);

// ---- Pieces, exposed for the tests and for `cdls check --fix` ----

// The preferred fix of each diagnostic, skipping any that overlaps one already taken (two edits
// clash when their ranges intersect or both insert at the same place), sorted by position.
struct FixAllEdits {
    std::vector<TextEdit> edits;
    std::size_t fixes = 0; // how many fixes the edits come from
};
FixAllEdits fix_all_edits(const std::vector<Diagnostic>& diagnostics);

// Applies non-overlapping edits (any order) to the text.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits);

// `X=` added to the stage's %arguments (or a new %arguments section) for an undefined `{{ X }}`.
std::optional<CodeAction> add_argument_default_action(const AnalysisResult& analysis,
                                                      std::string_view text,
                                                      const Diagnostic& undefined_argument);

// `# cdls-ignore: <rule>` above the diagnostic's (logical) line, or appended to a pragma
// already there; nullopt when no own-line comment can go there.
std::optional<TextEdit> suppress_line_edit(const AnalysisResult& analysis, std::string_view text,
                                           const Diagnostic& diagnostic,
                                           const AnalysisSettings* settings = nullptr);
// `# cdls-ignore-file: <rule>` at the top (after a Dockerfile's parser directives), or appended
// to a file pragma already there.
TextEdit suppress_file_edit(const AnalysisResult& analysis, std::string_view text,
                            std::string_view rule);

} // namespace cdls::features
