// The annotated-source helper itself.
#include "annotated.hpp"

#include <catch2/catch.hpp>

using cdls::test::Annotated;

TEST_CASE("annotated sources yield text - points and ranges") {
    Annotated a("From: [[py^thon]]:3.^12");
    CHECK(a.text() == "From: python:3.12");
    CHECK(a.point(0) == 8);
    CHECK(a.point(1) == 15);
    CHECK(a.range() == cdls::TextRange{6, 12});
}
