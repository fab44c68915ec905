// Selection ranges: from the word at a position outwards to the token, the line or
// instruction, the section, the stage and the whole file.
#pragma once

#include "analysis/document_analysis.hpp"

#include <string_view>
#include <vector>

namespace cdls::features {

// Innermost first; each range strictly contains the one before it. Never empty for a
// non-empty text (the whole file is always last).
std::vector<TextRange> selection_chain(const AnalysisResult& analysis, std::string_view text, Offset offset);

} // namespace cdls::features
