// Links from base-image references to registry pages and from label values to their URLs.
#include "analysis/features/links.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <cctype>

namespace cdls::features {

namespace {

// Agents whose `From:` names a Docker/OCI registry image (plus the Dockerfile's FROM).
bool names_registry_image(std::string_view agent, std::string_view scheme) {
    std::string a = ascii_lower(agent);
    return (a == "docker" || a == "from") && (scheme.empty() || scheme == "docker");
}

} // namespace

std::optional<std::string> registry_page(const catalogue::ImageReference& reference) {
    if (!reference.valid || reference.repository.empty()) return std::nullopt;
    std::string registry = ascii_lower(reference.registry);
    if (registry == "docker.io" || registry == "index.docker.io" ||
        registry == "registry-1.docker.io") {
        if (reference.official()) {
            std::string_view name = reference.repository;
            if (name.substr(0, 8) == "library/") name.remove_prefix(8);
            if (name == "scratch") return std::nullopt; // a reserved name, not an image
            return "https://hub.docker.com/_/" + std::string(name);
        }
        return "https://hub.docker.com/r/" + reference.repository;
    }
    if (registry == "ghcr.io")
        return "https://ghcr.io/" + reference.repository; // redirects to GitHub
    if (registry == "quay.io") return "https://quay.io/repository/" + reference.repository;
    if (registry == "mcr.microsoft.com")
        return "https://mcr.microsoft.com/en-us/artifact/mar/" + reference.repository + "/about";
    return std::nullopt;
}

std::vector<TextRange> find_urls(std::string_view text, TextRange range) {
    std::vector<TextRange> out;
    std::string_view part = slice(text, range);
    std::size_t pos = 0;
    while (pos < part.size()) {
        std::size_t http = part.find("http", pos);
        if (http == std::string_view::npos) break;
        std::string_view rest = part.substr(http);
        std::size_t scheme = rest.substr(0, 8) == "https://"  ? 8
                             : rest.substr(0, 7) == "http://" ? 7
                                                              : 0;
        bool word_start = http == 0 || !std::isalnum(static_cast<unsigned char>(part[http - 1]));
        if (scheme == 0 || !word_start) {
            pos = http + 4;
            continue;
        }
        std::size_t end = http + scheme;
        while (end < part.size() && !std::isspace(static_cast<unsigned char>(part[end])) &&
               std::string_view("\"'<>`").find(part[end]) == std::string_view::npos)
            ++end;
        while (end > http + scheme &&
               std::string_view(".,;:!?)]}").find(part[end - 1]) != std::string_view::npos)
            --end;
        if (end > http + scheme)
            out.push_back(
                {range.begin + static_cast<Offset>(http), range.begin + static_cast<Offset>(end)});
        pos = std::max(end, http + scheme);
    }
    return out;
}

std::vector<DocumentLink> document_links(const AnalysisResult& analysis, std::string_view text) {
    std::vector<DocumentLink> links;
    for (const ImageReferenceFact& image : analysis.facts.images) {
        if (image.names_stage || (image.has_variables && image.resolved.empty())) continue;
        catalogue::ImageReference reference =
            catalogue::parse_image_reference(image.resolved.empty() ? image.text : image.resolved);
        if (!names_registry_image(image.agent, reference.scheme)) continue;
        if (auto page = registry_page(reference)) {
            std::string where =
                ascii_lower(reference.registry) == "docker.io" ? "Docker Hub" : reference.registry;
            links.push_back({image.range, *page, "Open " + reference.name + " on " + where});
        }
    }
    for (const LabelFact& label : analysis.facts.labels)
        for (TextRange url : find_urls(text, label.value_range))
            links.push_back({url, std::string(slice(text, url)), {}});
    std::sort(links.begin(), links.end(), [](const DocumentLink& a, const DocumentLink& b) {
        return a.range.begin < b.range.begin;
    });
    return links;
}

} // namespace cdls::features
