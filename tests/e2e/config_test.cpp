// End to end: .cdls.json and editor settings change what the server reports.
#include "lsp_client.hpp"
#include "run_command.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace cdls::test;

namespace {

const std::string apt_def = "Bootstrap: docker\nFrom: ubuntu:noble-20260810\n\n%post\n    apt-get install -y curl\n";

std::optional<int> severity_of(const json& params, const std::string& rule) {
    for (const auto& d : params["diagnostics"])
        if (d["code"] == rule) return d["severity"].get<int>();
    return std::nullopt;
}

} // namespace

TEST_CASE("a .cdls.json that makes apt-unpinned an error changes the editor's severity") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    std::string file = dir.write("apt.def", apt_def);
    std::string uri = file_uri(file);
    LspProcess server;
    server.initialize({{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}});
    server.open(uri, "apptainer", apt_def);
    auto first = server.wait_notification("textDocument/publishDiagnostics", [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(first);
    CHECK(severity_of((*first)["params"], "apt-unpinned") == 3); // information by default

    dir.write(".cdls.json", "{ \"rules\": { \"apt-unpinned\": \"error\" } }");
    json change = {{"uri", file_uri(dir.path() + "/.cdls.json")}, {"type", 1}};
    server.notify("workspace/didChangeWatchedFiles", {{"changes", json::array({change})}});
    auto second = server.wait_notification("textDocument/publishDiagnostics", [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(second);
    CHECK(severity_of((*second)["params"], "apt-unpinned") == 1);

    // The same file makes `cdls check` fail.
    CHECK(run_cdls({"check", file}).exit_code == 1);
}

TEST_CASE("editor settings are merged over the project file") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    dir.write(".cdls.json", "{ \"rules\": { \"apt-unpinned\": \"error\" } }");
    std::string file = dir.write("apt.def", apt_def);
    std::string uri = file_uri(file);
    LspProcess server;
    server.initialize();
    server.open(uri, "apptainer", apt_def);
    auto first = server.wait_notification("textDocument/publishDiagnostics", [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(first);
    CHECK(severity_of((*first)["params"], "apt-unpinned") == 1);
    server.notify("workspace/didChangeConfiguration", {{"settings", {{"cdls", {{"rules", {{"apt-unpinned", "off"}}}}}}}});
    auto second = server.wait_notification("textDocument/publishDiagnostics", [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(second);
    CHECK_FALSE(severity_of((*second)["params"], "apt-unpinned").has_value());
}

TEST_CASE("problems in .cdls.json are reported on the file itself") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    std::string text = "{\n  \"rules\": { \"apt-unpinned\": \"loud\" },\n  \"colour\": true\n}\n";
    std::string config = dir.write(".cdls.json", text);
    LspProcess server;
    server.initialize();
    server.open(file_uri(config), "jsonc", text);
    auto published = server.wait_notification("textDocument/publishDiagnostics",
                                              [&](const json& p) { return p["uri"] == file_uri(config); });
    REQUIRE(published);
    const json& diagnostics = (*published)["params"]["diagnostics"];
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0]["range"]["start"]["line"] == 1);
    CHECK(diagnostics[1]["message"].get<std::string>().find("unknown key `colour`") != std::string::npos);
    CHECK(diagnostics[1]["range"]["start"]["line"] == 2);
}

TEST_CASE("initializationOptions carry settings and the server asks for section cdls") {
    TempDir dir;
    std::string file = dir.write("apt.def", apt_def);
    std::string uri = file_uri(file);
    LspProcess server;
    json params = {{"processId", nullptr},
                   {"rootUri", nullptr},
                   {"capabilities", {{"workspace", {{"configuration", true}}}}},
                   {"initializationOptions", {{"rules", {{"apt-unpinned", "warning"}}}}}};
    server.request("initialize", params);
    server.notify("initialized", json::object());
    auto ask = server.read_message();
    REQUIRE(ask);
    REQUIRE((*ask)["method"] == "workspace/configuration");
    CHECK((*ask)["params"]["items"][0]["section"] == "cdls");
    json section = {{"rules", {{"apt-unpinned", "hint"}}}};
    server.send({{"jsonrpc", "2.0"}, {"id", (*ask)["id"]}, {"result", json::array({section})}});
    server.open(uri, "apptainer", apt_def);
    auto published = server.wait_notification("textDocument/publishDiagnostics", [&](const json& p) { return p["uri"] == uri; });
    REQUIRE(published);
    CHECK(severity_of((*published)["params"], "apt-unpinned") == 4);
}
