// The Dockerfile parser (BuildKit's rules): document -> lines -> instructions. Internal to
// analysis/dockerfile; the analyzer caches instructions between calls.
#pragma once

#include "analysis/dockerfile/syntax.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>
#include <string_view>

namespace cdls::dockerfile {

// Parses the instruction starting at `begin` (its first non-blank byte) with every offset
// absolute in `text`. Never fails: problems are recorded in the node.
Instruction parse_instruction(std::string_view text, Offset begin, char escape);

// Moves every range of a parsed instruction by `delta` bytes.
void shift_instruction(Instruction& instruction, std::int64_t delta);

// What a walk over the document saw besides the tree, for the incremental analyzer.
struct WalkTrace {
    Offset header_end = 0;           // the line start where parser directives stopped
    std::vector<TextRange> skipped;  // blocks that yielded no instruction (a lone escape), whole lines
    std::size_t parsed = 0;          // instructions parsed (including skipped blocks)
};

// True for UTF-16/UTF-32 text (a byte order mark, or NUL bytes in the first 64 bytes), which
// is not parsed.
bool is_utf16_or_32(std::string_view text);

// Parses a whole document.
Dockerfile parse_dockerfile(std::string_view text, WalkTrace* trace = nullptr);

// parse_dockerfile's walk from `pos` (a line start) into `file` (whose escape and directives
// are those in force there): adds directives, comments and instructions until the end of the
// text, or until `stop(line_start)` returns true at a line start between blocks (asked only
// once directives are done). Returns where it stopped. Does not fill the stages.
Offset walk_dockerfile(std::string_view text, Dockerfile& file, Offset pos, bool directives_done, WalkTrace& trace,
                       const std::function<bool(Offset)>& stop = {});

// The start of the line after the last line of `instruction` (where the walk goes on).
Offset block_end(std::string_view text, const Instruction& instruction);

// Fills `file.stages` from its FROM instructions.
void collect_stages(Dockerfile& file);

// Removes quotes and escape characters the way BuildKit's word processing does.
std::string unquote(std::string_view word, char escape);

bool is_known_instruction(std::string_view upper_keyword);
std::span<const std::string_view> known_instructions();

} // namespace cdls::dockerfile
