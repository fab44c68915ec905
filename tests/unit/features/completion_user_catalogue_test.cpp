// The user catalogue file: parsing, problems, and its images in completion, hover and the rules.
#include "completion_test_helpers.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/features/hover.hpp"
#include "server/user_catalogue.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace cdls;

namespace {

constexpr std::string_view kCatalogue = R"({
  // comments are allowed
  "images": [
    {
      "name": "ghcr.io/myorg/base",
      "description": "The lab's base image.",
      "entries": [
        {"tags": ["1.4.2", "1.4", "1", "latest"], "architectures": ["amd64", "arm64"], "parent": "ubuntu:24.04"},
        {"tags": ["1.3.0", "1.3"], "architectures": ["amd64"]}
      ],
      "pins": {"latest": "1.4.2"}
    }
  ]
})";

std::shared_ptr<const catalogue::Catalogue> extended(std::string_view text) {
    auto parsed = server::parse_user_catalogue(text);
    auto c = std::make_shared<catalogue::Catalogue>(catalogue::Catalogue::builtin());
    c->extend(parsed.extension);
    return c;
}

} // namespace

TEST_CASE("a user catalogue parses into images, entries and pins", "[completion][catalogue-file]") {
    auto parsed = server::parse_user_catalogue(kCatalogue);
    CHECK(parsed.problems.empty());
    REQUIRE(parsed.extension.images.size() == 1);
    const auto& image = parsed.extension.images[0];
    CHECK(image.name == "ghcr.io/myorg/base");
    REQUIRE(image.entries.size() == 2);
    CHECK(image.entries[0].tags.size() == 4);
    CHECK(image.entries[0].parent == "ubuntu:24.04");
    CHECK(image.pins == std::vector<std::pair<std::string, std::string>>{{"latest", "1.4.2"}});
}

TEST_CASE("problems in a user catalogue are reported, the valid part still applies",
          "[completion][catalogue-file]") {
    auto parsed = server::parse_user_catalogue(
        R"({"images": [{"entries": []}, {"name": "a/b", "entries": [{"tags": "x"}],
        "colour": 1}, {"name": "c/d", "entries": [{"tags": ["1.0.0"]}]}], "extra": true})");
    CHECK(parsed.extension.images.size() == 2);
    auto has = [&](std::string_view part) {
        for (const auto& p : parsed.problems)
            if (p.find(part) != std::string::npos) return true;
        return false;
    };
    CHECK(has("images[0]: an image needs a `name`"));
    CHECK(has("images[1].entries[0].tags: expected an array of strings"));
    CHECK(has("images[1]: unknown key `colour`"));
    CHECK(has("unknown key `extra`"));
    CHECK(server::parse_user_catalogue("{ nope").problems.front().rfind("invalid JSON", 0) == 0);
}

TEST_CASE("user catalogue images complete, hover and drive the image rules",
          "[completion][catalogue-file]") {
    auto catalogue = extended(kCatalogue);
    features::CompletionOptions options;
    options.catalogue = catalogue.get();
    auto images = test::complete_at(DocumentKind::Definition,
                                    "Bootstrap: docker\nFrom: ghcr.io/my^\n", options);
    REQUIRE(images.find("ghcr.io/myorg/base"));
    auto tags = test::complete_at(DocumentKind::Dockerfile, "FROM ghcr.io/myorg/base:^\n", options);
    CHECK(tags.sorted_labels().front() == "1.4.2");
    REQUIRE(tags.find("latest"));
    CHECK(tags.find("latest")->detail == "floating → 1.4.2");

    std::string text = "FROM ghcr.io/myorg/base:1.4\n";
    AnalysisSettings settings;
    settings.catalogue = catalogue;
    AnalysisResult analysis = analyze_text(DocumentKind::Dockerfile, text, settings);
    bool floating = false;
    for (const auto& d : analysis.diagnostics)
        if (d.rule == "image-floating-tag") {
            floating = true;
            REQUIRE_FALSE(d.fixes.empty());
            CHECK(d.fixes.front().edits.front().new_text.find("1.4.2") != std::string::npos);
        }
    CHECK(floating);
    features::HoverOptions hover_options;
    hover_options.catalogue = catalogue.get();
    auto hovered = features::hover(analysis, text, 8, hover_options);
    REQUIRE(hovered);
    CHECK(hovered->markdown.find("The lab's base image.") != std::string::npos);
    CHECK(hovered->markdown.find("ubuntu:24.04") != std::string::npos);
}

TEST_CASE("the catalogue setting of a .cdls.json loads the file relative to it",
          "[completion][catalogue-file]") {
    namespace fs = std::filesystem;
    fs::path dir =
        fs::temp_directory_path() / ("cdls-user-catalogue-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "images.json") << kCatalogue;
    std::ofstream(dir / ".cdls.json") << R"({"catalogue": "images.json"})";
    auto config = server::load_config_with_catalogue(dir / ".cdls.json");
    CHECK(config.problems.empty());
    REQUIRE(config.settings.catalogue);
    CHECK(config.settings.catalogue->image("ghcr.io/myorg/base"));

    std::ofstream(dir / ".cdls.json", std::ios::trunc) << R"({"catalogue": "missing.json"})";
    auto missing = server::load_config_with_catalogue(dir / ".cdls.json");
    REQUIRE(missing.problems.size() == 1);
    CHECK(missing.problems[0].message.find("cannot read the catalogue file") != std::string::npos);
    CHECK_FALSE(missing.settings.catalogue);
    fs::remove_all(dir);
}
