// ContainerFacts of a parsed Dockerfile: images, shell bodies, copies, assignments, labels.
#pragma once

#include "analysis/core/facts.hpp"
#include "analysis/dockerfile/syntax.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cdls::dockerfile {

ContainerFacts collect_facts(std::string_view text, const Dockerfile& file);

// The parts of collect_facts, for the incremental analyzer:
// the base images of every stage (replacing facts.images);
void collect_images(const Dockerfile& file, ContainerFacts& facts);
// the shell bodies, copies, assignments and labels of one top-level instruction and its
// ONBUILD child, appended;
void collect_instruction_facts(std::string_view text, const Instruction& instruction, char escape,
                               ContainerFacts& facts);
// the comments (not directives) beginning in `span` that belong to no instruction or to
// instructions [first, last), which must hold every instruction comment in `span`, in order;
void collect_comments(std::string_view text, const Dockerfile& file, std::size_t first, std::size_t last,
                      TextRange span, std::vector<CommentFact>& out);
// the label insertion point and the document anchor;
void place_document_facts(std::string_view text, const Dockerfile& file, ContainerFacts& facts);
// all but the instructions' facts: images, directives and comments, placement.
void collect_document_facts(std::string_view text, const Dockerfile& file, ContainerFacts& facts);

// The ARGs declared before the first FROM: name -> default (nullopt when it has none).
std::map<std::string, std::optional<std::string>> global_arguments(const Dockerfile& file);

// `word` with $NAME, ${NAME}, ${NAME:-x}, ${NAME-x}, ${NAME:+x}, ${NAME+x} substituted and
// quotes removed; nullopt when a variable has no known value.
std::optional<std::string> expand_variables(std::string_view word,
                                            const std::map<std::string, std::optional<std::string>>& variables,
                                            char escape);

} // namespace cdls::dockerfile
