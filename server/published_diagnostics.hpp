// What a document's last publishDiagnostics wrote, kept so that the next one reuses the JSON of
// every diagnostic the edits since then did not touch.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "analysis/core/text_diff.hpp"
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
    void forget() {
        published_ = appended_ = false;
        message_ = std::string();
    }

    // append_publish_diagnostics' text at the end of `out`, reusing the last publish's where it
    // may; `index` is the line index of the current text. Reuse needs keep() after it.
    void append(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                const std::vector<Diagnostic>& diagnostics, const LineIndex& index, PositionEncoding encoding,
                RulePrefixes& rule_prefixes);
    // The string the last append wrote into, as sent (what append wrote still at the offsets it
    // wrote it): the next append copies from it. The message itself is kept, not a copy of
    // each diagnostic's text (docs/performance.md, item 26).
    void keep(std::string message);
    // How many diagnostics the last append copied from the publish before (for tests).
    std::size_t reused() const { return reused_; }

private:
    // One published diagnostic: where its JSON object is in message_ (with `range` as its
    // range) and what the next diagnostic is compared with besides that text.
    struct Entry {
        TextRange bytes;            // in the published text
        LineRange range;            // its LSP range there
        std::size_t json_begin = 0; // in message_: the object ...
        // ... its message: when plain_message, where its JSON string starts (after the quote,
        // from json_begin); otherwise its index in copied_messages_ ...
        std::uint32_t message = 0;
        // ... and, from json_begin, its "range" value and its end.
        std::uint32_t range_begin = 0;
        std::uint32_t range_end = 0;
        std::uint32_t json_end = 0;
        // The rule's size when its JSON string holds its bytes unescaped (the rule follows
        // `{"code":"`); not_plain otherwise, and then it is never reused.
        std::uint16_t rule_size = 0;
        std::uint8_t severity = 0; // a Severity
        bool unnecessary = false;
        bool deprecated = false;
        bool plain_message = false; // its JSON string holds the message's bytes unescaped
    };
    static constexpr std::uint16_t not_plain = 0xFFFF;
    static constexpr std::uint32_t no_message = 0xFFFFFFFF;
    static constexpr std::size_t code_prefix = sizeof(R"({"code":")") - 1;
    static constexpr std::size_t range_key = sizeof(R"(,"range":)") - 1;

    // Where an entry's bytes are in the current text; none when the changes touched them.
    // (Defined here, like same_content, to be inlined: both run for every diagnostic.)
    std::optional<TextRange> moved_bytes(const Entry& entry) const {
        if (entry.bytes.begin > entry.bytes.end) return std::nullopt;
        const TextChange& change = edits_.change();
        if (!edits_.edited() || entry.bytes.end <= change.prefix) return entry.bytes;
        if (entry.bytes.begin < change.old_changed_end()) return std::nullopt; // overlaps the change
        return TextRange{static_cast<Offset>(entry.bytes.begin + change.delta()),
                         static_cast<Offset>(entry.bytes.end + change.delta())};
    }
    // Its LSP range in the current text when the changes cannot have altered it other than by
    // the line difference; none when it must be computed anew.
    std::optional<LineRange> moved_range(const Entry& entry, const LineIndex& index) const;
    // The published entry with the diagnostic's content at its (moved) byte range, if any;
    // `cursor` walks the entries along with the sorted diagnostics.
    const Entry* find(const Diagnostic& d, std::size_t& cursor) const;
    // memcmp without a call for the 8 to 32 bytes a rule id has (it runs for every diagnostic).
    static bool same_short(const char* a, const char* b, std::size_t n) {
        if (n < 8 || n > 32) return std::memcmp(a, b, n) == 0;
        auto load = [](const char* p) {
            std::uint64_t word;
            std::memcpy(&word, p, sizeof word);
            return word;
        };
        std::uint64_t differ = load(a + n - 8) ^ load(b + n - 8);
        for (std::size_t k = 0; k + 8 < n; k += 8) differ |= load(a + k) ^ load(b + k);
        return differ == 0;
    }
    // Everything the JSON holds besides the range (the code link derives from the rule),
    // compared with the entry's JSON text.
    bool same_content(const Entry& entry, const Diagnostic& d) const {
        if (entry.severity != static_cast<std::uint8_t>(d.severity) ||
            entry.unnecessary != d.unnecessary || entry.deprecated != d.deprecated ||
            entry.rule_size != d.rule.size() || entry.rule_size == not_plain)
            return false;
        const char* json = message_.data() + entry.json_begin;
        if (!same_short(json + code_prefix, d.rule.data(), d.rule.size())) return false;
        std::string_view message =
            entry.plain_message
                ? std::string_view(json + entry.message,
                                   entry.range_begin - range_key - 1 - entry.message)
                : std::string_view(copied_messages_[entry.message]);
        return message.size() == d.message.size() &&
               std::memcmp(message.data(), d.message.data(), message.size()) == 0;
    }

    bool published_ = false;      // entries_ and message_ describe the last publish
    bool appended_ = false;       // an append waits for its keep()
    std::size_t written_end_ = 0; // where the last append's text ended in its string
    std::size_t reused_ = 0;
    PositionEncoding encoding_ = PositionEncoding::Utf16;
    std::size_t line_count_ = 0;
    std::vector<Entry> entries_; // in the published (sorted) order
    // The last message sent; a keystroke copies the untouched diagnostics' JSON out of it.
    std::string message_;
    // The messages not written as they are (quotes, line breaks: a tenth of them), to compare
    // with: shared with the diagnostics (SharedText), not copied. A reused entry's moves to the
    // next list after the walk; moved_to_ maps its old index to the new one (equal diagnostics
    // at one place match the same entry).
    std::vector<SharedText> copied_messages_;
    std::vector<SharedText> next_copied_messages_;
    std::vector<std::uint32_t> moved_to_;

    // The edits since, from the published text (its size is the change's old_size): before
    // their span the text is the published one, after it the published text moved by delta().
    EditedSpan edits_{0};

    // The next publish's entries are built here while the last ones are read, then swapped.
    std::vector<Entry> next_entries_;
};

} // namespace cdls::server
