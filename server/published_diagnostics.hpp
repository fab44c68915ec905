// What a document's last publishDiagnostics said about positions, kept so that the next one
// need not compute again the LSP range of every diagnostic the edits since then did not move.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "analysis/core/text_diff.hpp"
#include "server/convert.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::server {

// A keystroke in a 20 000-line file republishes ≈ 2 200 diagnostics (≈ 0.8 MB of JSON). What
// costs in writing one is its positions (a line look-up and, in utf-16, counting the units
// before each end); the rest is copying its rule's prefix and its message and writing four
// numbers. So the cache keeps each published diagnostic's byte range and LSP range, 24 bytes,
// and the edits since as one changed region: a diagnostic before it keeps its LSP range, one
// after it moves by the line difference, one at a place the edits touched is placed anew. The
// JSON is written each time (no copy of the last message is held: it was as large as the
// message, docs/performance.md). Any doubt (a whole-text change, new settings, another
// encoding, a text that does not add up) means computing every range. The bytes are always
// those append_publish_diagnostics writes (tests/unit/server/published_diagnostics_test.cpp).
class PublishedDiagnostics {
public:
    // Bytes `replaced` of the current text (before this change) were replaced by `inserted` bytes.
    void record_change(TextRange replaced, std::size_t inserted);
    // The text was replaced, or something else changed that the recorded region cannot tell:
    // the next publish computes every range.
    void forget() { published_ = false; }

    // Places `diagnostics` in the current text, whose line index is `index`: the LSP range of
    // each, taken from the last publish where the edits since cannot have moved it. From then on
    // they are the published ones. True when they are what the last publish sent, range for
    // range: the same rules, messages, severities and tags (a pull then answers "unchanged").
    // Without `compare` (a publish, which is sent whatever it holds) only the positions are
    // kept, and the answer is false.
    bool update(const std::vector<Diagnostic>& diagnostics, const LineIndex& index, PositionEncoding encoding,
                bool compare = true);
    // The JSON objects of the diagnostics last given to update(), comma-separated, at the end
    // of `out` (a publishDiagnostics' or a pull report's array).
    void append_items(std::string& out, const std::vector<Diagnostic>& diagnostics, RulePrefixes& rule_prefixes) const;
    // update(), then append_publish_diagnostics' text at the end of `out`.
    void append(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                const std::vector<Diagnostic>& diagnostics, const LineIndex& index, PositionEncoding encoding,
                RulePrefixes& rule_prefixes);
    // How many LSP ranges the last append took from the publish before (for tests).
    std::size_t reused() const { return reused_; }

private:
    struct Entry {
        TextRange bytes; // in the published text
        LineRange range; // its LSP range there
    };
    // What else a diagnostic's JSON says, kept beside its entry when update() compares (pulls),
    // to tell an unchanged list (the message is shared, not copied).
    struct Content {
        std::string_view rule;
        SharedText message;
        Severity severity = Severity::Warning;
        bool unnecessary = false;
        bool deprecated = false;
        explicit Content(const Diagnostic& d)
            : rule(d.rule), message(d.message), severity(d.severity), unnecessary(d.unnecessary),
              deprecated(d.deprecated) {}
        bool same_as(const Diagnostic& d) const {
            // Rule ids are RuleInfo's, in static storage: one id, one address.
            bool same_rule = (rule.data() == d.rule.data() && rule.size() == d.rule.size()) || rule == d.rule;
            return same_rule && severity == d.severity && unnecessary == d.unnecessary &&
                   deprecated == d.deprecated && message == d.message;
        }
    };

    // What the edits since the last publish did, read once per update() (a keystroke in a large
    // file places thousands of entries): the change in bytes, and how it moved lines in the
    // current text — the difference in line count, the line where the change ends (lines up to
    // it may have changed), the line count.
    struct Moves {
        bool edited = false;
        std::size_t prefix = 0, old_changed_end = 0, old_size = 0;
        std::ptrdiff_t delta = 0;
        std::int64_t line_change = 0;
        std::int64_t changed_line = -1;
        std::int64_t line_count = 0;
    };
    Moves moves(const LineIndex& index) const;
    // Where an entry's bytes are in the current text; none when the changes touched them.
    static std::optional<TextRange> moved_bytes(const Entry& entry, const Moves& moves) {
        if (entry.bytes.begin > entry.bytes.end) return std::nullopt;
        if (!moves.edited || entry.bytes.end <= moves.prefix) return entry.bytes;
        if (entry.bytes.begin < moves.old_changed_end) return std::nullopt; // overlaps the change
        return TextRange{static_cast<Offset>(entry.bytes.begin + moves.delta),
                         static_cast<Offset>(entry.bytes.end + moves.delta)};
    }
    // Its LSP range in the current text when the changes cannot have altered it other than by
    // the line difference; none when it must be computed anew.
    static std::optional<LineRange> moved_range(const Entry& entry, const Moves& moves) {
        if (!moves.edited) return entry.range; // the same text
        // A position reads the text up to its offset and at most 2 bytes past it (the rest of a
        // UTF-8 sequence or of a "\r\n" pair it may be inside): a range that ends that far
        // before the change read nothing the change altered.
        if (entry.bytes.end + std::size_t{3} <= moves.prefix) return entry.range;
        if (entry.bytes.end <= moves.prefix || entry.bytes.end > moves.old_size) return std::nullopt;
        // After the change, line starts past it are the published ones moved, so each such
        // line's number grew by the difference in line count and what its columns count is
        // unchanged. That holds when the first line of the range (hence every one) starts past
        // the change, that is after the line where the change ended, whose start or columns the
        // change may have moved.
        std::int64_t start_line = entry.range.start.line + moves.line_change;
        if (start_line <= moves.changed_line || start_line >= moves.line_count) return std::nullopt;
        LineRange range = entry.range;
        range.start.line = static_cast<std::uint32_t>(start_line);
        range.end.line = static_cast<std::uint32_t>(entry.range.end.line + moves.line_change);
        return range;
    }
    // The published entry whose (moved) bytes are the diagnostic's, if any; `cursor` walks the
    // entries along with the sorted diagnostics.
    const Entry* find(TextRange bytes, std::size_t& cursor, const Moves& moves) const;
    // True when each diagnostic is the published one at its index, moved by the edits to the
    // same LSP range; then the entries take the diagnostics' byte offsets.
    bool unchanged_in_place(const std::vector<Diagnostic>& diagnostics, const Moves& moves);
    // For a publish (nothing compared): when each diagnostic is the published one at its index,
    // moved by the edits to its bytes, the entries are placed index by index (the LSP range
    // taken where the edits cannot have moved it, computed otherwise), as the search in order
    // would place them. False, changing nothing, at the first that is not.
    bool placed_in_place(const std::vector<Diagnostic>& diagnostics, const Moves& moves, const LineIndex& index,
                         PositionEncoding encoding);
    // The entries now describe the text `index` indexes: the edits since start from it.
    void published_text(const LineIndex& index) {
        edits_ = EditedSpan(index.text().size());
        line_count_ = index.line_count();
    }

    bool published_ = false; // entries_ describe the last publish
    bool compared_ = false;  // ... and hold what update() compares (its last call had `compare`)
    std::size_t reused_ = 0;
    PositionEncoding encoding_ = PositionEncoding::Utf16;
    std::size_t line_count_ = 0;
    std::vector<Entry> entries_; // in the published (sorted) order
    std::vector<Entry> next_entries_;
    std::vector<Content> contents_; // entries_' contents when compared_, else empty
    std::vector<Content> next_contents_;
    // The edits since, from the published text (its size is the change's old_size): before
    // their span the text is the published one, after it the published text moved by delta().
    EditedSpan edits_{0};
};

} // namespace cdls::server
