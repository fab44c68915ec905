// ContainerFacts from Dockerfiles: exact ranges for the shared and image rules.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

TEST_CASE("dockerfile facts: images with stages, variables and scratch") {
    std::string text = "ARG BASE=python\nARG TAG=3.12-slim\nARG NODEFAULT\n"
                       "FROM ${BASE}:${TAG} AS build\nFROM build AS test\nFROM scratch\n"
                       "FROM $NODEFAULT\nFROM ${NODEFAULT:-alpine}:3.19\nFROM BUILD\n";
    auto r = analyze(text);
    const auto& images = r.facts.images;
    REQUIRE(images.size() == 6);
    CHECK(r.facts.kind == DocumentKind::Dockerfile);
    CHECK(images[0].text == "${BASE}:${TAG}");
    CHECK(images[0].range == range_of(text, "${BASE}:${TAG}"));
    CHECK(images[0].agent == "FROM");
    CHECK(images[0].has_variables);
    CHECK(images[0].resolved == "python:3.12-slim");
    CHECK_FALSE(images[0].names_stage);
    CHECK(images[1].names_stage);
    CHECK(images[1].resolved.empty());
    CHECK(images[2].text == "scratch");
    CHECK(images[3].has_variables);
    CHECK(images[3].resolved.empty()); // no default: unknown
    CHECK(images[4].resolved == "alpine:3.19");
    CHECK(images[5].names_stage); // case-insensitive
}

TEST_CASE("dockerfile facts: RUN shell form maps words to the document") {
    std::string text = "FROM alpine:3.19\nRUN apk add \\\n  # a comment\n  curl && pip install numpy\n";
    auto r = analyze(text);
    REQUIRE(r.facts.shell_bodies.size() == 1);
    const auto& body = r.facts.shell_bodies[0];
    CHECK(body.origin == "RUN");
    CHECK(body.context == ShellContext::Build);
    CHECK(body.script.text() == "apk add   curl && pip install numpy");
    auto numpy = body.script.text().find("numpy");
    CHECK(body.script.to_document(TextRange{static_cast<Offset>(numpy), static_cast<Offset>(numpy + 5)}) ==
          range_of(text, "numpy"));
    auto curl = body.script.text().find("curl");
    CHECK(body.script.to_document(TextRange{static_cast<Offset>(curl), static_cast<Offset>(curl + 4)}) ==
          range_of(text, "curl"));
    REQUIRE(r.facts.comments.size() == 1);
    CHECK(slice(text, r.facts.comments[0].range) == "# a comment");
    CHECK_FALSE(r.facts.comments[0].may_be_pragma);
}

TEST_CASE("dockerfile facts: heredoc scripts, exec form, CMD") {
    std::string text = "FROM alpine:3.19\n"
                       "RUN <<EOF\npip install flask\nEOF\n"
                       "RUN <<EOF\n#!/usr/bin/env python3\nprint('hi')\nEOF\n"
                       "RUN cat <<EOF > /etc/app.conf\nkey=value\nEOF\n"
                       "RUN bash -e <<EOF\napt-get install -y git\nEOF\n"
                       "RUN [\"pip\", \"install\", \"requests\"]\n"
                       "RUN [\"/bin/sh\", \"-c\", \"npm install -g yarn\"]\n"
                       "CMD python app.py\n"
                       "ENTRYPOINT [\"python\"]\n";
    auto r = analyze(text);
    std::vector<std::string> scripts;
    for (const auto& b : r.facts.shell_bodies) scripts.push_back(b.origin + ": " + b.script.text());
    REQUIRE(scripts == std::vector<std::string>{
                           "RUN: pip install flask\n",
                           "RUN: cat <<EOF > /etc/app.conf",
                           "RUN: apt-get install -y git\n",
                           "RUN: bash -e <<EOF",
                           "RUN: pip install requests",
                           "RUN: npm install -g yarn",
                           "CMD: python app.py",
                       });
    const auto& heredoc = r.facts.shell_bodies[0];
    CHECK(heredoc.script.to_document(TextRange{0, 3}) == range_of(text, "pip"));
    const auto& exec = r.facts.shell_bodies[4];
    CHECK(exec.script.to_document(TextRange{12, 20}) == range_of(text, "requests"));
    const auto& sh = r.facts.shell_bodies[5];
    CHECK(sh.script.to_document(TextRange{0, 3}) == range_of(text, "npm"));
    CHECK(r.facts.shell_bodies[6].context == ShellContext::Runtime);
}

TEST_CASE("dockerfile facts: copies") {
    std::string text = "FROM alpine:3.19 AS build\nFROM alpine:3.19\n"
                       "COPY requirements.txt data/ /app/\n"
                       "COPY --from=build /out /out\n"
                       "ADD https://example.org/x.tgz /x.tgz\n"
                       "COPY [\"my file\", \"/dst\"]\n"
                       "COPY <<EOF /etc/x\nhello\nEOF\n";
    auto r = analyze(text);
    const auto& copies = r.facts.copies;
    REQUIRE(copies.size() == 4);
    CHECK(copies[0].path == "requirements.txt");
    CHECK(copies[0].range == range_of(text, "requirements.txt"));
    CHECK(copies[0].origin == "COPY");
    CHECK_FALSE(copies[0].from_stage);
    CHECK(copies[1].path == "data/");
    CHECK(copies[2].path == "/out");
    CHECK(copies[2].from_stage);
    CHECK(copies[3].path == "my file");
    CHECK(copies[3].range == range_of(text, "\"my file\""));
}

TEST_CASE("dockerfile facts: assignments and labels") {
    std::string text = "ARG PY=3.12\nARG EMPTY\nFROM python:3.12-slim\n"
                       "ENV PATH=/opt/bin:$PATH HOME=/root\nENV LANG C.UTF-8\n"
                       "LABEL org.opencontainers.image.source=\"https://github.com/x/y\" version=1\n";
    auto r = analyze(text);
    const auto& a = r.facts.assignments;
    REQUIRE(a.size() == 4);
    CHECK(a[0].name == "PY");
    CHECK(a[0].origin == "ARG");
    CHECK(a[0].value_range == range_of(text, "3.12"));
    CHECK(a[1].name == "PATH");
    CHECK_FALSE(a[1].literal);
    CHECK(a[1].name_range == range_of(text, "PATH"));
    CHECK(a[2].name == "HOME");
    CHECK(a[2].literal);
    CHECK(a[3].name == "LANG");
    CHECK(a[3].value == "C.UTF-8");
    CHECK(a[3].origin == "ENV");
    const auto& labels = r.facts.labels;
    REQUIRE(labels.size() == 2);
    CHECK(labels[0].key == "org.opencontainers.image.source");
    CHECK(labels[0].value == "https://github.com/x/y");
    CHECK(labels[0].value_range == range_of(text, "\"https://github.com/x/y\""));
    CHECK(labels[1].key == "version");
}

TEST_CASE("dockerfile facts: label insertion point and document anchor") {
    std::string with_label = "# c\nFROM alpine:3.19\nLABEL a=b\nRUN true\n";
    auto r = analyze(with_label);
    CHECK(r.facts.label_insertion_point == range_of(with_label, "RUN").begin);
    CHECK(r.facts.document_anchor == range_of(with_label, "FROM alpine:3.19"));
    std::string without = "FROM alpine:3.19 \\\n  AS x\nRUN true\n";
    auto r2 = analyze(without);
    CHECK(r2.facts.label_insertion_point == range_of(without, "RUN").begin);
    auto none = analyze("");
    CHECK(none.facts.label_insertion_point == 0);
    CHECK(none.facts.document_anchor == TextRange{0, 0});
}

TEST_CASE("dockerfile facts: comments include directives and continuation comments") {
    std::string text = "# syntax=docker/dockerfile:1\n# hadolint ignore=DL3007\nFROM alpine:latest\nRUN a \\\n # cdls-ignore: x\n b\n";
    auto r = analyze(text);
    REQUIRE(r.facts.comments.size() == 3);
    CHECK(slice(text, r.facts.comments[1].range) == "# hadolint ignore=DL3007");
    CHECK(slice(text, r.facts.comments[2].range) == "# cdls-ignore: x");
    CHECK_FALSE(r.facts.comments[0].may_be_pragma); // a directive
    CHECK(r.facts.comments[1].may_be_pragma);
    CHECK(r.facts.comments[2].may_be_pragma);
    CHECK(r.facts.comments[2].range == range_of(text, "# cdls-ignore: x"));
}
