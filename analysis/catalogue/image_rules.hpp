// The base-image rules (latest, untagged, floating tags), judged with the catalogue.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"

#include <vector>

namespace cdls::catalogue {

class Catalogue;

// Judged with the built-in catalogue (Docker Official Images).
void check_image_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// Judged with a catalogue the caller extended (e.g. with a user catalogue of private images).
void check_image_rules(const ContainerFacts& facts, const Catalogue& catalogue, std::vector<Diagnostic>& out);

} // namespace cdls::catalogue
