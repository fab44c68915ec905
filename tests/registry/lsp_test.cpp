// End to end through the real cdls binary over LSP against the loopback registries: live tag
// completion, the pin-digest action, hover, image-unknown-tag; then, registry stopped, the
// same answers from the cache without errors. Whether an answer came from the network is told
// by the registries' own records (access log, connection count), never by a clock.
#include "registry_support.hpp"

#include "../e2e/lsp_client.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <thread>

using namespace cdls::test;

namespace {

const std::vector<std::string> all_tags{"1.0.0", "1.1.0", "2.0.0", "2.0.1", "latest"};

// A cdls server whose registry cache is the test's.
struct Server {
    std::unique_ptr<LspProcess> process;
    explicit Server(const json& initialization_options = json::object()) {
        ::setenv("CDLS_REGISTRY_CACHE", (*env("CDLS_TEST_REGISTRY_CACHE") + "/lsp").c_str(), 1);
        process = std::make_unique<LspProcess>(std::vector<std::string>{"--log-level", "info"});
        json params = {{"processId", nullptr},
                       {"rootUri", nullptr},
                       {"capabilities", {{"textDocument", {{"hover", {{"contentFormat", {"markdown"}}}}}}}},
                       {"initializationOptions", initialization_options}};
        process->request("initialize", params);
        process->notify("initialized", json::object());
    }
    ~Server() {
        if (process && process->running()) {
            process->request("shutdown", nullptr, std::chrono::seconds(5));
            process->notify("exit", nullptr);
            process->wait_exit(std::chrono::seconds(5));
        }
    }
};

std::string tool() { return *env("CDLS_TEST_REGISTRY_HTTP") + "/mylab/tool"; }
std::string uri_for(const std::string& name) { return file_uri(*env("CDLS_TEST_REGISTRY_WORK") + "/" + name); }

struct Timed {
    json reply;
    long ms = 0;
};

Timed timed_request(LspProcess& p, const std::string& method, const json& params) {
    auto start = std::chrono::steady_clock::now();
    Timed t;
    t.reply = p.request(method, params, std::chrono::seconds(15));
    t.ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    return t;
}

std::vector<std::string> labels(const json& reply) {
    std::vector<std::string> out;
    if (reply.contains("result") && reply["result"].contains("items"))
        for (const auto& item : reply["result"]["items"]) out.push_back(item["label"]);
    std::sort(out.begin(), out.end());
    return out;
}

Timed complete_tag(LspProcess& p, const std::string& uri, const std::string& line) {
    return timed_request(p, "textDocument/completion",
                         {{"textDocument", {{"uri", uri}}},
                          {"position", {{"line", 1}, {"character", static_cast<int>(line.size())}}}});
}

// The "@sha256:..." the pin-digest action inserts, or empty.
std::string pin_digest_edit(const json& reply) {
    if (!reply.contains("result") || !reply["result"].is_array()) return {};
    for (const auto& action : reply["result"]) {
        if (action["title"].get<std::string>().find("@sha256:") == std::string::npos) continue;
        for (const auto& [uri, edits] : action["edit"]["changes"].items())
            for (const auto& edit : edits) return edit["newText"];
    }
    return {};
}

Timed code_actions(LspProcess& p, const std::string& uri, int length) {
    return timed_request(p, "textDocument/codeAction",
                         {{"textDocument", {{"uri", uri}}},
                          {"range", {{"start", {{"line", 1}, {"character", 6}}}, {"end", {{"line", 1}, {"character", length}}}}},
                          {"context", {{"diagnostics", json::array()}}}});
}

} // namespace

TEST_CASE("LSP: completion after `From: host/repo:` lists the registry's tags", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    Server server;
    std::string line = "From: " + tool() + ":";
    server.process->open(uri_for("a.def"), "singularity", "Bootstrap: docker\n" + line + "\n");
    const std::string tags_list = "/v2/mylab/tool/tags/list";
    long before = http_registry_requests(tags_list);
    auto first = complete_tag(*server.process, uri_for("a.def"), line);
    CHECK(labels(first.reply) == all_tags);
    // The registry logs a request once it has answered it: wait for the line to appear.
    long after_first = http_registry_requests(tags_list);
    for (int k = 0; k < 100 && after_first == before; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        after_first = http_registry_requests(tags_list);
    }
    CHECK(after_first > before); // the first answer came from the registry
    auto second = complete_tag(*server.process, uri_for("a.def"), line);
    CHECK(labels(second.reply) == all_tags);
    WARN("first completion (network) " << first.ms << " ms, second (cache) " << second.ms << " ms");
    // A prefix narrows them; the catalogue's completion of other words still works.
    std::string narrowed = line + "2.0";
    server.process->notify("textDocument/didChange",
                           {{"textDocument", {{"uri", uri_for("a.def")}, {"version", 2}}},
                            {"contentChanges", {{{"text", "Bootstrap: docker\n" + narrowed + "\n"}}}}});
    CHECK(labels(complete_tag(*server.process, uri_for("a.def"), narrowed).reply) == std::vector<std::string>{"2.0.0", "2.0.1"});
    // Both later answers came from the cache: the registry saw no further tag list request.
    CHECK(http_registry_requests(tags_list) == after_first);
}

TEST_CASE("LSP: the pin-digest action writes the digest skopeo reports; hover shows it", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    Server server;
    std::string line = "From: " + tool() + ":2.0.1";
    server.process->open(uri_for("b.def"), "singularity", "Bootstrap: docker\n" + line + "\n");
    auto actions = code_actions(*server.process, uri_for("b.def"), static_cast<int>(line.size()));
    std::string want = cdls::test::expected_digests("http")["2.0.1"];
    REQUIRE(!want.empty());
    CHECK(pin_digest_edit(actions.reply) == "@" + want);
    WARN("code action with a digest look-up " << actions.ms << " ms");
    auto hover = timed_request(*server.process, "textDocument/hover",
                               {{"textDocument", {{"uri", uri_for("b.def")}}}, {"position", {{"line", 1}, {"character", 10}}}});
    REQUIRE(hover.reply["result"].is_object());
    std::string text = hover.reply["result"]["contents"]["value"];
    CHECK(text.find(want) != std::string::npos);
    CHECK(text.find("5 tags") != std::string::npos);
}

TEST_CASE("LSP: image-unknown-tag with registry diagnostics on", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    Server server(json{{"registry", {{"diagnostics", true}}}});
    std::string uri = uri_for("c.def");
    server.process->open(uri, "singularity", "Bootstrap: docker\nFrom: " + tool() + ":2.0.11\n");
    auto published = server.process->wait_notification(
        "textDocument/publishDiagnostics",
        [&](const json& n) {
            if (n["uri"] != uri) return false;
            for (const auto& d : n["diagnostics"])
                if (d.value("code", "") == "image-unknown-tag") return true;
            return false;
        },
        std::chrono::seconds(10));
    REQUIRE(published);
    bool suggested = false;
    for (const auto& d : (*published)["params"]["diagnostics"])
        if (d.value("code", "") == "image-unknown-tag")
            suggested = d["message"].get<std::string>().find("2.0.1") != std::string::npos;
    CHECK(suggested);
}

TEST_CASE("LSP offline: completion and the pin-digest action answer from the cache", "[offline]") {
    CDLS_REQUIRE_REGISTRY();
    Server server;
    std::string line = "From: " + tool() + ":";
    server.process->open(uri_for("a.def"), "singularity", "Bootstrap: docker\n" + line + "\n");
    auto cached = complete_tag(*server.process, uri_for("a.def"), line);
    CHECK(labels(cached.reply) == all_tags); // the registry is stopped: from the cache
    WARN("offline completion from the cache " << cached.ms << " ms");

    std::string pinned = "From: " + tool() + ":2.0.1";
    server.process->open(uri_for("b.def"), "singularity", "Bootstrap: docker\n" + pinned + "\n");
    auto actions = code_actions(*server.process, uri_for("b.def"), static_cast<int>(pinned.size()));
    CHECK(pin_digest_edit(actions.reply) == "@" + cdls::test::expected_digests("http")["2.0.1"]);

    // An image never looked up: the registry is down, so the answer comes without it (no
    // error). (That a failed host is not asked again is the black-hole test's.)
    std::string other = "From: " + *env("CDLS_TEST_REGISTRY_HTTP") + "/mylab/other:";
    server.process->open(uri_for("d.def"), "singularity", "Bootstrap: docker\n" + other + "\n");
    auto first = complete_tag(*server.process, uri_for("d.def"), other);
    CHECK(first.reply.contains("result"));
    CHECK_FALSE(first.reply.contains("error"));
    auto again = complete_tag(*server.process, uri_for("d.def"), other);
    CHECK(again.reply.contains("result"));
    CHECK_FALSE(again.reply.contains("error"));
    WARN("offline, uncached image: first " << first.ms << " ms, again " << again.ms << " ms");
}

TEST_CASE("LSP offline: a registry that never answers costs one timeout, then nothing", "[offline]") {
    CDLS_REQUIRE_REGISTRY();
    Server server(json{{"registry", {{"timeoutMs", 700}}}});
    std::string line = "From: " + *env("CDLS_TEST_REGISTRY_BLACKHOLE") + "/mylab/tool:";
    server.process->open(uri_for("e.def"), "singularity", "Bootstrap: docker\n" + line + "\n");
    long before = blackhole_connections();
    auto first = complete_tag(*server.process, uri_for("e.def"), line);
    CHECK(first.reply.contains("result"));
    CHECK_FALSE(first.reply.contains("error"));
    long after_first = blackhole_connections();
    CHECK(after_first > before); // it did try the registry, and gave up after the timeout
    // The host that timed out is left alone for a while: the next request answers without it.
    auto second = complete_tag(*server.process, uri_for("e.def"), line);
    CHECK(second.reply.contains("result"));
    CHECK(blackhole_connections() == after_first);
    WARN("black-hole registry: first " << first.ms << " ms, again " << second.ms << " ms");
}

TEST_CASE("cdls check --resolve reports image-unknown-tag from the registry", "[online]") {
    CDLS_REQUIRE_REGISTRY();
    std::string dir = *env("CDLS_TEST_REGISTRY_WORK") + "/check";
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/Dockerfile") << "FROM " << tool() << ":2.0.11\nFROM " << tool() << ":2.0.1 AS good\n";
    ::setenv("CDLS_REGISTRY_CACHE", (*env("CDLS_TEST_REGISTRY_CACHE") + "/check").c_str(), 1);
    auto run = [&](const std::string& flags) {
        std::string command = binary_path() + " check " + flags + " --format json " + dir + "/Dockerfile 2>/dev/null";
        std::string out;
        if (FILE* pipe = ::popen(command.c_str(), "r")) {
            char buffer[4096];
            for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
            ::pclose(pipe);
        }
        return out;
    };
    std::string plain = run("");
    CHECK(plain.find("image-unknown-tag") == std::string::npos);
    std::string resolved = run("--resolve");
    REQUIRE(resolved.find("image-unknown-tag") != std::string::npos);
    CHECK(resolved.find("did you mean `2.0.1`") != std::string::npos);
    // Only the missing tag: the second FROM names one the registry has.
    auto first = resolved.find("image-unknown-tag");
    CHECK(resolved.find("image-unknown-tag", first + 1) == std::string::npos);
}
