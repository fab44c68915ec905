// LineIndex: offsets <-> LSP positions in utf-8 and utf-16, line breaks of every kind.
#include "analysis/core/line_index.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

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

TEST_CASE("line index: updating an index for an edit equals indexing the edited text") {
    // Edits that split and join "\r\n" pairs at both ends of the replaced range; each index is
    // updated from the previous update, as a document's is over a session.
    const char* const pieces[] = {"\n", "\r", "\r\n", "x", "ab", "", "\n\n", "\ry", "z\r"};
    std::mt19937 rng(20261124);
    std::string text = "a\r\nb\rc\n\nd\r\r\ne";
    LineIndex chained(text);
    for (int step = 0; step < 3000; ++step) {
        std::size_t begin = rng() % (text.size() + 1);
        std::size_t end = std::min(text.size(), begin + rng() % 4);
        std::string inserted = pieces[rng() % std::size(pieces)];
        text.replace(begin, end - begin, inserted);
        chained = LineIndex(text, chained, {static_cast<Offset>(begin), static_cast<Offset>(end)}, inserted.size());
        LineIndex fresh(text);
        INFO("step " << step << ": replaced [" << begin << ", " << end << ") by " << inserted.size() << " bytes");
        REQUIRE(chained.line_count() == fresh.line_count());
        for (std::uint32_t l = 0; l < fresh.line_count(); ++l) REQUIRE(chained.line_start(l) == fresh.line_start(l));
        if (text.size() > 200) {
            text.erase(0, text.size() - 100);
            chained = LineIndex(text);
        }
    }
}
