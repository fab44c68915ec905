// What registries told us, in memory and on disk (one JSON file per image under
// $XDG_CACHE_HOME/cdls/registry/), with a TTL. Stale entries stay usable when the network fails.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cdls::registry {

using Seconds = std::int64_t; // seconds since the epoch

Seconds now_seconds();

struct CachedTags {
    std::vector<std::string> tags;
    Seconds fetched_at = 0;
};

struct CachedDigest {
    std::string digest;
    Seconds fetched_at = 0;
};

struct CachedImage {
    std::optional<CachedTags> tags;
    std::map<std::string, CachedDigest> digests; // by tag
};

// True when an entry fetched at `fetched_at` is still within `ttl` at `now`.
inline bool is_fresh(Seconds fetched_at, Seconds ttl, Seconds now) { return now >= fetched_at && now - fetched_at < ttl; }

// $XDG_CACHE_HOME/cdls/registry, else ~/.cache/cdls/registry; empty when neither is known.
std::filesystem::path default_cache_directory();

class RegistryCache {
public:
    // An empty directory keeps everything in memory only.
    explicit RegistryCache(std::filesystem::path directory = {}) : directory_(std::move(directory)) {}

    // Keys are "host/repository" ("registry-1.docker.io/library/python").
    const CachedImage* find(const std::string& key);
    void store_tags(const std::string& key, CachedTags tags);
    void store_digest(const std::string& key, const std::string& tag, CachedDigest digest);

    // The file holding `key` (percent-encoded so every key maps to one flat file name).
    std::filesystem::path file_for(const std::string& key) const;
    const std::filesystem::path& directory() const { return directory_; }

private:
    void load(const std::string& key);
    void save(const std::string& key) const;

    std::filesystem::path directory_;
    std::map<std::string, CachedImage> images_;
    std::map<std::string, bool> loaded_; // keys looked up on disk already
};

} // namespace cdls::registry
