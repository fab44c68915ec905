// WWW-Authenticate parsing (RFC 7235 auth-params, quoted strings), base64, docker config.json.
#include "server/registry/auth.hpp"

#include "server/registry/http_message.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>

namespace cdls::registry {

namespace {

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

} // namespace

std::vector<Challenge> parse_www_authenticate(std::string_view v) {
    std::vector<Challenge> out;
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    };
    auto token = [&] {
        std::size_t start = i;
        while (i < v.size() && is_token_char(v[i])) ++i;
        return std::string(v.substr(start, i - start));
    };
    while (i < v.size()) {
        skip_space();
        while (i < v.size() && (v[i] == ',' || v[i] == ' ')) ++i;
        std::string scheme = token();
        if (scheme.empty()) {
            ++i; // skip junk
            continue;
        }
        Challenge challenge;
        challenge.scheme = lowercase(scheme);
        // auth-params: name=value pairs separated by commas, until the next scheme token.
        for (;;) {
            skip_space();
            std::size_t before = i;
            std::string name = token();
            skip_space();
            if (name.empty() || i >= v.size() || v[i] != '=') {
                i = before; // the next challenge's scheme (or the end)
                break;
            }
            ++i;
            skip_space();
            std::string value;
            if (i < v.size() && v[i] == '"') {
                ++i;
                while (i < v.size() && v[i] != '"') {
                    if (v[i] == '\\' && i + 1 < v.size()) ++i;
                    value += v[i++];
                }
                if (i < v.size()) ++i;
            } else {
                // Unquoted: a token by the grammar, but registries send URLs unquoted too.
                std::size_t start = i;
                while (i < v.size() && v[i] != ',' && v[i] != ' ' && v[i] != '\t') ++i;
                value = std::string(v.substr(start, i - start));
            }
            challenge.params[lowercase(name)] = value;
            skip_space();
            if (i < v.size() && v[i] == ',') ++i;
        }
        out.push_back(std::move(challenge));
        if (i < v.size() && !is_token_char(v[i])) ++i;
    }
    return out;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                     static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i + 1 == bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == '\n' || c == '\r') continue;
        int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

CredentialMap parse_docker_config(std::string_view json_text) {
    CredentialMap out;
    auto doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (!doc.is_object() || !doc.contains("auths") || !doc["auths"].is_object()) return out;
    for (const auto& [host, entry] : doc["auths"].items()) {
        if (!entry.is_object()) continue;
        Credentials c;
        if (entry.contains("auth") && entry["auth"].is_string()) {
            auto decoded = base64_decode(entry["auth"].get<std::string>());
            if (!decoded) continue;
            std::size_t colon = decoded->find(':');
            if (colon == std::string::npos) continue;
            c.username = decoded->substr(0, colon);
            c.password = decoded->substr(colon + 1);
        } else if (entry.contains("username") && entry["username"].is_string()) {
            c.username = entry["username"].get<std::string>();
            if (entry.contains("password") && entry["password"].is_string()) c.password = entry["password"].get<std::string>();
        }
        if (entry.contains("identitytoken") && entry["identitytoken"].is_string() && c.empty()) continue;
        if (!c.empty()) out[host] = std::move(c);
    }
    return out;
}

std::optional<Credentials> find_credentials(const CredentialMap& map, std::string_view host) {
    auto normalise = [](std::string_view key) {
        std::string_view k = key;
        if (k.substr(0, 8) == "https://") k.remove_prefix(8);
        else if (k.substr(0, 7) == "http://") k.remove_prefix(7);
        k = k.substr(0, k.find('/'));
        std::string out = lowercase(k);
        if (out == "index.docker.io" || out == "docker.io" || out == "registry.hub.docker.com") out = "registry-1.docker.io";
        return out;
    };
    std::string wanted = normalise(host);
    for (const auto& [key, credentials] : map)
        if (normalise(key) == wanted) return credentials;
    return std::nullopt;
}

} // namespace cdls::registry
