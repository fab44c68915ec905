// Where an image lives in the OCI distribution API: registry host and repository path
// (docker.io → registry-1.docker.io, single-component Hub names → library/), and the
// pagination Link header of tag lists.
#pragma once

#include "analysis/catalogue/catalogue.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cdls::registry {

struct RegistryImage {
    std::string host;       // "registry-1.docker.io", "ghcr.io", "127.0.0.1:5000"
    std::string repository; // "library/python", "mylab/tool"
    std::string key;        // the catalogue key the analysis uses ("python", "ghcr.io/org/tool")
};

// Nullopt for references no OCI registry serves (library://, shub://, oras://, docker-daemon,
// variables, invalid names).
std::optional<RegistryImage> registry_image(const catalogue::ImageReference& reference);

// The URL of rel="next" in a Link header (`</v2/x/tags/list?last=a&n=2>; rel="next"`).
std::optional<std::string> next_link(std::string_view link_header);

// localhost, 127.0.0.0/8 and ::1 (with or without a port): plain HTTP is allowed there, as
// Docker does for loopback registries.
bool is_loopback_host(std::string_view host);

} // namespace cdls::registry
