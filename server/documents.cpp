// Open documents and incremental text synchronisation.
#include "server/documents.hpp"

#include "analysis/document_kind.hpp"

namespace cdls::server {

Document& DocumentStore::open(const lsp::TextDocumentItem& item) {
    Document doc;
    doc.uri = item.uri;
    doc.language_id = item.languageId;
    doc.version = item.version;
    // With the slack a keystroke's growth takes (reserve_with_slack): the first keystroke in a
    // large file does not copy the whole text (0.7 MB at 20 000 lines) into a larger buffer.
    doc.text.reserve(item.text.size() + item.text.size() / 16 + 64);
    doc.text = item.text;
    doc.analyzer = DocumentAnalyzer(detect_kind(item.uri, item.languageId, item.text));
    constexpr std::string_view config_suffix = "/.cdls.json";
    doc.is_config = item.uri.size() >= config_suffix.size() &&
                    item.uri.compare(item.uri.size() - config_suffix.size(), config_suffix.size(), config_suffix) == 0;
    auto [it, inserted] = documents_.insert_or_assign(item.uri, std::move(doc));
    (void)inserted;
    return it->second;
}

void Document::replace_text(std::string_view new_text) {
    if (edits_since_analysis) {
        TextChange d = diff_texts(text, new_text);
        edits_since_analysis->replace(d.prefix, d.old_changed_end(), d.new_changed_end() - d.prefix);
    }
    text.assign(new_text);
    lines.reset(); // the buffer may be the same: the index would look current
    published.forget();
    dirty = true;
}

Document* DocumentStore::find(const std::string& uri) {
    auto it = documents_.find(uri);
    return it == documents_.end() ? nullptr : &it->second;
}

bool DocumentStore::close(const std::string& uri) { return documents_.erase(uri) > 0; }

std::optional<ChangeError> DocumentStore::apply_changes(Document& document,
                                                        const std::vector<lsp::TextDocumentContentChangeEvent>& changes,
                                                        PositionEncoding encoding) {
    // The index of the text before the first change is the one built with its analysis; each
    // change updates it (a keystroke re-scans its own line, not the text), and the analysis of
    // the new version finds it ready.
    std::shared_ptr<const LineIndex> lines = document.lines_current() ? document.lines : nullptr;
    document.lines.reset();
    for (const auto& change : changes) {
        document.dirty = true;
        if (!change.range) {
            document.replace_text(change.text);
            lines.reset();
            continue;
        }
        const lsp::Range& r = *change.range;
        bool inverted = r.start.line > r.end.line || (r.start.line == r.end.line && r.start.character > r.end.character);
        if (inverted) {
            document.lines = lines;
            return ChangeError{"inverted range " + std::to_string(r.start.line) + ":" + std::to_string(r.start.character) +
                               "-" + std::to_string(r.end.line) + ":" + std::to_string(r.end.character)};
        }
        if (!lines) lines = std::make_shared<const LineIndex>(document.text);
        TextRange range = lines->offsets({{r.start.line, r.start.character}, {r.end.line, r.end.character}}, encoding);
        if (range.end < range.begin) range.end = range.begin;
        // Grown by a sixteenth, not doubled, when a keystroke makes it longer (core/text.hpp).
        reserve_with_slack(document.text, document.text.size() - (range.end - range.begin) + change.text.size());
        document.text.replace(range.begin, range.end - range.begin, change.text);
        document.published.record_change(range, change.text.size());
        if (document.edits_since_analysis)
            document.edits_since_analysis->replace(range.begin, range.end, change.text.size());
        lines = std::make_shared<const LineIndex>(document.text, *lines, range, change.text.size());
    }
    document.lines = std::move(lines);
    return std::nullopt;
}

} // namespace cdls::server
