// Look-up orchestration: cache first, then the network, one flight per image, one log line
// per failure.
#include "server/registry/service.hpp"

#include <asio/post.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cdls::registry {

namespace {

CredentialMap read_docker_config() {
    std::filesystem::path file;
    if (const char* dir = std::getenv("DOCKER_CONFIG"); dir && *dir) file = std::filesystem::path(dir) / "config.json";
    else if (const char* home = std::getenv("HOME"); home && *home) file = std::filesystem::path(home) / ".docker" / "config.json";
    if (file.empty()) return {};
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::stringstream text;
    text << in.rdbuf();
    return parse_docker_config(text.str());
}

} // namespace

RegistryService::RegistryService(asio::io_context& io, std::filesystem::path cache_directory)
    : io_(io), client_(io), cache_(std::move(cache_directory)), snapshot_(std::make_shared<TagSnapshot>()) {}

std::optional<RegistryService::Target> RegistryService::target_of(const catalogue::ImageReference& reference) const {
    auto image = registry_image(reference);
    if (!image) return std::nullopt;
    Target target;
    target.cache_key = image->host + "/" + image->repository;
    target.image = std::move(*image);
    target.tag = reference.has_tag ? reference.tag : "latest";
    return target;
}

HostOptions RegistryService::host_options(const RegistryImage& image, const RegistrySettings& settings) {
    HostOptions options;
    auto configured = settings.registries.find(image.host);
    if (configured == settings.registries.end() && image.host == "registry-1.docker.io")
        configured = settings.registries.find("docker.io");
    if (configured != settings.registries.end()) {
        options.insecure = configured->second.insecure;
        options.ca_file = configured->second.ca_file;
    }
    options.credentials = find_credentials(settings.credentials, image.host);
    if (!options.credentials) {
        if (!docker_config_) docker_config_ = read_docker_config();
        options.credentials = find_credentials(*docker_config_, image.host);
    }
    return options;
}

ClientOptions RegistryService::options_for(const RegistrySettings& settings) const {
    ClientOptions options = client_options;
    options.timeout = std::chrono::milliseconds(settings.timeout_ms);
    return options;
}

bool RegistryService::failing(const std::string& what) {
    auto it = failing_until_.find(what);
    if (it == failing_until_.end()) return false;
    if (now_seconds() < it->second) return true;
    failing_until_.erase(it);
    return false;
}

void RegistryService::remember_failure(const std::string& what, const std::string& image, const std::string& error,
                                       bool timed_out, const RegistrySettings&) {
    failing_until_[what] = now_seconds() + failure_ttl;
    // The one line an offline machine gets; the catalogue answers in the meantime.
    spdlog::info("registry: {} for {}: {}; using cached data and the catalogue for {} s", timed_out ? "timeout" : "failure",
                 image, error, failure_ttl);
}

void RegistryService::publish_tags(const std::string& key, const std::vector<std::string>& tags) {
    auto it = snapshot_->find(key);
    if (it != snapshot_->end() && it->second == tags) return;
    auto next = std::make_shared<TagSnapshot>(*snapshot_);
    (*next)[key] = tags;
    snapshot_ = std::move(next);
}

void RegistryService::later(std::function<void(bool)> done, bool value) {
    asio::post(io_, [done = std::move(done), value] { done(value); });
}

void RegistryService::finish(const std::string& flight, bool changed) {
    auto it = in_flight_.find(flight);
    if (it == in_flight_.end()) return;
    auto waiting = std::move(it->second);
    in_flight_.erase(it);
    for (auto& callback : waiting) callback(changed);
}

std::optional<CachedTags> RegistryService::cached_tags(const catalogue::ImageReference& reference) {
    auto target = target_of(reference);
    if (!target) return std::nullopt;
    const CachedImage* image = cache_.find(target->cache_key);
    if (!image || !image->tags) return std::nullopt;
    publish_tags(target->image.key, image->tags->tags);
    return image->tags;
}

std::optional<CachedDigest> RegistryService::cached_digest(const catalogue::ImageReference& reference) {
    auto target = target_of(reference);
    if (!target) return std::nullopt;
    const CachedImage* image = cache_.find(target->cache_key);
    if (!image) return std::nullopt;
    auto it = image->digests.find(target->tag);
    if (it == image->digests.end()) return std::nullopt;
    return it->second;
}

bool RegistryService::tags_wanted(const catalogue::ImageReference& reference, const RegistrySettings& settings) {
    if (!settings.enabled) return false;
    auto target = target_of(reference);
    if (!target || failing(target->image.host) || failing(target->cache_key)) return false;
    auto cached = cached_tags(reference);
    return !cached || !is_fresh(cached->fetched_at, settings.cache_ttl_seconds, now_seconds());
}

bool RegistryService::digest_wanted(const catalogue::ImageReference& reference, const RegistrySettings& settings) {
    if (!settings.enabled || reference.has_digest) return false;
    auto target = target_of(reference);
    if (!target || failing(target->image.host) || failing(target->cache_key + ":" + target->tag)) return false;
    auto cached = cached_digest(reference);
    return !cached || !is_fresh(cached->fetched_at, settings.cache_ttl_seconds, now_seconds());
}

void RegistryService::ensure_tags(const catalogue::ImageReference& reference, const RegistrySettings& settings,
                                  std::function<void(bool)> done) {
    if (!tags_wanted(reference, settings)) return later(std::move(done), false);
    Target target = *target_of(reference);
    std::string flight = "tags " + target.cache_key;
    auto& waiting = in_flight_[flight];
    waiting.push_back(std::move(done));
    if (waiting.size() > 1) return;
    client_.list_tags(target.image, host_options(target.image, settings), options_for(settings),
                      [this, target, flight, settings](RegistryClient::TagsResult result) {
                          if (!result.tags) {
                              // A missing repository is that image's problem; anything else the host's.
                              bool image_only = result.not_found || (!result.timed_out && result.error.find("answered") != std::string::npos);
                              remember_failure(image_only ? target.cache_key : target.image.host,
                                               target.image.host + "/" + target.image.repository, result.error,
                                               result.timed_out, settings);
                              return finish(flight, false);
                          }
                          cache_.store_tags(target.cache_key, {*result.tags, now_seconds()});
                          publish_tags(target.image.key, *result.tags);
                          finish(flight, true);
                      });
}

void RegistryService::ensure_digest(const catalogue::ImageReference& reference, const RegistrySettings& settings,
                                    std::function<void(bool)> done) {
    if (!digest_wanted(reference, settings)) return later(std::move(done), false);
    Target target = *target_of(reference);
    std::string flight = "digest " + target.cache_key + ":" + target.tag;
    auto& waiting = in_flight_[flight];
    waiting.push_back(std::move(done));
    if (waiting.size() > 1) return;
    client_.resolve_digest(target.image, target.tag, host_options(target.image, settings), options_for(settings),
                           [this, target, flight, settings](RegistryClient::DigestResult result) {
                               if (!result.digest) {
                                   bool image_only = result.not_found || (!result.timed_out && result.error.find("answered") != std::string::npos);
                                   remember_failure(image_only ? target.cache_key + ":" + target.tag : target.image.host,
                                                    target.image.host + "/" + target.image.repository + ":" + target.tag,
                                                    result.error, result.timed_out, settings);
                                   return finish(flight, false);
                               }
                               cache_.store_digest(target.cache_key, target.tag, {*result.digest, now_seconds()});
                               finish(flight, true);
                           });
}

} // namespace cdls::registry
