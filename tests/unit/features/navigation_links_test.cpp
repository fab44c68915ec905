// Document links: base images to registry pages, URLs in labels.
#include "analysis/features/links.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::features;

namespace {

std::optional<std::string> page(std::string_view reference) {
    return registry_page(catalogue::parse_image_reference(reference));
}

} // namespace

TEST_CASE("links: registry pages per registry") {
    CHECK(page("python:3.12") == "https://hub.docker.com/_/python");
    CHECK(page("library/python") == "https://hub.docker.com/_/python");
    CHECK(page("docker.io/library/ubuntu:22.04") == "https://hub.docker.com/_/ubuntu");
    CHECK(page("nvidia/cuda:12.3.1-base-ubuntu22.04") == "https://hub.docker.com/r/nvidia/cuda");
    CHECK(page("ghcr.io/astral-sh/uv:0.4.0") == "https://ghcr.io/astral-sh/uv");
    CHECK(page("quay.io/biocontainers/samtools:1.19--h50ea8bc_0") ==
          "https://quay.io/repository/biocontainers/samtools");
    CHECK(page("mcr.microsoft.com/dotnet/sdk:8.0") ==
          "https://mcr.microsoft.com/en-us/artifact/mar/dotnet/sdk/about");
    CHECK_FALSE(page("registry.example.org/team/tool:1.0"));
    CHECK_FALSE(page("scratch"));
}

TEST_CASE("links: URLs inside text") {
    std::string text =
        "see https://example.org/a_(b). or <http://x.io/y>, not xhttps://no and https://";
    auto urls = find_urls(text, {0, static_cast<Offset>(text.size())});
    REQUIRE(urls.size() == 2);
    CHECK(slice(text, urls[0]) == "https://example.org/a_(b");
    CHECK(slice(text, urls[1]) == "http://x.io/y");
}

TEST_CASE("links: a definition file's base image and label URLs") {
    std::string text =
        "Bootstrap: docker\nFrom: python:3.12.1\n\n%labels\n    Source https://github.com/me/repo\n"
        "    Author me\n";
    auto links = document_links(analyze_text(DocumentKind::Definition, text), text);
    REQUIRE(links.size() == 2);
    CHECK(slice(text, links[0].range) == "python:3.12.1");
    CHECK(links[0].target == "https://hub.docker.com/_/python");
    CHECK(slice(text, links[1].range) == "https://github.com/me/repo");
    CHECK(links[1].target == "https://github.com/me/repo");
}

TEST_CASE("links: a Dockerfile's images, not its stages, and LABEL URLs") {
    std::string text = "ARG TAG=3.19.1\nFROM alpine:${TAG} AS base\nFROM base\n"
                       "LABEL org.opencontainers.image.source=\"https://github.com/me/repo\"\n"
                       "FROM ghcr.io/me/tool:1.0.0\n";
    auto links = document_links(analyze_text(DocumentKind::Dockerfile, text), text);
    REQUIRE(links.size() == 3);
    CHECK(slice(text, links[0].range) == "alpine:${TAG}");
    CHECK(links[0].target == "https://hub.docker.com/_/alpine");
    CHECK(links[1].target == "https://github.com/me/repo");
    CHECK(slice(text, links[2].range) == "ghcr.io/me/tool:1.0.0");
    CHECK(links[2].target == "https://ghcr.io/me/tool");
}

TEST_CASE("links: agents that take paths or other registries get no registry link") {
    std::string text =
        "Bootstrap: localimage\nFrom: ./base.sif\n\nBootstrap: library\nFrom: alpine:3.19\n";
    CHECK(document_links(analyze_text(DocumentKind::Definition, text), text).empty());
}
