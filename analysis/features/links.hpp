// Document links: base images to their registry's page, URLs in labels to themselves.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/document_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::features {

struct DocumentLink {
    TextRange range;
    std::string target;
    std::string tooltip;
};

// The web page of an image on its registry: Docker Hub (`/_/<name>` for official images,
// `/r/<user>/<repo>` otherwise), ghcr.io, quay.io and mcr.microsoft.com; nullopt for others.
std::optional<std::string> registry_page(const catalogue::ImageReference& reference);

// http(s) URLs in `range` of the text (ending at blanks, quotes or angle brackets; trailing
// punctuation such as `.` or `)` is left out).
std::vector<TextRange> find_urls(std::string_view text, TextRange range);

std::vector<DocumentLink> document_links(const AnalysisResult& analysis, std::string_view text);

} // namespace cdls::features
