// Incremental changes against a reference full-text replacement, in both encodings.
#include "server/documents.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace cdls;
using namespace cdls::server;

namespace {

lsp::TextDocumentContentChangeEvent change(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2, std::uint32_t c2,
                                            std::string text) {
    lsp::TextDocumentContentChangeEvent e;
    e.range = lsp::Range{{l1, c1}, {l2, c2}};
    e.text = std::move(text);
    return e;
}

} // namespace

TEST_CASE("incremental edits with utf-16 ranges over astral characters and CRLF") {
    Document doc;
    doc.text = "From: py\xF0\x9F\x90\x8Dthon\r\n%post\r\n";
    // utf-16: the snake is 2 units at characters 8-9; replace "thon" (10..14).
    REQUIRE_FALSE(DocumentStore::apply_changes(doc, {change(0, 10, 0, 14, "THON")}, PositionEncoding::Utf16));
    CHECK(doc.text == "From: py\xF0\x9F\x90\x8DTHON\r\n%post\r\n");
    // utf-8: the snake is 4 bytes at 8..12.
    Document doc8;
    doc8.text = doc.text;
    REQUIRE_FALSE(DocumentStore::apply_changes(doc8, {change(0, 8, 0, 12, "")}, PositionEncoding::Utf8));
    CHECK(doc8.text == "From: pyTHON\r\n%post\r\n");
    // Insert on the second line, after CRLF.
    REQUIRE_FALSE(DocumentStore::apply_changes(doc8, {change(1, 5, 1, 5, " -c bash")}, PositionEncoding::Utf16));
    CHECK(doc8.text == "From: pyTHON\r\n%post -c bash\r\n");
}

TEST_CASE("ranges past the end clamp and inverted ranges are rejected") {
    Document doc;
    doc.text = "ab\ncd";
    REQUIRE_FALSE(DocumentStore::apply_changes(doc, {change(1, 99, 50, 0, "!")}, PositionEncoding::Utf16));
    CHECK(doc.text == "ab\ncd!");
    auto error = DocumentStore::apply_changes(doc, {change(1, 2, 0, 1, "x")}, PositionEncoding::Utf16);
    REQUIRE(error.has_value());
    CHECK(doc.text == "ab\ncd!");
}

TEST_CASE("a change without a range replaces the whole text") {
    Document doc;
    doc.text = "old";
    lsp::TextDocumentContentChangeEvent full;
    full.text = "new";
    REQUIRE_FALSE(DocumentStore::apply_changes(doc, {full}, PositionEncoding::Utf16));
    CHECK(doc.text == "new");
}

TEST_CASE("random incremental edits equal a reference replacement") {
    std::mt19937 rng(12345);
    const std::vector<std::string> pieces{"a", "\n", "\r\n", "\xC3\xA9", "\xF0\x9F\x8E\x89", "%post", " ", "\t", "{{ x }}"};
    for (auto encoding : {PositionEncoding::Utf8, PositionEncoding::Utf16}) {
        Document doc;
        std::string reference;
        for (int step = 0; step < 500; ++step) {
            // Pick a range on character boundaries of the reference text.
            std::vector<Offset> boundaries;
            for (Offset o = 0; o <= reference.size(); ++o) {
                bool cont = o < reference.size() && (static_cast<unsigned char>(reference[o]) & 0xC0) == 0x80;
                bool mid_crlf = o > 0 && o < reference.size() && reference[o - 1] == '\r' && reference[o] == '\n';
                if (!cont && !mid_crlf) boundaries.push_back(o);
            }
            Offset a = boundaries[rng() % boundaries.size()], b = boundaries[rng() % boundaries.size()];
            if (a > b) std::swap(a, b);
            std::string insert;
            for (unsigned k = rng() % 4; k > 0; --k) insert += pieces[rng() % pieces.size()];
            LineIndex index(reference);
            LineRange lr = index.range({a, b}, encoding);
            auto error = DocumentStore::apply_changes(
                doc, {change(lr.start.line, lr.start.character, lr.end.line, lr.end.character, insert)}, encoding);
            REQUIRE_FALSE(error.has_value());
            reference = apply_edit(reference, TextEdit{{a, b}, insert});
            REQUIRE(doc.text == reference);
        }
    }
}
