// Hover for definition files and Dockerfiles: what the thing under the cursor is, as markdown
// with the byte range it covers (the server converts to LSP and to plain text when needed).
#pragma once

#include "analysis/core/text.hpp"
#include "analysis/document_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cdls::catalogue {
class Catalogue;
}

namespace cdls::features {

struct HoverResult {
    std::string markdown;
    TextRange range; // what the hover is about
};

struct HoverOptions {
    const catalogue::Catalogue* catalogue = nullptr; // null: the built-in catalogue
};

// Nullopt when there is nothing to say at `offset` (blank text, shell code, values without docs).
std::optional<HoverResult> hover(const AnalysisResult& analysis, std::string_view text,
                                 Offset offset, const HoverOptions& options = {});

// Markdown as readable plain text, for clients without markdown support: emphasis and code
// marks dropped, links as "text (url)", code fences removed.
std::string markdown_to_plain(std::string_view markdown);

} // namespace cdls::features
