// JSON conversion of the LSP structures. Required fields use at() so a missing or wrong-typed
// field throws json::exception, which the dispatcher answers with InvalidParams.
#include "protocol/lsp.hpp"

#include <charconv>
#include <cstring>

namespace cdls::lsp {

namespace {

std::uint32_t read_uint(const json& j, const char* key) {
    const json& v = j.at(key);
    if (!v.is_number_integer() && !v.is_number_unsigned())
        throw json::type_error::create(302, std::string(key) + " must be an integer", &v);
    std::int64_t n = v.get<std::int64_t>();
    if (n < 0) throw json::out_of_range::create(401, std::string(key) + " must not be negative", &v);
    if (n > 0xFFFFFFFFll) return 0xFFFFFFFFu;
    return static_cast<std::uint32_t>(n);
}

const json* find_path(const json& j, std::initializer_list<const char*> path) {
    const json* cur = &j;
    for (const char* key : path) {
        if (!cur->is_object()) return nullptr;
        auto it = cur->find(key);
        if (it == cur->end()) return nullptr;
        cur = &*it;
    }
    return cur;
}

bool flag(const json& j, std::initializer_list<const char*> path) {
    const json* v = find_path(j, path);
    return v && v->is_boolean() && v->get<bool>();
}

bool contains_string(const json& j, std::initializer_list<const char*> path, const char* value) {
    const json* v = find_path(j, path);
    if (!v || !v->is_array()) return false;
    for (const auto& item : *v)
        if (item.is_string() && item.get<std::string>() == value) return true;
    return false;
}

} // namespace

void to_json(json& j, const Position& p) { j = {{"line", p.line}, {"character", p.character}}; }
void from_json(const json& j, Position& p) {
    p.line = read_uint(j, "line");
    p.character = read_uint(j, "character");
}
void to_json(json& j, const Range& r) { j = {{"start", r.start}, {"end", r.end}}; }
void from_json(const json& j, Range& r) {
    j.at("start").get_to(r.start);
    j.at("end").get_to(r.end);
}
void to_json(json& j, const Location& l) { j = {{"uri", l.uri}, {"range", l.range}}; }
void to_json(json& j, const TextEdit& e) { j = {{"range", e.range}, {"newText", e.newText}}; }

void from_json(const json& j, TextDocumentIdentifier& t) { j.at("uri").get_to(t.uri); }
void from_json(const json& j, VersionedTextDocumentIdentifier& t) {
    j.at("uri").get_to(t.uri);
    const json& v = j.at("version");
    if (!v.is_number_integer()) throw json::type_error::create(302, "version must be an integer", &v);
    t.version = v.get<std::int64_t>();
}
void from_json(const json& j, TextDocumentItem& t) {
    j.at("uri").get_to(t.uri);
    j.at("languageId").get_to(t.languageId);
    const json& v = j.at("version");
    if (!v.is_number_integer()) throw json::type_error::create(302, "version must be an integer", &v);
    t.version = v.get<std::int64_t>();
    j.at("text").get_to(t.text);
}
void from_json(const json& j, TextDocumentContentChangeEvent& e) {
    if (j.contains("range") && !j["range"].is_null()) e.range = j["range"].get<Range>();
    j.at("text").get_to(e.text);
}
void from_json(const json& j, DidOpenTextDocumentParams& p) { j.at("textDocument").get_to(p.textDocument); }
void from_json(const json& j, DidChangeTextDocumentParams& p) {
    j.at("textDocument").get_to(p.textDocument);
    j.at("contentChanges").get_to(p.contentChanges);
}
void from_json(const json& j, DidCloseTextDocumentParams& p) { j.at("textDocument").get_to(p.textDocument); }
void from_json(const json& j, DidSaveTextDocumentParams& p) {
    j.at("textDocument").get_to(p.textDocument);
    if (j.contains("text") && j["text"].is_string()) p.text = j["text"].get<std::string>();
}
void from_json(const json& j, TextDocumentPositionParams& p) {
    j.at("textDocument").get_to(p.textDocument);
    j.at("position").get_to(p.position);
}

void to_json(json& j, const Diagnostic& d) {
    j = {{"range", d.range}, {"severity", d.severity}, {"code", d.code}, {"source", d.source},
         {"message", d.message}};
    if (d.codeHref) j["codeDescription"] = {{"href", *d.codeHref}};
    if (!d.tags.empty()) j["tags"] = d.tags;
    if (d.data) j["data"] = *d.data;
}
void to_json(json& j, const PublishDiagnosticsParams& p) {
    j = {{"uri", p.uri}, {"diagnostics", p.diagnostics}};
    if (p.version) j["version"] = *p.version;
}

void append_json_text(std::string& out, const Range& range) {
    // One append of a stack buffer: four numbers and their keys (thousands per publish).
    char buffer[128];
    out.append(buffer, static_cast<std::size_t>(write_json_text(buffer, range) - buffer));
}

void from_json(const json& j, InitializeParams& p) {
    if (!j.is_object()) throw json::type_error::create(302, "initialize params must be an object", &j);
    if (j.contains("processId") && j["processId"].is_number_integer()) p.processId = j["processId"].get<std::int64_t>();
    if (j.contains("rootUri") && j["rootUri"].is_string()) p.rootUri = j["rootUri"].get<std::string>();
    if (j.contains("workspaceFolders") && j["workspaceFolders"].is_array()) {
        for (const auto& f : j["workspaceFolders"])
            if (f.is_object() && f.contains("uri") && f["uri"].is_string()) p.workspaceFolders.push_back(f["uri"]);
    }
    if (j.contains("initializationOptions")) p.initializationOptions = j["initializationOptions"];
    if (j.contains("trace") && j["trace"].is_string()) p.trace = j["trace"].get<std::string>();
    if (const json* name = find_path(j, {"clientInfo", "name"}); name && name->is_string()) p.clientName = *name;
    const json caps = j.value("capabilities", json::object());
    auto& c = p.capabilities;
    if (const json* enc = find_path(caps, {"general", "positionEncodings"}); enc && enc->is_array())
        for (const auto& e : *enc)
            if (e.is_string()) c.positionEncodings.push_back(e);
    c.snippetSupport = flag(caps, {"textDocument", "completion", "completionItem", "snippetSupport"});
    c.completionMarkdown = contains_string(caps, {"textDocument", "completion", "completionItem", "documentationFormat"}, "markdown");
    c.completionResolveDocumentation = contains_string(
        caps, {"textDocument", "completion", "completionItem", "resolveSupport", "properties"}, "documentation");
    auto item_default = [&](const char* name) {
        return contains_string(caps, {"textDocument", "completion", "completionList", "itemDefaults"}, name);
    };
    c.completionDefaultEditRange = item_default("editRange");
    c.completionDefaultInsertTextFormat = item_default("insertTextFormat");
    c.completionDefaultData = item_default("data");
    c.hoverMarkdown = contains_string(caps, {"textDocument", "hover", "contentFormat"}, "markdown");
    c.diagnosticVersionSupport = flag(caps, {"textDocument", "publishDiagnostics", "versionSupport"});
    c.codeDescriptionSupport = flag(caps, {"textDocument", "publishDiagnostics", "codeDescriptionSupport"});
    if (const json* pull = find_path(caps, {"textDocument", "diagnostic"})) c.diagnosticPull = pull->is_object();
    c.diagnosticRefresh = flag(caps, {"workspace", "diagnostics", "refreshSupport"});
    c.documentChanges = flag(caps, {"workspace", "workspaceEdit", "documentChanges"});
    c.lineFoldingOnly = flag(caps, {"textDocument", "foldingRange", "lineFoldingOnly"});
    c.hierarchicalDocumentSymbols = flag(caps, {"textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"});
    c.configuration = flag(caps, {"workspace", "configuration"});
    c.didChangeWatchedFilesDynamic = flag(caps, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
    c.workDoneProgress = flag(caps, {"window", "workDoneProgress"});
}

} // namespace cdls::lsp
