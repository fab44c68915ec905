// The publish cache: a document's last published ranges and the edits since.
#include "server/published_diagnostics.hpp"

#include <algorithm>
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

PublishedDiagnostics::Moves PublishedDiagnostics::moves(const LineIndex& index) const {
    Moves m;
    m.line_count = static_cast<std::int64_t>(index.line_count());
    m.line_change = m.line_count - static_cast<std::int64_t>(line_count_);
    m.edited = edits_.edited();
    if (!m.edited) return m;
    const TextChange& change = edits_.change();
    m.prefix = change.prefix;
    m.old_changed_end = change.old_changed_end();
    m.old_size = change.old_size;
    m.delta = change.delta();
    // The last line starting at or before the change's end: line_start(l) <= end exactly for
    // the lines up to it (line starts increase).
    auto end = static_cast<Offset>(std::min<std::size_t>(change.new_changed_end(), index.text().size()));
    m.changed_line = index.line_of(end);
    return m;
}

const PublishedDiagnostics::Entry* PublishedDiagnostics::find(TextRange bytes, std::size_t& cursor,
                                                              const Moves& moves) const {
    // Both lists are sorted by position and the change keeps the order of what it did not
    // touch: entries that map before this diagnostic, or nowhere, serve no later one either.
    // Diagnostics at one place share their range: the first entry there serves them all.
    while (cursor < entries_.size()) {
        std::optional<TextRange> moved = moved_bytes(entries_[cursor], moves);
        if (moved && moved->begin >= bytes.begin) {
            if (moved->begin != bytes.begin) return nullptr;
            // The few entries starting here, for one that also ends where the diagnostic does.
            // Bounded, so that a pile of diagnostics at one offset costs no quadratic time.
            constexpr std::size_t most = 64;
            for (std::size_t k = cursor; k < entries_.size() && k < cursor + most; ++k) {
                std::optional<TextRange> at = k == cursor ? moved : moved_bytes(entries_[k], moves);
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

bool PublishedDiagnostics::unchanged_in_place(const std::vector<Diagnostic>& diagnostics, const Moves& moves) {
    if (diagnostics.size() != entries_.size()) return false;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Entry& entry = entries_[i];
        const Diagnostic& d = diagnostics[i];
        std::optional<TextRange> bytes = moved_bytes(entry, moves);
        if (!bytes || bytes->begin != d.range.begin || bytes->end != d.range.end || !contents_[i].same_as(d))
            return false;
        std::optional<LineRange> range = moved_range(entry, moves);
        if (!range || !(*range == entry.range)) return false;
    }
    for (std::size_t i = 0; i < diagnostics.size(); ++i) entries_[i].bytes = diagnostics[i].range;
    return true;
}

bool PublishedDiagnostics::placed_in_place(const std::vector<Diagnostic>& diagnostics, const Moves& moves,
                                           const LineIndex& index, PositionEncoding encoding) {
    if (diagnostics.size() != entries_.size()) return false;
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    std::size_t reused = 0;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Entry& entry = entries_[i];
        const Diagnostic& d = diagnostics[i];
        std::optional<TextRange> bytes = moved_bytes(entry, moves);
        if (!bytes || bytes->begin != d.range.begin || bytes->end != d.range.end) {
            next_entries_.clear();
            return false;
        }
        std::optional<LineRange> range = moved_range(entry, moves);
        reused += range ? 1 : 0;
        next_entries_.push_back({d.range, range ? *range : index.range(d.range, encoding)});
    }
    std::swap(entries_, next_entries_);
    next_entries_ = {};
    reused_ = reused;
    return true;
}

bool PublishedDiagnostics::update(const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                  PositionEncoding encoding, bool compare) {
    // A text that does not add up to the published one plus the recorded changes was changed
    // behind our back: compute every range.
    bool reuse = published_ && encoding == encoding_ && compare == compared_ &&
                 edits_.change().new_size == index.text().size();
    if (!reuse) {
        entries_.clear();
        contents_.clear();
    }
    // The common case of a pull after a keystroke: each diagnostic is the published one at the
    // same index, where the edits left it. Only the byte offsets move; nothing is rebuilt.
    const Moves line_moves = reuse ? moves(index) : Moves{};
    if (reuse && compare && unchanged_in_place(diagnostics, line_moves)) {
        published_text(index);
        reused_ = diagnostics.size();
        return true;
    }
    // A publish after a keystroke: likewise, each at its index, the ranges placed on the way
    // (reuse: the encoding is the last one, and no contents are kept when not comparing).
    if (reuse && !compare && placed_in_place(diagnostics, line_moves, index, encoding)) {
        published_text(index);
        return false;
    }
    bool same = reuse && compare && diagnostics.size() == entries_.size();
    published_ = false; // until the new state is complete (an exception leaves none)
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    next_contents_.clear();
    if (compare) next_contents_.reserve(diagnostics.size());
    std::size_t cursor = 0;
    std::size_t reused = 0;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        Entry& entry = next_entries_.emplace_back();
        entry.bytes = d.range;
        if (compare) next_contents_.emplace_back(d);
        std::optional<LineRange> range;
        if (const Entry* old = find(d.range, cursor, line_moves)) range = moved_range(*old, line_moves);
        if (range) {
            entry.range = *range;
            ++reused;
        } else {
            entry.range = index.range(d.range, encoding);
        }
        if (same) same = entries_[i].range == entry.range && contents_[i].same_as(d);
    }
    std::swap(entries_, next_entries_);
    std::swap(contents_, next_contents_);
    next_entries_ = {}; // the idle trim returns its pages
    next_contents_ = {};
    encoding_ = encoding;
    compared_ = compare;
    published_text(index);
    reused_ = reused;
    published_ = true;
    return same;
}

void PublishedDiagnostics::append_items(std::string& out, const std::vector<Diagnostic>& diagnostics,
                                        RulePrefixes& rule_prefixes) const {
    std::size_t n = std::min(diagnostics.size(), entries_.size()); // equal after update()
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ',';
        append_diagnostic_json(out, diagnostics[i], entries_[i].range, rule_prefixes);
    }
}

void PublishedDiagnostics::append(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                                  const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                  PositionEncoding encoding, RulePrefixes& rule_prefixes) {
    update(diagnostics, index, encoding, false);
    try {
        out += R"({"diagnostics":[)";
        append_items(out, diagnostics, rule_prefixes);
        append_publish_end(out, uri, version);
    } catch (...) {
        forget(); // not sent: the next publish computes every range
        throw;
    }
}

} // namespace cdls::server
