// Rules that only speak when the configuration asks them to: trusted registries and allowed
// images (image-untrusted-registry), extra data extensions (data-in-image).
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/document_analysis.hpp"

#include <vector>

namespace cdls {

void check_untrusted_registry(const ContainerFacts& facts, const AnalysisSettings& settings,
                              std::vector<Diagnostic>& out);
void check_configured_data_extensions(const ContainerFacts& facts, const AnalysisSettings& settings,
                                      std::vector<Diagnostic>& out);

} // namespace cdls
