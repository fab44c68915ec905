// The publish cache: a document's last published ranges and the edits since.
#include "server/published_diagnostics.hpp"

#include <utility>

namespace cdls::server {

void PublishedDiagnostics::record_change(TextRange replaced, std::size_t inserted) {
    if (!published_) return;
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

const PublishedDiagnostics::Entry* PublishedDiagnostics::find(TextRange bytes, std::size_t& cursor) const {
    // Both lists are sorted by position and the change keeps the order of what it did not
    // touch: entries that map before this diagnostic, or nowhere, serve no later one either.
    // Diagnostics at one place share their range: the first entry there serves them all.
    while (cursor < entries_.size()) {
        std::optional<TextRange> moved = moved_bytes(entries_[cursor]);
        if (moved && moved->begin >= bytes.begin) {
            if (moved->begin != bytes.begin) return nullptr;
            // The few entries starting here, for one that also ends where the diagnostic does.
            // Bounded, so that a pile of diagnostics at one offset costs no quadratic time.
            constexpr std::size_t most = 64;
            for (std::size_t k = cursor; k < entries_.size() && k < cursor + most; ++k) {
                std::optional<TextRange> at = k == cursor ? moved : moved_bytes(entries_[k]);
                if (!at) continue;
                if (at->begin != bytes.begin) break;
                if (at->end == bytes.end) return &entries_[k];
            }
            return nullptr;
        }
        ++cursor;
    }
    return nullptr;
}

void PublishedDiagnostics::append(std::string& out, std::string_view uri,
                                  std::optional<std::int64_t> version,
                                  const std::vector<Diagnostic>& diagnostics,
                                  const LineIndex& index, PositionEncoding encoding,
                                  RulePrefixes& rule_prefixes) {
    // A text that does not add up to the published one plus the recorded changes was changed
    // behind our back: compute every range.
    bool reuse = published_ && encoding == encoding_ && edits_.change().new_size == index.text().size();
    if (!reuse) entries_.clear();
    published_ = false; // until the new state is complete (an exception leaves none)
    out += R"({"diagnostics":[)";
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    std::size_t cursor = 0;
    std::size_t reused = 0;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        Entry& entry = next_entries_.emplace_back();
        entry.bytes = d.range;
        std::optional<LineRange> range;
        if (const Entry* old = find(d.range, cursor)) range = moved_range(*old, index);
        if (range) {
            entry.range = *range;
            ++reused;
        } else {
            entry.range = index.range(d.range, encoding);
        }
        if (i) out += ',';
        append_diagnostic_json(out, d, entry.range, rule_prefixes);
    }
    append_publish_end(out, uri, version);

    std::swap(entries_, next_entries_);
    next_entries_ = {}; // the idle trim returns its pages
    encoding_ = encoding;
    edits_ = EditedSpan(index.text().size());
    line_count_ = index.line_count();
    reused_ = reused;
    published_ = true;
}

} // namespace cdls::server
