// The bodies of the libFuzzer targets, as plain functions so that the unit tests replay every
// saved crash input (tests/fuzz/regressions/<target>/) through exactly the same checks.
// A violated invariant aborts with a message: libFuzzer then saves the input.
#pragma once

#include "analysis/core/line_index.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/document_analysis.hpp"
#include "protocol/framing.hpp"
#include "server/config.hpp"
#include "server/language_server.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::fuzz {

inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

inline bool inside(TextRange range, std::size_t size) { return range.begin <= range.end && range.end <= size; }

// Every diagnostic and every fix edit stays inside the document.
inline void check_result(const AnalysisResult& result, std::string_view text) {
    for (const Diagnostic& d : result.diagnostics) {
        require(inside(d.range, text.size()), "diagnostic range inside the text");
        require(!d.rule.empty() && !d.message.empty(), "diagnostic has a rule id and a message");
        for (const Fix& fix : d.fixes)
            for (const TextEdit& edit : fix.edits) require(inside(edit.range, text.size()), "fix edit inside the text");
    }
}

inline void analyze_one(DocumentKind kind, std::string_view text) {
    AnalysisResult result = analyze_text(kind, text);
    check_result(result, text);
    require(kind == DocumentKind::Definition ? result.definition != nullptr : result.dockerfile != nullptr,
            "the analysis has a syntax tree of its kind");
}

// An input of the incremental target: the kind, the first text, then edits.
// Layout: byte 0 bit 0 = Dockerfile; the text up to the first NUL byte (or the end); then each
// edit is 4 bytes (begin low, begin high, removed length mod 65, inserted length mod 33)
// followed by the inserted bytes. Offsets wrap modulo the current text size + 1.
struct EditScript {
    DocumentKind kind = DocumentKind::Definition;
    std::string text;
    struct Edit {
        std::size_t begin, removed;
        std::string inserted;
    };
    std::vector<Edit> edits;
};

inline EditScript decode_edit_script(std::string_view input) {
    EditScript script;
    if (input.empty()) return script;
    script.kind = (input[0] & 1) ? DocumentKind::Dockerfile : DocumentKind::Definition;
    input.remove_prefix(1);
    std::size_t nul = input.find('\0');
    script.text = std::string(input.substr(0, nul));
    input = nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
    while (input.size() >= 4) {
        auto byte = [&](std::size_t i) { return static_cast<unsigned char>(input[i]); };
        EditScript::Edit edit{byte(0) | (std::size_t(byte(1)) << 8), byte(2) % 65u, {}};
        std::size_t length = std::min<std::size_t>(byte(3) % 33u, input.size() - 4);
        edit.inserted = std::string(input.substr(4, length));
        input.remove_prefix(4 + length);
        script.edits.push_back(std::move(edit));
    }
    return script;
}

// The differential oracle: after each edit, incremental analysis == a fresh analysis (and for a
// definition file the spliced syntax tree == the fresh one). The edits take turns: the previous
// result kept alive while the next is computed, as a client holding it would (the analyzers then
// copy their tree instead of editing it in place); dropped first; handed back to the analyzer,
// as the server does when nothing holds it (its facts are then edited into the next ones).
// The analyzer is told the edits as the server tells it: their union since its last text, which
// every fourth edit spans two edits (wider than what differs when the second undoes the first).
inline void check_incremental(DocumentKind kind, std::string text, const std::vector<EditScript::Edit>& edits) {
    DocumentAnalyzer analyzer(kind);
    AnalysisResult previous = analyzer.analyze(text);
    EditedSpan span(text.size());
    unsigned turn = 0, count = 0;
    for (const auto& edit : edits) {
        std::size_t begin = edit.begin % (text.size() + 1);
        std::size_t end = std::min(text.size(), begin + edit.removed);
        text = apply_edit(text, {{static_cast<Offset>(begin), static_cast<Offset>(end)}, edit.inserted});
        span.replace(begin, end, edit.inserted.size());
        if (++count % 4 == 3) continue; // analysed with the next edit
        switch (turn++ % 3) {
        case 0: break; // held
        case 1: previous = AnalysisResult{}; break;
        default:
            analyzer.recycle(std::move(previous));
            previous = AnalysisResult{};
        }
        // With the line index (as the server gives it) three times in four: with it, a recycled
        // last result is patched (DocumentAnalyzer::patch) when the splice allows.
        LineIndex lines(text);
        AnalysisResult incremental =
            analyzer.analyze(text, {}, turn % 4 != 0 ? &lines : nullptr, &span.change());
        span = EditedSpan(text.size());
        AnalysisResult fresh = analyze_text(kind, text);
        check_result(incremental, text);
        require(incremental.diagnostics == fresh.diagnostics, "incremental diagnostics == fresh diagnostics");
        if (kind == DocumentKind::Definition)
            require(*incremental.definition == *fresh.definition, "incremental definition tree == fresh tree");
        previous = std::move(incremental);
    }
}

inline void run_incremental(std::string_view input) {
    EditScript script = decode_edit_script(input);
    check_incremental(script.kind, std::move(script.text), script.edits);
}

inline void run_config(std::string_view text) {
    server::ProjectConfig config = server::parse_config(text, "/nonexistent/cdls-fuzz/.cdls.json");
    for (const auto& problem : config.problems) {
        require(inside(problem.range, text.size()), "config problem range inside the text");
        require(!problem.message.empty(), "config problem has a message");
    }
    // Whatever the config produced must be usable by an analysis.
    analyze_text(DocumentKind::Definition, "Bootstrap: docker\nFrom: ubuntu:latest\n", config.settings);
}

// Raw bytes through framing and dispatch, as the stdio loop does it, with a sink for stdout.
// Byte 0: bit 0 = start with initialize + initialized; bits 1-7 = feed in chunks of that many
// bytes (0 = all at once). Every reply must be a JSON-RPC 2.0 object.
inline void run_protocol(std::string_view input) {
    if (input.empty()) return;
    bool initialized = (input[0] & 1) != 0;
    std::size_t chunk = static_cast<unsigned char>(input[0]) >> 1;
    input.remove_prefix(1);

    server::LanguageServer server([](std::string_view body) {
        auto message = nlohmann::json::parse(body, nullptr, false);
        require(!message.is_discarded(), "the server sends valid JSON");
        require(message.is_object() && message.value("jsonrpc", "") == "2.0", "replies are JSON-RPC 2.0 objects");
    });
    protocol::FrameReader reader(1 << 20);
    auto feed = [&](std::string_view piece) {
        reader.feed(piece);
        std::vector<protocol::Frame> frames;
        while (auto frame = reader.next()) frames.push_back(std::move(*frame));
        if (!frames.empty()) server.handle_frames(std::move(frames));
        server.publish_pending();
    };
    if (initialized) {
        feed(protocol::encode_frame(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})") +
             protocol::encode_frame(R"({"jsonrpc":"2.0","method":"initialized","params":{}})"));
    }
    if (chunk == 0) chunk = input.size() + 1;
    while (!input.empty() && !server.exit_requested()) {
        std::size_t n = std::min(chunk, input.size());
        feed(input.substr(0, n));
        input.remove_prefix(n);
    }
}

} // namespace cdls::fuzz
