// The definition-file parser, split so that each block (a stage's header, one section) is parsed
// on its own text and can be memoised: block results hold offsets relative to the block start.
#pragma once

#include "analysis/definition/syntax.hpp"

#include <functional>
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

// Move every offset of a block result by `delta` bytes.
void shift(Header& header, Offset delta);
void shift(Section& section, Offset delta);

// How the assembler gets each block: fresh parsing, or a memo (see analyzer.cpp).
struct BlockSource {
    std::function<Header(std::string_view block)> header;
    std::function<Section(std::string_view block)> section;
};

// Builds the whole tree, asking `source` for each block and shifting it into place.
DefinitionFile assemble(std::string_view text, const BlockSource& source);

// A fresh parse, without any memo.
DefinitionFile parse_definition(std::string_view text);

} // namespace cdls::definition
