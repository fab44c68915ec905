// The whole analysis of one document: the kind's analyzer, the shared and image rules,
// suppressions and rule settings, in one call the server and `cdls check` share.
#pragma once

#include "analysis/catalogue/image_rules.hpp"
#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/line_index.hpp"
#include "analysis/definition/analyzer.hpp"
#include "analysis/dockerfile/analyzer.hpp"
#include "analysis/shell/shared_rules.hpp"
#include "analysis/suppression.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls {

namespace catalogue {
class Catalogue;
}

// What configuration changes in the analysis (.cdls.json, LSP settings, --rule).
struct AnalysisSettings {
    // Per rule: a severity, or nullopt for "off".
    std::map<std::string, std::optional<Severity>, std::less<>> overrides;
    // Globs over registries ("docker.io", "ghcr.io/myorg") and images ("docker.io/library/*");
    // when either is set, a base image matching neither is `image-untrusted-registry`.
    std::vector<std::string> trusted_registries;
    std::vector<std::string> allowed_images;
    // Extra file extensions (".zarr", "mat") that `data-in-image` reports.
    std::vector<std::string> data_extensions;
    // The built-in catalogue extended with a user catalogue file (setting `catalogue`); null:
    // the built-in one. The image rules, completion and hover use it.
    std::shared_ptr<const catalogue::Catalogue> catalogue;
    // Tag lists a live registry reported, by catalogue key ("python", "ghcr.io/org/tool"); set
    // by the server only when `registry.diagnostics` is on (image-unknown-tag). Data, not I/O.
    std::shared_ptr<const std::map<std::string, std::vector<std::string>, std::less<>>> registry_tags;
    // Severity of a rule after overrides; nullopt when it is off.
    std::optional<Severity> severity_of(std::string_view rule, Severity default_severity) const;
    friend bool operator==(const AnalysisSettings&, const AnalysisSettings&) = default;
};

struct AnalysisResult {
    DocumentKind kind = DocumentKind::Definition;
    std::vector<Diagnostic> diagnostics; // sorted, suppressions and settings applied
    ContainerFacts facts;
    std::shared_ptr<const definition::DefinitionFile> definition; // set for definition files
    std::shared_ptr<const dockerfile::Dockerfile> dockerfile;     // set for Dockerfiles
};

// What an analyzer is for: an open document, analysed again after each edit, or one text
// analysed once (`cdls check`), where memoising the shared rules' findings is pure overhead.
enum class AnalyzerUse { Incremental, Once };

// One per open document: keeps the kind analyzer's incremental state between versions.
class DocumentAnalyzer {
public:
    explicit DocumentAnalyzer(DocumentKind kind, AnalyzerUse use = AnalyzerUse::Incremental)
        : kind_(kind), use_(use) {
        if (use == AnalyzerUse::Once) definition_.report_pieces(false);
    }
    DocumentKind kind() const { return kind_; }
    // `lines`, when given, is the line index of `text` (the server's; else built where needed).
    // `change`: how `text` differs from the last call's (diff_texts, or the union of the edits
    // since: EditedSpan); without it the Dockerfile analyzer parses the text whole.
    AnalysisResult analyze(std::string_view text, const AnalysisSettings& settings = {},
                           const LineIndex* lines = nullptr, const TextChange* change = nullptr);
    // The last result, once the caller no longer needs it: the next analyze() edits its facts
    // into the new ones instead of collecting them anew, and its diagnostics too when the kind
    // analyzer re-derived only some pieces (patch()).
    void recycle(AnalysisResult&& last) {
        spare_revision_ = last.facts.revision;
        spare_facts_ = std::move(last.facts);
        spare_diagnostics_ = std::move(last.diagnostics);
    }
    // Whether the last analyze() patched the last result (for tests and the benchmark).
    bool patched() const { return patched_; }

private:
    // The rules after the kind analyzer's, settings, suppressions and order: the whole list.
    void finish_whole(AnalysisResult& result, std::string_view text, const AnalysisSettings& settings,
                      const LineIndex* lines);
    // The last result's diagnostics (`last`) edited into the new ones: the re-derived pieces'
    // findings replace the old pieces', the rest move, and the whole-document rules whose input
    // changed are found anew. False when that cannot be shown to give what finish_whole()
    // would; the caller then builds the list whole (the memos are consistent either way).
    bool patch(AnalysisResult& result, std::string_view text, const AnalysisSettings& settings,
               const LineIndex& lines, const TextChange& change, PieceChange& pieces,
               std::vector<Diagnostic>& last);

    DocumentKind kind_;
    AnalyzerUse use_;
    ContainerFacts spare_facts_;
    // The last result's diagnostics handed back (recycle), and its facts' revision.
    std::vector<Diagnostic> spare_diagnostics_;
    std::uint64_t spare_revision_ = 0;
    // What the last result was made with, for patching it: its facts' revision (0: not
    // patchable), settings, pragmas and the diagnostics they suppressed (settings applied).
    std::uint64_t last_revision_ = 0;
    std::optional<AnalysisSettings> last_settings_;
    std::vector<Suppression> pragmas_;
    std::vector<Diagnostic> suppressed_;
    bool patched_ = false;
    definition::Analyzer definition_;
    dockerfile::Analyzer dockerfile_;
    shell::SharedRulesMemo shared_;
    catalogue::ImageRulesMemo images_;
    std::size_t peak_diagnostics_ = 0; // diagnostics before settings and suppressions, last call
};

// A fresh analysis with no retained state (for `cdls check` and tests; AnalyzerUse::Once).
AnalysisResult analyze_text(DocumentKind kind, std::string_view text, const AnalysisSettings& settings = {});

} // namespace cdls
