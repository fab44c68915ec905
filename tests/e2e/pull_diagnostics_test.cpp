// End to end: pull diagnostics (LSP 3.17 textDocument/diagnostic) over pipes to the real binary.
// A client that announces them gets diagnosticProvider, no publishDiagnostics for its open
// documents, full reports that hold what a pushing client is sent, and "unchanged" exactly when
// nothing it would show changed.
#include "lsp_client.hpp"
#include "run_command.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace cdls::test;

namespace {

const json pull_capabilities = {{"textDocument", {{"diagnostic", {{"dynamicRegistration", false}}}}},
                                {"workspace", {{"diagnostics", {{"refreshSupport", true}}}}}};

const std::string dockerfile =
    "FROM python:latest\n"
    "RUN apt-get update && apt-get install -y curl git\n"
    "ENV LANG=C.UTF-8\n"
    "RUN pip install numpy\n"
    "COPY data/input.csv /data/\n";

json pull(LspProcess& server, const std::string& uri, const std::optional<std::string>& previous = std::nullopt) {
    json params = {{"textDocument", {{"uri", uri}}}};
    if (previous) params["previousResultId"] = *previous;
    json reply = server.request("textDocument/diagnostic", params);
    REQUIRE(reply.contains("result"));
    return reply["result"];
}

// The diagnostics a pushing client is sent for `text`, from a server of its own.
json pushed(const std::string& uri, const std::string& language, const std::string& text) {
    LspProcess server;
    server.initialize();
    server.open(uri, language, text);
    auto published = server.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    return (*published)["params"]["diagnostics"];
}

void change(LspProcess& server, const std::string& uri, int version, int line, int character, const std::string& text) {
    json range = {{"start", {{"line", line}, {"character", character}}}, {"end", {{"line", line}, {"character", character}}}};
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                             {"contentChanges", {{{"range", range}, {"text", text}}}}});
}

// Starts a session of a pulling client with the sample Dockerfile open at `uri`.
void start_pulling(LspProcess& server, const std::string& uri) {
    server.initialize(pull_capabilities);
    server.open(uri, "dockerfile", dockerfile);
}

// Ends the session; true when no publishDiagnostics came before the shutdown result.
bool shut_down_without_publishing(LspProcess& server) {
    server.request("shutdown", nullptr);
    bool published = server.wait_notification("textDocument/publishDiagnostics", {}, std::chrono::milliseconds(1)).has_value();
    server.notify("exit", nullptr);
    server.wait_exit();
    return !published;
}

} // namespace

TEST_CASE("pull diagnostics - announced only to a client that pulls") {
    LspProcess pushing;
    CHECK_FALSE(pushing.initialize()["result"]["capabilities"].contains("diagnosticProvider"));
    LspProcess pulling;
    json provider = pulling.initialize(pull_capabilities)["result"]["capabilities"]["diagnosticProvider"];
    CHECK(provider["interFileDependencies"] == false);
    CHECK(provider["workspaceDiagnostics"] == false);
}

TEST_CASE("pull diagnostics - a full report holds what a pushing client is sent, and nothing is published") {
    const std::string uri = "file:///tmp/cdls-e2e-pull/Dockerfile";
    LspProcess server;
    start_pulling(server, uri);
    json report = pull(server, uri);
    CHECK(report["kind"] == "full");
    REQUIRE(report["resultId"].is_string());
    CHECK(report["items"] == pushed(uri, "dockerfile", dockerfile));
    CHECK(report["items"].size() >= 4);
    CHECK(shut_down_without_publishing(server));
}

TEST_CASE("pull diagnostics - unchanged only when nothing shown changed") {
    const std::string uri = "file:///tmp/cdls-e2e-pull/unchanged/Dockerfile";
    LspProcess server;
    start_pulling(server, uri);
    json first = pull(server, uri);
    std::string id = first["resultId"];

    // Asked again with nothing changed, and after an edit inside ENV's value that moves nothing.
    CHECK(pull(server, uri, id) == json{{"kind", "unchanged"}, {"resultId", id}});
    change(server, uri, 2, 2, 16, "8");
    CHECK(pull(server, uri, id) == json{{"kind", "unchanged"}, {"resultId", id}});

    // Without previousResultId, or with one the server did not give, the report is full.
    json again = pull(server, uri);
    CHECK(again["kind"] == "full");
    CHECK(again["items"] == first["items"]);
    id = again["resultId"];
    CHECK(pull(server, uri, "no-such-id")["kind"] == "full");
    id = pull(server, uri)["resultId"];

    // A package renamed changes its diagnostic's message: full, with a new resultId.
    change(server, uri, 3, 1, 49, "x"); // git -> gitx
    json renamed = pull(server, uri, id);
    CHECK(renamed["kind"] == "full");
    CHECK(renamed["resultId"] != id);
    std::string text = dockerfile;
    text.replace(text.find("ENV LANG=C.UTF-8"), 16, "ENV LANG=C.UTF-88");
    text.replace(text.find("curl git\n"), 9, "curl gitx\n");
    CHECK(renamed["items"] == pushed(uri, "dockerfile", text));

    // A line inserted above moves every diagnostic below it: full, with the moved ranges.
    id = renamed["resultId"];
    change(server, uri, 4, 1, 0, "# a comment\n");
    json moved = pull(server, uri, id);
    CHECK(moved["kind"] == "full");
    text.insert(text.find("RUN apt-get"), "# a comment\n");
    CHECK(moved["items"] == pushed(uri, "dockerfile", text));
    CHECK(shut_down_without_publishing(server));
}

TEST_CASE("pull diagnostics - random edits: every report is what a pushing client would be sent") {
    const std::string uri = "file:///tmp/cdls-e2e-pull/random/container.def";
    std::string text =
        "Bootstrap: docker\nFrom: ubuntu:latest\n\n%post\n    apt-get install -y curl git\n"
        "    pip install numpy\n\n%environment\n    export LC_ALL=C\n\n%runscript\n    exec python3 \"$@\"\n";
    LspProcess pulling;
    pulling.initialize(pull_capabilities);
    LspProcess pushing;
    pushing.initialize();
    pulling.open(uri, "apptainer", text);
    pushing.open(uri, "apptainer", text);
    json shown = pull(pulling, uri);
    std::string id = shown["resultId"];
    auto first_push = pushing.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(first_push);
    CHECK(shown["items"] == (*first_push)["params"]["diagnostics"]);

    std::mt19937 random(20261206);
    const std::string pieces[] = {"x", " ", "\n", "1", "=", "pip install flask\n", "latest", "\"", "%test\n"};
    int unchanged = 0;
    for (int version = 2; version < 60; ++version) {
        // An insertion at a random line and column (past a line's end the server clamps).
        int line_count = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
        int line = static_cast<int>(random() % static_cast<unsigned>(line_count));
        std::size_t start = 0;
        for (int l = 0; l < line; ++l) start = text.find('\n', start) + 1;
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        int column = static_cast<int>(random() % (end - start + 1));
        const std::string& piece = pieces[random() % std::size(pieces)];
        text.insert(start + static_cast<std::size_t>(column), piece);
        change(pulling, uri, version, line, column, piece);
        change(pushing, uri, version, line, column, piece);

        json report = pull(pulling, uri, id);
        auto published = pushing.wait_notification("textDocument/publishDiagnostics",
                                                   [&](const json& p) { return p["version"] == version; });
        REQUIRE(published);
        if (report["kind"] == "unchanged") {
            ++unchanged;
            CHECK(report["resultId"] == id);
        } else {
            REQUIRE(report["kind"] == "full");
            shown = report;
            id = report["resultId"];
        }
        INFO("version " << version << ", text:\n" << text);
        CHECK(shown["items"] == (*published)["params"]["diagnostics"]);
    }
    CHECK(unchanged > 0);
}

TEST_CASE("pull diagnostics - new settings ask the client to pull again") {
    TempDir dir;
    std::string file = dir.write("Dockerfile", dockerfile);
    std::string uri = file_uri(file);
    LspProcess server;
    start_pulling(server, uri);
    json first = pull(server, uri);
    server.notify("workspace/didChangeConfiguration", {{"settings", {{"cdls", {{"rules", {{"apt-unpinned", "error"}}}}}}}});
    // The refresh request, answered as a client would.
    std::optional<json> refresh;
    while (auto m = server.read_message()) {
        if (m->value("method", "") == "workspace/diagnostic/refresh" && m->contains("id")) {
            refresh = m;
            break;
        }
    }
    REQUIRE(refresh);
    CHECK_FALSE(refresh->contains("params"));
    server.send({{"jsonrpc", "2.0"}, {"id", (*refresh)["id"]}, {"result", nullptr}});
    json after = pull(server, uri, first["resultId"].get<std::string>());
    REQUIRE(after["kind"] == "full");
    bool error = false;
    for (const auto& d : after["items"]) error |= d["code"] == "apt-unpinned" && d["severity"] == 1;
    CHECK(error);
}

TEST_CASE("pull diagnostics - bad and unknown requests get answers, and the server goes on") {
    LspProcess server;
    server.initialize(pull_capabilities);
    json missing = server.request("textDocument/diagnostic", json::object());
    CHECK(missing["error"]["code"] == -32602);
    json bad_id = server.request("textDocument/diagnostic",
                                 {{"textDocument", {{"uri", "file:///x/Dockerfile"}}}, {"previousResultId", 7}});
    CHECK(bad_id["error"]["code"] == -32602);
    // A document that is not open has nothing to report.
    json closed = pull(server, "file:///tmp/cdls-e2e-pull/never-opened/Dockerfile");
    CHECK(closed["kind"] == "full");
    CHECK(closed["items"].empty());
    const std::string uri = "file:///tmp/cdls-e2e-pull/after/Dockerfile";
    server.open(uri, "dockerfile", dockerfile);
    CHECK(pull(server, uri)["items"].size() >= 4);
}

TEST_CASE("pull diagnostics - a pull cancelled while queued is answered RequestCancelled") {
    const std::string uri = "file:///tmp/cdls-e2e-pull/cancel/Dockerfile";
    LspProcess server;
    start_pulling(server, uri);
    // The request and its cancellation in one write: read in one batch, the pull is still
    // queued when the cancellation is handled.
    auto frame = [](const json& m) {
        std::string body = m.dump();
        return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    };
    server.write_raw(frame({{"jsonrpc", "2.0"}, {"id", 900}, {"method", "textDocument/diagnostic"},
                            {"params", {{"textDocument", {{"uri", uri}}}}}}) +
                     frame({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 900}}}}));
    auto reply = server.wait_response(900);
    REQUIRE(reply);
    CHECK((*reply)["error"]["code"] == -32800);
    CHECK(pull(server, uri)["kind"] == "full");
}
