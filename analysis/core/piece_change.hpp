// What a kind analyzer's splice re-derived: the region of the text whose pieces (Dockerfile
// instructions, definition-file stages) it parsed, checked and collected anew, the facts those
// pieces gave, and whether its whole-document rules read anything the splice changed. The
// document analysis uses it to patch the last result's diagnostics instead of building them
// anew (document_analysis.cpp).
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/text.hpp"

#include <cstddef>
#include <vector>

namespace cdls {

struct PieceChange {
    // False when the analyzer parsed or collected the text whole: nothing below holds.
    bool valid = false;
    // The re-derived pieces lie in [begin, old_end) of the old text and [begin, new_end()) of
    // the new one; every other piece is the old one, moved by `delta` when after the region.
    // Each piece's own findings (Origin::Piece) lie in it.
    Offset begin = 0;
    Offset old_end = 0;
    std::ptrdiff_t delta = 0;
    Offset new_end() const { return static_cast<Offset>(static_cast<std::ptrdiff_t>(old_end) + delta); }
    // Where the re-derived pieces' facts are in each list: [at, at + inserted) of the new facts
    // replaced [at, at + removed) of the old ones.
    struct Span {
        std::size_t at = 0, removed = 0, inserted = 0;
    };
    Span bodies, copies, assignments, labels;
    // The kind's whole-document rules (Origin::KindDocument) and the image rules read nothing
    // the splice changed: their findings are the last ones, moved.
    bool document_same = false;
    bool images_same = false;
    // The re-derived pieces' findings of the kind's piece rules, in new offsets.
    std::vector<Diagnostic> fresh;
};

} // namespace cdls
