// The publish cache against a fresh write: random edits go through the server's own path
// (didChange, apply_changes, the incremental analysis, Session::publish) and at every step the
// notification the server sent must equal, byte for byte, append_publish_diagnostics over the
// same analysis and line index; and that analysis, spliced from the edits the server was told,
// must equal a fresh one.
#include "server/language_server.hpp"

#include "analysis/core/line_index.hpp"
#include "protocol/json_text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace cdls;
using namespace cdls::server;
namespace fs = std::filesystem;

namespace {

const char* const dockerfile_sample =
    "# syntax=docker/dockerfile:1\n"
    "FROM python:latest AS build\n"
    "MAINTAINER someone@example.com\n"
    "ENV API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz \\\n"
    "    LANG=C.UTF-8\n"
    "RUN apt-get update && apt-get install -y curl git \\\n"
    "    && pip install numpy torch \"requests\" \\\n"
    "    && curl -sSL https://example.com/install.sh | sh\n"
    "RUN git clone https://github.com/org/repo.git /src && cd /src && make\n"
    "COPY . /app\n"
    "WORKDIR /app\n"
    "RUN echo \"héllo wörld 😀\" > /greeting && npm install -g yarn\n"
    "ADD https://example.com/archive.tar.gz /opt/\n"
    "FROM ubuntu\n"
    "COPY --from=build /app /app\n"
    "RUN <<EOF\n"
    "apt-get install -y wget\n"
    "pip3 install flask\n"
    "EOF\n"
    "USER root\n"
    "CMD python /app/main.py\n";

const char* const definition_sample =
    "Bootstrap: docker\n"
    "From: ubuntu:latest\n"
    "\n"
    "%labels\n"
    "    Author someone\n"
    "\n"
    "%environment\n"
    "    export TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n"
    "    export LC_ALL=C\n"
    "\n"
    "%post\n"
    "    apt-get update && apt-get install -y python3-pip git curl\n"
    "    pip install torch numpy==1.26 \"pandas\"\n"
    "    git clone https://github.com/org/repo.git /opt/repo\n"
    "    curl -L https://example.com/get.sh | bash\n"
    "    echo \"héllo 😀\" >> /etc/motd\n"
    "\n"
    "%runscript\n"
    "    exec python3 /opt/repo/main.py \"$@\"\n"
    "\n"
    "%apprun tool\n"
    "    pip install requests\n"
    "\n"
    "Bootstrap: docker\n"
    "From: {{ base }}\n"
    "Stage: two\n"
    "\n"
    "%post\n"
    "    conda install -y scipy\n";

// Up to `lines` lines of the corpus folder's files (sorted by name), or "" without the corpus.
std::string corpus_text(const char* folder, std::size_t lines) {
    fs::path dir = fs::path(CDLS_SHARED_DIR) / "corpus" / folder;
    if (!fs::exists(dir)) return {};
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::string text;
    std::size_t count = 0;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        text += content.str();
        if (!text.empty() && text.back() != '\n') text += '\n';
        count = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        if (count >= lines) break;
    }
    return text;
}

// A client of an in-process server that keeps what the server sent.
struct Client {
    std::vector<std::string> sent;
    LanguageServer server{[this](std::string_view body) { sent.emplace_back(body); }};

    void notify(const char* method, nlohmann::json params) {
        server.handle_body(nlohmann::json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump());
    }
};

// A position of `text` on a character boundary: the server's offset of the LSP position for it
// (inside "\r\n" that is the "\r"), so the test's copy of the text stays the server's.
Offset boundary(const std::string& text, const LineIndex& index, PositionEncoding encoding, std::mt19937& random) {
    Offset offset = static_cast<Offset>(random() % (text.size() + 1));
    return index.offset(index.position(offset, encoding), encoding);
}

nlohmann::json lsp_range(const LineIndex& index, TextRange range, PositionEncoding encoding) {
    LineRange r = index.range(range, encoding);
    return {{"start", {{"line", r.start.line}, {"character", r.start.character}}},
            {"end", {{"line", r.end.line}, {"character", r.end.character}}}};
}

// Edits `text` at random through didChange / didSave / settings and checks every publish.
void check_random_edits(const std::string& name, std::string text, PositionEncoding encoding, int steps,
                        std::uint32_t seed) {
    INFO(name << (encoding == PositionEncoding::Utf8 ? " utf-8" : " utf-16") << " seed " << seed);
    std::mt19937 random(seed);
    Client client;
    nlohmann::json capabilities = nlohmann::json::object();
    if (encoding == PositionEncoding::Utf8) capabilities["general"] = {{"positionEncodings", {"utf-8", "utf-16"}}};
    client.server.handle_body(nlohmann::json{{"jsonrpc", "2.0"},
                                             {"id", 1},
                                             {"method", "initialize"},
                                             {"params", {{"processId", nullptr}, {"capabilities", capabilities}}}}
                                  .dump());
    client.notify("initialized", nlohmann::json::object());
    Session& session = client.server.session();
    REQUIRE(session.encoding == encoding);

    const std::string uri = "file:///nonexistent-cdls-test/" + name;
    client.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", ""}, {"version", 1}, {"text", text}}}});
    const std::vector<std::string> pieces = {
        "x", " ", "\n", "\r\n", "\r", "\\\n", "é", "😀", "日本", "\t", "#", "latest", ":22.04", "\"",
        "RUN pip install flask\n", "FROM alpine:latest\n", "ENV SECRET_KEY=abcdefgh12345678\n", "%post\n",
        "    apt-get install -y vim\n", "From: debian\n", "Bootstrap: docker\n", "    curl https://x.org/a | sh\n"};
    std::int64_t version = 1;
    std::size_t reused = 0;
    for (int step = 0; step < steps; ++step) {
        // One publish may follow several didChange messages of several changes each.
        int messages = random() % 4 == 0 ? 2 : 1;
        for (int m = 0; m < messages; ++m) {
            nlohmann::json changes = nlohmann::json::array();
            int count = random() % 5 == 0 ? 3 : 1;
            for (int c = 0; c < count; ++c) {
                LineIndex index(text);
                std::string inserted;
                for (unsigned k = random() % 3; k > 0; --k) inserted += pieces[random() % pieces.size()];
                if (random() % 60 == 0) {
                    text.insert(boundary(text, index, encoding, random), inserted + "\n");
                    changes.push_back({{"text", text}}); // the whole text
                    continue;
                }
                Offset begin = boundary(text, index, encoding, random);
                Offset end = begin;
                unsigned shape = random() % 10;
                if (shape < 4) end = begin + static_cast<Offset>(random() % 12); // a few bytes
                else if (shape < 5) end = begin + static_cast<Offset>(random() % 400); // a few lines
                end = std::min<Offset>(end, static_cast<Offset>(text.size()));
                end = index.offset(index.position(end, encoding), encoding);
                nlohmann::json range = lsp_range(index, {begin, end}, encoding);
                if (random() % 40 == 0) { // past the end: the server clamps
                    range["end"] = {{"line", index.line_count() + 3}, {"character", 0}};
                    end = static_cast<Offset>(text.size());
                }
                text.replace(begin, end - begin, inserted);
                changes.push_back({{"range", range}, {"text", inserted}});
            }
            client.notify("textDocument/didChange",
                          {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", changes}});
        }
        if (random() % 50 == 0) { // a save with a text that differs
            text += "RUN echo saved\n";
            client.notify("textDocument/didSave", {{"textDocument", {{"uri", uri}}}, {"text", text}});
        }
        if (random() % 50 == 0) { // new settings: severities change, a rule goes off
            nlohmann::json rules = {{"pip-unpinned", random() % 2 ? "error" : "hint"}, {"apt-unpinned", "off"}};
            client.notify("workspace/didChangeConfiguration", {{"settings", {{"cdls", {{"rules", rules}}}}}});
        }

        client.sent.clear();
        client.server.publish_pending();
        Document* document = session.documents.find(uri);
        REQUIRE(document);
        REQUIRE(document->text == text);
        REQUIRE(document->analysis);
        REQUIRE(client.sent.size() == 1);
        std::string expected;
        protocol::append_notification_head(expected, "textDocument/publishDiagnostics");
        RulePrefixes prefixes;
        append_publish_diagnostics(expected, uri, document->version, document->analysis->diagnostics, *document->lines,
                                   encoding, prefixes);
        expected += '}';
        INFO("step " << step);
        REQUIRE(client.sent.front() == expected);
        reused += document->published.reused();
        // The analysis the server spliced from the edits it was told equals a fresh one.
        REQUIRE(document->analysis->diagnostics ==
                DocumentAnalyzer(document->kind()).analyze(text, *session.settings_for(*document)).diagnostics);
    }
    // The cache was used, not only bypassed.
    CHECK(reused > 0);
}

} // namespace

TEST_CASE("published diagnostics: reused text equals a fresh write after random edits", "[publish][server]") {
    for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
        check_random_edits("Dockerfile", dockerfile_sample, encoding, 300, 1);
        check_random_edits("sample.def", definition_sample, encoding, 300, 2);
        std::string crlf;
        for (char c : std::string(dockerfile_sample)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        check_random_edits("crlf.Dockerfile", crlf, encoding, 150, 3);
    }
}

TEST_CASE("published diagnostics: corpus files under random edits", "[publish][server]") {
    std::string dockerfiles = corpus_text("dockerfile", 400);
    std::string definitions = corpus_text("def", 400);
    if (dockerfiles.empty() || definitions.empty()) {
        WARN("published diagnostics corpus test skipped: ../shared not found");
        return;
    }
    for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
        check_random_edits("corpus.Dockerfile", dockerfiles, encoding, 150, 4);
        check_random_edits("corpus.def", definitions, encoding, 150, 5);
    }
}

TEST_CASE("published diagnostics: a one-line edit keeps the lines before and moves the lines after",
          "[publish][server]") {
    Client client;
    client.server.handle_body(
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}})");
    const std::string uri = "file:///nonexistent-cdls-test/Dockerfile";
    std::string text;
    for (int i = 0; i < 40; ++i) text += "FROM python:latest\nRUN pip install numpy\n";
    client.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", ""}, {"version", 1}, {"text", text}}}});
    client.server.publish_pending();
    Document* document = client.server.session().documents.find(uri);
    REQUIRE(document);
    std::size_t count = document->analysis->diagnostics.size();
    REQUIRE(count > 40);
    CHECK(document->published.reused() == 0);
    // A new line in the middle: every diagnostic but those next to it is copied.
    nlohmann::json range = {{"start", {{"line", 40}, {"character", 0}}}, {"end", {{"line", 40}, {"character", 0}}}};
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                             {"contentChanges", {{{"range", range}, {"text", "RUN echo hi\n"}}}}});
    client.sent.clear();
    client.server.publish_pending();
    REQUIRE(client.sent.size() == 1);
    CHECK(document->published.reused() + 4 >= document->analysis->diagnostics.size());
    std::string expected;
    protocol::append_notification_head(expected, "textDocument/publishDiagnostics");
    RulePrefixes prefixes;
    append_publish_diagnostics(expected, uri, 2, document->analysis->diagnostics, *document->lines,
                               PositionEncoding::Utf16, prefixes);
    expected += '}';
    CHECK(client.sent.front() == expected);
}

namespace {

// A random text of line breaks of every kind and multi-byte characters.
std::string random_text(std::mt19937& random, std::size_t pieces) {
    static const std::vector<std::string> alphabet = {"a", "b", " ", "\n", "\r", "\r\n", "\xC3\xA9", "\xF0\x9F\x98\x80",
                                                      "\xE6\x97\xA5", "\t"};
    std::string text;
    for (std::size_t i = 0; i < pieces; ++i) text += alphabet[random() % alphabet.size()];
    return text;
}

Diagnostic random_diagnostic(std::mt19937& random, std::size_t text_size) {
    static const std::vector<std::string> rules = {"pip-unpinned", "image-latest-tag", "unknown-instruction",
                                                   "rule \"escaped\""};
    // Messages written escaped and plain, of equal size, one a prefix of another, and invalid
    // UTF-8 (two of them written alike), compared with the text of the last message.
    static const std::vector<std::string> messages = {"a message", "quote \" and \\ backslash", "é 😀", "line\nbreak",
                                                      "a messagf", "a messag", "a\\", "\xff bad", "\xfe bad",
                                                      "\"quoted\""};
    Diagnostic d;
    // Any byte offset, inside a character or a "\r\n" pair too, and past the end.
    d.range.begin = static_cast<Offset>(random() % (text_size + 2));
    d.range.end = d.range.begin + static_cast<Offset>(random() % 3 == 0 ? random() % 40 : random() % 4);
    d.severity = static_cast<Severity>(1 + random() % 4);
    d.rule = rules[random() % rules.size()];
    d.message = messages[random() % messages.size()];
    d.unnecessary = random() % 5 == 0;
    d.deprecated = random() % 7 == 0;
    return d;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.range.begin, a.range.end, a.rule, a.message) <
               std::tie(b.range.begin, b.range.end, b.rule, b.message);
    });
}

// `count` random diagnostics over `text`, in position order.
std::vector<Diagnostic> random_diagnostics(std::mt19937& random, const std::string& text, int count) {
    std::vector<Diagnostic> diagnostics;
    for (int i = 0; i < count; ++i) diagnostics.push_back(random_diagnostic(random, text.size()));
    sort_by_position(diagnostics);
    return diagnostics;
}

} // namespace

// Synthetic diagnostics at every kind of boundary the line index treats specially (a lone "\r"
// that an inserted "\n" joins, offsets inside characters, ranges past the end), moved with the
// edits as an analysis would move them, some changed: the cache alone against a fresh write.
TEST_CASE("published diagnostics: synthetic ranges at line-break and character boundaries", "[publish][server]") {
    for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
        std::mt19937 random(encoding == PositionEncoding::Utf8 ? 7 : 8);
        std::size_t reused = 0;
        for (int round = 0; round < 40; ++round) {
            std::string text = random_text(random, 60);
            std::vector<Diagnostic> diagnostics = random_diagnostics(random, text, 30);
            PublishedDiagnostics cache;
            RulePrefixes prefixes;
            for (int step = 0; step < 60; ++step) {
                LineIndex index(text);
                std::string written, expected;
                cache.append(written, "file:///t", step, diagnostics, index, encoding, prefixes);
                append_publish_diagnostics(expected, "file:///t", step, diagnostics, index, encoding, prefixes);
                INFO("round " << round << " step " << step);
                REQUIRE(written == expected);
                reused += cache.reused();
                for (int c = random() % 3 == 0 ? 2 : 1; c > 0; --c) {
                    auto begin = static_cast<Offset>(random() % (text.size() + 1));
                    auto end = std::min<Offset>(static_cast<Offset>(text.size()), begin + static_cast<Offset>(random() % 6));
                    std::string inserted = random() % 4 == 0 ? std::string() : random_text(random, random() % 3);
                    if (random() % 4 == 0) inserted = "\n";
                    cache.record_change({begin, end}, inserted.size());
                    text.replace(begin, end - begin, inserted);
                    auto size_change = static_cast<std::int64_t>(inserted.size()) - static_cast<std::int64_t>(end - begin);
                    // Before the edit: kept; after: moved; over it: somewhere near.
                    for (Diagnostic& d : diagnostics) {
                        if (d.range.end <= begin) continue;
                        if (d.range.begin >= end) {
                            d.range.begin = static_cast<Offset>(d.range.begin + size_change);
                            d.range.end = static_cast<Offset>(d.range.end + size_change);
                        } else {
                            d.range.begin = std::min<Offset>(d.range.begin, begin);
                            d.range.end = d.range.begin + static_cast<Offset>(random() % 8);
                        }
                    }
                }
                if (random() % 3 == 0) diagnostics[random() % diagnostics.size()].message = "changed";
                if (random() % 3 == 0) diagnostics[random() % diagnostics.size()].severity = Severity::Error;
                if (random() % 4 == 0) diagnostics.push_back(random_diagnostic(random, text.size()));
                if (random() % 4 == 0) diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(random() % diagnostics.size()));
                sort_by_position(diagnostics);
            }
        }
        CHECK(reused > 10000);
    }
}

// The ranges are taken from the publish before, whatever was written after it: the messages
// and rules may change, the positions hold. A forget() (new settings, a replaced text) computes
// every one again.
TEST_CASE("published diagnostics: ranges reused across changed messages; forget() computes anew",
          "[publish][server]") {
    std::string text = "FROM a\nRUN b\n";
    LineIndex index(text);
    std::vector<Diagnostic> diagnostics(2);
    diagnostics[0].range = {0, 4};
    diagnostics[0].rule = "image-latest-tag";
    diagnostics[0].message = "a message";
    diagnostics[1].range = {7, 10};
    diagnostics[1].rule = "pip-unpinned";
    diagnostics[1].message = "quote \" here";
    PublishedDiagnostics cache;
    RulePrefixes prefixes;
    for (std::size_t step = 0; step < 4; ++step) {
        if (step == 2) diagnostics[1].message = "another message";
        if (step == 3) cache.forget();
        std::string written = "head", expected = "head";
        cache.append(written, "file:///t", 1, diagnostics, index, PositionEncoding::Utf16, prefixes);
        append_publish_diagnostics(expected, "file:///t", 1, diagnostics, index, PositionEncoding::Utf16,
                                   prefixes);
        CHECK(written == expected);
        CHECK(cache.reused() == (step == 1 || step == 2 ? 2 : 0));
    }
}

// What a pull answers "unchanged" on: update() is true exactly when the items it lets
// append_items write are, byte for byte, the ones written the time before (the same synthetic
// edits as above, and the same list again now and then).
TEST_CASE("published diagnostics: update() is true exactly when the items are the last ones written",
          "[publish][server]") {
    for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
        std::mt19937 random(encoding == PositionEncoding::Utf8 ? 11 : 12);
        std::size_t same_count = 0, changed_count = 0;
        for (int round = 0; round < 40; ++round) {
            std::string text = random_text(random, 60);
            std::vector<Diagnostic> diagnostics = random_diagnostics(random, text, 12);
            PublishedDiagnostics cache;
            RulePrefixes prefixes;
            std::optional<std::string> last;
            for (int step = 0; step < 60; ++step) {
                LineIndex index(text);
                bool same = cache.update(diagnostics, index, encoding);
                std::string items, expected;
                cache.append_items(items, diagnostics, prefixes);
                append_publish_diagnostics(expected, "file:///t", 1, diagnostics, index, encoding, prefixes);
                INFO("round " << round << " step " << step);
                REQUIRE(expected == R"({"diagnostics":[)" + items + R"(],"uri":"file:///t","version":1})");
                // Unchanged only with the same bytes; different bytes never unchanged (the same
                // bytes from different messages, two invalid UTF-8 ones written alike, may be
                // reported in full: harmless).
                if (same) CHECK((last && *last == items));
                if (!last || *last != items) CHECK_FALSE(same);
                (same ? same_count : changed_count) += 1;
                last = items;
                if (random() % 3 == 0) continue; // the same text and list: unchanged
                if (random() % 2 == 0) {
                    // An edit after every diagnostic (or none at all past the text's end).
                    Offset at = 0;
                    for (const Diagnostic& d : diagnostics) at = std::max(at, d.range.end);
                    if (at >= text.size()) continue;
                    cache.record_change({at, at}, 1);
                    text.insert(at, "x");
                    continue;
                }
                auto begin = static_cast<Offset>(random() % (text.size() + 1));
                std::string inserted = random() % 4 == 0 ? std::string("\n") : random_text(random, 1 + random() % 2);
                cache.record_change({begin, begin}, inserted.size());
                text.insert(begin, inserted);
                for (Diagnostic& d : diagnostics) {
                    if (d.range.end <= begin) continue;
                    if (d.range.begin >= begin) d.range.begin = static_cast<Offset>(d.range.begin + inserted.size());
                    d.range.end = static_cast<Offset>(d.range.end + inserted.size());
                }
                if (random() % 3 == 0) diagnostics[random() % diagnostics.size()].message = "changed " + std::to_string(step);
                if (random() % 4 == 0) diagnostics[random() % diagnostics.size()].unnecessary ^= true;
                sort_by_position(diagnostics);
            }
            // Whatever the state, forget() means the next list is not taken as unchanged.
            cache.forget();
            CHECK_FALSE(cache.update(diagnostics, LineIndex(text), encoding));
        }
        CHECK(same_count > 300);
        CHECK(changed_count > 300);
    }
}
