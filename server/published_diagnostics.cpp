// The publish cache: a document's last published diagnostics and the edits since.
#include "server/published_diagnostics.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace cdls::server {

void PublishedDiagnostics::record_change(TextRange replaced, std::size_t inserted) {
    if (!published_) return;
    auto size_change = static_cast<std::int64_t>(inserted) - static_cast<std::int64_t>(replaced.length());
    if (!changed_) {
        changed_ = true;
        changed_begin_ = replaced.begin;
        changed_end_ = static_cast<std::int64_t>(replaced.begin) + static_cast<std::int64_t>(inserted);
    } else {
        // The bytes before both regions are still the published ones, and those after both
        // are still the published suffix, moved by this change's size difference.
        changed_begin_ = std::min<std::int64_t>(changed_begin_, replaced.begin);
        changed_end_ = std::max<std::int64_t>(changed_end_, replaced.end) + size_change;
    }
    size_change_ += size_change;
}

std::optional<LineRange> PublishedDiagnostics::moved_range(const Entry& entry, const LineIndex& index) const {
    if (!changed_) return entry.range; // the same text
    // A position reads the text up to its offset and at most 2 bytes past it (the rest of a
    // UTF-8 sequence or of a "\r\n" pair it may be inside): a range that ends that far before
    // the change read nothing the change altered.
    if (entry.bytes.end + std::int64_t{3} <= changed_begin_) return entry.range;
    if (entry.bytes.end <= changed_begin_ || entry.bytes.end > text_size_) return std::nullopt;
    // After the change, line starts past it are the published ones moved, so each such line's
    // number grew by the difference in line count and what its columns count is unchanged. That
    // holds when the first line of the range (hence every one) starts past the change, that is
    // not on the line where the change ended, whose start or columns the change may have moved.
    std::int64_t line_change = static_cast<std::int64_t>(index.line_count()) - static_cast<std::int64_t>(line_count_);
    std::int64_t start_line = entry.range.start.line + line_change;
    if (start_line < 0 || start_line >= static_cast<std::int64_t>(index.line_count()) ||
        index.line_start(static_cast<std::uint32_t>(start_line)) <= changed_end_)
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

void PublishedDiagnostics::append(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                                  const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                  PositionEncoding encoding, RulePrefixes& rule_prefixes) {
    // A text that does not add up to the published one plus the recorded changes was changed
    // behind our back: write everything.
    bool reuse = published_ && encoding == encoding_ &&
                 static_cast<std::int64_t>(text_size_) + size_change_ == static_cast<std::int64_t>(index.text().size());
    published_ = false; // until the new state is complete (an exception leaves none)
    if (!reuse) {
        entries_.clear();
        arena_.clear();
    }
    out += R"({"diagnostics":[)";
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    std::size_t cursor = 0;
    std::size_t copied = 0;
    std::size_t live_bytes = 0;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        if (i) out += ',';
        const Entry* old = find(d, cursor);
        Entry& entry = old ? next_entries_.emplace_back(*old) : next_entries_.emplace_back();
        if (old) {
            std::optional<LineRange> range = moved_range(*old, index);
            entry.range = range ? *range : index.range(d.range, encoding);
            if (entry.range == old->written_range) {
                out.append(arena_, old->json_begin, old->json_end - old->json_begin);
            } else {
                out.append(arena_, old->json_begin, old->range_begin - old->json_begin);
                append_range_json(out, entry.range);
                out.append(arena_, old->range_end, old->json_end - old->range_end);
            }
            ++copied;
        } else {
            entry.range = index.range(d.range, encoding);
            entry.written_range = entry.range;
            std::size_t start = out.size();
            JsonSpan range = append_diagnostic_json(out, d, entry.range, rule_prefixes);
            entry.json_begin = arena_.size();
            entry.range_begin = entry.json_begin + (range.begin - start);
            entry.range_end = entry.json_begin + (range.end - start);
            arena_.append(out, start, out.size() - start);
            entry.json_end = arena_.size();
            arena_ += d.rule;
            arena_ += d.message;
            entry.rule_size = static_cast<std::uint32_t>(d.rule.size());
            entry.message_size = static_cast<std::uint32_t>(d.message.size());
            entry.severity = d.severity;
            entry.unnecessary = d.unnecessary;
            entry.deprecated = d.deprecated;
        }
        entry.bytes = d.range;
        live_bytes += entry.arena_end() - entry.json_begin;
    }
    append_publish_end(out, uri, version);

    std::swap(entries_, next_entries_);
    if (arena_.size() > 2 * live_bytes + 4096) compact_arena(live_bytes);
    encoding_ = encoding;
    text_size_ = index.text().size();
    line_count_ = index.line_count();
    changed_ = false;
    changed_begin_ = changed_end_ = size_change_ = 0;
    reused_ = copied;
    published_ = true;
}

void PublishedDiagnostics::compact_arena(std::size_t live_bytes) {
    // Amortised: the dead text it drops is at least as large as what it copies.
    std::string compacted;
    compacted.reserve(live_bytes);
    for (Entry& entry : entries_) {
        std::size_t moved_to = compacted.size();
        compacted.append(arena_, entry.json_begin, entry.arena_end() - entry.json_begin);
        entry.range_begin = entry.range_begin - entry.json_begin + moved_to;
        entry.range_end = entry.range_end - entry.json_begin + moved_to;
        entry.json_end = entry.json_end - entry.json_begin + moved_to;
        entry.json_begin = moved_to;
    }
    arena_.swap(compacted);
}

} // namespace cdls::server
