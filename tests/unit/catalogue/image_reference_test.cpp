// parse_image_reference: registries, library/ handling, tags, digests, schemes, variables.
#include "analysis/catalogue/catalogue.hpp"

#include <catch2/catch.hpp>

using cdls::slice;
using cdls::catalogue::parse_image_reference;

namespace {

struct Row {
    const char* text;
    const char* scheme;
    const char* registry;
    const char* name;
    const char* tag;    // nullptr: no tag
    const char* digest; // nullptr: no digest
    bool official;
};

} // namespace

TEST_CASE("image references parse into registry, name, tag and digest", "[catalogue][reference]") {
    const Row rows[] = {
        {"python", "", "docker.io", "python", nullptr, nullptr, true},
        {"python:3.12", "", "docker.io", "python", "3.12", nullptr, true},
        {"library/python:3.12", "", "docker.io", "python", "3.12", nullptr, true},
        {"docker.io/library/ubuntu:noble", "", "docker.io", "ubuntu", "noble", nullptr, true},
        {"index.docker.io/library/ubuntu", "", "docker.io", "ubuntu", nullptr, nullptr, true},
        {"nvidia/cuda:12.2.0-runtime-ubuntu22.04", "", "docker.io", "nvidia/cuda", "12.2.0-runtime-ubuntu22.04",
         nullptr, false},
        {"localhost:5000/tools/app:1.0", "", "localhost:5000", "localhost:5000/tools/app", "1.0", nullptr, false},
        {"localhost/app", "", "localhost", "localhost/app", nullptr, nullptr, false},
        {"ghcr.io/apptainer/alpine:3.15.0", "", "ghcr.io", "ghcr.io/apptainer/alpine", "3.15.0", nullptr, false},
        {"quay.io/pawsey/mpich-base:3.4.3_ubuntu20.04", "", "quay.io", "quay.io/pawsey/mpich-base",
         "3.4.3_ubuntu20.04", nullptr, false},
        {"python@sha256:0123abcd", "", "docker.io", "python", nullptr, "sha256:0123abcd", true},
        {"python:3.12@sha256:0123abcd", "", "docker.io", "python", "3.12", "sha256:0123abcd", true},
        {"docker://python:3.12", "docker", "docker.io", "python", "3.12", nullptr, true},
        {"docker-daemon:alpine:3.20", "docker-daemon", "docker.io", "alpine", "3.20", nullptr, true},
        {"library://sylabsed/examples/lolcow:latest", "library", "", "sylabsed/examples/lolcow", "latest", nullptr,
         false},
        {"oras://ghcr.io/org/image:1.2.3", "oras", "ghcr.io", "ghcr.io/org/image", "1.2.3", nullptr, false},
        {"shub://vsoch/hello-world", "shub", "", "vsoch/hello-world", nullptr, nullptr, false},
        {"ubuntu:sha256.80c52afadf3e7c3f", "", "docker.io", "ubuntu", nullptr, "sha256.80c52afadf3e7c3f", true},
        {"library/default/ubuntu:22.04", "", "docker.io", "library/default/ubuntu", "22.04", nullptr, false},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        auto ref = parse_image_reference(row.text);
        CHECK(ref.valid);
        CHECK(ref.scheme == row.scheme);
        CHECK(ref.registry == row.registry);
        CHECK(ref.name == row.name);
        CHECK(ref.has_tag == (row.tag != nullptr));
        if (row.tag) CHECK(ref.tag == row.tag);
        CHECK(ref.has_digest == (row.digest != nullptr));
        if (row.digest) CHECK(ref.digest == row.digest);
        CHECK(ref.official() == row.official);
        CHECK_FALSE(ref.has_variables);
    }
}

TEST_CASE("image reference ranges point into the text", "[catalogue][reference]") {
    std::string_view text = "docker.io/library/python:3.12@sha256:abc";
    auto ref = parse_image_reference(text);
    CHECK(slice(text, ref.name_range) == "docker.io/library/python");
    CHECK(slice(text, ref.tag_range) == "3.12");
    CHECK(slice(text, ref.digest_range) == "sha256:abc");

    std::string_view untagged = "docker://ubuntu";
    auto bare = parse_image_reference(untagged);
    CHECK(slice(untagged, bare.name_range) == "ubuntu");
    CHECK(bare.tag_range.empty());
    CHECK(bare.tag_range.begin == untagged.size());

    std::string_view padded = "  alpine:3.20  ";
    auto trimmed = parse_image_reference(padded);
    CHECK(slice(padded, trimmed.tag_range) == "3.20");
    CHECK(trimmed.canonical() == "alpine:3.20");
}

TEST_CASE("variables are flagged and their colons do not split the tag", "[catalogue][reference]") {
    auto braces = parse_image_reference("${REGISTRY:-docker.io}/python:${PY}");
    CHECK(braces.has_variables);
    CHECK(braces.has_tag);
    CHECK(braces.tag == "${PY}");
    CHECK(braces.registry == "${REGISTRY:-docker.io}");

    auto template_arg = parse_image_reference("{{ BASE }}");
    CHECK(template_arg.has_variables);
    CHECK_FALSE(template_arg.has_tag);

    auto dollar = parse_image_reference("golang:${GO_VERSION}-alpine${ALPINE_VERSION}");
    CHECK(dollar.has_variables);
    CHECK(dollar.name == "golang");
    CHECK(dollar.tag == "${GO_VERSION}-alpine${ALPINE_VERSION}");
}

TEST_CASE("broken references never throw and are not valid", "[catalogue][reference]") {
    for (std::string_view text : {"", "   ", ":", "@", "/", "python/", "docker://", ":latest", "a:b:c@@"}) {
        INFO(text);
        auto ref = parse_image_reference(text);
        if (text.empty() || text == "   " || text == ":" || text == "@" || text == "/" || text == "python/" ||
            text == "docker://" || text == ":latest")
            CHECK_FALSE(ref.valid);
        CHECK(ref.name_range.end <= text.size());
        CHECK(ref.tag_range.end <= text.size());
        CHECK(ref.digest_range.end <= text.size());
    }
}
