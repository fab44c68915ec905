// End to end: textDocument/codeAction on the seed example and fix-all, edits applied and the
// document re-published without the finding.
#include "lsp_client.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls::test;

namespace {

const char* seed =
    "Bootstrap: docker\nFrom: python:latest\n\n%files\n    summation.py /opt\n\n%runscript\n"
    "    echo \"Got arguments: $*\"\n    exec python /opt/summation.py \"$@\"\n\n%post\n"
    "    pip install numpy\n";

// Applies LSP edits to an ASCII text (characters are bytes).
std::string apply_lsp_edits(std::string text, json edits) {
    auto offset = [&](const json& p) {
        std::size_t line = p["line"], character = p["character"], pos = 0;
        for (std::size_t l = 0; l < line; ++l)
            pos = text.find('\n', pos) + 1;
        return pos + character;
    };
    std::sort(edits.begin(), edits.end(), [&](const json& a, const json& b) {
        return offset(a["range"]["start"]) > offset(b["range"]["start"]);
    });
    for (const json& e : edits) {
        std::size_t b = offset(e["range"]["start"]), end = offset(e["range"]["end"]);
        text.replace(b, end - b, e["newText"].get<std::string>());
    }
    return text;
}

bool has_rule(const json& published, const std::string& rule) {
    for (const json& d : published["params"]["diagnostics"])
        if (d["code"] == rule) return true;
    return false;
}

void change(LspProcess& server, const std::string& uri, int version, const std::string& text) {
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                             {"contentChanges", json::array({{{"text", text}}})}});
}

} // namespace

TEST_CASE("code action: the seed example's preferred pin fixes python:latest (documentChanges)") {
    LspProcess server;
    json init =
        server.initialize({{"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}});
    REQUIRE(init["result"]["capabilities"].contains("codeActionProvider"));
    const std::string uri = "file:///tmp/seed.def";
    server.open(uri, "singularity", seed);
    auto published = server.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    json latest;
    for (const json& d : (*published)["params"]["diagnostics"])
        if (d["code"] == "image-latest-tag") latest = d;
    REQUIRE(latest.is_object());

    json reply = server.request("textDocument/codeAction",
                                {{"textDocument", {{"uri", uri}}},
                                 {"range", latest["range"]},
                                 {"context", {{"diagnostics", json::array({latest})}}}});
    REQUIRE(reply["result"].is_array());
    json pin;
    for (const json& a : reply["result"])
        if (a.value("isPreferred", false)) pin = a;
    REQUIRE(pin.is_object());
    CHECK(pin["kind"] == "quickfix");
    CHECK(pin["title"].get<std::string>().rfind("Pin python:", 0) == 0);
    CHECK(pin["diagnostics"] == json::array({latest}));
    const json& document_change = pin["edit"]["documentChanges"][0];
    CHECK(document_change["textDocument"]["uri"] == uri);
    CHECK(document_change["textDocument"]["version"] == 1);
    std::string fixed = apply_lsp_edits(seed, document_change["edits"]);
    CHECK(fixed.find("From: python:3.") != std::string::npos);

    change(server, uri, 2, fixed);
    auto after = server.wait_notification("textDocument/publishDiagnostics",
                                          [](const json& p) { return p.value("version", 0) == 2; });
    REQUIRE(after);
    CHECK_FALSE(has_rule(*after, "image-latest-tag"));
    CHECK(has_rule(*after, "pip-unpinned"));
}

TEST_CASE("code action: fix all with `changes` for clients without documentChanges") {
    LspProcess server;
    server.initialize();
    const std::string uri = "file:///tmp/Dockerfile";
    const std::string text = "FROM python:latest\nRUNN echo hi\n";
    server.open(uri, "dockerfile", text);
    REQUIRE(server.wait_notification("textDocument/publishDiagnostics"));
    json reply = server.request(
        "textDocument/codeAction",
        {{"textDocument", {{"uri", uri}}},
         {"range",
          {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
         {"context", {{"diagnostics", json::array()}, {"only", {"source.fixAll"}}}}});
    REQUIRE(reply["result"].size() == 1);
    const json& fix_all = reply["result"][0];
    CHECK(fix_all["kind"] == "source.fixAll.cdls");
    REQUIRE(fix_all["edit"]["changes"].contains(uri));
    std::string fixed = apply_lsp_edits(text, fix_all["edit"]["changes"][uri]);
    CHECK(fixed.find("RUN echo hi") != std::string::npos);
    change(server, uri, 2, fixed);
    auto after = server.wait_notification("textDocument/publishDiagnostics",
                                          [](const json& p) { return p.value("version", 0) == 2; });
    REQUIRE(after);
    CHECK_FALSE(has_rule(*after, "image-latest-tag"));
    CHECK_FALSE(has_rule(*after, "unknown-instruction"));
}

TEST_CASE("code action: a suppression action silences the finding") {
    LspProcess server;
    server.initialize();
    const std::string uri = "file:///tmp/seed.def";
    server.open(uri, "singularity", seed);
    REQUIRE(server.wait_notification("textDocument/publishDiagnostics"));
    json reply =
        server.request("textDocument/codeAction",
                       {{"textDocument", {{"uri", uri}}},
                        {"range",
                         {{"start", {{"line", 11}, {"character", 17}}},
                          {"end", {{"line", 11}, {"character", 17}}}}},
                        {"context", {{"diagnostics", json::array()}, {"only", {"quickfix"}}}}});
    json ignore;
    for (const json& a : reply["result"])
        if (a["title"] == "Ignore pip-unpinned on this line") ignore = a;
    REQUIRE(ignore.is_object());
    REQUIRE(ignore["diagnostics"].size() ==
            1); // the server's own diagnostic when the client sent none
    std::string fixed = apply_lsp_edits(seed, ignore["edit"]["changes"][uri]);
    CHECK(fixed.find("%post\n    # cdls-ignore: pip-unpinned\n    pip install numpy\n") !=
          std::string::npos);
    change(server, uri, 2, fixed);
    auto after = server.wait_notification("textDocument/publishDiagnostics",
                                          [](const json& p) { return p.value("version", 0) == 2; });
    REQUIRE(after);
    CHECK_FALSE(has_rule(*after, "pip-unpinned"));
    CHECK_FALSE(has_rule(*after, "unused-suppression"));
}
