// End to end: malformed bytes, JSON and params each get their error, and the server lives on.
#include "lsp_client.hpp"

#include "protocol/framing.hpp"

#include <catch2/catch.hpp>

using namespace cdls::test;
using cdls::protocol::encode_frame;

namespace {

void still_serving(LspProcess& server) {
    INFO("stderr: " << server.stderr_text());
    CHECK(server.request("custom/ping", json::object())["error"]["code"] == -32601);
}

} // namespace

TEST_CASE("garbage bytes get a parse error and the next request is answered") {
    LspProcess server;
    server.initialize();
    server.write_raw("this is not a header\r\n\r\n");
    auto error = server.wait_null_id_error();
    REQUIRE(error);
    CHECK((*error)["error"]["code"] == -32700);
    still_serving(server);
}

TEST_CASE("a header without Content-Length gets a parse error") {
    LspProcess server;
    server.initialize();
    server.write_raw("Content-Type: application/vscode-jsonrpc\r\n\r\n");
    REQUIRE(server.wait_null_id_error());
    still_serving(server);
}

TEST_CASE("invalid JSON gets a parse error") {
    LspProcess server;
    server.initialize();
    server.write_raw(encode_frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "));
    auto error = server.wait_null_id_error();
    REQUIRE(error);
    CHECK((*error)["error"]["code"] == -32700);
    still_serving(server);
}

TEST_CASE("a JSON array - number or null as a message is an invalid request") {
    LspProcess server;
    server.initialize();
    for (const char* body : {"[1,2,3]", "42", "null", "\"text\""}) {
        server.write_raw(encode_frame(body));
        auto error = server.wait_null_id_error();
        REQUIRE(error);
        CHECK((*error)["error"]["code"] == -32600);
    }
    still_serving(server);
}

TEST_CASE("missing or wrong-typed id and method are invalid requests") {
    LspProcess server;
    server.initialize();
    server.send({{"jsonrpc", "2.0"}, {"id", 5}});
    auto a = server.wait_response(5);
    REQUIRE(a);
    CHECK((*a)["error"]["code"] == -32600);
    server.send({{"jsonrpc", "2.0"}, {"id", 6}, {"method", 12}});
    auto b = server.wait_response(6);
    REQUIRE(b);
    CHECK((*b)["error"]["code"] == -32600);
    server.send({{"jsonrpc", "2.0"}, {"id", {{"nested", true}}}, {"method", "x"}});
    auto c = server.wait_null_id_error();
    REQUIRE(c);
    CHECK((*c)["error"]["code"] == -32600);
    still_serving(server);
}

TEST_CASE("wrong-typed params get InvalidParams") {
    LspProcess server;
    json reply = server.request("initialize", json::array({1, 2}));
    CHECK(reply["error"]["code"] == -32602);
    server.send({{"jsonrpc", "2.0"}, {"id", 50}, {"method", "initialize"}, {"params", 17}});
    auto scalar = server.wait_response(50);
    REQUIRE(scalar);
    CHECK((*scalar)["error"]["code"] == -32602);
    // A good initialize still works afterwards.
    CHECK(server.initialize().contains("result"));
    // Notifications with bad params are logged and dropped, never fatal.
    server.notify("textDocument/didOpen", {{"textDocument", 5}});
    server.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///nope"}, {"version", "x"}}}});
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", "file:///never-opened"}, {"version", 2}}}, {"contentChanges", json::array()}});
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///never-opened"}}}});
    still_serving(server);
}

TEST_CASE("inverted and out-of-range edits do not kill the server") {
    LspProcess server;
    server.initialize();
    std::string uri = "file:///tmp/cdls-e2e/edits.def";
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: ubuntu:24.04\n");
    REQUIRE(server.wait_notification("textDocument/publishDiagnostics"));
    auto change = [&](int version, json range, std::string text) {
        server.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                                 {"contentChanges", {{{"range", range}, {"text", text}}}}});
    };
    change(2, {{"start", {{"line", 1}, {"character", 10}}}, {"end", {{"line", 0}, {"character", 2}}}}, "x");
    change(3, {{"start", {{"line", 900}, {"character", 5}}}, {"end", {{"line", 1000}, {"character", 99999}}}}, "\n%post\n");
    change(4, {{"start", {{"line", -1}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}, "x");
    change(1, {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}, "# back in time\n");
    auto published = server.wait_notification("textDocument/publishDiagnostics",
                                              [](const json& p) { return p["version"] == 1; });
    REQUIRE(published);
    still_serving(server);
}

TEST_CASE("a frame over the size cap is rejected without reading it into memory") {
    LspProcess server;
    server.initialize();
    // Announce 100 MiB but send only a little, then a good message after the announced size
    // would never arrive: the server must reject at the header and skip what follows.
    server.write_raw("Content-Length: 104857600\r\n\r\n{\"jsonrpc\":");
    auto error = server.wait_null_id_error();
    REQUIRE(error);
    CHECK((*error)["error"]["code"] == -32700);
}

TEST_CASE("input that ends in the middle of a frame ends the server cleanly") {
    LspProcess server;
    server.initialize();
    server.write_raw("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    server.close_stdin();
    CHECK(server.wait_exit() == 1);
}

TEST_CASE("didChange and didClose for a document that was never opened are logged rejections") {
    LspProcess server;
    server.initialize();
    std::string ghost = "file:///tmp/cdls-e2e/never-opened.def";
    server.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", ghost}, {"version", 2}}}, {"contentChanges", {{{"text", "Bootstrap: docker\n"}}}}});
    server.notify("textDocument/didClose", {{"textDocument", {{"uri", ghost}}}});
    still_serving(server);
    // Nothing was published for it: the next diagnostics are those of a real document.
    std::string uri = "file:///tmp/cdls-e2e/real.def";
    server.open(uri, "apptainer", "Bootstrap: docker\nFrom: ubuntu:latest\n");
    auto first = server.wait_notification("textDocument/publishDiagnostics");
    REQUIRE(first);
    CHECK((*first)["params"]["uri"] == uri);
    std::string log = server.stderr_text();
    CHECK(log.find("didChange for a document that is not open") != std::string::npos);
    CHECK(log.find("didClose for a document that is not open") != std::string::npos);
}
