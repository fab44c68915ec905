// Image reference → registry endpoint, Link header parsing, loopback detection.
#include "server/registry/endpoint.hpp"

#include <algorithm>
#include <cctype>

namespace cdls::registry {

std::optional<RegistryImage> registry_image(const catalogue::ImageReference& reference) {
    if (!reference.valid || reference.has_variables) return std::nullopt;
    if (!reference.scheme.empty() && reference.scheme != "docker") return std::nullopt;
    if (reference.repository.empty() || reference.name == "scratch") return std::nullopt;
    RegistryImage image;
    image.key = reference.name;
    std::string repository = reference.repository;
    std::transform(repository.begin(), repository.end(), repository.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (reference.registry == "docker.io") {
        image.host = "registry-1.docker.io";
        if (repository.find('/') == std::string::npos) repository = "library/" + repository;
    } else {
        image.host = reference.registry;
        std::transform(image.host.begin(), image.host.end(), image.host.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    image.repository = repository;
    return image;
}

std::optional<std::string> next_link(std::string_view header) {
    // Link: <url>; rel="next", <url2>; rel="prev"
    std::size_t i = 0;
    while (i < header.size()) {
        std::size_t open = header.find('<', i);
        if (open == std::string_view::npos) return std::nullopt;
        std::size_t close = header.find('>', open);
        if (close == std::string_view::npos) return std::nullopt;
        std::string_view url = header.substr(open + 1, close - open - 1);
        std::size_t next_entry = header.find('<', close);
        std::string_view params = header.substr(close + 1, next_entry == std::string_view::npos ? std::string_view::npos : next_entry - close - 1);
        std::string lower(params);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        lower.erase(std::remove_if(lower.begin(), lower.end(), [](char c) { return c == ' ' || c == '"'; }), lower.end());
        if (lower.find("rel=next") != std::string::npos) return std::string(url);
        if (next_entry == std::string_view::npos) return std::nullopt;
        i = next_entry;
    }
    return std::nullopt;
}

bool is_loopback_host(std::string_view host) {
    if (!host.empty() && host.front() == '[') {
        std::size_t close = host.find(']');
        return close != std::string_view::npos && host.substr(1, close - 1) == "::1";
    }
    host = host.substr(0, host.find(':'));
    return host == "localhost" || host.substr(0, 4) == "127.";
}

} // namespace cdls::registry
