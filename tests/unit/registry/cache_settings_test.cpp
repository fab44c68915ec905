// The registry cache (TTL, stale entries, disk round trip) and the `registry` settings.
#include "server/config.hpp"
#include "server/registry/cache.hpp"
#include "server/registry/service.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace cdls;
using namespace cdls::registry;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("cdls-registry-unit-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

} // namespace

TEST_CASE("TTL: fresh within it, stale after, never fresh from the future") {
    CHECK(is_fresh(1000, 60, 1000));
    CHECK(is_fresh(1000, 60, 1059));
    CHECK_FALSE(is_fresh(1000, 60, 1060));
    CHECK_FALSE(is_fresh(1000, 0, 1000));
    CHECK_FALSE(is_fresh(2000, 60, 1000));
}

TEST_CASE("the cache keeps tags and digests on disk across instances") {
    fs::path dir = temp_dir("disk");
    {
        RegistryCache cache(dir);
        cache.store_tags("127.0.0.1:5000/mylab/tool", {{"1.0", "2.0"}, 1234});
        cache.store_digest("127.0.0.1:5000/mylab/tool", "2.0", {"sha256:abc", 1235});
    }
    CHECK(fs::exists(dir / "127.0.0.1%3A5000%2Fmylab%2Ftool.json"));
    RegistryCache again(dir);
    const CachedImage* image = again.find("127.0.0.1:5000/mylab/tool");
    REQUIRE(image);
    REQUIRE(image->tags);
    CHECK(image->tags->tags == std::vector<std::string>{"1.0", "2.0"});
    CHECK(image->tags->fetched_at == 1234);
    REQUIRE(image->digests.count("2.0"));
    CHECK(image->digests.at("2.0").digest == "sha256:abc");
    CHECK_FALSE(again.find("ghcr.io/other"));
    fs::remove_all(dir);
}

TEST_CASE("a corrupt cache file is ignored, then rewritten") {
    fs::path dir = temp_dir("corrupt");
    fs::create_directories(dir);
    RegistryCache cache(dir);
    std::ofstream(cache.file_for("ghcr.io/x")) << "{not json";
    CHECK_FALSE(cache.find("ghcr.io/x"));
    cache.store_tags("ghcr.io/x", {{"v1"}, 1});
    RegistryCache again(dir);
    REQUIRE(again.find("ghcr.io/x"));
    fs::remove_all(dir);
}

TEST_CASE("the service serves stale entries and asks for a refresh; disabled means no network") {
    fs::path dir = temp_dir("service");
    {
        RegistryCache seed(dir);
        seed.store_tags("127.0.0.1:1/mylab/tool", {{"1.0"}, now_seconds() - 100});
    }
    asio::io_context io;
    RegistryService service(io, dir);
    auto reference = catalogue::parse_image_reference("127.0.0.1:1/mylab/tool:1.0");
    RegistrySettings settings;
    settings.cache_ttl_seconds = 1000;
    CHECK_FALSE(service.tags_wanted(reference, settings)); // fresh
    REQUIRE(service.cached_tags(reference));
    CHECK(service.snapshot()->at("127.0.0.1:1/mylab/tool") == std::vector<std::string>{"1.0"});
    settings.cache_ttl_seconds = 10;
    CHECK(service.tags_wanted(reference, settings)); // stale: refresh wanted, still served
    CHECK(service.cached_tags(reference)->tags == std::vector<std::string>{"1.0"});
    settings.enabled = false;
    CHECK_FALSE(service.tags_wanted(reference, settings));
    bool called = false;
    service.ensure_tags(reference, settings, [&](bool changed) {
        called = true;
        CHECK_FALSE(changed);
    });
    CHECK_FALSE(called); // never inside the call
    io.run();
    CHECK(called);
    fs::remove_all(dir);
}

TEST_CASE("registry settings validate and apply") {
    auto config = server::parse_config(R"({"registry": {"enabled": false, "diagnostics": true, "timeoutMs": 500,
        "cacheTtlSeconds": 60, "registries": {"localhost:5000": {"insecure": true, "caFile": "ca.pem"}},
        "credentials": {"ghcr.io": {"username": "me", "password": "tok"}}}})",
                                       "/project/.cdls.json");
    CHECK(config.problems.empty());
    CHECK_FALSE(config.registry.enabled);
    CHECK(config.registry.diagnostics);
    CHECK(config.registry.timeout_ms == 500);
    CHECK(config.registry.cache_ttl_seconds == 60);
    REQUIRE(config.registry.registries.count("localhost:5000"));
    CHECK(config.registry.registries["localhost:5000"].insecure == true);
    CHECK(config.registry.registries["localhost:5000"].ca_file == "/project/ca.pem");
    CHECK(config.registry.credentials["ghcr.io"].password == "tok");
}

TEST_CASE("bad registry settings are reported at their key") {
    std::string text = R"({"registry": {"enabled": "yes", "timeoutMs": -1, "colour": 1,
        "registries": {"h": {"insecure": "no"}}, "credentials": {"x": "user:pw"}}})";
    auto config = server::parse_config(text, "/p/.cdls.json");
    REQUIRE(config.problems.size() == 5);
    for (const auto& p : config.problems) CHECK(p.range.end > p.range.begin);
    CHECK(config.registry.enabled); // invalid values do not apply
    CHECK(config.registry.timeout_ms == 3000);
    auto not_object = server::parse_config(R"({"registry": true})", "/p/.cdls.json");
    REQUIRE(not_object.problems.size() == 1);
    CHECK(not_object.problems[0].message.find("object") != std::string::npos);
}

TEST_CASE("editor settings cdls.registry.* apply over the project's") {
    server::ProjectConfig config = server::parse_config(R"({"registry": {"timeoutMs": 500}})", "/p/.cdls.json");
    server::apply_settings({{"registry", {{"diagnostics", true}}}}, config);
    CHECK(config.registry.diagnostics);
    CHECK(config.registry.timeout_ms == 500);
}
