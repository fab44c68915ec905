// The registry client and service against real registries on loopback (scripts/test-registry):
// pagination, digests equal to skopeo's, TLS verification, token auth, timeouts, the cache.
#include "registry_support.hpp"

#include "server/registry/client.hpp"
#include "server/registry/service.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace cdls;
using namespace cdls::registry;
using cdls::test::env;

namespace {

const std::vector<std::string> all_tags{"1.0.0", "1.1.0", "2.0.0", "2.0.1", "latest"};

RegistryImage tool_on(const std::string& host) { return {host, "mylab/tool", host + "/mylab/tool"}; }

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

RegistryClient::TagsResult list(const std::string& host, const HostOptions& options, int page_size = 3,
                                std::chrono::milliseconds* elapsed = nullptr) {
    asio::io_context io;
    RegistryClient client(io);
    ClientOptions client_options;
    client_options.page_size = page_size;
    RegistryClient::TagsResult out;
    client.list_tags(tool_on(host), options, client_options, [&](RegistryClient::TagsResult r) { out = std::move(r); });
    auto took = cdls::test::run(io);
    if (elapsed) *elapsed = took;
    return out;
}

RegistryClient::DigestResult digest(const std::string& host, const std::string& tag, const HostOptions& options) {
    asio::io_context io;
    RegistryClient client(io);
    RegistryClient::DigestResult out;
    client.resolve_digest(tool_on(host), tag, options, {}, [&](RegistryClient::DigestResult r) { out = std::move(r); });
    cdls::test::run(io);
    return out;
}

HostOptions verified() {
    HostOptions options;
    options.insecure = false;
    options.ca_file = env("CDLS_TEST_REGISTRY_CA").value_or("");
    return options;
}

Credentials test_credentials() {
    std::string both = env("CDLS_TEST_REGISTRY_CREDENTIALS").value_or(":");
    return {both.substr(0, both.find(':')), both.substr(both.find(':') + 1)};
}

catalogue::ImageReference reference(const std::string& text) { return catalogue::parse_image_reference(text); }

} // namespace

TEST_CASE("tags/list follows Link pagination over plain HTTP", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    auto result = list(*env("CDLS_TEST_REGISTRY_HTTP"), {}, 2);
    INFO(result.error);
    REQUIRE(result.tags);
    // 5 tags in pages of 2: only complete when the second and third pages were followed.
    CHECK(sorted(*result.tags) == all_tags);
    auto one_page = list(*env("CDLS_TEST_REGISTRY_HTTP"), {}, 1000);
    REQUIRE(one_page.tags);
    CHECK(sorted(*one_page.tags) == all_tags);
}

TEST_CASE("manifest digests equal what skopeo reports", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    auto expected = cdls::test::expected_digests("http");
    REQUIRE(expected.size() == all_tags.size());
    for (const auto& [tag, want] : expected) {
        auto result = digest(*env("CDLS_TEST_REGISTRY_HTTP"), tag, {});
        INFO(tag << ": " << result.error);
        REQUIRE(result.digest);
        CHECK(*result.digest == want);
    }
    auto missing = digest(*env("CDLS_TEST_REGISTRY_HTTP"), "9.9.9", {});
    CHECK_FALSE(missing.digest);
    CHECK(missing.not_found);
}

TEST_CASE("TLS: verified with the test CA, refused without it", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    std::string host = *env("CDLS_TEST_REGISTRY_TLS");
    auto result = list(host, verified());
    INFO(result.error);
    REQUIRE(result.tags);
    CHECK(sorted(*result.tags) == std::vector<std::string>{"1.0.0", "2.0.0"});
    auto expected = cdls::test::expected_digests("tls");
    auto d = digest(host, "2.0.0", verified());
    REQUIRE(d.digest);
    CHECK(*d.digest == expected["2.0.0"]);

    HostOptions no_ca;
    no_ca.insecure = false; // verification on, system store only: the self-signed CA is unknown
    auto refused = list(host, no_ca);
    CHECK_FALSE(refused.tags);
    CHECK(refused.error.find("TLS") != std::string::npos);

    HostOptions insecure;
    insecure.insecure = true;
    auto unverified = list(host, insecure);
    CHECK(unverified.tags);
}

TEST_CASE("token auth: the Bearer challenge is answered anonymously and with credentials", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    std::string host = *env("CDLS_TEST_REGISTRY_AUTH");
    auto anonymous = list(host, verified());
    INFO(anonymous.error);
    REQUIRE(anonymous.tags);
    CHECK(sorted(*anonymous.tags) == std::vector<std::string>{"1.0.0", "2.0.0"});

    HostOptions with_credentials = verified();
    with_credentials.credentials = test_credentials();
    auto authenticated = list(host, with_credentials);
    REQUIRE(authenticated.tags);
    auto expected = cdls::test::expected_digests("auth");
    auto d = digest(host, "1.0.0", with_credentials);
    INFO(d.error);
    REQUIRE(d.digest);
    CHECK(*d.digest == expected["1.0.0"]);

    HostOptions wrong = verified();
    wrong.credentials = Credentials{"tester", "wrong"};
    auto refused = list(host, wrong);
    CHECK_FALSE(refused.tags);
    CHECK(refused.error.find("token") != std::string::npos);
}

TEST_CASE("a port that accepts and never answers times out", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    long connections = cdls::test::blackhole_connections();
    asio::io_context io;
    RegistryClient client(io);
    ClientOptions options;
    options.timeout = std::chrono::milliseconds(400);
    RegistryClient::TagsResult out;
    client.list_tags(tool_on(*env("CDLS_TEST_REGISTRY_BLACKHOLE")), {}, options,
                     [&](RegistryClient::TagsResult r) { out = std::move(r); });
    auto elapsed = cdls::test::run(io);
    CHECK_FALSE(out.tags);
    CHECK(out.timed_out);
    // It connected (the port accepted) and gave up waiting for the answer.
    CHECK(cdls::test::blackhole_connections() == connections + 1);
    WARN("timed out after " << elapsed.count() << " ms (timeout 400 ms)");
}

TEST_CASE("the service caches tags and digests on disk", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    asio::io_context io;
    RegistryService service(io, *env("CDLS_TEST_REGISTRY_CACHE") + "/service");
    service.client_options.page_size = 2;
    RegistrySettings settings;
    auto ref = reference(*env("CDLS_TEST_REGISTRY_HTTP") + "/mylab/tool:2.0.1");
    bool changed = false;
    service.ensure_tags(ref, settings, [&](bool c) { changed = c; });
    service.ensure_digest(ref, settings, [](bool) {});
    cdls::test::run(io);
    CHECK(changed);
    auto tags = service.cached_tags(ref);
    REQUIRE(tags);
    CHECK(sorted(tags->tags) == all_tags);
    REQUIRE(service.cached_digest(ref));
    CHECK(service.cached_digest(ref)->digest == cdls::test::expected_digests("http")["2.0.1"]);
    CHECK(service.snapshot()->count(ref.name) == 1);
    // Fresh now: no second look-up.
    CHECK_FALSE(service.tags_wanted(ref, settings));
}

TEST_CASE("registry stopped: the cache answers", "[offline]") {
    CDLS_REQUIRE_REGISTRY();
    asio::io_context io;
    RegistryService service(io, *env("CDLS_TEST_REGISTRY_CACHE") + "/service");
    RegistrySettings settings;
    auto ref = reference(*env("CDLS_TEST_REGISTRY_HTTP") + "/mylab/tool:2.0.1");
    // Answered from the disk cache without running the loop: no request can have been made.
    auto tags = service.cached_tags(ref);
    auto d = service.cached_digest(ref);
    REQUIRE(tags);
    CHECK(sorted(tags->tags) == all_tags);
    REQUIRE(d);
    CHECK(d->digest == cdls::test::expected_digests("http")["2.0.1"]);

    // Expired (TTL 0): the refresh fails (connection refused), the stale list stays, and the
    // failing host is left alone afterwards (no second look-up).
    settings.cache_ttl_seconds = 0;
    REQUIRE(service.tags_wanted(ref, settings));
    bool changed = true;
    service.ensure_tags(ref, settings, [&](bool c) { changed = c; });
    auto elapsed = cdls::test::run(io);
    CHECK_FALSE(changed);
    WARN("refresh against the stopped registry gave up after " << elapsed.count() << " ms");
    CHECK(service.cached_tags(ref));
    CHECK_FALSE(service.tags_wanted(ref, settings));
}
