// Re-parsing an edited definition file by splicing its tree: the blocks (stage headers,
// sections) before the change are kept, the new text is laid out and parsed from the block the
// change begins in until the walk reaches a block start the old layout also had past the
// change, and the old blocks from there on are moved by the size difference.
#pragma once

#include "analysis/core/text_diff.hpp"
#include "analysis/definition/syntax.hpp"

#include <cstddef>
#include <string_view>

namespace cdls::definition {

// What a splice changed, in stages: old stages [first_stage, first_stage + old_stages) became
// new stages [first_stage, first_stage + new_stages); the stages before are untouched, those
// after are the old ones moved by `delta` bytes.
struct SpliceResult {
    std::size_t parsed_blocks = 0;
    std::size_t first_stage = 0;
    std::size_t old_stages = 0;
    std::size_t new_stages = 0;
    std::ptrdiff_t delta = 0;
};

// Turns `file`, parsed from a text of file.text_size bytes, into the tree of `text` (what
// parse_definition(text) returns), given `change`: how that text became `text` (diff_texts, or
// the union of the edits since, EditedSpan). The old text is not needed: outside the change it
// is `text`'s, inside it nothing is assumed.
SpliceResult splice_definition(DefinitionFile& file, std::string_view text,
                               const TextChange& change);

// Moves every offset of a stage (its range, header and sections) by `delta` bytes.
void shift(Stage& stage, std::ptrdiff_t delta);

} // namespace cdls::definition
