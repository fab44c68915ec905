// ContainerFacts of a definition file: images, shell bodies, copies, arguments, labels, comments.
#pragma once

#include "analysis/core/facts.hpp"
#include "analysis/definition/syntax.hpp"

#include <string_view>

namespace cdls::definition {

ContainerFacts build_facts(const DefinitionFile& file, std::string_view text);

// The parts of build_facts, for the incremental analyzer:
// room in each list for the facts of the whole file;
void reserve_facts(const DefinitionFile& file, ContainerFacts& facts);
// the facts of one stage, appended in build_facts' order (its image, its header's comments,
// then each section's bodies, copies, arguments, labels and comments);
void add_stage_facts(const Stage& stage, std::string_view text, ContainerFacts& facts);
// the fields that look at every stage (the labels section, where a label goes, the anchor)
// and the comments' order: false when a stage listed them out of order and they were sorted
// (the lists are then no longer grouped by stage).
bool place_file_facts(const DefinitionFile& file, ContainerFacts& facts);

} // namespace cdls::definition
