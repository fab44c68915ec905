// Hover at annotated positions: images, keywords, stages, build arguments and variables.
#include "../support/annotated.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/features/hover.hpp"
#include "analysis/features/hover_docs.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using cdls::test::Annotated;

namespace {

struct Hovered {
    Annotated source;
    std::optional<features::HoverResult> result;
    bool says(std::string_view part) const {
        return result && result->markdown.find(part) != std::string::npos;
    }
};

Hovered hover_at(DocumentKind kind, std::string_view annotated) {
    Hovered out{Annotated(annotated), std::nullopt};
    AnalysisResult analysis = analyze_text(kind, out.source.text());
    out.result = features::hover(analysis, out.source.text(), out.source.point());
    return out;
}

Hovered hover_def(std::string_view annotated) {
    return hover_at(DocumentKind::Definition, annotated);
}
Hovered hover_docker(std::string_view annotated) {
    return hover_at(DocumentKind::Dockerfile, annotated);
}

} // namespace

TEST_CASE("hover on python:latest shows floating, most specific version, lineage down to debian",
          "[hover]") {
    auto h = hover_def("Bootstrap: docker\nFrom: [[python:la^test]]\n");
    REQUIRE(h.result);
    CHECK(h.result->range == h.source.range());
    CHECK(h.says("**python**"));
    CHECK(h.says("floating"));
    CHECK(h.says("Most specific version"));
    CHECK(h.says("Lineage: python:latest → buildpack-deps:trixie"));
    CHECK(h.says("debian:trixie"));
    CHECK(h.says("Architectures:"));
    CHECK(h.says("https://hub.docker.com/_/python"));

    auto docker = hover_docker("FROM [[pyth^on:latest]] AS app\n");
    REQUIRE(docker.result);
    CHECK(docker.result->range == docker.source.range());
    CHECK(docker.says("debian:trixie"));
}

TEST_CASE("hover on an image with a build argument shows the resolved reference", "[hover]") {
    auto h = hover_def("Bootstrap: docker\nFrom: pyth^on:{{ V }}\n\n%arguments\n    V=3.12\n");
    REQUIRE(h.result);
    CHECK(h.says("resolves to `python:3.12`"));
}

TEST_CASE("hover on an image the catalogue does not know", "[hover]") {
    auto h = hover_docker("FROM myorg/tool:2^\n");
    REQUIRE(h.result);
    CHECK(h.says("not in the cdls catalogue"));
    CHECK(h.says("looks floating"));
    auto pinned = hover_docker("FROM myorg/tool:2.4.1^\n");
    CHECK(pinned.says("Tag `2.4.1`"));
}

TEST_CASE("hover on definition keywords: sections, header keys, agents", "[hover]") {
    auto section = hover_def("Bootstrap: docker\nFrom: alpine:3.20\n[[%po^st]]\n    true\n");
    REQUIRE(section.result);
    CHECK(section.result->range == section.source.range());
    CHECK(section.says("**%post**"));
    CHECK(section.says("```singularity\n%post"));

    auto key = hover_def("[[Boot^strap]]: docker\nFrom: alpine:3.20\n");
    REQUIRE(key.result);
    CHECK(key.result->range == key.source.range());
    CHECK(key.says("**Bootstrap**"));

    auto mirror = hover_def(
        "Bootstrap: debootstrap\nmirror^url: http://deb.debian.org/debian\nOSVersion: bookworm\n");
    CHECK(mirror.says("**MirrorURL**"));

    auto agent = hover_def("Bootstrap: deboot^strap\nOSVersion: bookworm\n");
    CHECK(agent.says("debootstrap"));
    CHECK(agent.says("Debian or Ubuntu"));
}

TEST_CASE("hover on a {{ build argument }} shows its default and where it is defined", "[hover]") {
    auto h = hover_def(
        "Bootstrap: docker\nFrom: alpine:3.20\n\n%arguments\n    TOOL_VERSION=1.4.2\n\n%post\n"
        "    echo {{ [[TOOL_VER^SION]] }}\n");
    REQUIRE(h.result);
    CHECK(h.result->range == h.source.range());
    CHECK(h.says("Default `1.4.2` (%arguments, line 5)"));
    CHECK(h.says("Used 1 time"));
    auto undefined =
        hover_def("Bootstrap: docker\nFrom: alpine:3.20\n%post\n    echo {{ MISS^ING }}\n");
    CHECK(undefined.says("No default"));
}

TEST_CASE("hover on %files from <stage> describes the stage", "[hover]") {
    auto h = hover_def("Bootstrap: docker\nFrom: golang:1.23.2\nStage: build\n\nBootstrap: "
                       "docker\nFrom: alpine:3.20\n\n"
                       "%files from bu^ild\n    /src/app /app\n");
    REQUIRE(h.result);
    CHECK(h.says("**Stage `build`** (line 1)"));
    CHECK(h.says("From: `golang:1.23.2`"));
}

TEST_CASE("hover on Dockerfile instructions, flags and directives", "[hover]") {
    auto run = hover_docker("FROM alpine:3.20\n[[R^UN]] apk add curl\n");
    REQUIRE(run.result);
    CHECK(run.result->range == run.source.range());
    CHECK(run.says("**RUN**"));
    auto flag =
        hover_docker("FROM alpine:3.20\nRUN --[[mo^unt]]=type=cache,target=/root/.cache true\n");
    REQUIRE(flag.result);
    CHECK(flag.result->range == flag.source.range());
    CHECK(flag.says("**RUN --mount**"));
    CHECK(flag.says("type=cache"));
    auto directive = hover_docker("# syn^tax=docker/dockerfile:1\nFROM alpine:3.20\n");
    CHECK(directive.says("frontend"));
}

TEST_CASE("hover on a stage reference and on $VAR", "[hover]") {
    auto stage = hover_docker(
        "FROM golang:1.23.2 AS build\nFROM alpine:3.20\nCOPY --from=[[bu^ild]] /app /app\n");
    REQUIRE(stage.result);
    CHECK(stage.result->range == stage.source.range());
    CHECK(stage.says("**Stage `build`** (line 1)"));
    CHECK(stage.says("FROM golang:1.23.2 AS build"));

    auto variable = hover_docker("FROM alpine:3.20\nARG VERSION=1.2.3\nRUN echo [[$VER^SION]]\n");
    REQUIRE(variable.result);
    CHECK(variable.result->range == variable.source.range());
    CHECK(variable.says("ARG (line 2)"));
    CHECK(variable.says("Value: `1.2.3`"));

    auto unknown = hover_docker("FROM alpine:3.20\nRUN echo $PA^TH\n");
    CHECK(unknown.says("not defined by an ARG or ENV"));
}

TEST_CASE("no hover in shell code, on blanks or past the end", "[hover]") {
    CHECK_FALSE(
        hover_def("Bootstrap: docker\nFrom: alpine:3.20\n%post\n    apk ad^d curl\n").result);
    CHECK_FALSE(hover_docker("FROM alpine:3.20\n^\n").result);
    AnalysisResult analysis = analyze_text(DocumentKind::Dockerfile, "FROM alpine:3.20\n");
    CHECK_FALSE(features::hover(analysis, "FROM alpine:3.20\n", 1000));
}

TEST_CASE("markdown becomes readable plain text", "[hover]") {
    CHECK(features::markdown_to_plain("**python** — `3.12`\n\n```dockerfile\nFROM x\n```\n[Docker "
                                      "Hub](https://h/_/python)\n") ==
          "python — 3.12\n\nFROM x\nDocker Hub (https://h/_/python)\n");
}

TEST_CASE("every section, instruction and flag the analyzers know has a doc", "[hover]") {
    for (const auto& doc : features::section_docs())
        CHECK_FALSE(doc.summary.empty());
    for (std::string_view keyword :
         {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
          "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"})
        CHECK(features::instruction_doc(keyword));
    CHECK(features::flag_docs("RUN").size() == 3);
    CHECK(features::flag_docs("COPY").size() == 6);
    CHECK(features::header_key_doc("otherurl12"));
    CHECK(features::header_key_doc("MIRRORURL"));
}
