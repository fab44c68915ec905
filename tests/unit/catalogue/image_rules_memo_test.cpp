// The memoised image rules against judging every reference afresh (check_image_rules), over
// random edits of files with many base images, and when the catalogue changes.
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/image_rules.hpp"
#include "analysis/document_analysis.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace cdls;

namespace {

const char* const kReferences[] = {"python:latest", "python",          "python:3.12",      "python:3.14.7-trixie",
                                   "ubuntu:22.04",  "ubuntu@sha256:0", "${BASE}:3",        "build",
                                   "ghcr.io/org/tool:2",              "alpine:3",         "scratch"};

std::string random_dockerfile(std::mt19937& rng, int stages) {
    std::string text = "ARG BASE=debian\n";
    for (int i = 0; i < stages; ++i) {
        text += "FROM ";
        text += kReferences[rng() % std::size(kReferences)];
        text += i == 0 ? " AS build\n" : "\n";
        text += "RUN echo " + std::to_string(i) + "\n";
    }
    return text;
}

std::vector<Diagnostic> fresh(const ContainerFacts& facts, const catalogue::Catalogue& catalogue) {
    std::vector<Diagnostic> out;
    catalogue::check_image_rules(facts, catalogue, out);
    return out;
}

} // namespace

TEST_CASE("image rules memo: equals judging every reference, across random edits", "[catalogue][rules]") {
    std::mt19937 rng(1124);
    for (int file = 0; file < 20; ++file) {
        std::string text = random_dockerfile(rng, 12);
        catalogue::ImageRulesMemo memo;
        for (int step = 0; step < 40; ++step) {
            INFO("file " << file << " step " << step << ":\n" << text);
            ContainerFacts facts = analyze_text(DocumentKind::Dockerfile, text).facts;
            std::vector<Diagnostic> memoised;
            memo.check(facts, nullptr, memoised);
            REQUIRE(memoised == fresh(facts, catalogue::Catalogue::builtin()));
            // An edit: a line inserted or removed above a FROM (moves the rest), or a reference
            // rewritten in place.
            std::size_t at = text.find("FROM ", rng() % text.size());
            if (at == std::string::npos) at = text.find("FROM ");
            switch (rng() % 3) {
            case 0: text.insert(at, "# moved\n"); break;
            case 1: {
                std::size_t end = text.find('\n', at);
                text.replace(at, end - at, std::string("FROM ") + kReferences[rng() % std::size(kReferences)]);
                break;
            }
            default: {
                std::size_t comment = text.find("# moved\n");
                if (comment != std::string::npos) text.erase(comment, 8);
                else text.insert(0, "\n");
            }
            }
        }
    }
}

TEST_CASE("image rules memo: a changed catalogue judges again", "[catalogue][rules]") {
    std::string text = "FROM ghcr.io/org/tool:2\nFROM python:3.12\n";
    ContainerFacts facts = analyze_text(DocumentKind::Dockerfile, text).facts;
    catalogue::ImageRulesMemo memo;
    std::vector<Diagnostic> builtin;
    memo.check(facts, nullptr, builtin);
    CHECK(builtin == fresh(facts, catalogue::Catalogue::builtin()));

    auto extended = std::make_shared<catalogue::Catalogue>(catalogue::Catalogue::builtin());
    catalogue::CatalogueExtension extension;
    catalogue::ExtraImage tool;
    tool.name = "ghcr.io/org/tool";
    tool.entries.push_back({{"2.0.1", "2.0", "2", "latest"}, {}, {"amd64"}, "ubuntu:24.04"});
    extension.images.push_back(tool);
    extended->extend(extension);
    std::vector<Diagnostic> with_user;
    memo.check(facts, extended, with_user);
    CHECK(with_user == fresh(facts, *extended));
    CHECK(with_user != builtin); // the tool's floating tag is known only to the extended one
    std::vector<Diagnostic> back;
    memo.check(facts, nullptr, back);
    CHECK(back == builtin);
}
