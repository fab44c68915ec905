// The blob's layout: an index read on first use (names, flags, architecture counts, where each
// body is), then the bodies, each read only when its image is first asked for.
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/catalogue_data.hpp"
#include "tests/unit/catalogue/catalogue_dump.hpp"
#include "tools/catalogue_generator/generate.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace cdls::catalogue;

namespace {

std::string two_images() {
    cdls::catalogue_generator::BlobWriter writer;
    writer.add_architecture_set("amd64 arm64v8");
    writer.add_image("alpha", "", 2,
                     "I\talpha\t\tos\tAlpha\tThe alpha image.\t\n"
                     "E\t0\tscratch\t1.2.3 1.2 latest\t\n"
                     "P\t1.2>1.2.3 latest>1.2.3\n");
    writer.add_image("beta", "xd", 2,
                     "I\tbeta\tx\t\tBeta\tThe beta image.\tgone\n"
                     "E\t0\talpha:1.2\t2.0.1 2.0\t\n");
    return writer.blob();
}

// What a catalogue answers of an image from its own body (not its lineage, which goes
// through other images).
std::string answers(const Catalogue& catalogue, const std::string& name) {
    std::string out = name;
    if (auto image = catalogue.image(name))
        out += ' ' + image->short_description + ' ' + image->description + ' ' + image->deprecated;
    for (const auto& tag : catalogue.tags(name)) {
        auto info = catalogue.tag(name, tag);
        out += ' ' + tag + '>' + (info ? info->most_specific + '<' + info->parent : "none");
    }
    return out;
}

} // namespace

TEST_CASE("the index alone answers names and briefs; a body is read when asked for",
          "[catalogue]") {
    std::string blob = two_images();
    Catalogue catalogue = Catalogue::from_blob(blob);
    CHECK(catalogue.image_count() == 2);
    // The well-known ones first, deprecated ones last: from the index's flags.
    CHECK(catalogue.images_by_prefix("") == std::vector<std::string>{"alpha", "beta"});
    auto beta = catalogue.brief("beta");
    REQUIRE(beta);
    CHECK(beta->builtin);
    CHECK(beta->deprecated);
    CHECK(beta->architectures == 2);
    CHECK_FALSE(catalogue.brief("alpha")->deprecated);
    // Spoil both bodies' `I` lines: an image not decoded yet reads the spoiled one (and stays
    // empty), one decoded before keeps its answers.
    CHECK(catalogue.tag("beta", "2.0")->most_specific == "2.0.1");
    for (auto at = blob.find("\nI\t"); at != std::string::npos; at = blob.find("\nI\t", at + 1))
        blob[at + 3] = 'Z';
    CHECK(catalogue.tag("beta", "2.0")->most_specific == "2.0.1");
    CHECK(catalogue.image("beta")->deprecated == "gone");
    CHECK(catalogue.tags("alpha").empty());
    CHECK(catalogue.image("alpha")->description.empty());
    CHECK(catalogue.brief("alpha")->architectures == 2); // still the index's
}

TEST_CASE("the built-in blob's index is small and agrees with the bodies", "[catalogue]") {
    std::string_view blob = cdls::catalogue::data::blob_text();
    std::size_t end = blob.find("\nB\n");
    REQUIRE(end != std::string_view::npos);
    CHECK(end < 16 * 1024); // ≈ 8 KB: 143 images and 54 architecture sets
    CHECK(blob.substr(0, end).find("\nI\t") == std::string_view::npos);
    const Catalogue& builtin = Catalogue::builtin();
    for (const auto& name : builtin.images_by_prefix("")) {
        auto brief = builtin.brief(name);
        auto image = builtin.image(name);
        REQUIRE(brief);
        REQUIRE(image);
        INFO(name);
        CHECK(brief->architectures == image->architectures.size());
        CHECK(brief->deprecated == !image->deprecated.empty());
    }
}

TEST_CASE("a truncated blob gives the images whose bodies it holds", "[catalogue]") {
    const std::string blob(cdls::catalogue::data::blob_text());
    const std::size_t index_end = blob.find("\nB\n") + 3;
    const Catalogue& builtin = Catalogue::builtin();
    std::vector<std::size_t> cuts;
    for (std::size_t cut = 0; cut < index_end + 200; cut += 97) cuts.push_back(cut);
    for (std::size_t cut = index_end; cut < blob.size(); cut += 24989) cuts.push_back(cut);
    cuts.push_back(blob.size() - 1);
    std::size_t last_count = 0;
    for (std::size_t cut : cuts) {
        INFO(cut);
        const std::string truncated = blob.substr(0, cut);
        Catalogue catalogue = Catalogue::from_blob(truncated);
        if (cut < index_end) CHECK(catalogue.image_count() == 0);
        CHECK(catalogue.image_count() >= last_count);
        last_count = catalogue.image_count();
        // The images it keeps answer as the whole blob's do.
        for (const auto& name : catalogue.images_by_prefix(""))
            CHECK(answers(catalogue, name) == answers(builtin, name));
    }
    CHECK(last_count + 1 >= builtin.image_count());
    CHECK(last_count < builtin.image_count()); // the last image's body lost its last byte
}

TEST_CASE("a blob with any byte changed never crashes", "[catalogue]") {
    const std::string blob = two_images();
    for (std::size_t at = 0; at < blob.size(); ++at)
        for (char replacement : {'\n', '\t', 'B', '9', 'd', ' ', '>'}) {
            std::string changed = blob;
            changed[at] = replacement;
            Catalogue catalogue = Catalogue::from_blob(changed);
            CHECK(catalogue.image_count() <= 2);
            for (const auto& name : catalogue.images_by_prefix("")) {
                answers(catalogue, name);
                catalogue.brief(name);
                catalogue.lineage(name, "latest");
            }
        }
}

TEST_CASE("an entry's unknown architecture set stays unknown after an extension adds sets",
          "[catalogue]") {
    cdls::catalogue_generator::BlobWriter writer;
    writer.add_architecture_set("amd64");
    writer.add_image("alpha", "", 1, "I\talpha\t\t\tAlpha\t\t\nE\t2\tscratch\t1.0.0\t\n");
    const std::string blob = writer.blob();
    Catalogue original = Catalogue::from_blob(blob);
    Catalogue copy = original; // shares the undecoded image
    CatalogueExtension extension;
    ExtraImage tool;
    tool.name = "tool";
    tool.entries.push_back({{"1"}, {}, {"riscv64"}, ""});
    tool.entries.push_back({{"2"}, {}, {"s390x"}, ""});
    extension.images.push_back(tool);
    copy.extend(extension); // the copy's sets 1 and 2
    CHECK(copy.tag("alpha", "1.0.0")->architectures == std::vector<std::string>{"amd64"});
    CHECK(original.tag("alpha", "1.0.0")->architectures == std::vector<std::string>{"amd64"});
}
