// The image rules (image-latest-tag, image-untagged, image-floating-tag): bad and good input,
// exact ranges, and fixes that make the finding disappear.
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/image_rules.hpp"
#include "analysis/core/rule.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls;

namespace {

// A document with one base image: `prefix` + reference + "\n". The fact is built as the
// analyzers build it.
struct Document {
    std::string text;
    ContainerFacts facts;
};

Document document_with(std::string_view prefix, std::string_view reference, std::string_view agent,
                       std::string resolved = {}) {
    Document doc;
    doc.text = std::string(prefix) + std::string(reference) + "\n";
    ImageReferenceFact fact;
    fact.text = std::string(reference);
    fact.range = {static_cast<Offset>(prefix.size()), static_cast<Offset>(prefix.size() + reference.size())};
    fact.agent = std::string(agent);
    fact.has_variables = reference.find('$') != std::string_view::npos || reference.find("{{") != std::string_view::npos;
    fact.resolved = std::move(resolved);
    doc.facts.kind = agent == "FROM" ? DocumentKind::Dockerfile : DocumentKind::Definition;
    doc.facts.images.push_back(fact);
    return doc;
}

Document definition(std::string_view reference, std::string_view agent = "docker") {
    return document_with("Bootstrap: " + std::string(agent) + "\nFrom: ", reference, agent);
}

Document dockerfile(std::string_view reference) { return document_with("FROM ", reference, "FROM"); }

std::vector<Diagnostic> check(const Document& doc) {
    std::vector<Diagnostic> out;
    catalogue::check_image_rules(doc.facts, out);
    return out;
}

// Applies the preferred fix and re-analyses the edited text as the analyzers would.
Document apply_preferred(const Document& doc, const Diagnostic& diagnostic) {
    auto preferred = std::find_if(diagnostic.fixes.begin(), diagnostic.fixes.end(),
                                  [](const Fix& fix) { return fix.preferred; });
    REQUIRE(preferred != diagnostic.fixes.end());
    REQUIRE(preferred->edits.size() == 1);
    std::string edited = apply_edit(doc.text, preferred->edits[0]);
    const auto& fact = doc.facts.images[0];
    std::string prefix = doc.text.substr(0, fact.range.begin);
    REQUIRE(edited.size() > prefix.size());
    std::string reference = edited.substr(prefix.size(), edited.size() - prefix.size() - 1);
    return document_with(prefix, reference, fact.agent);
}

std::string latest_pin(std::string_view image) {
    auto info = catalogue::Catalogue::builtin().tag(image, "latest");
    REQUIRE(info);
    return info->most_specific;
}

} // namespace

TEST_CASE("the image rules are registered with their documentation fields", "[catalogue][rules]") {
    for (std::string_view id : {"image-latest-tag", "image-untagged", "image-floating-tag"}) {
        INFO(id);
        const RuleInfo* rule = find_rule(id);
        REQUIRE(rule);
        CHECK(rule->scope == RuleScope::Both);
        CHECK(rule->habit == Habit::BeSpecific);
        CHECK_FALSE(rule->summary.empty());
    }
    CHECK(find_rule("image-latest-tag")->severity == Severity::Warning);
    CHECK(find_rule("image-untagged")->severity == Severity::Warning);
    CHECK(find_rule("image-floating-tag")->severity == Severity::Information);
}

TEST_CASE("image-latest-tag: explicit latest, range on the tag, fix pins the entry's version", "[catalogue][rules]") {
    auto doc = definition("python:latest");
    auto all = check(doc);
    REQUIRE(all.size() == 1); // not also reported as floating
    const auto& d = all[0];
    CHECK(d.rule == "image-latest-tag");
    CHECK(d.severity == Severity::Warning);
    CHECK(slice(doc.text, d.range) == "latest");
    std::string pin = latest_pin("python");
    CHECK(d.message == "`python:latest` moves with every release; pin a version such as python:" + pin);
    REQUIRE(d.fixes.size() >= 2);
    CHECK(d.fixes[0].preferred);
    CHECK(d.fixes[0].title == "Pin python:" + pin);
    CHECK(d.fixes[0].edits[0] == TextEdit{d.range, pin});
    CHECK(std::none_of(d.fixes.begin() + 1, d.fixes.end(), [](const Fix& f) { return f.preferred; }));
    // The other fix is the snapshot's own pin (an alias of the same entry), e.g. 3.14.7.
    auto info = catalogue::Catalogue::builtin().tag("python", "latest");
    CHECK(d.fixes[1].edits[0].new_text == info->pinned_aliases[1]);

    auto fixed = apply_preferred(doc, d);
    CHECK(fixed.text == "Bootstrap: docker\nFrom: python:" + pin + "\n");
    CHECK(check(fixed).empty());
}

TEST_CASE("image-latest-tag in Dockerfiles and for images outside the catalogue", "[catalogue][rules]") {
    auto doc = dockerfile("docker.io/library/ubuntu:latest");
    auto all = check(doc);
    REQUIRE(all.size() == 1);
    CHECK(all[0].rule == "image-latest-tag");
    CHECK(all[0].range == TextRange{30, 36});
    CHECK(all[0].message.rfind("`docker.io/library/ubuntu:latest` moves", 0) == 0);
    REQUIRE_FALSE(all[0].fixes.empty());
    CHECK(check(apply_preferred(doc, all[0])).empty());

    auto unknown = check(definition("continuumio/miniconda3:latest"));
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].rule == "image-latest-tag");
    CHECK(unknown[0].fixes.empty()); // nothing known to pin to
    CHECK(unknown[0].message ==
          "`continuumio/miniconda3:latest` moves with every release; pin a full version tag or a digest "
          "(continuumio/miniconda3@sha256:<digest>)");

    // Sylabs library references are not Docker Hub's: judged without the catalogue.
    auto library = check(definition("ubuntu:latest", "library"));
    REQUIRE(library.size() == 1);
    CHECK(library[0].rule == "image-latest-tag");
    CHECK(library[0].fixes.empty());
}

TEST_CASE("image-untagged: no tag and no digest, range on the whole reference", "[catalogue][rules]") {
    auto doc = definition("python");
    auto all = check(doc);
    REQUIRE(all.size() == 1);
    const auto& d = all[0];
    CHECK(d.rule == "image-untagged");
    CHECK(slice(doc.text, d.range) == "python");
    std::string pin = latest_pin("python");
    CHECK(d.message == "`python` has no tag, so it means python:latest, which moves with every release; pin a "
                       "version such as python:" + pin);
    REQUIRE_FALSE(d.fixes.empty());
    CHECK(d.fixes[0].edits[0] == TextEdit{{d.range.end, d.range.end}, ":" + pin});
    auto fixed = apply_preferred(doc, d);
    CHECK(fixed.text == "Bootstrap: docker\nFrom: python:" + pin + "\n");
    CHECK(check(fixed).empty());

    auto shub = check(definition("godloved/secure/ubuntu-bionic", "library"));
    REQUIRE(shub.size() == 1);
    CHECK(shub[0].rule == "image-untagged");
    CHECK(shub[0].fixes.empty());

    auto registry = check(dockerfile("localhost:5000/tools/app"));
    REQUIRE(registry.size() == 1);
    CHECK(registry[0].rule == "image-untagged");
    CHECK(registry[0].range == TextRange{5, 29});
}

TEST_CASE("image-floating-tag: catalogue judgement with fixes", "[catalogue][rules]") {
    auto doc = dockerfile("python:3.12-slim");
    auto all = check(doc);
    REQUIRE(all.size() == 1);
    const auto& d = all[0];
    CHECK(d.rule == "image-floating-tag");
    CHECK(d.severity == Severity::Information);
    CHECK(slice(doc.text, d.range) == "3.12-slim");
    auto info = catalogue::Catalogue::builtin().tag("python", "3.12-slim");
    REQUIRE(info);
    CHECK(d.message == "`python:3.12-slim` is a floating tag that moves to new builds; pin a version such as python:" +
                           info->most_specific);
    REQUIRE(d.fixes.size() == info->pinned_aliases.size());
    for (std::size_t i = 0; i < d.fixes.size(); ++i) {
        CHECK(d.fixes[i].edits[0].new_text == info->pinned_aliases[i]);
        CHECK(d.fixes[i].preferred == (i == 0));
        // Every fix names the same image: an alias of the same entry.
        CHECK(std::find(info->aliases.begin(), info->aliases.end(), d.fixes[i].edits[0].new_text) !=
              info->aliases.end());
    }
    CHECK(check(apply_preferred(doc, d)).empty());

    for (std::string_view reference : {"debian:bookworm-slim", "ubuntu:24.04", "alpine:3.23", "node:lts",
                                       "nginx:stable", "python:3"}) {
        INFO(reference);
        auto floating_doc = dockerfile(reference);
        auto found = check(floating_doc);
        REQUIRE(found.size() == 1);
        CHECK(found[0].rule == "image-floating-tag");
        REQUIRE_FALSE(found[0].fixes.empty());
        CHECK(check(apply_preferred(floating_doc, found[0])).empty());
    }
}

TEST_CASE("image-floating-tag: pattern judgement for images outside the catalogue", "[catalogue][rules]") {
    for (std::string_view reference : {"rocker/r-ver:4.3", "nvidia/cuda:12-runtime", "myorg/base:stable",
                                       "biocontainers/biocontainers:debian-stretch-backports", "ubuntu:16.04"}) {
        INFO(reference);
        auto found = check(definition(reference));
        REQUIRE(found.size() == 1);
        CHECK(found[0].rule == "image-floating-tag");
        CHECK(found[0].fixes.empty());
    }
}

TEST_CASE("image rules stay quiet on pinned references", "[catalogue][rules]") {
    for (std::string_view reference :
         {"python:3.14.7-trixie", "python:3.12.14", "ubuntu:noble-20260810", "debian:bookworm-20260803-slim",
          "python@sha256:0123456789abcdef", "python:latest@sha256:0123456789abcdef", "ubuntu:sha256.80c52afadf3e",
          "rocker/r-ver:4.3.1", "quay.io/pawsey/mpich-base:3.4.3_ubuntu20.04", "nvidia/cuda:12.2.0-runtime-ubuntu22.04",
          "scratch", "ghcr.io/apptainer/alpine:3.15.0"}) {
        INFO(reference);
        CHECK(check(definition(reference)).empty());
        CHECK(check(dockerfile(reference)).empty());
    }
}

TEST_CASE("image rules skip stages, paths, unknown agents and unresolved variables", "[catalogue][rules]") {
    auto stage = dockerfile("builder");
    stage.facts.images[0].names_stage = true;
    CHECK(check(stage).empty());

    for (std::string_view agent : {"localimage", "oci", "oci-archive", "docker-archive", "debootstrap", "yum"}) {
        INFO(agent);
        CHECK(check(definition("image", agent)).empty());
    }
    CHECK_FALSE(check(definition("image", "docker-daemon")).empty());
    CHECK_FALSE(check(definition("image", "oras")).empty());
    CHECK_FALSE(check(definition("image", "shub")).empty());
    CHECK_FALSE(check(definition("image", "Docker")).empty());

    CHECK(check(dockerfile("$BASE_IMAGE")).empty());
    CHECK(check(definition("{{ FINAL_IMAGE }}")).empty());
}

TEST_CASE("image rules use the resolved text of references with variables", "[catalogue][rules]") {
    // The tag is written literally: the finding sits on it and the fix replaces it.
    auto literal = document_with("FROM ", "${REGISTRY}/python:3.12", "FROM", "docker.io/python:3.12");
    auto found = check(literal);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "image-floating-tag");
    CHECK(slice(literal.text, found[0].range) == "3.12");
    CHECK_FALSE(found[0].fixes.empty());

    // The tag comes from a variable: the whole reference is marked and no fix edits it.
    auto variable = document_with("FROM ", "python:${PY}", "FROM", "python:latest");
    found = check(variable);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "image-latest-tag");
    CHECK(slice(variable.text, found[0].range) == "python:${PY}");
    CHECK(found[0].fixes.empty());

    auto untagged = document_with("FROM ", "$BASE", "FROM", "ubuntu");
    found = check(untagged);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rule == "image-untagged");
    CHECK(found[0].range == TextRange{5, 10});
    CHECK(found[0].fixes.empty());

    CHECK(check(document_with("FROM ", "python:${PY}", "FROM", "python:3.14.7")).empty());
}

TEST_CASE("a user catalogue extends what the rules know", "[catalogue][rules]") {
    catalogue::Catalogue extended = catalogue::Catalogue::builtin();
    catalogue::CatalogueExtension extension;
    catalogue::ExtraImage tool;
    tool.name = "ghcr.io/org/tool";
    tool.entries.push_back({{"2.0.1", "2.0", "2", "latest"}, {}, {"amd64"}, "ubuntu:24.04"});
    extension.images.push_back(tool);
    extended.extend(extension);

    auto doc = dockerfile("ghcr.io/org/tool:2");
    std::vector<Diagnostic> out;
    catalogue::check_image_rules(doc.facts, extended, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].rule == "image-floating-tag");
    REQUIRE(out[0].fixes.size() == 1);
    CHECK(out[0].fixes[0].edits[0].new_text == "2.0.1");
}
