// Formatting: normalises the layout of definition files (header `Key: value` spacing and key
// case, section header spacing, one blank line between sections, body indentation, trailing
// whitespace) and Dockerfiles (instruction keyword case, trailing whitespace), never touching
// heredoc bodies or the meaning of a shell line. See docs/formatting.md.
#pragma once

#include "analysis/document_analysis.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::features {

struct FormattingOptions {
    unsigned indent_width = 4; // columns of one indentation level of section bodies
    bool use_tabs = false;     // indent with tabs (one per level) instead of spaces
    friend bool operator==(const FormattingOptions&, const FormattingOptions&) = default;
};

// Edits that format the whole document: sorted, non-overlapping, each within one line (or
// removing/inserting whole lines); empty when the text is already formatted.
std::vector<TextEdit> format_document(const AnalysisResult& analysis, std::string_view text,
                                      const FormattingOptions& options = {});

// The edits of format_document on the lines that `range` touches.
std::vector<TextEdit> format_range(const AnalysisResult& analysis, std::string_view text, TextRange range,
                                   const FormattingOptions& options = {});

// Applies sorted, non-overlapping edits.
std::string apply_edits(std::string_view text, const std::vector<TextEdit>& edits);

} // namespace cdls::features
