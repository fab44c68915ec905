// What a document's last publishDiagnostics wrote, kept so that the next one reuses the JSON of
// every diagnostic the edits since then did not touch.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "server/convert.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::server {

// A keystroke in a 20 000-line file republishes ≈ 2 200 diagnostics (≈ 1 MB of JSON); writing
// each anew (its positions from the line index, its escaped message) cost 3.7 M instructions
// a keystroke (docs/performance.md, item 26). The edits since the last publish are recorded
// here as one changed region; a diagnostic before it keeps its LSP range, one after it moves
// by the line difference, and one whose rule, message, severity, tags and moved byte range equal
// a published one's is copied from that one's text (its range rewritten if it moved). Any
// doubt (a whole-text change, new settings, another encoding, a text that does not add up)
// means writing everything. The bytes are always those append_publish_diagnostics writes
// (tests/unit/server/published_diagnostics_test.cpp).
class PublishedDiagnostics {
public:
    // Bytes `replaced` of the current text (before this change) were replaced by `inserted` bytes.
    void record_change(TextRange replaced, std::size_t inserted);
    // The text was replaced, or something else changed that the recorded region cannot tell:
    // the next publish writes everything.
    void forget() { published_ = false; }

    // append_publish_diagnostics' text, reusing the last publish's where it may; `index` is the
    // line index of the current text. What it wrote is kept for the next call.
    void append(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                const std::vector<Diagnostic>& diagnostics, const LineIndex& index, PositionEncoding encoding,
                RulePrefixes& rule_prefixes);
    // How many diagnostics the last append copied from the publish before (for tests).
    std::size_t reused() const { return reused_; }

private:
    // One published diagnostic. Its text is in arena_: the JSON object as it was written (with
    // `written_range` as its range), then its rule and message, to compare the next one with.
    struct Entry {
        TextRange bytes;         // in the published text
        LineRange range;         // its LSP range there
        LineRange written_range; // the range its JSON in the arena holds
        std::size_t json_begin = 0; // in arena_: the object ...
        std::size_t range_begin = 0; // ... its "range" value ...
        std::size_t range_end = 0;
        std::size_t json_end = 0; // ... then the rule and the message
        std::uint32_t rule_size = 0;
        std::uint32_t message_size = 0;
        Severity severity = Severity::Warning;
        bool unnecessary = false;
        bool deprecated = false;

        std::size_t arena_end() const { return json_end + rule_size + message_size; }
    };
    // Where an entry's bytes are in the current text; none when the changes touched them.
    // (Defined here, like same_content, to be inlined: both run for every diagnostic.)
    std::optional<TextRange> moved_bytes(const Entry& entry) const {
        if (entry.bytes.begin > entry.bytes.end) return std::nullopt;
        if (!changed_ || entry.bytes.end <= changed_begin_) return entry.bytes;
        if (entry.bytes.begin < changed_end_ - size_change_) return std::nullopt; // overlaps the change
        return TextRange{static_cast<Offset>(entry.bytes.begin + size_change_),
                         static_cast<Offset>(entry.bytes.end + size_change_)};
    }
    // Its LSP range in the current text when the changes cannot have altered it other than by
    // the line difference; none when it must be computed anew.
    std::optional<LineRange> moved_range(const Entry& entry, const LineIndex& index) const;
    // The published entry with the diagnostic's content at its (moved) byte range, if any;
    // `cursor` walks the entries along with the sorted diagnostics.
    const Entry* find(const Diagnostic& d, std::size_t& cursor) const;
    // Everything the JSON holds besides the range (the code link derives from the rule).
    bool same_content(const Entry& entry, const Diagnostic& d) const {
        return entry.severity == d.severity && entry.unnecessary == d.unnecessary &&
               entry.deprecated == d.deprecated && entry.rule_size == d.rule.size() &&
               entry.message_size == d.message.size() &&
               std::memcmp(arena_.data() + entry.json_end, d.rule.data(), d.rule.size()) == 0 &&
               std::memcmp(arena_.data() + entry.json_end + entry.rule_size, d.message.data(), d.message.size()) == 0;
    }
    // Copies the live entries' text into a new arena once the dead text outweighs them.
    void compact_arena(std::size_t live_bytes);

    bool published_ = false;
    std::size_t reused_ = 0;
    PositionEncoding encoding_ = PositionEncoding::Utf16;
    std::size_t text_size_ = 0; // of the published text
    std::size_t line_count_ = 0;
    std::vector<Entry> entries_; // in the published (sorted) order
    // Text is only appended, for diagnostics written anew: a reused one keeps its text where
    // it is (a keystroke copies nothing here for the thousands the edit did not touch).
    std::string arena_;

    // The changes since: current bytes [changed_begin_, changed_end_) hold all that differs;
    // before it the text is the published one, after it the published text from
    // changed_end_ - size_change_ on.
    bool changed_ = false;
    std::int64_t changed_begin_ = 0;
    std::int64_t changed_end_ = 0;
    std::int64_t size_change_ = 0;

    // The next publish's entries are built here while the last ones are read, then swapped:
    // both keep their capacity.
    std::vector<Entry> next_entries_;
};

} // namespace cdls::server
