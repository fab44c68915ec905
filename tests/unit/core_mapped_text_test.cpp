// MappedText: logical offsets map back to the document, across piece boundaries.
#include "analysis/core/facts.hpp"

#include <catch2/catch.hpp>

using namespace cdls;

TEST_CASE("mapped text maps words across pieces") {
    // Document: "RUN pip \\\n  install x" ; logical text joins the two pieces.
    MappedText m;
    m.append("pip ", 4);
    m.append("  install x", 10);
    REQUIRE(m.text() == "pip   install x");
    CHECK(m.to_document(0) == 4);
    CHECK(m.to_document(TextRange{0, 3}) == TextRange{4, 7});
    // "install" is logical [6,13) -> document [12,19)
    CHECK(m.to_document(TextRange{6, 13}) == TextRange{12, 19});
    // A range that ends exactly at the end of the first piece stays in it.
    CHECK(m.to_document(TextRange{0, 4}) == TextRange{4, 8});
}

TEST_CASE("contiguous mapped text is a shift") {
    auto m = MappedText::contiguous("abc", 100);
    CHECK(m.to_document(TextRange{1, 3}) == TextRange{101, 103});
}

TEST_CASE("mapped text with a hint maps as without one, in order and out of order") {
    MappedText m;
    m.append("apt-get ", 4);
    m.append("install ", 20);
    m.append("curl", 40);
    m.append(" git", 60);
    MappedText empty;
    const auto size = static_cast<Offset>(m.text().size());
    std::size_t in_order = 0;
    for (Offset b = 0; b <= size; ++b) {
        for (Offset e = b; e <= size + 1; ++e) {
            std::size_t fresh = 0;
            CHECK(m.to_document(TextRange{b, e}, fresh) == m.to_document(TextRange{b, e}));
            // The hint left by the last range (a later begin than some ranges before it).
            CHECK(m.to_document(TextRange{b, e}, in_order) == m.to_document(TextRange{b, e}));
        }
    }
    std::size_t behind = 3; // a hint past the range falls back to the search
    CHECK(m.to_document(TextRange{0, 3}, behind) == m.to_document(TextRange{0, 3}));
    std::size_t none = 0;
    CHECK(empty.to_document(TextRange{0, 0}, none) == empty.to_document(TextRange{0, 0}));
}
