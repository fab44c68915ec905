// End to end: definition, references, highlights, rename and document links over the wire.
#include "lsp_client.hpp"

#include <catch2/catch.hpp>

using namespace cdls::test;

namespace {

// Line 2 declares `build`; line 10 uses it.
const char* two_stages =
    "Bootstrap: docker\nFrom: golang:1.22.1\nStage: build\n\n%post\n    go build -o /app\n\n"
    "Bootstrap: docker\nFrom: alpine:3.19.1\n\n%files from build\n    /app /app\n";

json at(const std::string& uri, int line, int character) {
    return {{"textDocument", {{"uri", uri}}},
            {"position", {{"line", line}, {"character", character}}}};
}

json range(int line, int begin, int end) {
    return {{"start", {{"line", line}, {"character", begin}}},
            {"end", {{"line", line}, {"character", end}}}};
}

} // namespace

TEST_CASE("navigation: a stage name in a two-stage definition from either side") {
    LspProcess server;
    json init = server.initialize();
    const json& caps = init["result"]["capabilities"];
    CHECK(caps["definitionProvider"] == true);
    CHECK(caps["referencesProvider"] == true);
    CHECK(caps["renameProvider"]["prepareProvider"] == true);
    const std::string uri = "file:///tmp/two.def";
    server.open(uri, "singularity", two_stages);

    const json declaration = range(2, 7, 12);
    const json use = range(10, 12, 17);
    for (const json& position : {at(uri, 2, 9), at(uri, 10, 14)}) {
        json definition = server.request("textDocument/definition", position);
        REQUIRE(definition["result"].size() == 1);
        CHECK(definition["result"][0]["uri"] == uri);
        CHECK(definition["result"][0]["range"] == declaration);

        json with = position;
        with["context"] = {{"includeDeclaration", true}};
        json references = server.request("textDocument/references", with);
        REQUIRE(references["result"].size() == 2);
        CHECK(references["result"][0]["range"] == declaration);
        CHECK(references["result"][1]["range"] == use);
        with["context"]["includeDeclaration"] = false;
        CHECK(server.request("textDocument/references", with)["result"].size() == 1);

        json highlights = server.request("textDocument/documentHighlight", position);
        REQUIRE(highlights["result"].size() == 2);
        CHECK(highlights["result"][0]["kind"] == 3);
        CHECK(highlights["result"][1]["kind"] == 2);

        json prepared = server.request("textDocument/prepareRename", position);
        CHECK(prepared["result"]["placeholder"] == "build");

        json rename = position;
        rename["newName"] = "compile";
        json edit = server.request("textDocument/rename", rename);
        REQUIRE(edit["result"]["changes"][uri].size() == 2);
        CHECK(edit["result"]["changes"][uri][0]["range"] == declaration);
        CHECK(edit["result"]["changes"][uri][1]["newText"] == "compile");
    }
}

TEST_CASE("navigation: rename refuses an invalid name and prepareRename gives null elsewhere") {
    LspProcess server;
    server.initialize();
    const std::string uri = "file:///tmp/Dockerfile";
    server.open(uri, "dockerfile", "FROM alpine:3.19.1 AS base\nFROM base\nRUN echo hi\n");
    json rename = at(uri, 1, 6);
    rename["newName"] = "not valid";
    json reply = server.request("textDocument/rename", rename);
    CHECK(reply["error"]["code"] == -32803);
    CHECK(reply["error"]["message"].get<std::string>().find("not a valid stage name") !=
          std::string::npos);
    CHECK(server.request("textDocument/prepareRename", at(uri, 2, 5))["result"].is_null());
    CHECK(server.request("textDocument/definition", at(uri, 2, 5))["result"] == json::array());
    rename["newName"] = "root";
    json edit = server.request("textDocument/rename", rename);
    CHECK(edit["result"]["changes"][uri].size() == 2);
}

TEST_CASE("navigation: document links to the registry and label URLs") {
    LspProcess server;
    server.initialize();
    const std::string uri = "file:///tmp/app.def";
    server.open(uri, "singularity",
                "Bootstrap: docker\nFrom: python:3.12.1\n\n%labels\n    Source "
                "https://github.com/me/repo\n");
    json reply = server.request("textDocument/documentLink", {{"textDocument", {{"uri", uri}}}});
    REQUIRE(reply["result"].size() == 2);
    CHECK(reply["result"][0]["target"] == "https://hub.docker.com/_/python");
    CHECK(reply["result"][0]["range"] == range(1, 6, 19));
    CHECK(reply["result"][1]["target"] == "https://github.com/me/repo");
}
