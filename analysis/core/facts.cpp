// MappedText: text assembled from document pieces, with the map back to document offsets.
#include "analysis/core/facts.hpp"

#include "analysis/core/piece_map.hpp"

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

Offset MappedText::to_document(Offset logical) const { return piece_map::to_document(segments_, logical); }

TextRange MappedText::to_document(TextRange logical) const {
    return piece_map::range_to_document(logical, [&](Offset at) { return piece_map::to_document(segments_, at); });
}

TextRange MappedText::to_document(TextRange logical, std::size_t& hint) const {
    return piece_map::range_to_document(logical,
                                        [&](Offset at) { return piece_map::to_document(segments_, at, hint); });
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
