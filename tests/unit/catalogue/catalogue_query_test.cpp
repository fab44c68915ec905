// Queries on the committed built-in catalogue: tags, aliases, floating, lineage, ordering.
#include "analysis/catalogue/catalogue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls::catalogue;

namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::size_t position(const std::vector<std::string>& list, std::string_view value) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), value) - list.begin());
}

} // namespace

TEST_CASE("python:latest reaches debian and scratch through its lineage", "[catalogue]") {
    const auto& catalogue = Catalogue::builtin();
    auto chain = catalogue.lineage("python", "latest");
    REQUIRE(chain.size() >= 3);
    CHECK(chain.front() == "python:latest");
    CHECK(chain.back() == "scratch");
    CHECK(std::any_of(chain.begin(), chain.end(), [](const std::string& link) { return link.rfind("debian:", 0) == 0; }));
    CHECK(std::any_of(chain.begin(), chain.end(),
                      [](const std::string& link) { return link.rfind("buildpack-deps:", 0) == 0; }));
}

TEST_CASE("python:latest's most specific alias is a full version of the same entry", "[catalogue]") {
    auto info = Catalogue::builtin().tag("python", "latest");
    REQUIRE(info);
    CHECK(info->floating);
    CHECK(tag_specificity(info->most_specific) >= 3);
    CHECK(contains(info->aliases, info->most_specific));
    CHECK(contains(info->aliases, "latest"));
    // The snapshot's own pin (latest → x.y.z) is one of the equally specific aliases.
    REQUIRE_FALSE(info->pin_target.empty());
    CHECK(contains(info->pinned_aliases, info->pin_target));
    CHECK(info->pinned_aliases.front() == info->most_specific);
    CHECK(info->most_specific.rfind(info->pin_target, 0) == 0); // 3.14.7-trixie extends 3.14.7
    CHECK(contains(info->architectures, "amd64"));
    CHECK(info->parent.rfind("buildpack-deps:", 0) == 0);

    auto pinned = Catalogue::builtin().tag("python", info->most_specific);
    REQUIRE(pinned);
    CHECK_FALSE(pinned->floating);
    CHECK(pinned->most_specific == info->most_specific);
}

TEST_CASE("floating tags are judged within their entry", "[catalogue]") {
    const auto& catalogue = Catalogue::builtin();
    auto minor = catalogue.tag("python", "3.12");
    REQUIRE(minor);
    CHECK(minor->floating);
    CHECK(minor->most_specific.rfind("3.12.", 0) == 0);

    // A date-stamped Ubuntu tag pins more than the version it is an alias of.
    auto ubuntu = catalogue.tag("ubuntu", "24.04");
    REQUIRE(ubuntu);
    CHECK(ubuntu->floating);
    CHECK(ubuntu->most_specific.rfind("noble-", 0) == 0);
    auto stamped = catalogue.tag("ubuntu", ubuntu->most_specific);
    REQUIRE(stamped);
    CHECK_FALSE(stamped->floating);

    auto codename = catalogue.tag("debian", "bookworm-slim");
    REQUIRE(codename);
    CHECK(codename->floating);
    CHECK(codename->most_specific.find("-slim") != std::string::npos);

    // latest is floating even where nothing pins more (hello-world has only latest and linux).
    auto hello = catalogue.tag("hello-world", "latest");
    REQUIRE(hello);
    CHECK(hello->floating);

    CHECK_FALSE(catalogue.tag("python", "no-such-tag"));
    CHECK_FALSE(catalogue.tag("no-such-image", "latest"));
}

TEST_CASE("tags are ordered newest version first", "[catalogue][order]") {
    CHECK(tag_newer_first("3.14.7", "3.14"));
    CHECK(tag_newer_first("3.14", "3.13.1"));
    CHECK(tag_newer_first("3.13.1", "3.9"));
    CHECK(tag_newer_first("3.10", "3.9"));
    CHECK_FALSE(tag_newer_first("3.14", "3.14.7"));
    CHECK(tag_newer_first("3.14.7", "3.14.7-alpine"));
    CHECK(tag_newer_first("3.14.7-alpine", "3.14.7-slim"));
    CHECK(tag_newer_first("3.14.7-slim", "3.14"));
    CHECK(tag_newer_first("3.15.0", "3.15.0rc1"));
    CHECK(tag_newer_first("3", "latest"));
    CHECK(tag_newer_first("alpine3.23", "alpine3.9"));
    CHECK(tag_newer_first("bookworm", "bookworm-20260803"));
    CHECK(tag_newer_first("v3.7.11", "v3.7"));
    // Tags of different token counts, compared from either side, and equal token sequences.
    CHECK_FALSE(tag_newer_first("3.14.7-slim", "3.14.7"));
    CHECK_FALSE(tag_newer_first("3.14", "3.14.7-slim"));
    CHECK(tag_newer_first("3", "v3"));
    CHECK_FALSE(tag_newer_first("v3", "3"));
    CHECK(tag_newer_first("03", "3"));
    CHECK_FALSE(tag_newer_first("3", "3"));
    CHECK_FALSE(tag_newer_first("3", ""));
    CHECK(tag_newer_first("", "3"));
    CHECK_FALSE(tag_newer_first("", ""));

    auto tags = Catalogue::builtin().tags("python");
    REQUIRE(tags.size() > 50);
    CHECK(std::is_sorted(tags.begin(), tags.end(),
                         [](const std::string& a, const std::string& b) { return tag_newer_first(a, b); }));
    CHECK(position(tags, "3.14.7") < position(tags, "3.14"));
    CHECK(position(tags, "3.14") < position(tags, "3.13"));
    CHECK(position(tags, "3.13") < position(tags, "3.10"));
    CHECK(position(tags, "3.10") < position(tags, "latest"));
}

TEST_CASE("specificity and floating by spelling", "[catalogue][order]") {
    CHECK(tag_specificity("3.14.7") == 3);
    CHECK(tag_specificity("v3.7.11-windowsservercore") == 3);
    CHECK(tag_specificity("3-slim") == 1);
    CHECK(tag_specificity("trixie") == 0);
    CHECK(tag_specificity("noble-20260810") > tag_specificity("24.04"));

    for (std::string_view tag : {"3.12", "3", "3-slim", "bookworm", "alpine", "lts", "stable", "lts-alpine",
                                 "edge", "slim-bookworm", "v2", "22.04"}) {
        INFO(tag);
        CHECK(tag_floats_by_pattern(tag));
    }
    for (std::string_view tag : {"3.12.4", "1.2.3-alpine", "jammy-20240125", "3.4.3_ubuntu20.04", "sha-1a2b3c",
                                 "vdebian-buster-backports_cv1", "", "3.15rc1"}) {
        INFO(tag);
        CHECK_FALSE(tag_floats_by_pattern(tag));
    }
}

TEST_CASE("images by prefix rank the well-known images first", "[catalogue]") {
    const auto& catalogue = Catalogue::builtin();
    auto all = catalogue.images_by_prefix("");
    REQUIRE(all.size() == catalogue.image_count());
    CHECK(all[0] == "alpine");
    CHECK(all[1] == "busybox");
    CHECK(all[4] == "python");
    CHECK(all[14] == "rabbitmq");
    CHECK(all[15] == "adminer"); // then alphabetically

    auto p = catalogue.images_by_prefix("p");
    REQUIRE(p.size() >= 3);
    CHECK(p[0] == "python");
    CHECK(p[1] == "postgres");
    CHECK(p[2] == "percona");
    // Then the others alphabetically, deprecated images (php-zendserver, plone) last.
    auto deprecated = std::find(p.begin(), p.end(), "php-zendserver");
    REQUIRE(deprecated != p.end());
    CHECK(std::is_sorted(p.begin() + 2, deprecated));
    CHECK(p.back() == "plone");
    CHECK(catalogue.images_by_prefix("zzz").empty());

    auto info = catalogue.image("python");
    REQUIRE(info);
    CHECK(info->builtin);
    CHECK_FALSE(info->description.empty());
    CHECK(info->description.size() <= 320);
    CHECK(info->tag_count > 50);
    REQUIRE(catalogue.image("openjdk"));
    CHECK_FALSE(catalogue.image("openjdk")->deprecated.empty());
    REQUIRE(catalogue.image("scratch"));
}

TEST_CASE("the catalogue extends with plain structs", "[catalogue]") {
    Catalogue catalogue = Catalogue::builtin();
    CatalogueExtension extension;
    ExtraImage tool;
    tool.name = "ghcr.io/org/tool";
    tool.short_description = "Our tool";
    tool.entries.push_back({{"1.4.2", "1.4", "1", "latest"}, {}, {"amd64"}, "python:3.12-slim"});
    tool.pins = {{"latest", "1.4.2"}, {"1.4", "1.4.2"}, {"1", "1.4.2"}};
    extension.images.push_back(tool);
    extension.parents.push_back({"ghcr.io/org/base:2", "ubuntu:24.04"});
    catalogue.extend(extension);

    auto latest = catalogue.tag("ghcr.io/org/tool", "latest");
    REQUIRE(latest);
    CHECK(latest->floating);
    CHECK(latest->most_specific == "1.4.2");
    CHECK(latest->pin_target == "1.4.2");
    auto chain = catalogue.lineage("ghcr.io/org/tool", "1");
    REQUIRE(chain.size() >= 3);
    CHECK(chain[1] == "python:3.12-slim");
    CHECK(chain.back() == "scratch");
    CHECK(catalogue.lineage("ghcr.io/org/base", "2") ==
          std::vector<std::string>{"ghcr.io/org/base:2", "ubuntu:24.04", "scratch"});
    CHECK(catalogue.image_count() == Catalogue::builtin().image_count() + 2);
    // The built-in catalogue is untouched.
    CHECK_FALSE(Catalogue::builtin().image("ghcr.io/org/tool"));

    // A copy keeps the extension's strings alive after the original is gone.
    Catalogue copy = [&] {
        Catalogue temporary = catalogue;
        return temporary;
    }();
    REQUIRE(copy.tag("ghcr.io/org/tool", "1"));
    CHECK(copy.tag("ghcr.io/org/tool", "1")->most_specific == "1.4.2");
}

TEST_CASE("lineage is cycle-safe", "[catalogue]") {
    Catalogue catalogue;
    CatalogueExtension extension;
    extension.parents = {{"a:1", "b:1"}, {"b:1", "c:1"}, {"c:1", "a:1"}};
    catalogue.extend(extension);
    CHECK(catalogue.lineage("a", "1") == std::vector<std::string>{"a:1", "b:1", "c:1"});
}

TEST_CASE("completion and hover helpers", "[catalogue][completion]") {
    auto images = complete_images("py");
    REQUIRE_FALSE(images.empty());
    CHECK(images[0].name == "python");
    CHECK(images[0].detail.find("official image") == 0);
    CHECK(images[0].detail.find("architectures") != std::string::npos);
    CHECK(image_documentation(images[0].name).find("https://hub.docker.com/_/python") != std::string::npos);
    CHECK(std::is_sorted(images.begin(), images.end(),
                         [](const ImageCompletion& a, const ImageCompletion& b) { return a.sort_key < b.sort_key; }));

    auto tags = complete_tags("python", "3.1");
    REQUIRE(tags.size() > 5);
    CHECK(std::all_of(tags.begin(), tags.end(), [](const TagCompletion& t) { return t.tag.rfind("3.1", 0) == 0; }));
    auto exact = std::find_if(tags.begin(), tags.end(), [](const TagCompletion& t) { return t.tag == "3.12"; });
    REQUIRE(exact != tags.end());
    CHECK(exact->detail.rfind("floating → 3.12.", 0) == 0);
    auto full = std::find_if(tags.begin(), tags.end(), [&](const TagCompletion& t) {
        return t.tag == exact->detail.substr(std::string("floating → ").size());
    });
    REQUIRE(full != tags.end());
    CHECK(full->detail == "pinned");
    CHECK(full->sort_key < exact->sort_key);

    auto hover = describe_image_markdown("python:3.12");
    CHECK(hover.find("**python**") == 0);
    CHECK(hover.find("floating") != std::string::npos);
    CHECK(hover.find("Lineage: python:3.12 → buildpack-deps:") != std::string::npos);
    CHECK(hover.find("https://hub.docker.com/_/python") != std::string::npos);
    CHECK(describe_image_markdown("no-such-image-here:1").empty());
    CHECK(describe_image_markdown("python:9.9.9").find("not in the catalogue") != std::string::npos);
}

TEST_CASE("a malformed blob decodes what it can and never crashes", "[catalogue]") {
    const std::string body = "I\tdemo\t\t\tDemo\tA demo image.\t\n"
                             "E\t7x\tdemo-base:1\t1.0.0 1.0 latest\t\n" // bad set number
                             "P\tlatest>1.0.0 1.0>1.0.0 junk\n"
                             "O\t1.0\tother:2\n"
                             "Z\tunknown record\n"
                             "\n\tI\n"
                             "I\tdemo\t\t\tagain\t\t\n"; // a second `I` line is no record
    const std::string blob = "N\tonly-name\n"                          // too few fields
                             "N\tbad\t\t1\tx\t5\n"                     // not a number
                             "N\thuge\t\t1\t0\t99999999999999999999\n" // too large
                             "N\tfar\t\t1\t100\t" + std::to_string(body.size()) + "\n" // past it
                             "A\tamd64 arm64v8\n"
                             "N\tdemo\t\t2\t0\t" + std::to_string(body.size()) + "\n"
                             "N\tnot-demo\t\t0\t0\t10\n" // its body names another image
                             "E\t0\tscratch\ta b\t\n"      // a body record in the index
                             "B\n" + body;
    auto catalogue = Catalogue::from_blob(blob);
    CHECK(catalogue.images_by_prefix("") == std::vector<std::string>{"demo", "not-demo"});
    CHECK(catalogue.tags("not-demo").empty());
    CHECK(catalogue.image("not-demo")->description.empty());
    CHECK(catalogue.image("demo")->description == "A demo image.");
    auto info = catalogue.tag("demo", "latest");
    REQUIRE(info);
    CHECK(info->most_specific == "1.0.0");
    CHECK(info->pin_target == "1.0.0");
    CHECK(info->parent == "demo-base:1");
    CHECK(catalogue.tag("demo", "1.0")->parent == "other:2"); // the override wins
    CHECK(Catalogue::from_blob("").image_count() == 0);
    CHECK(Catalogue::from_blob("N\tdemo\t\t2\t0\t5\nI\tdemo").image_count() == 0); // no `B`
}
