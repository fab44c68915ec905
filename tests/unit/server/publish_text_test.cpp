// publish_diagnostics_text writes what nlohmann's dump of the converted diagnostics writes, byte
// for byte, with the per-rule part cached across calls.
#include "server/convert.hpp"

#include "analysis/document_analysis.hpp"
#include "protocol/json_text.hpp"
#include "protocol/jsonrpc.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace cdls;
using namespace cdls::server;

namespace {

std::string reference(std::string_view uri, std::optional<std::int64_t> version, const std::vector<Diagnostic>& diagnostics,
                      const LineIndex& index, PositionEncoding encoding) {
    lsp::PublishDiagnosticsParams params;
    params.uri = std::string(uri);
    params.version = version;
    for (const Diagnostic& d : diagnostics) params.diagnostics.push_back(to_lsp(d, index, encoding));
    return nlohmann::json(params).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

TEST_CASE("publish_diagnostics_text equals the converted diagnostics' JSON", "[publish]") {
    std::string text = "FROM python:latest\nRUN pip install numpy && echo \"héllo 😀\" \\\n    && apt-get install -y curl\n"
                       "MAINTAINER someone\nENV API_TOKEN=abcd1234efgh\n";
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, text);
    REQUIRE(result.diagnostics.size() >= 4);
    // Tags and messages that need escaping, on top of what the analysis gave.
    Diagnostic tagged = result.diagnostics.front();
    tagged.unnecessary = true;
    tagged.deprecated = true;
    tagged.message = "quote \" backslash \\ tab \t newline \n control \x01 and é";
    result.diagnostics.push_back(tagged);
    Diagnostic deprecated_only = result.diagnostics.front();
    deprecated_only.deprecated = true;
    result.diagnostics.push_back(deprecated_only);
    Diagnostic invalid_utf8 = result.diagnostics.front();
    invalid_utf8.message = std::string("bad \xC3\x28 byte");
    result.diagnostics.push_back(invalid_utf8);

    LineIndex index(text);
    RulePrefixes prefixes;
    for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
        for (std::optional<std::int64_t> version : {std::optional<std::int64_t>(7), std::optional<std::int64_t>()}) {
            std::string uri = "file:///tmp/a b/Dockerfile";
            CHECK(publish_diagnostics_text(uri, version, result.diagnostics, index, encoding, prefixes) ==
                  reference(uri, version, result.diagnostics, index, encoding));
        }
    }
    CHECK_FALSE(prefixes.empty()); // reused across the four calls
    CHECK(publish_diagnostics_text("u", 1, {}, index, PositionEncoding::Utf16, prefixes) ==
          reference("u", 1, {}, index, PositionEncoding::Utf16));
    // Versions beyond a double's precision, and the whole notification around the params.
    std::string body = publish_diagnostics_text("file:///tmp/a%20b/Dockerfile", 9007199254740993, result.diagnostics,
                                                index, PositionEncoding::Utf16, prefixes);
    CHECK(body == reference("file:///tmp/a%20b/Dockerfile", 9007199254740993, result.diagnostics, index,
                            PositionEncoding::Utf16));
    CHECK(protocol::make_notification_text("textDocument/publishDiagnostics", body) ==
          protocol::make_notification("textDocument/publishDiagnostics", nlohmann::json::parse(body)));
}

TEST_CASE("publish_diagnostics_text equals the reference on random corpus-like edits", "[publish]") {
    std::mt19937 random(20261124);
    std::string base = "Bootstrap: docker\nFrom: ubuntu\n\n%post\n    pip install torch\n    apt-get install -y git\n"
                       "    git clone https://github.com/org/repo.git\n%environment\n    export TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n";
    RulePrefixes prefixes;
    for (int round = 0; round < 50; ++round) {
        std::string text = base;
        std::uniform_int_distribution<std::size_t> at(0, text.size());
        text.insert(at(random), round % 2 ? "é" : "x\n");
        AnalysisResult result = analyze_text(DocumentKind::Definition, text);
        LineIndex index(text);
        CHECK(publish_diagnostics_text("file:///d.def", round, result.diagnostics, index, PositionEncoding::Utf16, prefixes) ==
              reference("file:///d.def", round, result.diagnostics, index, PositionEncoding::Utf16));
    }
}
