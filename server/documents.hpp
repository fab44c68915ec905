// The open documents: text, version, kind, incremental analyzer and the latest analysis.
#pragma once

#include "analysis/core/line_index.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/document_analysis.hpp"
#include "protocol/lsp.hpp"
#include "server/published_diagnostics.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace cdls::server {

struct Document {
    std::string uri;
    std::string language_id;
    std::int64_t version = 0;
    std::string text;
    DocumentAnalyzer analyzer{DocumentKind::Definition};
    std::shared_ptr<const AnalysisResult> analysis; // of `analyzed_version`
    // Line starts of `text`: updated by each incremental change, built with the analysis
    // otherwise, so a keystroke indexes its own line once, not the text once per use.
    std::shared_ptr<const LineIndex> lines;
    std::int64_t analyzed_version = -1;
    bool dirty = true;        // text changed since the last analysis
    bool needs_publish = true; // diagnostics of the current version not yet sent
    // What the last publish wrote and the changes since (apply_changes records them), so the
    // next publish rewrites only the diagnostics that changed.
    PublishedDiagnostics published;
    std::uint64_t result_id = 0; // of the last pull report (0: none yet)
    bool is_config = false;    // a .cdls.json: validated, not analysed as a container file
    // The edits since the text of the last analysis (nullopt before the first): the incremental
    // analyzers re-parse what they span instead of comparing the old text with the new.
    std::optional<EditedSpan> edits_since_analysis;

    DocumentKind kind() const { return analyzer.kind(); }
    // Replaces the whole text (didChange without a range, didSave with the text); the edits
    // since the analysis take in what differs.
    void replace_text(std::string_view new_text);
    // Whether `lines` indexes the current text.
    bool lines_current() const {
        return lines && lines->text().data() == text.data() && lines->text().size() == text.size();
    }
};

// Why an incremental change could not be applied.
struct ChangeError {
    std::string message;
};

class DocumentStore {
public:
    Document& open(const lsp::TextDocumentItem& item);
    Document* find(const std::string& uri);
    bool close(const std::string& uri);
    std::map<std::string, Document>& all() { return documents_; }

    // Applies the changes in order. A range past the end clamps to the end; an inverted range
    // rejects that change (and the ones after it, which were made against a text we no longer
    // have) and returns the error; the document keeps the text up to the last good change.
    static std::optional<ChangeError> apply_changes(Document& document,
                                                    const std::vector<lsp::TextDocumentContentChangeEvent>& changes,
                                                    PositionEncoding encoding);

private:
    std::map<std::string, Document> documents_;
};

} // namespace cdls::server
