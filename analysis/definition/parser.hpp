// The definition-file parser, split so that each block (a stage's header, one section) is parsed
// on its own text: block results hold offsets relative to the block start, and an edit
// re-parses only the blocks it touches (splice.hpp).
#pragma once

#include "analysis/definition/syntax.hpp"

#include <string_view>
#include <vector>

namespace cdls::definition {

// Where the blocks of a document lie; cheap to compute on every edit.
struct StageLayout {
    TextRange range;
    bool starts_at_bootstrap = false;
    TextRange header;
    std::vector<TextRange> sections;
};

struct DocumentLayout {
    TextRange bom;
    std::vector<StageLayout> stages;
};

DocumentLayout layout_document(std::string_view text);

// Parse one block; every offset in the result is relative to the start of `block`.
Header parse_header_block(std::string_view block);
Section parse_section_block(std::string_view block);

// Move every offset of a block result by `delta` bytes (negative: towards the start).
void shift(Header& header, std::ptrdiff_t delta);
void shift(Section& section, std::ptrdiff_t delta);

// A fresh parse: the layout, then every block parsed and shifted into place. The incremental
// analyzer splices instead (splice.hpp); this is what a splice must always equal.
DefinitionFile parse_definition(std::string_view text);

} // namespace cdls::definition
