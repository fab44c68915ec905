// The OCI distribution API v2 client: tag lists (paginated by `n`/`last` and Link headers) and
// manifest digests (HEAD, then GET), with Bearer-token and Basic auth from the challenge.
// Runs on the caller's io_context; every callback runs there too.
#pragma once

#include "server/registry/auth.hpp"
#include "server/registry/endpoint.hpp"
#include "server/registry/http_client.hpp"

#include <asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cdls::registry {

// What the settings say about one registry host.
struct HostOptions {
    std::optional<bool> insecure; // unset: true only for loopback hosts (like Docker)
    std::string ca_file;
    std::optional<Credentials> credentials;
};

struct ClientOptions {
    std::chrono::milliseconds timeout{3000}; // each HTTP exchange
    int page_size = 1000;                    // `n` of tags/list
    int max_pages = 100;
};

// The media types a manifest request accepts: OCI index and manifest, Docker list and v2.
extern const char* const manifest_accept;

// "sha256:<hex>" of the bytes (for registries that send no Docker-Content-Digest).
std::string sha256_digest(std::string_view bytes);

class RegistryClient {
public:
    explicit RegistryClient(asio::io_context& io) : io_(io) {}

    struct TagsResult {
        std::optional<std::vector<std::string>> tags;
        std::string error;
        bool timed_out = false;
        bool not_found = false; // the registry answered 404 for the repository
    };
    struct DigestResult {
        std::optional<std::string> digest;
        std::string error;
        bool timed_out = false;
        bool not_found = false;
    };

    void list_tags(const RegistryImage& image, const HostOptions& host, const ClientOptions& options,
                   std::function<void(TagsResult)> done);
    void resolve_digest(const RegistryImage& image, const std::string& tag, const HostOptions& host,
                        const ClientOptions& options, std::function<void(DigestResult)> done);

    asio::io_context& io() { return io_; }

private:
    void authorized_fetch(const RegistryImage& image, HttpRequest request, const HostOptions& host,
                          const ClientOptions& options, bool retried, FetchCallback done);
    void fetch_token(const Challenge& challenge, const RegistryImage& image, const HostOptions& host,
                     const ClientOptions& options, std::function<void(std::optional<std::string>, std::string)> done);
    void fetch_tag_page(const RegistryImage& image, Url url, const HostOptions& host, const ClientOptions& options,
                        std::shared_ptr<std::vector<std::string>> tags, int pages_left, std::function<void(TagsResult)> done);
    Url base_url(const RegistryImage& image, const HostOptions& host) const;
    FetchOptions fetch_options(const RegistryImage& image, const HostOptions& host, const ClientOptions& options) const;

    asio::io_context& io_;
    std::map<std::string, std::string> authorization_; // "host repository" → Authorization value
    std::map<std::string, std::string> schemes_;       // host → "http" once https failed (insecure hosts)
};

} // namespace cdls::registry
