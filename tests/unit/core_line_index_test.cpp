// LineIndex: offsets <-> LSP positions in utf-8 and utf-16, line breaks of every kind.
#include "analysis/core/line_index.hpp"

#include <catch2/catch.hpp>

using namespace cdls;

TEST_CASE("line index splits on LF - CRLF and lone CR") {
    LineIndex index("a\nbc\r\nd\re");
    REQUIRE(index.line_count() == 4);
    CHECK(index.line_start(1) == 2);
    CHECK(index.line_end(1) == 4);
    CHECK(index.line_start(2) == 6);
    CHECK(index.line_end(2) == 7);
    CHECK(index.line_start(3) == 8);
    CHECK(index.line_end(3) == 9);
}

TEST_CASE("utf-16 positions count surrogate pairs as two units") {
    // "x😀y": the emoji is 4 bytes in utf-8, 2 units in utf-16.
    std::string text = "x\xF0\x9F\x98\x80y\n";
    LineIndex index(text);
    CHECK(index.position(5, PositionEncoding::Utf16) == LinePosition{0, 3});
    CHECK(index.position(5, PositionEncoding::Utf8) == LinePosition{0, 5});
    CHECK(index.offset({0, 3}, PositionEncoding::Utf16) == 5);
    // Inside the surrogate pair: the start of the character.
    CHECK(index.offset({0, 2}, PositionEncoding::Utf16) == 1);
    // Inside the utf-8 sequence: the start of the character.
    CHECK(index.offset({0, 3}, PositionEncoding::Utf8) == 1);
    CHECK(index.position(3, PositionEncoding::Utf16) == LinePosition{0, 1});
}

TEST_CASE("positions past the end clamp") {
    LineIndex index("ab\ncd");
    CHECK(index.offset({0, 99}, PositionEncoding::Utf16) == 2);
    CHECK(index.offset({7, 0}, PositionEncoding::Utf16) == 5);
    CHECK(index.position(999, PositionEncoding::Utf16) == LinePosition{1, 2});
}

TEST_CASE("a position and an offset round-trip on every character boundary") {
    std::string text = "\xC3\xA9t\xC3\xA9\r\n\xE2\x82\xAC \xF0\x9F\x8E\x89!\n";
    LineIndex index(text);
    for (auto enc : {PositionEncoding::Utf8, PositionEncoding::Utf16}) {
        for (Offset o = 0; o <= text.size(); ++o) {
            bool boundary = o == text.size() || (static_cast<unsigned char>(text[o]) & 0xC0) != 0x80;
            if (!boundary || (o > 0 && text[o - 1] == '\r' && text[o] == '\n')) continue;
            CHECK(index.offset(index.position(o, enc), enc) == o);
        }
    }
}
