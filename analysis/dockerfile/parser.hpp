// The Dockerfile parser (BuildKit's rules): document -> lines -> instructions. Internal to
// analysis/dockerfile; the analyzer caches instructions between calls.
#pragma once

#include "analysis/dockerfile/syntax.hpp"

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

namespace cdls::dockerfile {

// Parses the instruction starting at `begin` (its first non-blank byte) with every offset
// absolute in `text`. Never fails: problems are recorded in the node.
Instruction parse_instruction(std::string_view text, Offset begin, char escape);

// Where the instruction starting at `begin` ends (continuations and heredoc bodies included).
Offset instruction_end(std::string_view text, Offset begin, char escape);

// Moves every range of a parsed instruction by `delta` bytes.
void shift_instruction(Instruction& instruction, std::int64_t delta);

// Parses a whole document; `lookup` may supply an already parsed instruction for the block
// [begin, end) (returning true after filling `out`), so that unchanged instructions are reused.
using InstructionLookup = std::function<bool(Offset begin, Offset end, char escape, Instruction& out)>;
Dockerfile parse_dockerfile(std::string_view text, const InstructionLookup& lookup = {});

// Fills `file.stages` from its FROM instructions.
void collect_stages(Dockerfile& file);

// Removes quotes and escape characters the way BuildKit's word processing does.
std::string unquote(std::string_view word, char escape);

bool is_known_instruction(std::string_view upper_keyword);
std::span<const std::string_view> known_instructions();

} // namespace cdls::dockerfile
