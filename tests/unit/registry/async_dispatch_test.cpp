// Asynchronous request handlers: a completion waiting for a registry look-up stays open while
// other messages are served, and $/cancelRequest, shutdown and the timeout all answer it once.
// The "registry" is a socket in this process that accepts and never answers (no network).
#include "server/language_server.hpp"

#include <asio.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

using namespace cdls;
using namespace cdls::server;

namespace {

struct Harness {
    asio::io_context io;
    asio::ip::tcp::acceptor silent{io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::vector<json> sent;
    LanguageServer server{[this](std::string_view body) { sent.push_back(json::parse(body)); }};
    std::string line;

    Harness() {
        auto cache = std::filesystem::temp_directory_path() / ("cdls-async-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(cache);
        ::setenv("CDLS_REGISTRY_CACHE", cache.c_str(), 1);
        server.attach_loop(io);
        request(1, "initialize", {{"processId", nullptr}, {"capabilities", json::object()},
                                  {"initializationOptions", {{"registry", {{"timeoutMs", 300}}}}}});
        notify("initialized", json::object());
        line = "From: 127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/mylab/tool:";
        notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///tmp/async.def"}, {"languageId", "singularity"},
                                                          {"version", 1}, {"text", "Bootstrap: docker\n" + line + "\n"}}}});
        sent.clear();
    }
    ~Harness() { ::unsetenv("CDLS_REGISTRY_CACHE"); }

    void request(int id, const std::string& method, const json& params) {
        server.handle_body(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
    }
    void notify(const std::string& method, const json& params) {
        server.handle_body(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}}.dump());
    }
    void complete(int id) {
        request(id, "textDocument/completion", {{"textDocument", {{"uri", "file:///tmp/async.def"}}},
                                                {"position", {{"line", 1}, {"character", line.size()}}}});
    }
    const json* reply(int id) const {
        for (const auto& m : sent)
            if (m.contains("id") && m["id"] == id && !m.contains("method")) return &m;
        return nullptr;
    }
    int replies(int id) const {
        int n = 0;
        for (const auto& m : sent) n += m.contains("id") && m["id"] == id && !m.contains("method");
        return n;
    }
};

} // namespace

TEST_CASE("a completion waiting for the registry can be cancelled; others are still served") {
    Harness h;
    h.complete(2);
    CHECK_FALSE(h.reply(2)); // waiting for the look-up
    CHECK(h.server.requests_in_flight() == 1);
    h.request(3, "textDocument/hover", {{"textDocument", {{"uri", "file:///tmp/async.def"}}},
                                        {"position", {{"line", 0}, {"character", 2}}}});
    CHECK(h.reply(3)); // served meanwhile (Bootstrap keyword)
    h.notify("$/cancelRequest", {{"id", 2}});
    REQUIRE(h.reply(2));
    CHECK((*h.reply(2))["error"]["code"] == -32800);
    // The look-up times out later: no second answer.
    h.io.run_for(std::chrono::milliseconds(800));
    CHECK(h.replies(2) == 1);
}

TEST_CASE("the timeout answers a waiting completion with the catalogue's items, once") {
    Harness h;
    auto start = std::chrono::steady_clock::now();
    h.complete(2);
    CHECK_FALSE(h.reply(2));
    while (!h.reply(2) && std::chrono::steady_clock::now() - start < std::chrono::seconds(5))
        h.io.run_for(std::chrono::milliseconds(20));
    auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE(h.reply(2));
    CHECK((*h.reply(2))["result"]["items"].is_array());
    WARN("answered after "
         << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() << " ms (timeout 300 ms)");
    h.io.run_for(std::chrono::milliseconds(500));
    CHECK(h.replies(2) == 1);
    // The host is remembered as failing: the next completion answers at once.
    h.complete(4);
    CHECK(h.reply(4));
}

TEST_CASE("shutdown answers requests still waiting, before its own result") {
    Harness h;
    h.complete(2);
    CHECK_FALSE(h.reply(2));
    h.request(5, "shutdown", nullptr);
    REQUIRE(h.reply(2));
    REQUIRE(h.reply(5));
    CHECK((*h.reply(2))["error"]["code"] == -32800);
    CHECK((*h.reply(5))["result"].is_null());
    h.io.run_for(std::chrono::milliseconds(600));
    CHECK(h.replies(2) == 1);
}

TEST_CASE("registry.enabled false: no look-up, the answer comes at once") {
    Harness h;
    h.notify("workspace/didChangeConfiguration", {{"settings", {{"cdls", {{"registry", {{"enabled", false}}}}}}}});
    h.complete(2);
    REQUIRE(h.reply(2));
    CHECK(h.server.requests_in_flight() == 0);
}
