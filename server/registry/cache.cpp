// The registry cache: JSON files written atomically (temp file + rename), read once per key.
#include "server/registry/cache.hpp"
#include "server/registry/http_message.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace cdls::registry {

Seconds now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

fs::path default_cache_directory() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "cdls" / "registry";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "cdls" / "registry";
    return {};
}

fs::path RegistryCache::file_for(const std::string& key) const {
    std::string name = percent_encode(key, "");
    return directory_ / (name + ".json");
}

void RegistryCache::load(const std::string& key) {
    if (loaded_[key] || directory_.empty()) return;
    loaded_[key] = true;
    std::ifstream in(file_for(key), std::ios::binary);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    json doc = json::parse(text.str(), nullptr, false);
    if (!doc.is_object() || doc.value("image", "") != key) return; // unreadable: ignore, rewrite later
    CachedImage image;
    if (doc.contains("tags") && doc["tags"].is_array() && doc.contains("tagsFetchedAt") && doc["tagsFetchedAt"].is_number_integer()) {
        CachedTags tags;
        for (const auto& t : doc["tags"])
            if (t.is_string()) tags.tags.push_back(t.get<std::string>());
        tags.fetched_at = doc["tagsFetchedAt"].get<Seconds>();
        image.tags = std::move(tags);
    }
    if (doc.contains("digests") && doc["digests"].is_object())
        for (const auto& [tag, entry] : doc["digests"].items())
            if (entry.is_object() && entry.contains("digest") && entry["digest"].is_string() &&
                entry.contains("fetchedAt") && entry["fetchedAt"].is_number_integer())
                image.digests[tag] = {entry["digest"].get<std::string>(), entry["fetchedAt"].get<Seconds>()};
    auto& current = images_[key];
    if (!current.tags) current.tags = std::move(image.tags);
    for (auto& [tag, digest] : image.digests) current.digests.emplace(tag, std::move(digest));
}

void RegistryCache::save(const std::string& key) const {
    if (directory_.empty()) return;
    auto it = images_.find(key);
    if (it == images_.end()) return;
    json doc = {{"image", key}};
    if (it->second.tags) {
        doc["tags"] = it->second.tags->tags;
        doc["tagsFetchedAt"] = it->second.tags->fetched_at;
    }
    json digests = json::object();
    for (const auto& [tag, d] : it->second.digests) digests[tag] = {{"digest", d.digest}, {"fetchedAt", d.fetched_at}};
    doc["digests"] = std::move(digests);
    std::error_code ec;
    fs::create_directories(directory_, ec);
    fs::path target = file_for(key);
    fs::path temporary = target;
    temporary += ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            spdlog::debug("registry cache: cannot write {}", temporary.string());
            return;
        }
        out << doc.dump();
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        spdlog::debug("registry cache: cannot write {}: {}", target.string(), ec.message());
        fs::remove(temporary, ec);
    }
}

const CachedImage* RegistryCache::find(const std::string& key) {
    load(key);
    auto it = images_.find(key);
    return it == images_.end() ? nullptr : &it->second;
}

void RegistryCache::store_tags(const std::string& key, CachedTags tags) {
    load(key);
    images_[key].tags = std::move(tags);
    save(key);
}

void RegistryCache::store_digest(const std::string& key, const std::string& tag, CachedDigest digest) {
    load(key);
    images_[key].digests[tag] = std::move(digest);
    save(key);
}

} // namespace cdls::registry
