// Document kind detection from language id, file name and content.
#include "analysis/document_kind.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <string>

namespace cdls {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

} // namespace

std::optional<DocumentKind> kind_from_name(std::string_view path_or_uri) {
    std::size_t slash = path_or_uri.find_last_of('/');
    std::string_view base = slash == std::string_view::npos ? path_or_uri : path_or_uri.substr(slash + 1);
    std::string name = ascii_lower(base);
    if (name == "dockerfile" || name == "containerfile" || starts_with(name, "dockerfile.") ||
        starts_with(name, "containerfile.") || ends_with(name, ".dockerfile") ||
        ends_with(name, ".containerfile"))
        return DocumentKind::Dockerfile;
    // Singularity/Apptainer recipe names are case-sensitive by convention; .def is not.
    if (ends_with(name, ".def") || base == "Singularity" || starts_with(base, "Singularity.") ||
        base == "Apptainer" || starts_with(base, "Apptainer."))
        return DocumentKind::Definition;
    return std::nullopt;
}

std::optional<DocumentKind> kind_from_language(std::string_view language_id) {
    std::string id = ascii_lower(language_id);
    if (id == "dockerfile" || id == "containerfile") return DocumentKind::Dockerfile;
    if (id == "apptainer" || id == "singularity" || id == "def") return DocumentKind::Definition;
    return std::nullopt;
}

DocumentKind detect_kind(std::string_view path_or_uri, std::string_view language_id, std::string_view text) {
    if (auto k = kind_from_language(language_id)) return *k;
    if (auto k = kind_from_name(path_or_uri)) return *k;
    // Content: the first significant line decides.
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        std::string l = ascii_lower(line.substr(0, 10));
        if (starts_with(l, "bootstrap:")) return DocumentKind::Definition;
        if (starts_with(l, "from ") || starts_with(l, "arg ")) return DocumentKind::Dockerfile;
        break;
    }
    return DocumentKind::Definition;
}

} // namespace cdls
