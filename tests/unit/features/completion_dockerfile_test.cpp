// Completion in Dockerfiles at annotated positions.
#include "completion_test_helpers.hpp"

#include "analysis/catalogue/catalogue.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using cdls::test::complete_docker;

TEST_CASE("FROM ^ offers base images and earlier stages", "[completion]") {
    auto c = complete_docker("FROM golang:1.23.2 AS build\nRUN go build\nFROM ^\n");
    for (std::string_view name : {"python", "ubuntu", "alpine", "build"})
        CHECK(c.find(name));
    CHECK(c.find("build")->kind == features::CompletionKind::Reference);
    CHECK(c.sorted_labels().front() == "build");
    auto first = complete_docker("FROM ^");
    CHECK_FALSE(first.find("build"));
    CHECK(first.find("python"));
}

TEST_CASE("FROM python:3.^ offers tags newest first", "[completion]") {
    auto c = complete_docker("FROM python:3.^ AS app\n");
    auto sorted = c.sorted_labels();
    REQUIRE(sorted.size() > 10);
    for (std::size_t i = 0; i + 1 < sorted.size(); ++i)
        CHECK_FALSE(catalogue::tag_newer_first(sorted[i + 1], sorted[i]));
    CHECK(c.find(sorted[0])->edit.range == TextRange{12, 14});
    CHECK(c.applied(sorted[0]) == "FROM python:" + sorted[0] + " AS app\n");
}

TEST_CASE("FROM --platform=$BUILDPLATFORM ^ still completes the image", "[completion]") {
    auto c = complete_docker("FROM --platform=$BUILDPLATFORM pyth^\n");
    REQUIRE(c.find("python"));
    CHECK(c.applied("python") == "FROM --platform=$BUILDPLATFORM python\n");
    auto as = complete_docker("FROM python:3.12.7 ^\n");
    CHECK(as.labels() == std::vector<std::string>{"AS"});
}

TEST_CASE("COPY --from=^ offers the stages before it", "[completion]") {
    auto c = complete_docker("FROM golang:1.23.2 AS build\nFROM alpine:3.20 AS test\nFROM "
                             "alpine:3.20\nCOPY --from=^ /a /b\n"
                             "FROM alpine:3.20 AS later\n");
    CHECK(c.labels() == std::vector<std::string>{"build", "test"});
    CHECK(c.find("build")->edit.range == TextRange{82, 82});
    CHECK(c.applied("build").find("COPY --from=build /a /b") != std::string::npos);
}

TEST_CASE("RUN --mo^ offers --mount and replaces the typed flag", "[completion]") {
    auto c = complete_docker("FROM alpine:3.20\nRUN --mo^ apk add curl\n");
    const auto* mount = c.find("--mount");
    REQUIRE(mount);
    CHECK(mount->edit.range == TextRange{21, 25});
    CHECK(mount->edit.new_text == "--mount=");
    CHECK(mount->retrigger);
    CHECK(c.applied("--mount") == "FROM alpine:3.20\nRUN --mount= apk add curl\n");
    auto copy = complete_docker("FROM alpine:3.20\nCOPY --link -^\n");
    CHECK(copy.find("--from"));
    CHECK(copy.find("--chmod"));
    CHECK_FALSE(copy.find("--link")); // already there
    CHECK(complete_docker("FROM alpine:3.20\nWORKDIR -^\n").items.empty());
}

TEST_CASE("flag values: mount types, mount from, network", "[completion]") {
    auto types = complete_docker("FROM alpine:3.20\nRUN --mount=type=^\n");
    CHECK(types.find("cache"));
    CHECK(types.find("secret"));
    auto from = complete_docker(
        "FROM alpine:3.20 AS base\nFROM alpine:3.20\nRUN --mount=type=bind,from=^\n");
    CHECK(from.labels() == std::vector<std::string>{"base"});
    auto network = complete_docker("FROM alpine:3.20\nRUN --network=^\n");
    CHECK(network.find("none"));
}

TEST_CASE("instructions at line start, with snippets", "[completion]") {
    auto c = complete_docker("FROM alpine:3.20\nRU^\n");
    const auto* run = c.find("RUN");
    REQUIRE(run);
    CHECK(run->edit.range == TextRange{17, 19});
    CHECK(run->edit.new_text == "RUN ");
    CHECK(run->snippet == "RUN ${1:command}");
    CHECK(c.items.size() == 18);
    auto onbuild = complete_docker("FROM alpine:3.20\nONBUILD ^\n");
    CHECK(onbuild.find("RUN"));
    CHECK_FALSE(onbuild.find("ONBUILD"));
}

TEST_CASE("$VAR offers ARG and ENV of the stage, global ARGs and automatic ARGs", "[completion]") {
    auto c = complete_docker(
        "ARG BASE=3.20\nFROM alpine:$BASE\nARG VERSION=1.2.3\nENV HOME_DIR=/app\nRUN echo $^\n"
        "ENV LATER=1\n");
    auto labels = c.sorted_labels();
    REQUIRE(labels.size() >= 4);
    CHECK(labels[0] == "HOME_DIR");
    CHECK(labels[1] == "VERSION");
    CHECK(labels[2] == "BASE");
    CHECK(c.find("TARGETARCH"));
    CHECK_FALSE(c.find("LATER"));
    CHECK(c.find("VERSION")->detail == "ARG = 1.2.3");
    CHECK(c.find("VERSION")->documentation.find("line 3") != std::string::npos);

    auto from = complete_docker("ARG BASE=3.20\nFROM alpine:$B^\nARG INSIDE=1\n");
    CHECK(from.find("BASE"));
    CHECK_FALSE(from.find("INSIDE"));

    auto braced = complete_docker("FROM alpine:3.20\nARG NAME=x\nRUN echo ${NA^\n");
    REQUIRE(braced.find("NAME"));
    CHECK(braced.applied("NAME") == "FROM alpine:3.20\nARG NAME=x\nRUN echo ${NAME}\n");
}

TEST_CASE("parser directives only at the top", "[completion]") {
    auto c = complete_docker("# sy^\nFROM alpine:3.20\n");
    const auto* syntax = c.find("syntax");
    REQUIRE(syntax);
    CHECK(syntax->edit.new_text == "syntax=");
    auto value = complete_docker("# syntax=^\nFROM alpine:3.20\n");
    CHECK(value.find("docker/dockerfile:1"));
    auto second = complete_docker("# syntax=docker/dockerfile:1\n# ^\nFROM alpine:3.20\n");
    CHECK(second.find("escape"));
    CHECK_FALSE(second.find("syntax"));
    CHECK(complete_docker("FROM alpine:3.20\n# sy^\n").items.empty());
    CHECK(complete_docker("# a comment\n# sy^\nFROM alpine:3.20\n").items.empty());
}

TEST_CASE("nothing in heredoc bodies, continuation lines and plain arguments", "[completion]") {
    CHECK(complete_docker("FROM alpine:3.20\nRUN <<EOF\nap^\nEOF\n").items.empty());
    CHECK(complete_docker("FROM alpine:3.20\nRUN apk add \\\n    cur^\n").items.empty());
    CHECK(complete_docker("FROM alpine:3.20\nCOPY a^ /b\n").items.empty());
}
