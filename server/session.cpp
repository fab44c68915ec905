// Session helpers: lazy analysis and diagnostics publishing.
#include "server/session.hpp"

#include "server/convert.hpp"

#include <spdlog/spdlog.h>

namespace cdls::server {

const AnalysisResult& Session::analysis(Document& document) {
    if (document.dirty || !document.analysis) {
        document.analysis = std::make_shared<const AnalysisResult>(document.analyzer.analyze(document.text, settings));
        document.analyzed_version = document.version;
        document.dirty = false;
    }
    return *document.analysis;
}

void Session::notify(std::string_view method, const json& params) {
    send(protocol::make_notification(method, params));
}

void Session::publish(Document& document) {
    const AnalysisResult& result = analysis(document);
    LineIndex index(document.text);
    lsp::PublishDiagnosticsParams params;
    params.uri = document.uri;
    params.version = document.version;
    params.diagnostics.reserve(result.diagnostics.size());
    for (const Diagnostic& d : result.diagnostics) params.diagnostics.push_back(to_lsp(d, index, encoding));
    notify("textDocument/publishDiagnostics", params);
    document.needs_publish = false;
}

void Session::publish_pending() {
    for (auto& [uri, document] : documents.all())
        if (document.needs_publish) publish(document);
}

void Session::clear_diagnostics(const std::string& uri) {
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

void invalid_params(std::string message) {
    throw protocol::RequestError{protocol::ErrorCode::InvalidParams, std::move(message)};
}

Document& require_document(Session& session, const json& params) {
    if (!params.is_object() || !params.contains("textDocument") || !params["textDocument"].is_object() ||
        !params["textDocument"].contains("uri") || !params["textDocument"]["uri"].is_string())
        invalid_params("textDocument.uri is required");
    std::string uri = params["textDocument"]["uri"];
    Document* doc = session.documents.find(uri);
    if (!doc) invalid_params("document is not open: " + uri);
    return *doc;
}

} // namespace cdls::server
