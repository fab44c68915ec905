// LSP 3.17 structures cdls uses, as plain structs with to_json/from_json.
#pragma once

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace cdls::lsp {

using json = nlohmann::json;

struct Position {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
};
struct Range {
    Position start;
    Position end;
};
struct Location {
    std::string uri;
    Range range;
};
struct TextEdit {
    Range range;
    std::string newText;
};

struct TextDocumentIdentifier {
    std::string uri;
};
struct VersionedTextDocumentIdentifier {
    std::string uri;
    std::int64_t version = 0;
};
struct TextDocumentItem {
    std::string uri;
    std::string languageId;
    std::int64_t version = 0;
    std::string text;
};
// A change with a range is incremental; without one it replaces the whole text.
struct TextDocumentContentChangeEvent {
    std::optional<Range> range;
    std::string text;
};

struct DidOpenTextDocumentParams {
    TextDocumentItem textDocument;
};
struct DidChangeTextDocumentParams {
    VersionedTextDocumentIdentifier textDocument;
    std::vector<TextDocumentContentChangeEvent> contentChanges;
};
struct DidCloseTextDocumentParams {
    TextDocumentIdentifier textDocument;
};
struct DidSaveTextDocumentParams {
    TextDocumentIdentifier textDocument;
    std::optional<std::string> text;
};
struct TextDocumentPositionParams {
    TextDocumentIdentifier textDocument;
    Position position;
};

struct DiagnosticRelated {
    Location location;
    std::string message;
};
struct Diagnostic {
    Range range;
    int severity = 2;
    std::string code;
    std::optional<std::string> codeHref;
    std::string source = "cdls";
    std::string message;
    std::vector<int> tags; // 1 Unnecessary, 2 Deprecated
    std::optional<json> data;
};
struct PublishDiagnosticsParams {
    std::string uri;
    std::optional<std::int64_t> version;
    std::vector<Diagnostic> diagnostics;
};

// The client capabilities cdls acts on, read leniently from InitializeParams.
struct ClientCapabilities {
    std::vector<std::string> positionEncodings;
    bool snippetSupport = false;
    bool completionMarkdown = false;
    // completionItem.resolveSupport lists `documentation`: items may come without it and get
    // it from completionItem/resolve.
    bool completionResolveDocumentation = false;
    // completionList.itemDefaults the client applies (LSP 3.17): a list then states the edit
    // range, the insert text format and the resolve data once instead of in every item.
    bool completionDefaultEditRange = false;
    bool completionDefaultInsertTextFormat = false;
    bool completionDefaultData = false;
    bool hoverMarkdown = false;
    bool diagnosticVersionSupport = false;
    bool codeDescriptionSupport = false;
    // textDocument.diagnostic (LSP 3.17): the client pulls a document's diagnostics with
    // textDocument/diagnostic instead of receiving publishDiagnostics.
    bool diagnosticPull = false;
    // workspace.diagnostics.refreshSupport: the server may ask it to pull again.
    bool diagnosticRefresh = false;
    bool documentChanges = false;
    bool lineFoldingOnly = false;
    bool hierarchicalDocumentSymbols = false;
    bool configuration = false;
    bool didChangeWatchedFilesDynamic = false;
    bool workDoneProgress = false;
};

struct InitializeParams {
    std::optional<std::int64_t> processId;
    std::optional<std::string> rootUri;
    std::vector<std::string> workspaceFolders; // URIs
    ClientCapabilities capabilities;
    json initializationOptions;
    std::optional<std::string> trace;
    std::optional<std::string> clientName;
};

void to_json(json& j, const Position& p);
void from_json(const json& j, Position& p);
void to_json(json& j, const Range& r);
void from_json(const json& j, Range& r);
void to_json(json& j, const Location& l);
void to_json(json& j, const TextEdit& e);
void from_json(const json& j, TextDocumentIdentifier& t);
void from_json(const json& j, VersionedTextDocumentIdentifier& t);
void from_json(const json& j, TextDocumentItem& t);
void from_json(const json& j, TextDocumentContentChangeEvent& e);
void from_json(const json& j, DidOpenTextDocumentParams& p);
void from_json(const json& j, DidChangeTextDocumentParams& p);
void from_json(const json& j, DidCloseTextDocumentParams& p);
void from_json(const json& j, DidSaveTextDocumentParams& p);
void from_json(const json& j, TextDocumentPositionParams& p);
void to_json(json& j, const Diagnostic& d);
void to_json(json& j, const PublishDiagnosticsParams& p);
// `range` as JSON text, as json(range).dump() writes it.
void append_json_text(std::string& out, const Range& range);
// The same text written at `p`, which has room for 96 bytes; returns its end (for writers that
// build a larger piece in one buffer, such as a diagnostic's JSON). Inline: a publish writes
// thousands, and the numbers' std::to_chars inline with it.
inline char* write_json_text(char* p, const Range& range) {
    auto put = [&p](std::string_view literal) {
        std::memcpy(p, literal.data(), literal.size());
        p += literal.size();
    };
    auto number = [&p](std::uint32_t value) { p = std::to_chars(p, p + 10, value).ptr; }; // 4294967295
    put(R"({"end":{"character":)");
    number(range.end.character);
    put(R"(,"line":)");
    number(range.end.line);
    put(R"(},"start":{"character":)");
    number(range.start.character);
    put(R"(,"line":)");
    number(range.start.line);
    put("}}");
    return p;
}
void from_json(const json& j, InitializeParams& p);

} // namespace cdls::lsp
