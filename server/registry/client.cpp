// Registry API calls: auth challenge → token → retry; tag pages; manifest digests.
#include "server/registry/client.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <cstdio>
#include <memory>

namespace cdls::registry {

const char* const manifest_accept =
    "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.docker.distribution.manifest.v2+json";

namespace {

bool insecure(const RegistryImage& image, const HostOptions& host) {
    return host.insecure.value_or(is_loopback_host(image.host));
}

} // namespace

std::string sha256_digest(std::string_view bytes) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), hash, &length, EVP_sha256(), nullptr);
    std::string out = "sha256:";
    char buf[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", hash[i]);
        out += buf;
    }
    return out;
}

Url RegistryClient::base_url(const RegistryImage& image, const HostOptions& host) const {
    auto remembered = schemes_.find(image.host);
    std::string scheme = remembered != schemes_.end() && insecure(image, host) ? remembered->second : "https";
    auto url = parse_url(scheme + "://" + image.host + "/");
    return url ? *url : Url{};
}

FetchOptions RegistryClient::fetch_options(const RegistryImage& image, const HostOptions& host,
                                           const ClientOptions& options) const {
    FetchOptions fetch;
    fetch.timeout = options.timeout;
    fetch.insecure = insecure(image, host);
    fetch.ca_file = host.ca_file;
    return fetch;
}

void RegistryClient::authorized_fetch(const RegistryImage& image, HttpRequest request, const HostOptions& host,
                                      const ClientOptions& options, bool retried, FetchCallback done) {
    std::string auth_key = image.host + " " + image.repository;
    if (auto it = authorization_.find(auth_key); it != authorization_.end())
        request.headers.emplace_back("Authorization", it->second);
    FetchOptions fetch = fetch_options(image, host, options);
    auto on_result = [this, image, request, host, options, retried, done, auth_key](FetchResult result) mutable {
        // Insecure hosts may speak plain HTTP: fall back once when https cannot even start.
        if (!result.response && !result.timed_out && request.url.scheme == "https" && insecure(image, host)) {
            schemes_[image.host] = "http";
            request.url.scheme = "http";
            if (auto base = parse_url("http://" + image.host + "/")) request.url.port = base->port;
            std::erase_if(request.headers, [](const auto& h) { return iequals(h.first, "Authorization"); });
            return authorized_fetch(image, std::move(request), host, options, retried, std::move(done));
        }
        if (!result.response || result.response->status != 401 || retried) return done(std::move(result));
        auto header = result.response->header("WWW-Authenticate");
        std::vector<Challenge> challenges = header ? parse_www_authenticate(*header) : std::vector<Challenge>{};
        std::erase_if(request.headers, [](const auto& h) { return iequals(h.first, "Authorization"); });
        for (const Challenge& challenge : challenges) {
            if (challenge.scheme == "bearer" && !challenge.param("realm").empty()) {
                fetch_token(challenge, image, host, options,
                            [this, image, request, host, options, done, auth_key, result](std::optional<std::string> token,
                                                                                       std::string error) mutable {
                                if (!token) {
                                    result.response.reset();
                                    result.error = "token request failed: " + error;
                                    return done(std::move(result));
                                }
                                authorization_[auth_key] = "Bearer " + *token;
                                authorized_fetch(image, std::move(request), host, options, true, std::move(done));
                            });
                return;
            }
            if (challenge.scheme == "basic" && host.credentials) {
                authorization_[auth_key] = "Basic " + base64_encode(host.credentials->username + ":" + host.credentials->password);
                return authorized_fetch(image, std::move(request), host, options, true, std::move(done));
            }
        }
        done(std::move(result)); // no challenge we can answer: the 401 stands
    };
    http_fetch(io_, std::move(request), fetch, std::move(on_result));
}

void RegistryClient::fetch_token(const Challenge& challenge, const RegistryImage& image, const HostOptions& host,
                                 const ClientOptions& options,
                                 std::function<void(std::optional<std::string>, std::string)> done) {
    auto realm = parse_url(challenge.param("realm"));
    if (!realm) return done(std::nullopt, "bad realm in the challenge");
    std::string scope = challenge.param("scope");
    if (scope.empty()) scope = "repository:" + image.repository + ":pull";
    std::string query;
    if (!challenge.param("service").empty()) query += "service=" + percent_encode(challenge.param("service"), "~");
    query += std::string(query.empty() ? "" : "&") + "scope=" + percent_encode(scope, "~");
    realm->target += (realm->target.find('?') == std::string::npos ? "?" : "&") + query;
    HttpRequest request;
    request.url = *realm;
    request.headers.emplace_back("Accept", "application/json");
    if (host.credentials)
        request.headers.emplace_back("Authorization",
                                     "Basic " + base64_encode(host.credentials->username + ":" + host.credentials->password));
    FetchOptions fetch;
    fetch.timeout = options.timeout;
    fetch.ca_file = host.ca_file;
    fetch.insecure = host.insecure.value_or(is_loopback_host(realm->host));
    http_fetch(io_, std::move(request), fetch, [done = std::move(done)](FetchResult result) {
        if (!result.response) return done(std::nullopt, result.error);
        if (result.response->status != 200)
            return done(std::nullopt, "token endpoint answered " + std::to_string(result.response->status));
        auto body = nlohmann::json::parse(result.response->body, nullptr, false);
        if (!body.is_object()) return done(std::nullopt, "token endpoint answered no JSON object");
        for (const char* key : {"token", "access_token"})
            if (body.contains(key) && body[key].is_string() && !body[key].get<std::string>().empty())
                return done(body[key].get<std::string>(), "");
        done(std::nullopt, "no token in the token endpoint's answer");
    });
}

void RegistryClient::fetch_tag_page(const RegistryImage& image, Url url, const HostOptions& host,
                                    const ClientOptions& options, std::shared_ptr<std::vector<std::string>> tags,
                                    int pages_left, std::function<void(TagsResult)> done) {
    HttpRequest request;
    request.url = std::move(url);
    request.headers.emplace_back("Accept", "application/json");
    authorized_fetch(image, request, host, options, false,
                     [this, image, host, options, tags, pages_left, done](FetchResult result) {
                         TagsResult out;
                         out.timed_out = result.timed_out;
                         if (!result.response) {
                             out.error = result.error;
                             return done(std::move(out));
                         }
                         const HttpResponse& response = *result.response;
                         if (response.status != 200) {
                             out.not_found = response.status == 404;
                             out.error = "tags/list answered " + std::to_string(response.status);
                             return done(std::move(out));
                         }
                         auto body = nlohmann::json::parse(response.body, nullptr, false);
                         if (!body.is_object()) {
                             out.error = "tags/list answered no JSON object";
                             return done(std::move(out));
                         }
                         if (body.contains("tags") && body["tags"].is_array())
                             for (const auto& tag : body["tags"])
                                 if (tag.is_string()) tags->push_back(tag.get<std::string>());
                         auto link = response.header("Link");
                         auto next_target = link ? next_link(*link) : std::nullopt;
                         auto next = next_target ? resolve_url(result.final_url, *next_target) : std::nullopt;
                         if (next && pages_left > 1)
                             return fetch_tag_page(image, *next, host, options, tags, pages_left - 1, done);
                         out.tags = std::move(*tags);
                         done(std::move(out));
                     });
}

void RegistryClient::list_tags(const RegistryImage& image, const HostOptions& host, const ClientOptions& options,
                               std::function<void(TagsResult)> done) {
    Url url = base_url(image, host);
    url.target = "/v2/" + image.repository + "/tags/list?n=" + std::to_string(options.page_size);
    fetch_tag_page(image, std::move(url), host, options, std::make_shared<std::vector<std::string>>(), options.max_pages,
                   std::move(done));
}

void RegistryClient::resolve_digest(const RegistryImage& image, const std::string& tag, const HostOptions& host,
                                    const ClientOptions& options, std::function<void(DigestResult)> done) {
    HttpRequest request;
    request.method = "HEAD";
    request.url = base_url(image, host);
    request.url.target = "/v2/" + image.repository + "/manifests/" + tag;
    request.headers.emplace_back("Accept", manifest_accept);
    authorized_fetch(image, request, host, options, false,
                     [this, image, host, options, request, done](FetchResult head) mutable {
                         DigestResult out;
                         out.timed_out = head.timed_out;
                         if (!head.response) {
                             out.error = head.error;
                             return done(std::move(out));
                         }
                         if (head.response->status == 404) {
                             out.not_found = true;
                             out.error = "manifest not found";
                             return done(std::move(out));
                         }
                         if (head.response->status == 200)
                             if (auto digest = head.response->header("Docker-Content-Digest"); digest && !digest->empty()) {
                                 out.digest = *digest;
                                 return done(std::move(out));
                             }
                         // No digest header (or HEAD refused): GET the manifest and hash it.
                         request.method = "GET";
                         request.url.scheme = base_url(image, host).scheme;
                         request.url.port = base_url(image, host).port;
                         authorized_fetch(image, request, host, options, false, [done](FetchResult get) {
                             DigestResult result;
                             result.timed_out = get.timed_out;
                             if (!get.response) {
                                 result.error = get.error;
                             } else if (get.response->status != 200) {
                                 result.not_found = get.response->status == 404;
                                 result.error = "manifest request answered " + std::to_string(get.response->status);
                             } else {
                                 auto header = get.response->header("Docker-Content-Digest");
                                 result.digest = header && !header->empty() ? *header : sha256_digest(get.response->body);
                             }
                             done(std::move(result));
                         });
                     });
}

} // namespace cdls::registry
