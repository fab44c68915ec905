// ContainerFacts of a definition file: images, shell bodies, copies, arguments, labels, comments.
#pragma once

#include "analysis/core/facts.hpp"
#include "analysis/definition/syntax.hpp"

namespace cdls::definition {

ContainerFacts build_facts(const DefinitionFile& file);

} // namespace cdls::definition
