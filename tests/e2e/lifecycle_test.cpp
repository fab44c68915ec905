// End to end: the LSP 3.17 lifecycle, text sync and diagnostics over pipes to the real binary.
#include "lsp_client.hpp"

#include "protocol/framing.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace cdls::test;

TEST_CASE("initialize announces capabilities - server info and utf-16 by default") {
    LspProcess server;
    json reply = server.initialize();
    REQUIRE(reply.contains("result"));
    const json& result = reply["result"];
    CHECK(result["serverInfo"]["name"] == "cdls");
    CHECK(result["serverInfo"]["version"].is_string());
    CHECK(result["capabilities"]["positionEncoding"] == "utf-16");
    CHECK(result["capabilities"]["textDocumentSync"]["change"] == 2);
    CHECK(server.request("shutdown", nullptr)["result"].is_null());
    server.notify("exit", nullptr);
    CHECK(server.wait_exit() == 0);
}

TEST_CASE("the server enlarges its pipes - a megabyte of diagnostics crosses in one write") {
    LspProcess server;
    server.initialize();
    // 64 KiB is the kernel's default; the server asks for 1 MiB and settles for 256 KiB.
    CHECK(server.from_server_pipe_size() >= 256 * 1024);
    CHECK(server.to_server_pipe_size() >= 256 * 1024);
    // And a notification larger than the pipe still arrives whole.
    std::string text = "FROM debian:12.5\n";
    for (int i = 0; i < 3000; ++i) text += "RUN apt-get install -y package" + std::to_string(i) + "\n";
    server.open("file:///tmp/cdls-e2e-pipe/Dockerfile", "dockerfile", text);
    auto published = server.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    std::size_t unpinned = 0;
    for (const auto& d : (*published)["params"]["diagnostics"]) unpinned += d["code"] == "apt-unpinned";
    CHECK(unpinned == 3000);
}

TEST_CASE("utf-8 is chosen when the client offers it") {
    LspProcess server;
    json reply = server.initialize({{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}});
    CHECK(reply["result"]["capabilities"]["positionEncoding"] == "utf-8");
}

TEST_CASE("requests before initialize get ServerNotInitialized and the server keeps serving") {
    LspProcess server;
    json early = server.request("textDocument/hover", {{"textDocument", {{"uri", "file:///a"}}}, {"position", {{"line", 0}, {"character", 0}}}});
    CHECK(early["error"]["code"] == -32002);
    json reply = server.initialize();
    CHECK(reply.contains("result"));
}

TEST_CASE("a second initialize is an invalid request") {
    LspProcess server;
    server.initialize();
    CHECK(server.request("initialize", {{"capabilities", json::object()}})["error"]["code"] == -32600);
}

TEST_CASE("after shutdown - requests are invalid and exit returns 0") {
    LspProcess server;
    server.initialize();
    server.request("shutdown", nullptr);
    CHECK(server.request("textDocument/hover", json::object())["error"]["code"] == -32600);
    CHECK(server.request("shutdown", nullptr)["error"]["code"] == -32600);
    server.notify("exit", nullptr);
    CHECK(server.wait_exit() == 0);
}

TEST_CASE("exit without shutdown returns 1") {
    LspProcess server;
    server.initialize();
    server.notify("exit", nullptr);
    CHECK(server.wait_exit() == 1);
}

TEST_CASE("the server exits when its input closes") {
    LspProcess server;
    server.initialize();
    server.close_stdin();
    CHECK(server.wait_exit() == 1);
}

TEST_CASE("the server exits when input closes after shutdown with 0") {
    LspProcess server;
    server.initialize();
    server.request("shutdown", nullptr);
    server.close_stdin();
    CHECK(server.wait_exit() == 0);
}

TEST_CASE("the server exits when the client process in processId dies") {
    pid_t child = ::fork();
    if (child == 0) {
        ::pause();
        ::_exit(0);
    }
    LspProcess server;
    server.initialize(json::object(), child);
    CHECK(server.running());
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    CHECK(server.wait_exit(5s).has_value());
}

TEST_CASE("unknown requests get MethodNotFound - unknown notifications are ignored") {
    LspProcess server;
    server.initialize();
    server.notify("custom/notification", {{"x", 1}});
    server.notify("$/someProgress", {{"token", 1}});
    CHECK(server.request("custom/request", json::object())["error"]["code"] == -32601);
    CHECK(server.request("$/customRequest", json::object())["error"]["code"] == -32601);
}

TEST_CASE("$/setTrace is accepted") {
    LspProcess server;
    server.initialize();
    server.notify("$/setTrace", {{"value", "verbose"}});
    CHECK(server.request("custom/request", json::object())["error"]["code"] == -32601);
}

TEST_CASE("didOpen publishes diagnostics with the document version - didClose clears them") {
    LspProcess server;
    server.initialize();
    std::string uri = "file:///tmp/cdls-e2e/seed.def";
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: python:latest\n", 7);
    auto published = server.wait_notification("textDocument/publishDiagnostics",
                                              [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(published);
    CHECK((*published)["params"]["version"] == 7);
    CHECK((*published)["params"]["diagnostics"].is_array());
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
    auto cleared = server.wait_notification("textDocument/publishDiagnostics",
                                            [&](const json& p) { return p["uri"] == uri && p["diagnostics"].empty(); });
    REQUIRE(cleared);
    CHECK_FALSE((*cleared)["params"].contains("version"));
}

TEST_CASE("a burst of changes is analysed once - for the last version") {
    LspProcess server;
    server.initialize();
    std::string uri = "file:///tmp/cdls-e2e/burst.def";
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: python\n", 1);
    REQUIRE(server.wait_notification("textDocument/publishDiagnostics"));
    // 15 keystrokes written at once, as a fast typist's editor would send them. The burst
    // stays under PIPE_BUF so one write() delivers it whole and the test is deterministic.
    std::string burst;
    for (int v = 2; v <= 16; ++v) {
        json change = {{"range", {{"start", {{"line", 1}, {"character", 12}}}, {"end", {{"line", 1}, {"character", 12}}}}},
                       {"text", v == 2 ? ":" : "1"}};
        json msg = {{"jsonrpc", "2.0"},
                    {"method", "textDocument/didChange"},
                    {"params", {{"textDocument", {{"uri", uri}, {"version", v}}}, {"contentChanges", {change}}}}};
        burst += cdls::protocol::encode_frame(msg.dump());
    }
    REQUIRE(burst.size() <= 4096);
    server.write_raw(burst);
    auto published = server.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(published);
    CHECK((*published)["params"]["version"] == 16);
    // Nothing else was published for the intermediate versions: the next message is the reply.
    json reply = server.request("custom/request", json::object());
    CHECK(reply["error"]["code"] == -32601);
    CHECK_FALSE(server.wait_notification("textDocument/publishDiagnostics", {}, 200ms).has_value());
}

TEST_CASE("a request cancelled while still queued is answered with RequestCancelled") {
    LspProcess server;
    server.initialize();
    json request = {{"jsonrpc", "2.0"}, {"id", 99}, {"method", "custom/request"}, {"params", json::object()}};
    json cancel = {{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 99}}}};
    server.write_raw(cdls::protocol::encode_frame(request.dump()) + cdls::protocol::encode_frame(cancel.dump()));
    auto reply = server.wait_response(99);
    REQUIRE(reply);
    CHECK((*reply)["error"]["code"] == -32800);
}

TEST_CASE("the command line: version and help exit 0 and an unknown option exits 2") {
    for (auto [arg, code] : {std::pair{"--version", 0}, {"--help", 0}, {"--bogus", 2}}) {
        LspProcess p({arg});
        CHECK(p.wait_exit() == code);
    }
}
