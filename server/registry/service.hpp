// The registry as the server sees it: look-ups deduplicated per image, cached (memory + disk,
// TTL, stale entries kept), failures remembered per host so an offline machine waits at most
// once, and a snapshot of known tag lists for the analysis. Single-threaded: use it from the
// io_context's thread only.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "server/registry/cache.hpp"
#include "server/registry/client.hpp"
#include "server/registry/settings.hpp"

#include <asio/io_context.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cdls::registry {

// Catalogue key ("python", "127.0.0.1:5000/mylab/tool") → tags the registry reported.
using TagSnapshot = std::map<std::string, std::vector<std::string>, std::less<>>;

class RegistryService {
public:
    RegistryService(asio::io_context& io, std::filesystem::path cache_directory);

    // How long a failing host (or missing repository) is left alone.
    Seconds failure_ttl = 300;
    ClientOptions client_options; // page size etc.; the timeout comes from the settings

    // Starts a tag look-up unless a fresh entry is cached, the registry is disabled, the
    // image has no registry, or its host failed recently. `done` always runs exactly once on
    // the loop (never inside this call) with true when new tags were stored.
    void ensure_tags(const catalogue::ImageReference& reference, const RegistrySettings& settings,
                     std::function<void(bool)> done);
    void ensure_digest(const catalogue::ImageReference& reference, const RegistrySettings& settings,
                       std::function<void(bool)> done);

    // True when ensure_tags would go to the network.
    bool tags_wanted(const catalogue::ImageReference& reference, const RegistrySettings& settings);
    bool digest_wanted(const catalogue::ImageReference& reference, const RegistrySettings& settings);

    // What is cached for the image (fresh or stale), loading it from disk on first use.
    std::optional<CachedTags> cached_tags(const catalogue::ImageReference& reference);
    std::optional<CachedDigest> cached_digest(const catalogue::ImageReference& reference);

    // Every tag list known so far, keyed by catalogue key; a new object after each change.
    std::shared_ptr<const TagSnapshot> snapshot() const { return snapshot_; }

    RegistryCache& cache() { return cache_; }
    asio::io_context& io() { return io_; }

private:
    struct Target {
        RegistryImage image;
        std::string cache_key; // host/repository
        std::string tag;
    };
    std::optional<Target> target_of(const catalogue::ImageReference& reference) const;
    HostOptions host_options(const RegistryImage& image, const RegistrySettings& settings);
    ClientOptions options_for(const RegistrySettings& settings) const;
    bool failing(const std::string& what);
    void remember_failure(const std::string& what, const std::string& image, const std::string& error, bool timed_out,
                          const RegistrySettings& settings);
    void publish_tags(const std::string& key, const std::vector<std::string>& tags);
    void finish(const std::string& flight, bool changed);
    void later(std::function<void(bool)> done, bool value);

    asio::io_context& io_;
    RegistryClient client_;
    RegistryCache cache_;
    std::shared_ptr<const TagSnapshot> snapshot_;
    std::map<std::string, Seconds> failing_until_; // host or host/repository → until
    std::map<std::string, std::vector<std::function<void(bool)>>> in_flight_;
    std::optional<CredentialMap> docker_config_;
};

} // namespace cdls::registry
