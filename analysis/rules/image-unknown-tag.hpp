// image-unknown-tag: judged against the live tag lists the server put in the settings.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/document_analysis.hpp"

#include <vector>

namespace cdls::rules {

extern const RuleInfo image_unknown_tag;

// Reports nothing unless settings.registry_tags holds the image's tag list.
void check_image_unknown_tag(const ContainerFacts& facts, const AnalysisSettings& settings, std::vector<Diagnostic>& out);

} // namespace cdls::rules
