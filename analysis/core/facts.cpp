// MappedText: text assembled from document pieces, with the map back to document offsets.
#include "analysis/core/facts.hpp"

#include <algorithm>
#include <atomic>

namespace cdls {

MappedText MappedText::contiguous(std::string_view text, Offset base) {
    MappedText m;
    m.append(text, base);
    return m;
}

void MappedText::append(std::string_view piece, Offset document_offset) {
    if (piece.empty()) return;
    segments_.push_back({static_cast<Offset>(text_.size()), document_offset,
                         static_cast<Offset>(piece.size())});
    text_.append(piece);
}

Offset MappedText::to_document(Offset logical) const {
    if (segments_.empty()) return 0;
    // The last segment starting at or before `logical`. Range ends are mapped through their
    // last byte (see below), so an end at a piece boundary stays in its own piece.
    auto it = std::upper_bound(segments_.begin(), segments_.end(), logical,
                               [](Offset value, const Segment& s) { return value < s.logical; });
    if (it == segments_.begin()) return segments_.front().document;
    const Segment& s = *std::prev(it);
    Offset delta = std::min<Offset>(logical - s.logical, s.length);
    return s.document + delta;
}

TextRange MappedText::to_document(TextRange logical) const {
    Offset begin = to_document(logical.begin);
    Offset end = begin;
    if (logical.end > logical.begin) {
        // Map the last character's position and step past it, so an end that sits at a
        // segment boundary stays in the segment that holds the range's last byte.
        end = to_document(logical.end - 1) + 1;
    }
    return {begin, std::max(begin, end)};
}

Offset MappedText::to_document_from(Offset logical, std::size_t& hint) const {
    if (hint >= segments_.size() || segments_[hint].logical > logical) return to_document(logical);
    while (hint + 1 < segments_.size() && segments_[hint + 1].logical <= logical) ++hint;
    const Segment& s = segments_[hint];
    return s.document + std::min<Offset>(logical - s.logical, s.length);
}

TextRange MappedText::to_document(TextRange logical, std::size_t& hint) const {
    Offset begin = to_document_from(logical.begin, hint);
    Offset end = begin;
    if (logical.end > logical.begin) end = to_document_from(logical.end - 1, hint) + 1;
    return {begin, std::max(begin, end)};
}

void MappedText::shift(std::int64_t delta) {
    for (Segment& s : segments_) s.document = static_cast<Offset>(s.document + delta);
}

bool starts_like_pragma(std::string_view comment) {
    std::size_t skip = 0;
    while (skip < comment.size() && (comment[skip] == '#' || comment[skip] == ' ' || comment[skip] == '\t')) ++skip;
    std::string_view rest = comment.substr(skip);
    return rest.starts_with("cdls-ignore") || rest.starts_with("hadolint ");
}

std::uint64_t new_fact_stamp() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

void shift_fact(ImageReferenceFact& fact, std::int64_t delta) { shift_range(fact.range, delta); }

void shift_fact(ShellBodyFact& fact, std::int64_t delta) {
    fact.script.shift(delta);
    shift_range(fact.range, delta);
}

void shift_fact(CopiedSourceFact& fact, std::int64_t delta) { shift_range(fact.range, delta); }

void shift_fact(AssignmentFact& fact, std::int64_t delta) {
    shift_range(fact.name_range, delta);
    shift_range(fact.value_range, delta);
}

void shift_fact(LabelFact& fact, std::int64_t delta) {
    shift_range(fact.key_range, delta);
    shift_range(fact.value_range, delta);
}

void shift_fact(CommentFact& fact, std::int64_t delta) { shift_range(fact.range, delta); }

} // namespace cdls
