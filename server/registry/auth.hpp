// Registry authentication pieces: WWW-Authenticate challenges, base64, and credentials from
// ~/.docker/config.json or the `registry.credentials` setting. Credentials are never logged.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::registry {

struct Challenge {
    std::string scheme;                        // "bearer" or "basic" (lowercase)
    std::map<std::string, std::string> params; // realm, service, scope ... (keys lowercase)
    std::string param(const std::string& key) const {
        auto it = params.find(key);
        return it == params.end() ? std::string() : it->second;
    }
};

// Every challenge in a WWW-Authenticate value (`Bearer realm="...",service="...",scope="..."`).
std::vector<Challenge> parse_www_authenticate(std::string_view value);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

struct Credentials {
    std::string username;
    std::string password;
    bool empty() const { return username.empty() && password.empty(); }
    friend bool operator==(const Credentials&, const Credentials&) = default;
};

// Host → credentials. Keys are registry hosts as written in config.json ("ghcr.io",
// "https://index.docker.io/v1/", "localhost:5000").
using CredentialMap = std::map<std::string, Credentials>;

// The `auths` of a docker config.json text: base64 `auth` ("user:password") or
// username/password fields. Bad JSON or entries are skipped.
CredentialMap parse_docker_config(std::string_view json_text);

// The entry for `host` (registry host[:port], "registry-1.docker.io" for Docker Hub), matching
// config.json's spellings ("https://host/v1/", "host").
std::optional<Credentials> find_credentials(const CredentialMap& map, std::string_view host);

} // namespace cdls::registry
