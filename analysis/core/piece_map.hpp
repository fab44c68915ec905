// Offsets of a text assembled from pieces of a document, mapped back to the document: the facts'
// MappedText and the Dockerfile's LogicalText both keep such pieces ({logical, document,
// length}, sorted by `logical`, none empty) and map through these.
#pragma once

#include "analysis/core/text.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace cdls::piece_map {

// The document offset of `logical`: in the last piece starting at or before it (the end of a
// piece maps to the end of that piece, not to the start of the next one).
template <class Piece>
Offset to_document(const std::vector<Piece>& pieces, Offset logical) {
    if (pieces.empty()) return 0;
    if (pieces.size() == 1) { // a one-line instruction or body: no search
        const Piece& p = pieces.front();
        return logical < p.logical ? p.document : p.document + std::min<Offset>(logical - p.logical, p.length);
    }
    auto it = std::upper_bound(pieces.begin(), pieces.end(), logical,
                               [](Offset value, const Piece& p) { return value < p.logical; });
    if (it == pieces.begin()) return pieces.front().document;
    const Piece& p = *std::prev(it);
    return p.document + std::min<Offset>(logical - p.logical, p.length);
}

// The same, walking on from piece `hint` (where the last call ended) for offsets that mostly
// come in order; an offset before it is searched for.
template <class Piece>
Offset to_document(const std::vector<Piece>& pieces, Offset logical, std::size_t& hint) {
    if (hint >= pieces.size() || pieces[hint].logical > logical) return to_document(pieces, logical);
    while (hint + 1 < pieces.size() && pieces[hint + 1].logical <= logical) ++hint;
    const Piece& p = pieces[hint];
    return p.document + std::min<Offset>(logical - p.logical, p.length);
}

// A range mapped through its last byte and one past it, so that an end at a piece boundary stays
// in the piece that holds the range's last byte. `map(offset)` maps one offset.
template <class Map>
TextRange range_to_document(TextRange logical, Map map) {
    Offset begin = map(logical.begin);
    if (logical.end <= logical.begin) return {begin, begin};
    Offset end = map(logical.end - 1) + 1;
    return {begin, std::max(begin, end)};
}

} // namespace cdls::piece_map
