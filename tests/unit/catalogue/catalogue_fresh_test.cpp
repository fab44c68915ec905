// The committed catalogue_data.cpp equals a fresh generation from ../shared/data, and the
// decoded catalogue agrees with the snapshot's own records.
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/catalogue_data.hpp"
#include "tools/catalogue_generator/generate.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using cdls::test::read_file;

const std::filesystem::path data_dir = std::filesystem::path(CDLS_SHARED_DIR) / "data";

bool have_snapshot() {
    return std::filesystem::exists(data_dir / "official-images.json") && std::filesystem::exists(data_dir / "lineage.json");
}

} // namespace

TEST_CASE("the committed catalogue equals a fresh generation", "[catalogue][generator]") {
    if (!have_snapshot()) {
        WARN("skipped: ../shared not found");
        return;
    }
    auto official = nlohmann::json::parse(read_file(data_dir / "official-images.json"));
    auto lineage = nlohmann::json::parse(read_file(data_dir / "lineage.json"));
    std::string fresh = cdls::catalogue_generator::generate_source(official, lineage);
    std::string committed =
        read_file(std::filesystem::path(CDLS_SOURCE_DIR) / "analysis" / "catalogue" / "catalogue_data.cpp");
    CHECK(fresh.size() == committed.size());
    CHECK(fresh == committed); // run scripts/generate-catalogue when this fails
    // Deterministic: a second run gives the same bytes.
    CHECK(cdls::catalogue_generator::generate_source(official, lineage) == fresh);
}

TEST_CASE("the decoded catalogue agrees with the snapshot's tags, pins and parents", "[catalogue][generator]") {
    if (!have_snapshot()) {
        WARN("skipped: ../shared not found");
        return;
    }
    auto official = nlohmann::json::parse(read_file(data_dir / "official-images.json"));
    auto lineage = nlohmann::json::parse(read_file(data_dir / "lineage.json"));
    const auto& catalogue = cdls::catalogue::Catalogue::builtin();
    CHECK(catalogue.image_count() == official["images"].size());
    std::size_t tags = 0;
    std::size_t pins = 0;
    for (const auto& [name, image] : official["images"].items()) {
        const auto entries = image.value("entries", nlohmann::json::array());
        const auto image_pins = image.value("pins", nlohmann::json::object());
        for (const auto& entry : entries)
            for (const auto& tag : entry["tags"]) {
                ++tags;
                auto info = catalogue.tag(name, tag.get<std::string>());
                REQUIRE(info);
                for (const auto& alias : entry["tags"])
                    CHECK(std::find(info->aliases.begin(), info->aliases.end(), alias.get<std::string>()) !=
                          info->aliases.end());
            }
        for (const auto& [floating, target] : image_pins.items()) {
            ++pins;
            auto info = catalogue.tag(name, floating);
            REQUIRE(info);
            CHECK(info->pin_target == target.get<std::string>());
        }
    }
    CHECK(tags > 9000);
    CHECK(pins == official["_meta"]["counts"]["pins"].get<std::size_t>());
    std::size_t parents = 0;
    for (const auto& [key, parent] : lineage["parents"].items()) {
        auto colon = key.rfind(':');
        auto info = catalogue.tag(key.substr(0, colon), key.substr(colon + 1));
        INFO(key);
        REQUIRE(info);
        CHECK(info->parent == parent.get<std::string>());
        ++parents;
    }
    CHECK(parents == lineage["parents"].size());
    CHECK(cdls::catalogue::data::snapshot().find(official["_meta"]["officialImagesCommit"].get<std::string>()) !=
          std::string_view::npos);
}
