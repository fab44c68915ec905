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
