// The publish cache: a document's last published diagnostics and the edits since.
#include "server/published_diagnostics.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace cdls::server {

void PublishedDiagnostics::record_change(TextRange replaced, std::size_t inserted) {
    if (!published_ && !appended_) return;
    // A range past the text the recorded edits lead to: that text is not the one edited.
    if (replaced.end > edits_.change().new_size) {
        forget();
        return;
    }
    edits_.replace(replaced.begin, replaced.end, inserted);
}

std::optional<LineRange> PublishedDiagnostics::moved_range(const Entry& entry, const LineIndex& index) const {
    if (!edits_.edited()) return entry.range; // the same text
    const TextChange& change = edits_.change();
    // A position reads the text up to its offset and at most 2 bytes past it (the rest of a
    // UTF-8 sequence or of a "\r\n" pair it may be inside): a range that ends that far before
    // the change read nothing the change altered.
    if (entry.bytes.end + std::size_t{3} <= change.prefix) return entry.range;
    if (entry.bytes.end <= change.prefix || entry.bytes.end > change.old_size) return std::nullopt;
    // After the change, line starts past it are the published ones moved, so each such line's
    // number grew by the difference in line count and what its columns count is unchanged. That
    // holds when the first line of the range (hence every one) starts past the change, that is
    // not on the line where the change ended, whose start or columns the change may have moved.
    std::int64_t line_change = static_cast<std::int64_t>(index.line_count()) - static_cast<std::int64_t>(line_count_);
    std::int64_t start_line = entry.range.start.line + line_change;
    if (start_line < 0 || start_line >= static_cast<std::int64_t>(index.line_count()) ||
        index.line_start(static_cast<std::uint32_t>(start_line)) <= change.new_changed_end())
        return std::nullopt;
    LineRange range = entry.range;
    range.start.line = static_cast<std::uint32_t>(start_line);
    range.end.line = static_cast<std::uint32_t>(entry.range.end.line + line_change);
    return range;
}

const PublishedDiagnostics::Entry* PublishedDiagnostics::find(const Diagnostic& d, std::size_t& cursor) const {
    // Both lists are sorted by position and the change keeps the order of what it did not
    // touch: entries that map before this diagnostic, or nowhere, serve no later one either.
    std::optional<TextRange> bytes;
    while (cursor < entries_.size()) {
        bytes = moved_bytes(entries_[cursor]);
        if (bytes && bytes->begin >= d.range.begin) break;
        ++cursor;
    }
    // The few entries at the same position. Bounded, so that a pile of diagnostics at one
    // offset costs no quadratic time (a miss only means writing that one anew).
    constexpr std::size_t most = 64;
    for (std::size_t k = cursor; k < entries_.size() && k < cursor + most; ++k) {
        if (k != cursor) bytes = moved_bytes(entries_[k]);
        if (!bytes) continue;
        if (bytes->begin != d.range.begin) break;
        if (bytes->end == d.range.end && same_content(entries_[k], d)) return &entries_[k];
    }
    return nullptr;
}

namespace {

// Rules are written by append_json_string; one of printable ASCII without quote or backslash
// is written as it is.
bool plain_json(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
}

} // namespace

void PublishedDiagnostics::append(std::string& out, std::string_view uri,
                                  std::optional<std::int64_t> version,
                                  const std::vector<Diagnostic>& diagnostics,
                                  const LineIndex& index, PositionEncoding encoding,
                                  RulePrefixes& rule_prefixes) {
    // A text that does not add up to the published one plus the recorded changes was changed
    // behind our back: write everything.
    bool reuse = published_ && encoding == encoding_ && edits_.change().new_size == index.text().size();
    published_ = appended_ = false; // until the new state is complete (an exception leaves none)
    if (!reuse) {
        entries_.clear();
        message_ = std::string();
        copied_messages_.clear();
    }
    out += R"({"diagnostics":[)";
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    next_copied_messages_.clear();
    moved_to_.assign(copied_messages_.size(), no_message);
    std::size_t cursor = 0;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        if (i) out += ',';
        const Entry* old = find(d, cursor);
        std::size_t json_begin = out.size();
        Entry& entry = old ? next_entries_.emplace_back(*old) : next_entries_.emplace_back();
        entry.json_begin = json_begin;
        if (old) {
            std::optional<LineRange> range = moved_range(*old, index);
            entry.range = range ? *range : index.range(d.range, encoding);
            const char* json = message_.data() + old->json_begin;
            if (entry.range == old->range) {
                out.append(json, old->json_end);
            } else {
                out.append(json, old->range_begin);
                append_range_json(out, entry.range);
                entry.range_end = static_cast<std::uint32_t>(out.size() - json_begin);
                out.append(json + old->range_end, old->json_end - old->range_end);
                entry.json_end = static_cast<std::uint32_t>(out.size() - json_begin);
            }
            if (!old->plain_message) {
                // A slot now, filled after the walk: find() still reads the old ones.
                std::uint32_t& to = moved_to_[old->message];
                if (to == no_message) {
                    to = static_cast<std::uint32_t>(next_copied_messages_.size());
                    next_copied_messages_.emplace_back();
                }
                entry.message = to;
            }
            ++copied;
        } else {
            entry.range = index.range(d.range, encoding);
            DiagnosticJsonLayout layout =
                append_diagnostic_json(out, d, entry.range, rule_prefixes);
            entry.message = static_cast<std::uint32_t>(layout.message_begin - json_begin);
            entry.range_begin = static_cast<std::uint32_t>(layout.range_begin - json_begin);
            entry.range_end = static_cast<std::uint32_t>(layout.range_end - json_begin);
            entry.json_end = static_cast<std::uint32_t>(out.size() - json_begin);
            entry.rule_size = d.rule.size() < not_plain && plain_json(d.rule)
                                  ? static_cast<std::uint16_t>(d.rule.size())
                                  : not_plain;
            std::string_view message(out.data() + layout.message_begin,
                                     layout.range_begin - range_key - 1 - layout.message_begin);
            entry.plain_message = message == d.message;
            if (!entry.plain_message) {
                entry.message = static_cast<std::uint32_t>(next_copied_messages_.size());
                next_copied_messages_.push_back(d.message);
            }
            entry.severity = static_cast<std::uint8_t>(d.severity);
            entry.unnecessary = d.unnecessary;
            entry.deprecated = d.deprecated;
        }
        entry.bytes = d.range;
    }
    append_publish_end(out, uri, version);

    for (std::size_t k = 0; k < moved_to_.size(); ++k)
        if (moved_to_[k] != no_message)
            next_copied_messages_[moved_to_[k]] = std::move(copied_messages_[k]);
    // The last publish's lists are not held between publishes (the idle trim returns their pages).
    std::swap(entries_, next_entries_);
    next_entries_ = {};
    std::swap(copied_messages_, next_copied_messages_);
    next_copied_messages_ = {};
    moved_to_ = {};
    encoding_ = encoding;
    edits_ = EditedSpan(index.text().size());
    line_count_ = index.line_count();
    reused_ = copied;
    written_end_ = out.size();
    appended_ = true;
}

void PublishedDiagnostics::keep(std::string message) {
    published_ = appended_ && message.size() >= written_end_;
    appended_ = false;
    message_ = published_ ? std::move(message) : std::string();
}

} // namespace cdls::server
