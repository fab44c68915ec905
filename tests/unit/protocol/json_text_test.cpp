// The direct JSON writer against nlohmann's dump: the same bytes for any string (control
// characters, quotes, invalid UTF-8) and for whole publishDiagnostics messages.
#include "protocol/json_text.hpp"
#include "protocol/jsonrpc.hpp"
#include "protocol/lsp.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace cdls;
using json = nlohmann::json;

namespace {

std::string nlohmann_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string written(std::string_view text) {
    std::string out;
    protocol::append_json_string(out, text);
    return out;
}

} // namespace

TEST_CASE("json text: strings are escaped exactly as nlohmann escapes them") {
    const std::string_view cases[] = {"", "plain", "quote \" and \\ backslash", "\b\f\n\r\t", std::string_view("\x00\x01\x1f\x7f", 4),
                               "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x8D", "bad \xFF byte", "cut \xE2\x82", "overlong \xC0\xAF",
                               "surrogate \xED\xA0\x80", "past max \xF4\x90\x80\x80", "/slash/ <tag>"};
    for (std::string_view s : cases) {
        INFO(s.size() << " bytes: " << s);
        CHECK(written(s) == nlohmann_text(json(std::string(s))));
    }
}

TEST_CASE("json text: random byte strings match nlohmann") {
    std::mt19937 random(20261124);
    // Bytes biased towards the interesting ones: ASCII controls, quotes, UTF-8 lead and
    // continuation bytes.
    constexpr unsigned char alphabet[] = {'a', 'Z', ' ', '"', '\\', '\n', '\t', 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc2,
                                          0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff, 0x82, 0xa9, 0x9f};
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        std::size_t length = random() % 12;
        for (std::size_t i = 0; i < length; ++i) s += static_cast<char>(alphabet[random() % std::size(alphabet)]);
        INFO("round " << round);
        REQUIRE(written(s) == nlohmann_text(json(s)));
    }
}

TEST_CASE("json text: publishDiagnostics equals the DOM serialisation") {
    lsp::PublishDiagnosticsParams params;
    params.uri = "file:///tmp/a%20b/Dockerfile";
    for (int i = 0; i < 3; ++i) {
        lsp::Diagnostic d;
        d.range = {{static_cast<std::uint32_t>(i), 4}, {static_cast<std::uint32_t>(i + 1), 4000000000u}};
        d.severity = i + 1;
        d.code = "pip-unpinned";
        d.message = "pin a version: pip install \"numpy==<version>\"\n";
        if (i != 1) d.codeHref = "https://example.org/rules/pip-unpinned.md";
        if (i == 2) d.tags = {1, 2};
        if (i == 0) d.data = json{{"fix", {1, "two", nullptr}}};
        params.diagnostics.push_back(d);
    }
    CHECK(lsp::to_json_text(params) == nlohmann_text(json(params)));
    params.version = 9007199254740993;
    CHECK(lsp::to_json_text(params) == nlohmann_text(json(params)));
    params.diagnostics.clear();
    CHECK(lsp::to_json_text(params) == nlohmann_text(json(params)));

    std::string body = lsp::to_json_text(params);
    CHECK(protocol::make_notification_text("textDocument/publishDiagnostics", body) ==
          protocol::make_notification("textDocument/publishDiagnostics", json::parse(body)));
}
