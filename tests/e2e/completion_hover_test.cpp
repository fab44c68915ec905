// End to end: completion and hover over LSP with the real binary.
#include "lsp_client.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls::test;

namespace {

const json kRichClient = {
    {"textDocument",
     {{"completion",
       {{"completionItem",
         {{"snippetSupport", true}, {"documentationFormat", {"markdown", "plaintext"}}}}}},
      {"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}}};

json position(int line, int character) {
    return {{"line", line}, {"character", character}};
}

json complete(LspProcess& server, const std::string& uri, int line, int character) {
    json reply =
        server.request("textDocument/completion",
                       {{"textDocument", {{"uri", uri}}}, {"position", position(line, character)}});
    REQUIRE(reply.contains("result"));
    return reply["result"]["items"];
}

const json* find_item(const json& items, const std::string& label) {
    for (const auto& item : items)
        if (item["label"] == label) return &item;
    return nullptr;
}

// Labels in the order a client shows them (by sortText).
std::vector<std::string> by_sort_text(const json& items) {
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const auto& item : items)
        keyed.emplace_back(item.value("sortText", item["label"].get<std::string>()), item["label"]);
    std::stable_sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    for (auto& [key, label] : keyed)
        out.push_back(label);
    return out;
}

} // namespace

TEST_CASE("initialize announces completion trigger characters and hover", "[completion]") {
    LspProcess server;
    json caps = server.initialize()["result"]["capabilities"];
    auto triggers = caps["completionProvider"]["triggerCharacters"];
    for (std::string t : {"%", ":", " ", "=", "$", "{", "-"})
        CHECK(std::find(triggers.begin(), triggers.end(), t) != triggers.end());
    CHECK(caps["hoverProvider"] == true);
}

TEST_CASE("completion at From: offers python, ubuntu and alpine with descriptions",
          "[completion]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/complete.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: \n");
    json items = complete(server, uri, 1, 6);
    for (std::string name : {"python", "ubuntu", "alpine"}) {
        const json* item = find_item(items, name);
        REQUIRE(item);
        CHECK((*item)["kind"] == 9);
        CHECK((*item)["detail"].get<std::string>().find("official image") != std::string::npos);
        CHECK((*item)["documentation"]["kind"] == "markdown");
        CHECK((*item)["documentation"]["value"].get<std::string>().find("hub.docker.com/_/" +
                                                                        name) != std::string::npos);
        CHECK((*item)["textEdit"]["range"]["start"] == position(1, 6));
        CHECK((*item)["textEdit"]["newText"] == name);
    }
}

TEST_CASE("completion after python: offers tags newest first, replacing only the tag",
          "[completion]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/tags.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: python:\n");
    json items = complete(server, uri, 1, 13);
    auto order = by_sort_text(items);
    REQUIRE(order.size() > 20);
    CHECK(std::isdigit(static_cast<unsigned char>(order.front()[0])));
    auto latest = std::find(order.begin(), order.end(), "latest");
    REQUIRE(latest != order.end());
    CHECK(std::none_of(latest, order.end(), [](const std::string& t) {
        return std::isdigit(static_cast<unsigned char>(t[0]));
    }));
    // 3.14 before 3.13 before 3.9 (numbers, not strings).
    auto at = [&](const std::string& t) {
        return std::find(order.begin(), order.end(), t) - order.begin();
    };
    CHECK(at("3.14") < at("3.13"));
    CHECK(at("3.13") < at("3.9"));
    const json* item = find_item(items, "3.13");
    REQUIRE(item);
    CHECK((*item)["textEdit"]["range"]["start"] == position(1, 13));
    CHECK((*item)["detail"].get<std::string>().rfind("floating", 0) == 0);
}

TEST_CASE("completion after % offers every section as a snippet", "[completion]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/sections.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: alpine:3.20\n%\n");
    json items = complete(server, uri, 2, 1);
    CHECK(items.size() == 19);
    const json* post = find_item(items, "%post");
    REQUIRE(post);
    CHECK((*post)["insertTextFormat"] == 2);
    CHECK((*post)["textEdit"]["newText"] == "%post\n    $0");
    CHECK((*post)["textEdit"]["range"]["start"] == position(2, 0));
}

TEST_CASE("without snippet or markdown support items are plain text", "[completion]") {
    LspProcess server;
    server.initialize();
    std::string uri = file_uri("/tmp/cdls-e2e/plain.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: alpine:3.20\n%po\n");
    json items = complete(server, uri, 2, 3);
    const json* post = find_item(items, "%post");
    REQUIRE(post);
    CHECK((*post)["insertTextFormat"] == 1);
    CHECK((*post)["textEdit"]["newText"] == "%post");
    CHECK((*post)["documentation"].is_string());
    CHECK((*post)["documentation"].get<std::string>().find("**") == std::string::npos);
}

TEST_CASE("completion ranges count utf-16 code units", "[completion]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/Dockerfile");
    // `é` is one utf-16 unit (two bytes), the emoji two units (four bytes).
    server.open(uri, "dockerfile",
                "FROM alpine:3.20\nARG VERSION=1\nRUN echo \"\xC3\xA9\xF0\x9F\x98\x80\" $VE\n");
    json items = complete(server, uri, 2, 18);
    const json* version = find_item(items, "VERSION");
    REQUIRE(version);
    CHECK((*version)["textEdit"]["range"]["start"] == position(2, 16));
    CHECK((*version)["textEdit"]["range"]["end"] == position(2, 18));
}

TEST_CASE("a trigger where nothing applies returns an empty list", "[completion]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/empty.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: alpine:3.20\n%post\n    echo a:b\n");
    CHECK(complete(server, uri, 3, 10).empty());
}

TEST_CASE("hover on python:latest shows its lineage down to debian", "[hover]") {
    LspProcess server;
    server.initialize(kRichClient);
    std::string uri = file_uri("/tmp/cdls-e2e/hover.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: python:latest\n");
    json reply = server.request("textDocument/hover",
                                {{"textDocument", {{"uri", uri}}}, {"position", position(1, 9)}});
    REQUIRE(reply.contains("result"));
    const json& result = reply["result"];
    CHECK(result["contents"]["kind"] == "markdown");
    std::string value = result["contents"]["value"];
    CHECK(value.find("python:latest → buildpack-deps:trixie") != std::string::npos);
    CHECK(value.find("debian:trixie") != std::string::npos);
    CHECK(result["range"]["start"] == position(1, 6));
    CHECK(result["range"]["end"] == position(1, 19));

    json nothing = server.request("textDocument/hover",
                                  {{"textDocument", {{"uri", uri}}}, {"position", position(2, 0)}});
    CHECK(nothing["result"].is_null());
}

TEST_CASE("hover is plain text for clients without markdown", "[hover]") {
    LspProcess server;
    server.initialize();
    std::string uri = file_uri("/tmp/cdls-e2e/Dockerfile");
    server.open(uri, "dockerfile",
                "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n");
    json reply = server.request("textDocument/hover",
                                {{"textDocument", {{"uri", uri}}}, {"position", position(1, 7)}});
    REQUIRE(reply["result"].is_object());
    CHECK(reply["result"]["contents"]["kind"] == "plaintext");
    CHECK(reply["result"]["contents"]["value"].get<std::string>().find("RUN --mount") == 0);
}

TEST_CASE("completion and hover on a document that is not open are invalid params",
          "[completion]") {
    LspProcess server;
    server.initialize();
    json reply =
        server.request("textDocument/completion", {{"textDocument", {{"uri", "file:///nope.def"}}},
                                                   {"position", position(0, 0)}});
    CHECK(reply["error"]["code"] == -32602);
    json missing =
        server.request("textDocument/hover", {{"textDocument", {{"uri", "file:///nope.def"}}}});
    CHECK(missing["error"]["code"] == -32602);
}

namespace {

// What VS Code announces: documentation resolved per item, list-wide defaults applied.
const json kResolvingClient = {
    {"textDocument",
     {{"completion",
       {{"completionItem",
         {{"snippetSupport", true},
          {"documentationFormat", {"markdown", "plaintext"}},
          {"resolveSupport", {{"properties", {"documentation", "detail"}}}}}},
        {"completionList", {{"itemDefaults", {"editRange", "insertTextFormat", "data"}}}}}}}}};

} // namespace

TEST_CASE("completion defers documentation to completionItem/resolve when the client resolves it",
          "[completion]") {
    LspProcess server;
    json caps = server.initialize(kResolvingClient)["result"]["capabilities"];
    CHECK(caps["completionProvider"]["resolveProvider"] == true);
    std::string uri = file_uri("/tmp/cdls-e2e/resolve.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: py\n");
    json reply = server.request("textDocument/completion",
                                {{"textDocument", {{"uri", uri}}}, {"position", position(1, 8)}});
    json list = reply["result"];
    // The shared edit range, format and resolve data are stated once.
    REQUIRE(list.contains("itemDefaults"));
    CHECK(list["itemDefaults"]["editRange"]["start"] == position(1, 6));
    CHECK(list["itemDefaults"]["editRange"]["end"] == position(1, 8));
    CHECK(list["itemDefaults"]["insertTextFormat"] == 1);
    REQUIRE(list["itemDefaults"].contains("data"));
    const json* python = find_item(list["items"], "python");
    REQUIRE(python);
    CHECK_FALSE(python->contains("documentation"));
    CHECK_FALSE(python->contains("textEdit"));
    CHECK((*python)["detail"].get<std::string>().find("official image") != std::string::npos);

    // The client resolves the item with the defaults applied (data from itemDefaults).
    json item = *python;
    item["data"] = list["itemDefaults"]["data"];
    json resolved = server.request("completionItem/resolve", item)["result"];
    CHECK(resolved["label"] == "python");
    CHECK(resolved["documentation"]["kind"] == "markdown");
    CHECK(resolved["documentation"]["value"].get<std::string>().find("hub.docker.com/_/python") != std::string::npos);

    // Keywords carry snippets: the text to insert differs from the label.
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 2}}},
                   {"contentChanges", {{{"text", "Bootstrap: docker\nFrom: python:3.12\n%\n"}}}}});
    json keywords = server.request("textDocument/completion",
                                   {{"textDocument", {{"uri", uri}}}, {"position", position(2, 1)}})["result"];
    const json* post = find_item(keywords["items"], "%post");
    REQUIRE(post);
    CHECK(keywords["itemDefaults"]["editRange"]["start"] == position(2, 0));
    CHECK((post->contains("textEditText") || keywords["itemDefaults"]["insertTextFormat"] == 1));

    // An item of an older list comes back unchanged; a malformed one is an error, not a crash.
    json stale = server.request("completionItem/resolve", item)["result"];
    CHECK_FALSE(stale.contains("documentation"));
    json bad = server.request("completionItem/resolve", json("not an item"));
    CHECK(bad.contains("error"));
}

TEST_CASE("completion without itemDefaults support keeps edits in every item", "[completion]") {
    LspProcess server;
    json client = kResolvingClient;
    client["textDocument"]["completion"].erase("completionList");
    server.initialize(client);
    std::string uri = file_uri("/tmp/cdls-e2e/resolve-plain.def");
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: ub\n");
    json reply = server.request("textDocument/completion",
                                {{"textDocument", {{"uri", uri}}}, {"position", position(1, 8)}});
    json list = reply["result"];
    CHECK_FALSE(list.contains("itemDefaults"));
    const json* ubuntu = find_item(list["items"], "ubuntu");
    REQUIRE(ubuntu);
    CHECK((*ubuntu)["textEdit"]["newText"] == "ubuntu");
    REQUIRE(ubuntu->contains("data"));
    CHECK_FALSE(ubuntu->contains("documentation"));
    json resolved = server.request("completionItem/resolve", *ubuntu)["result"];
    CHECK(resolved["documentation"]["value"].get<std::string>().find("hub.docker.com/_/ubuntu") != std::string::npos);
}
