// The line index a document keeps with its analysis: apply_changes updates it with each
// change of a batch and never uses one of an older text.
#include "server/documents.hpp"

#include <catch2/catch.hpp>

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

TEST_CASE("documents: a batch of changes gives the same text with and without the kept line index") {
    const std::string original = "FROM ubuntu:22.04\nRUN apt-get update\nRUN pip install numpy\n";
    // Each change moves the lines of the next one: a stale index would put it elsewhere.
    std::vector<lsp::TextDocumentContentChangeEvent> changes = {
        change(0, 0, 0, 0, "# one\n# two\n"), change(4, 4, 4, 7, "python -m pip"), change(1, 0, 2, 0, "")};

    Document without;
    without.text = original;
    REQUIRE_FALSE(DocumentStore::apply_changes(without, changes, PositionEncoding::Utf16));

    Document with;
    with.text = original;
    with.dirty = false; // as after an analysis
    with.lines = std::make_shared<const LineIndex>(with.text);
    REQUIRE_FALSE(DocumentStore::apply_changes(with, changes, PositionEncoding::Utf16));
    CHECK(with.text == without.text);
    CHECK(with.text == "# one\nFROM ubuntu:22.04\nRUN apt-get update\nRUN python -m pip install numpy\n");
    CHECK(with.dirty);
    // The index was carried through the three changes and equals a fresh one.
    REQUIRE(with.lines_current());
    LineIndex fresh(with.text);
    REQUIRE(with.lines->line_count() == fresh.line_count());
    for (std::uint32_t l = 0; l < fresh.line_count(); ++l) CHECK(with.lines->line_start(l) == fresh.line_start(l));
}

TEST_CASE("documents: a kept line index of an older text is not used once the text is dirty") {
    Document doc;
    doc.text = "a\nb\n";
    doc.lines = std::make_shared<const LineIndex>(doc.text);
    doc.text = "first line\nsecond\nthird\n"; // replaced (didSave) without an analysis since
    doc.dirty = true;
    REQUIRE_FALSE(DocumentStore::apply_changes(doc, {change(2, 0, 2, 5, "THIRD")}, PositionEncoding::Utf8));
    CHECK(doc.text == "first line\nsecond\nTHIRD\n");
}
