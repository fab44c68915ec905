// The `registry` settings (.cdls.json key `registry`, editor settings `cdls.registry.*`).
#pragma once

#include "server/registry/auth.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cdls::registry {

struct HostSettings {
    std::optional<bool> insecure; // unset: loopback hosts only
    std::string ca_file;
    friend bool operator==(const HostSettings&, const HostSettings&) = default;
};

struct RegistrySettings {
    bool enabled = true;      // false: no network access at all
    bool diagnostics = false; // image-unknown-tag (needs the network while analysing)
    int timeout_ms = 3000;
    int cache_ttl_seconds = 6 * 3600;
    std::map<std::string, HostSettings> registries; // by host[:port]
    CredentialMap credentials;                      // by host; never logged
    friend bool operator==(const RegistrySettings&, const RegistrySettings&) = default;
};

// A problem in the settings: its message and the key it is about (for its position).
using SettingsProblem = std::pair<std::string, std::string>;

// Applies the object `value` over `settings`; what is valid applies, the rest is reported.
std::vector<SettingsProblem> apply_registry_settings(const nlohmann::json& value, RegistrySettings& settings);

} // namespace cdls::registry
