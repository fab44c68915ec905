// The base-image rules (latest, untagged, floating tags), judged with the catalogue.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"

#include <vector>

namespace cdls::catalogue {

void check_image_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);

} // namespace cdls::catalogue
