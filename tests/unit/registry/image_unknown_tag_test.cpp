// image-unknown-tag (bad and good) and live tags in completion: both take the registry's tag
// lists as data in the settings/options.
#include "analysis/document_analysis.hpp"
#include "analysis/features/completion.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls;

namespace {

using TagLists = std::map<std::string, std::vector<std::string>, std::less<>>;

AnalysisSettings with_tags(TagLists lists) {
    AnalysisSettings settings;
    settings.registry_tags = std::make_shared<const TagLists>(std::move(lists));
    return settings;
}

std::vector<const Diagnostic*> unknown_tag(const AnalysisResult& result) {
    std::vector<const Diagnostic*> out;
    for (const auto& d : result.diagnostics)
        if (d.rule == "image-unknown-tag") out.push_back(&d);
    return out;
}

const TagLists lab{{"ghcr.io/mylab/tool", {"1.2.0", "1.3.0", "2.0.0"}}, {"python", {"3.12.7-slim", "3.13.1"}}};

} // namespace

TEST_CASE("image-unknown-tag: a tag the registry does not list (definition file)") {
    std::string text = "Bootstrap: docker\nFrom: ghcr.io/mylab/tool:1.2.O\n";
    auto result = analyze_text(DocumentKind::Definition, text, with_tags(lab));
    auto found = unknown_tag(result);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->severity == Severity::Warning);
    CHECK(text.substr(found[0]->range.begin, found[0]->range.end - found[0]->range.begin) == "1.2.O");
    CHECK(found[0]->message.find("did you mean `1.2.0`") != std::string::npos);
    REQUIRE(found[0]->fixes.size() == 1);
    CHECK(found[0]->fixes[0].edits[0].new_text == "1.2.0");
}

TEST_CASE("image-unknown-tag: Dockerfile, Docker Hub official image") {
    auto result = analyze_text(DocumentKind::Dockerfile, "FROM python:3.12.99-slim\n", with_tags(lab));
    auto found = unknown_tag(result);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->message.find("python:3.12.99-slim") != std::string::npos);
}

TEST_CASE("image-unknown-tag: good input and no data stay silent") {
    CHECK(unknown_tag(analyze_text(DocumentKind::Definition, "Bootstrap: docker\nFrom: ghcr.io/mylab/tool:2.0.0\n", with_tags(lab))).empty());
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, "FROM python:3.13.1\n", with_tags(lab))).empty());
    // Not looked up (no list), no settings at all, a digest, or untagged: not judged.
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, "FROM quay.io/x/y:nope\n", with_tags(lab))).empty());
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, "FROM ghcr.io/mylab/tool:9.9.9\n")).empty());
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile,
                                   "FROM ghcr.io/mylab/tool:9.9.9@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
                                   with_tags(lab)))
              .empty());
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, "FROM ghcr.io/mylab/tool\n", with_tags(lab))).empty());
    // An empty list (a repository without tags) is no evidence.
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, "FROM ghcr.io/empty/repo:1\n",
                                   with_tags({{"ghcr.io/empty/repo", {}}})))
              .empty());
}

TEST_CASE("image-unknown-tag follows resolved build arguments and can be turned off") {
    std::string text = "ARG V=3.0.0\nFROM ghcr.io/mylab/tool:${V}\n";
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, text, with_tags(lab));
    auto found = unknown_tag(result); // pointers into `result`: keep it alive
    REQUIRE(found.size() == 1);
    CHECK(found[0]->fixes.empty()); // the tag is a variable: no literal to replace
    auto off = with_tags(lab);
    off.overrides["image-unknown-tag"] = std::nullopt;
    CHECK(unknown_tag(analyze_text(DocumentKind::Dockerfile, text, off)).empty());
}

TEST_CASE("completion merges live registry tags after the catalogue's") {
    std::string text = "Bootstrap: docker\nFrom: ghcr.io/mylab/tool:\n";
    auto result = analyze_text(DocumentKind::Definition, text);
    Offset cursor = static_cast<Offset>(text.find(":\n", 20) + 1);
    auto context = features::image_tag_at(result, text, cursor);
    REQUIRE(context);
    CHECK(context->reference.name == "ghcr.io/mylab/tool");
    features::CompletionOptions options;
    CHECK(features::complete(result, text, cursor, options).empty());
    options.registry_tags = &lab;
    auto items = features::complete(result, text, cursor, options);
    std::vector<std::string> labels;
    for (const auto& item : items) labels.push_back(item.label);
    CHECK(labels == std::vector<std::string>{"2.0.0", "1.3.0", "1.2.0"});
    CHECK(items[0].edit.range.begin == cursor);
    CHECK(items[0].detail == "registry tag");

    // Official images: catalogue tags first, the registry's extra ones after, no duplicates.
    std::string docker = "FROM python:3.1\n";
    auto docker_result = analyze_text(DocumentKind::Dockerfile, docker);
    auto merged = features::complete(docker_result, docker, 15, options);
    auto count = std::count_if(merged.begin(), merged.end(), [](const auto& i) { return i.label == "3.13.1"; });
    CHECK(count == 1);
    // Not in a tag: nothing from the registry.
    CHECK_FALSE(features::image_tag_at(result, text, 25));
}
