// Folding ranges: stages, headers, sections, heredocs, multi-line continuations and comment
// blocks of definition files and Dockerfiles.
#pragma once

#include "analysis/document_analysis.hpp"

#include <string_view>
#include <vector>

namespace cdls::features {

enum class FoldingKind { Region, Comment };

// A fold from the end of the line holding `range.begin` through `range.end` (the last byte
// shown folded, before the final line break). Only ranges over two or more lines are returned.
struct FoldingRange {
    TextRange range;
    FoldingKind kind = FoldingKind::Region;
    friend bool operator==(const FoldingRange&, const FoldingRange&) = default;
};

// Sorted by start, then by length (outer ranges first); no two ranges are equal.
std::vector<FoldingRange> folding_ranges(const AnalysisResult& analysis, std::string_view text);

} // namespace cdls::features
