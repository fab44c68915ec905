// didOpen / didChange / didClose / didSave: incremental text synchronisation.
#include "server/language_server.hpp"

#include <spdlog/spdlog.h>

#include <malloc.h>

namespace cdls::server {

namespace {

void did_open(Session& s, const json& params) {
    auto p = params.get<lsp::DidOpenTextDocumentParams>();
    Document& doc = s.documents.open(p.textDocument);
    // A .cdls.json's problems on disk were published; open, a pulling client asks for them, so
    // the published ones go (or it would show both).
    if (doc.is_config && s.pulls_diagnostics())
        s.notify("textDocument/publishDiagnostics", {{"uri", doc.uri}, {"diagnostics", json::array()}});
    spdlog::debug("opened {} ({} bytes, version {})", doc.uri, doc.text.size(), doc.version);
}

void did_change(Session& s, const json& params) {
    auto p = params.get<lsp::DidChangeTextDocumentParams>();
    Document* doc = s.documents.find(p.textDocument.uri);
    if (!doc) {
        spdlog::error("didChange for a document that is not open: {}", p.textDocument.uri);
        return;
    }
    if (p.textDocument.version <= doc->version)
        spdlog::warn("didChange for {}: version {} does not increase (was {})", doc->uri, p.textDocument.version, doc->version);
    if (auto error = DocumentStore::apply_changes(*doc, p.contentChanges, s.encoding))
        spdlog::error("didChange for {} rejected: {}", doc->uri, error->message);
    doc->version = p.textDocument.version;
    doc->dirty = true;
    doc->needs_publish = true;
}

void did_close(Session& s, const json& params) {
    auto p = params.get<lsp::DidCloseTextDocumentParams>();
    Document* doc = s.documents.find(p.textDocument.uri);
    if (!doc) {
        spdlog::error("didClose for a document that is not open: {}", p.textDocument.uri);
        return;
    }
    bool config = doc->is_config;
    bool large = doc->text.size() > 4 * 1024 * 1024;
    s.documents.close(p.textDocument.uri);
    // glibc keeps freed memory of many small allocations; hand a large document's back.
    if (large) ::malloc_trim(0);
    // A closed .cdls.json keeps its on-disk problems visible; other documents are cleared.
    if (config) s.reload_configuration();
    else s.clear_diagnostics(p.textDocument.uri);
}

void did_save(Session& s, const json& params) {
    auto p = params.get<lsp::DidSaveTextDocumentParams>();
    Document* doc = s.documents.find(p.textDocument.uri);
    if (p.textDocument.uri.ends_with("/.cdls.json")) s.reload_configuration();
    if (!doc) return;
    if (p.text && *p.text != doc->text) {
        doc->replace_text(*p.text);
        doc->needs_publish = true;
    }
}

} // namespace

void register_text_sync(Handlers& h) {
    h.notifications["textDocument/didOpen"] = did_open;
    h.notifications["textDocument/didChange"] = did_change;
    h.notifications["textDocument/didClose"] = did_close;
    h.notifications["textDocument/didSave"] = did_save;
}

} // namespace cdls::server
