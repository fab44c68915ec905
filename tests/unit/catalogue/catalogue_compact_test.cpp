// The compact catalogue (views into the blob, tags in one pool, pins as "floating>target")
// answers exactly what the vector-per-entry form before it did.
#include "tests/unit/catalogue/catalogue_dump.hpp"

#include <catch2/catch.hpp>

using namespace cdls::catalogue;

// Digests of dump_catalogue over the blob at commit 6090f49, taken with the representation
// before the compact one (every image, tag, alias, pin, architecture and lineage). A new
// catalogue snapshot changes them: check the answers another way, then record the new ones.
TEST_CASE("the compact catalogue answers as before for every image and tag", "[catalogue]") {
    std::string builtin = testing::dump_catalogue(Catalogue::builtin());
    CHECK(builtin.size() == 4646253);
    CHECK(testing::digest(builtin) == 0x6c858ad79122a557ull);
    Catalogue extended = Catalogue::builtin();
    extended.extend(testing::sample_extension());
    std::string with_extension = testing::dump_catalogue(extended);
    CHECK(with_extension.size() == 4586358);
    CHECK(testing::digest(with_extension) == 0x619d03d4117af7ffull);
}

TEST_CASE("extension tags and pins keep any spelling", "[catalogue]") {
    Catalogue catalogue;
    catalogue.extend(testing::sample_extension());
    auto odd = catalogue.tag("ghcr.io/org/tool", "a>b");
    REQUIRE(odd);
    CHECK(odd->pin_target == "x>y");
    CHECK(catalogue.tag("ghcr.io/org/tool", "odd tag"));
    CHECK(catalogue.tag("ghcr.io/org/tool", ""));
    // A shared tag resolves to the first entry that has it as its own, else the first sharing it.
    CHECK(catalogue.tag("ghcr.io/org/tool", "1")->most_specific == "1.4.2");
    CHECK(catalogue.tag("ghcr.io/org/tool", "shared")->most_specific == "1.4.2");
}
