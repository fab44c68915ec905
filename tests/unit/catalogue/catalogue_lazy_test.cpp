// The catalogue decodes an image's entries, tags and pins when the image is first asked for:
// the answers do not depend on the order of the questions, on copies or on threads.
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/catalogue_data.hpp"
#include "tests/unit/catalogue/catalogue_dump.hpp"
#include "tools/catalogue_generator/generate.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace cdls::catalogue;

namespace {

// Two images; the second's entries use an architecture set defined after the first's, and a
// set number the index does not define (set 0).
const std::string kBlob = [] {
    cdls::catalogue_generator::BlobWriter writer;
    writer.add_architecture_set("amd64");
    writer.add_architecture_set("arm64v8 riscv64");
    writer.add_architecture_set("s390x");
    writer.add_image("alpha", "", 1,
                     "I\talpha\t\tos\tAlpha\tThe alpha image.\t\n"
                     "E\t0\tscratch\t1.2.3 1.2 latest\t\n"
                     "P\t1.2>1.2.3 latest>1.2.3\n");
    writer.add_image("beta", "d", 3,
                     "I\tbeta\t\t\tBeta\tThe beta image.\told\n"
                     "E\t1\talpha:1.2\t2.0.1 2.0\t\n"
                     "E\t7\talpha:latest\t3.0.0\t\n"
                     "O\t2.0\talpha:1.2.3\n");
    return writer.blob();
}();

std::string answers(const Catalogue& catalogue, std::string_view image, std::string_view tag) {
    auto info = catalogue.tag(image, tag);
    if (!info) return "none";
    std::string out = info->most_specific + " pin=" + info->pin_target + " parent=" + info->parent + " arch=";
    for (const auto& architecture : info->architectures) out += architecture + ",";
    return out;
}

} // namespace

TEST_CASE("a blob's images decode on demand, in any order", "[catalogue]") {
    Catalogue first = Catalogue::from_blob(kBlob);
    Catalogue second = Catalogue::from_blob(kBlob);
    CHECK(first.image_count() == 2);
    // The index alone answers prefixes and descriptions.
    CHECK(first.images_by_prefix("") == std::vector<std::string>{"alpha", "beta"});
    // One image, then the other; and the other way round.
    CHECK(answers(first, "beta", "2.0") == "2.0.1 pin= parent=alpha:1.2.3 arch=arm64v8,riscv64,");
    CHECK(answers(first, "beta", "3.0.0") == "3.0.0 pin= parent=alpha:latest arch=amd64,");
    CHECK(answers(first, "alpha", "latest") == "1.2.3 pin=1.2.3 parent=scratch arch=amd64,");
    CHECK(answers(second, "alpha", "latest") == "1.2.3 pin=1.2.3 parent=scratch arch=amd64,");
    CHECK(answers(second, "beta", "2.0") == "2.0.1 pin= parent=alpha:1.2.3 arch=arm64v8,riscv64,");
    CHECK(first.lineage("beta", "2.0") ==
          std::vector<std::string>{"beta:2.0", "alpha:1.2.3", "scratch"});
    auto beta = second.image("beta");
    REQUIRE(beta);
    CHECK(beta->deprecated == "old");
    CHECK(beta->tag_count == 3);
    CHECK(beta->architectures == std::vector<std::string>{"amd64", "arm64v8", "riscv64"});
    CHECK(second.image("alpha")->categories == std::vector<std::string>{"os"});
    CHECK(first.tags("alpha") == std::vector<std::string>{"1.2.3", "1.2", "latest"});
}

TEST_CASE("an extension replaces or extends images not decoded yet", "[catalogue]") {
    Catalogue catalogue = Catalogue::from_blob(kBlob);
    CatalogueExtension extension;
    ExtraImage alpha;
    alpha.name = "alpha";
    alpha.entries.push_back({{"9.0.0", "9"}, {}, {"amd64"}, "scratch"});
    extension.images.push_back(alpha);
    extension.parents.push_back({"beta:3.0.0", "alpha:9"});
    catalogue.extend(extension);
    CHECK_FALSE(catalogue.tag("alpha", "latest"));
    CHECK(answers(catalogue, "alpha", "9") == "9.0.0 pin= parent=scratch arch=amd64,");
    CHECK(answers(catalogue, "beta", "3.0.0") == "3.0.0 pin= parent=alpha:9 arch=amd64,");
    CHECK(answers(catalogue, "beta", "2.0") == "2.0.1 pin= parent=alpha:1.2.3 arch=arm64v8,riscv64,");

    // Extending a copy leaves the original (sharing the decoded images) as it was, decoded or not.
    Catalogue original = Catalogue::from_blob(kBlob);
    CHECK(answers(original, "beta", "2.0") == "2.0.1 pin= parent=alpha:1.2.3 arch=arm64v8,riscv64,");
    Catalogue copy = original;
    CatalogueExtension parents;
    parents.parents.push_back({"beta:2.0", "alpha:latest"});
    parents.parents.push_back({"alpha:1.2", "beta:2.0.1"});
    copy.extend(parents);
    CHECK(answers(copy, "beta", "2.0") == "2.0.1 pin= parent=alpha:latest arch=arm64v8,riscv64,");
    CHECK(answers(copy, "alpha", "1.2") == "1.2.3 pin=1.2.3 parent=beta:2.0.1 arch=amd64,");
    CHECK(answers(original, "beta", "2.0") == "2.0.1 pin= parent=alpha:1.2.3 arch=arm64v8,riscv64,");
    CHECK(answers(original, "alpha", "1.2") == "1.2.3 pin=1.2.3 parent=scratch arch=amd64,");
}

TEST_CASE("the built-in blob answers the same whichever image is asked first", "[catalogue]") {
    const Catalogue& builtin = Catalogue::builtin();
    std::vector<std::string> names = builtin.images_by_prefix("");
    REQUIRE(names.size() > 100);
    // Fresh catalogues of the same blob, asked in reverse order and in the dump's order.
    Catalogue reversed = Catalogue::from_blob(cdls::catalogue::data::blob_text());
    for (std::size_t k = names.size(); k-- > 0;)
        CHECK(answers(reversed, names[k], "latest") == answers(builtin, names[k], "latest"));
    CHECK(testing::dump_catalogue(reversed) == testing::dump_catalogue(builtin));
    Catalogue python_first = Catalogue::from_blob(cdls::catalogue::data::blob_text());
    CHECK(answers(python_first, "python", "3.12") == answers(builtin, "python", "3.12"));
    CHECK(testing::digest(testing::dump_catalogue(python_first)) == 0x6c858ad79122a557ull);
}

TEST_CASE("several threads may ask a new catalogue at once", "[catalogue]") {
    const Catalogue& builtin = Catalogue::builtin();
    std::vector<std::string> names = builtin.images_by_prefix("");
    std::string expected;
    for (const auto& name : names) expected += answers(builtin, name, "latest") + '\n';
    for (int round = 0; round < 3; ++round) {
        // Undecoded images, asked by every thread in the same order, so that first uses race.
        Catalogue catalogue = Catalogue::from_blob(cdls::catalogue::data::blob_text());
        std::vector<std::string> seen(4);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < seen.size(); ++t)
            threads.emplace_back([&, t] {
                for (const auto& name : names) seen[t] += answers(catalogue, name, "latest") + '\n';
            });
        for (auto& thread : threads) thread.join();
        for (const auto& each : seen) CHECK(each == expected);
    }
}
