// WWW-Authenticate and Link parsing, base64, docker config.json, image → endpoint mapping.
#include "server/registry/auth.hpp"
#include "server/registry/client.hpp"
#include "server/registry/endpoint.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::registry;

TEST_CASE("Bearer challenges give realm, service and scope") {
    auto c = parse_www_authenticate(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull")");
    REQUIRE(c.size() == 1);
    CHECK(c[0].scheme == "bearer");
    CHECK(c[0].param("realm") == "https://auth.docker.io/token");
    CHECK(c[0].param("service") == "registry.docker.io");
    CHECK(c[0].param("scope") == "repository:library/python:pull");
}

TEST_CASE("several challenges, Basic, escapes and odd spacing") {
    auto c = parse_www_authenticate(R"(Basic realm="Harbor \"x\"" , Bearer realm=https://h/t, service="s")");
    REQUIRE(c.size() == 2);
    CHECK(c[0].scheme == "basic");
    CHECK(c[0].param("realm") == "Harbor \"x\"");
    CHECK(c[1].scheme == "bearer");
    CHECK(c[1].param("realm") == "https://h/t");
    CHECK(c[1].param("service") == "s");
    CHECK(parse_www_authenticate("").empty());
}

TEST_CASE("base64 round-trips") {
    for (std::string s : {"", "a", "ab", "abc", "user:pa ss", "tester:s3cret"}) CHECK(base64_decode(base64_encode(s)) == s);
    CHECK(base64_encode("tester:s3cret") == "dGVzdGVyOnMzY3JldA==");
    CHECK_FALSE(base64_decode("not*base64"));
}

TEST_CASE("docker config.json auths: base64 auth and username/password") {
    auto map = parse_docker_config(R"({"auths": {
        "https://index.docker.io/v1/": {"auth": "dGVzdGVyOnMzY3JldA=="},
        "ghcr.io": {"username": "me", "password": "tok"},
        "broken.example": {"auth": "!!"},
        "helper.example": {}
    }, "credsStore": "desktop"})");
    CHECK(map.size() == 2);
    auto hub = find_credentials(map, "registry-1.docker.io");
    REQUIRE(hub);
    CHECK(hub->username == "tester");
    CHECK(hub->password == "s3cret");
    auto ghcr = find_credentials(map, "ghcr.io");
    REQUIRE(ghcr);
    CHECK(ghcr->password == "tok");
    CHECK_FALSE(find_credentials(map, "quay.io"));
    CHECK(parse_docker_config("not json").empty());
    CHECK(parse_docker_config(R"({"auths": []})").empty());
}

TEST_CASE("image references map to registry endpoints") {
    auto python = registry_image(catalogue::parse_image_reference("python:3.12"));
    REQUIRE(python);
    CHECK(python->host == "registry-1.docker.io");
    CHECK(python->repository == "library/python");
    CHECK(python->key == "python");
    auto hub = registry_image(catalogue::parse_image_reference("docker.io/nvidia/cuda:12.4.1-base-ubuntu22.04"));
    REQUIRE(hub);
    CHECK(hub->host == "registry-1.docker.io");
    CHECK(hub->repository == "nvidia/cuda");
    auto local = registry_image(catalogue::parse_image_reference("127.0.0.1:5000/mylab/tool:1.0"));
    REQUIRE(local);
    CHECK(local->host == "127.0.0.1:5000");
    CHECK(local->repository == "mylab/tool");
    CHECK(local->key == "127.0.0.1:5000/mylab/tool");
    auto ghcr = registry_image(catalogue::parse_image_reference("docker://GHCR.io/Org/Tool:v1"));
    REQUIRE(ghcr);
    CHECK(ghcr->host == "ghcr.io");
    CHECK(ghcr->repository == "org/tool");
    CHECK_FALSE(registry_image(catalogue::parse_image_reference("library://sylabs/default/alpine:3.19")));
    CHECK_FALSE(registry_image(catalogue::parse_image_reference("${BASE}:1")));
    CHECK_FALSE(registry_image(catalogue::parse_image_reference("scratch")));
}

TEST_CASE("Link headers: the rel=next target") {
    CHECK(next_link(R"(</v2/mylab/tool/tags/list?last=1.2.0&n=3>; rel="next")") == "/v2/mylab/tool/tags/list?last=1.2.0&n=3");
    CHECK(next_link(R"(<https://a/prev>; rel="prev", <https://a/next>; rel=next)") == "https://a/next");
    CHECK_FALSE(next_link(R"(<https://a/prev>; rel="prev")"));
    CHECK_FALSE(next_link(""));
}

TEST_CASE("loopback hosts") {
    CHECK(is_loopback_host("localhost:5000"));
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("[::1]:5000"));
    CHECK_FALSE(is_loopback_host("ghcr.io"));
    CHECK_FALSE(is_loopback_host("10.0.0.1:5000"));
}

TEST_CASE("the sha256 fallback digest") {
    CHECK(sha256_digest("") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
