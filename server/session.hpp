// The state one client session shares across handlers: documents, negotiated capabilities,
// settings, and the way out to the client.
#pragma once

#include "analysis/core/line_index.hpp"
#include "analysis/document_analysis.hpp"
#include "protocol/jsonrpc.hpp"
#include "protocol/lsp.hpp"
#include "server/documents.hpp"

#include <functional>
#include <optional>
#include <string>

namespace cdls::server {

using json = nlohmann::json;

enum class Lifecycle { Uninitialized, Initialized, ShutDown };

struct Session {
    std::function<void(std::string)> send; // a JSON body; the transport frames it
    Lifecycle state = Lifecycle::Uninitialized;
    bool exit_requested = false;
    PositionEncoding encoding = PositionEncoding::Utf16;
    lsp::InitializeParams client;
    std::string trace = "off";
    DocumentStore documents;
    RuleSettings settings;

    // The analysis of the document's current text (computed now if the text changed).
    const AnalysisResult& analysis(Document& document);
    void notify(std::string_view method, const json& params);
    // Sends the diagnostics of every document whose current version was not yet published.
    void publish_pending();
    void publish(Document& document);
    void clear_diagnostics(const std::string& uri);
};

// Throws a RequestError(InvalidParams) naming what is missing; used by handlers.
[[noreturn]] void invalid_params(std::string message);
// The document a request names, or an InvalidParams error when it is not open.
Document& require_document(Session& session, const json& params);

} // namespace cdls::server
