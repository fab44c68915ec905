// End to end: document symbols, folding ranges, semantic tokens (full, delta, range),
// formatting, range formatting and selection ranges through the real binary.
#include "lsp_client.hpp"

#include <catch2/catch.hpp>

using namespace cdls::test;

namespace {

const std::string kDefinition = "bootstrap: docker\nFROM:  python:3.12\nStage: build\n%post\n  pip install numpy==1.26.4\n"
                                "  # done\n  # really\n\n\n%runscript\n  exec python \"$@\"\n";

json position(int line, int character) { return {{"line", line}, {"character", character}}; }

json text_document(const std::string& uri) { return {{"uri", uri}}; }

} // namespace

TEST_CASE("structure capabilities are announced with the semantic tokens legend") {
    LspProcess server;
    json caps = server.initialize()["result"]["capabilities"];
    CHECK(caps["documentSymbolProvider"] == true);
    CHECK(caps["foldingRangeProvider"] == true);
    CHECK(caps["documentFormattingProvider"] == true);
    CHECK(caps["documentRangeFormattingProvider"] == true);
    CHECK(caps["selectionRangeProvider"] == true);
    const json& tokens = caps["semanticTokensProvider"];
    CHECK(tokens["full"]["delta"] == true);
    CHECK(tokens["range"] == true);
    CHECK(tokens["legend"]["tokenTypes"][0] == "keyword");
    CHECK(tokens["legend"]["tokenModifiers"][0] == "declaration");
}

TEST_CASE("documentSymbol is hierarchical when the client supports it, flat otherwise") {
    std::string uri = "file:///tmp/cdls-e2e/structure/symbols.def";
    {
        LspProcess server;
        server.initialize({{"textDocument", {{"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}}}}});
        server.open(uri, "apptainer", kDefinition);
        json result = server.request("textDocument/documentSymbol", {{"textDocument", text_document(uri)}})["result"];
        REQUIRE(result.size() == 1);
        CHECK(result[0]["name"] == "build");
        CHECK(result[0]["selectionRange"]["start"] == position(2, 7));
        CHECK(result[0]["children"].size() == 5); // three header entries, two sections
        CHECK(result[0]["children"][3]["name"] == "%post");
    }
    {
        LspProcess server;
        server.initialize();
        server.open(uri, "apptainer", kDefinition);
        json result = server.request("textDocument/documentSymbol", {{"textDocument", text_document(uri)}})["result"];
        REQUIRE(result.size() == 6);
        CHECK(result[0]["name"] == "build");
        CHECK(result[0]["location"]["uri"] == uri);
        CHECK(result[4]["containerName"] == "build");
    }
}

TEST_CASE("foldingRange folds sections and comment blocks; lineFoldingOnly drops characters") {
    std::string uri = "file:///tmp/cdls-e2e/structure/folding.def";
    LspProcess server;
    server.initialize({{"textDocument", {{"foldingRange", {{"lineFoldingOnly", true}}}}}});
    server.open(uri, "apptainer", kDefinition);
    json result = server.request("textDocument/foldingRange", {{"textDocument", text_document(uri)}})["result"];
    REQUIRE(result.is_array());
    bool post = false, comments = false;
    for (const auto& fold : result) {
        CHECK_FALSE(fold.contains("endCharacter"));
        if (fold["startLine"] == 3 && fold["endLine"] == 6) post = true;
        if (fold["startLine"] == 5 && fold["endLine"] == 6 && fold["kind"] == "comment") comments = true;
    }
    CHECK(post);
    CHECK(comments);
}

TEST_CASE("semanticTokens: full, then delta after a change, and range") {
    std::string uri = "file:///tmp/cdls-e2e/structure/tokens.def";
    LspProcess server;
    server.initialize();
    server.open(uri, "apptainer", kDefinition);
    json full = server.request("textDocument/semanticTokens/full", {{"textDocument", text_document(uri)}})["result"];
    REQUIRE(full["data"].is_array());
    REQUIRE(full["data"].size() % 5 == 0);
    // The first token: `bootstrap` on line 0, a keyword (index 0 of the legend).
    CHECK(full["data"][0] == 0);
    CHECK(full["data"][1] == 0);
    CHECK(full["data"][2] == 9);
    CHECK(full["data"][3] == 0);
    std::string first_id = full["resultId"];

    // Unchanged: no edits.
    json same = server.request("textDocument/semanticTokens/full/delta",
                               {{"textDocument", text_document(uri)}, {"previousResultId", first_id}})["result"];
    REQUIRE(same.contains("edits"));
    CHECK(same["edits"].empty());

    // A change on the last line: the edits turn the old data into the new.
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 2}}},
                   {"contentChanges", json::array({json{{"range", {{"start", position(10, 2)}, {"end", position(10, 6)}}},
                                                         {"text", "$HOME"}}})}});
    json delta = server.request("textDocument/semanticTokens/full/delta",
                                {{"textDocument", text_document(uri)}, {"previousResultId", same["resultId"]}})["result"];
    REQUIRE(delta.contains("edits"));
    std::vector<std::uint32_t> data = full["data"].get<std::vector<std::uint32_t>>();
    for (const auto& edit : delta["edits"]) {
        std::size_t start = edit["start"];
        std::size_t count = edit["deleteCount"];
        auto inserted = edit["data"].get<std::vector<std::uint32_t>>();
        data.erase(data.begin() + static_cast<std::ptrdiff_t>(start), data.begin() + static_cast<std::ptrdiff_t>(start + count));
        data.insert(data.begin() + static_cast<std::ptrdiff_t>(start), inserted.begin(), inserted.end());
    }
    json fresh = server.request("textDocument/semanticTokens/full", {{"textDocument", text_document(uri)}})["result"];
    CHECK(data == fresh["data"].get<std::vector<std::uint32_t>>());

    // An unknown previous id gets the full data.
    json unknown = server.request("textDocument/semanticTokens/full/delta",
                                  {{"textDocument", text_document(uri)}, {"previousResultId", "nope"}})["result"];
    CHECK(unknown["data"] == fresh["data"]);

    json range = server.request("textDocument/semanticTokens/range",
                                {{"textDocument", text_document(uri)}, {"range", {{"start", position(9, 0)}, {"end", position(11, 0)}}}})["result"];
    REQUIRE(range["data"].size() >= 5);
    CHECK(range["data"][0] == 9); // relative to the start of the document
}

TEST_CASE("formatting and rangeFormatting return edits; tabSize sets the indentation") {
    std::string uri = "file:///tmp/cdls-e2e/structure/format.def";
    LspProcess server;
    server.initialize();
    server.open(uri, "apptainer", kDefinition);
    json edits = server.request("textDocument/formatting",
                                {{"textDocument", text_document(uri)}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
    REQUIRE(edits.is_array());
    REQUIRE(!edits.empty());
    // The first edit fixes the key case on line 0.
    CHECK(edits[0]["range"]["start"] == position(0, 0));
    CHECK(edits[0]["newText"] == "B");
    bool indented = false;
    for (const auto& e : edits)
        if (e["range"]["start"]["line"] == 4) indented = true; // already at 2: unchanged
    CHECK_FALSE(indented);

    json four = server.request("textDocument/formatting",
                               {{"textDocument", text_document(uri)}, {"options", {{"tabSize", 4}, {"insertSpaces", true}}}})["result"];
    bool line4 = false;
    for (const auto& e : four)
        if (e["range"]["start"]["line"] == 4 && e["newText"] == "  ") line4 = true;
    CHECK(line4);

    json ranged = server.request("textDocument/rangeFormatting",
                                 {{"textDocument", text_document(uri)},
                                  {"range", {{"start", position(1, 0)}, {"end", position(1, 3)}}},
                                  {"options", {{"tabSize", 4}, {"insertSpaces", true}}}})["result"];
    REQUIRE(ranged.size() == 1);
    CHECK(ranged[0]["range"]["start"]["line"] == 1);
    CHECK(ranged[0]["newText"] == "rom:");

    CHECK(server.request("textDocument/formatting", {{"textDocument", text_document("file:///not/open.def")}})["error"]["code"] == -32602);
}

TEST_CASE("selectionRange gives a chain of parents for each position") {
    std::string uri = "file:///tmp/cdls-e2e/structure/selection.def";
    LspProcess server;
    server.initialize();
    server.open(uri, "apptainer", kDefinition);
    json result = server.request("textDocument/selectionRange",
                                 {{"textDocument", text_document(uri)}, {"positions", {position(4, 3), position(0, 0)}}})["result"];
    REQUIRE(result.size() == 2);
    // `pip` -> the command -> ... -> the file.
    CHECK(result[0]["range"]["start"] == position(4, 2));
    CHECK(result[0]["range"]["end"] == position(4, 5));
    json last = result[0];
    int depth = 0;
    while (last.contains("parent")) {
        last = last["parent"];
        ++depth;
    }
    CHECK(depth >= 3);
    CHECK(last["range"]["start"] == position(0, 0));
    CHECK(last["range"]["end"] == position(11, 0));
}
