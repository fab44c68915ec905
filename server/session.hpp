// The state one client session shares across handlers: documents, negotiated capabilities,
// settings, and the way out to the client.
#pragma once

#include "analysis/core/line_index.hpp"
#include "analysis/document_analysis.hpp"
#include "protocol/jsonrpc.hpp"
#include "protocol/lsp.hpp"
#include "server/config.hpp"
#include "server/convert.hpp"
#include "server/documents.hpp"
#include "server/registry/service.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace cdls::server {

using json = nlohmann::json;

enum class Lifecycle { Uninitialized, Initialized, ShutDown };

struct Session {
    // A JSON body; the transport frames and writes it before returning.
    std::function<void(std::string_view)> send;
    Lifecycle state = Lifecycle::Uninitialized;
    bool exit_requested = false;
    PositionEncoding encoding = PositionEncoding::Utf16;
    lsp::InitializeParams client;
    std::string trace = "off";
    DocumentStore documents;
    // Editor settings in the shape of .cdls.json (initializationOptions, workspace/configuration
    // section `cdls`, didChangeConfiguration), applied over each project's file.
    json editor_settings = json::object();
    std::map<std::filesystem::path, ProjectConfig> config_files; // loaded .cdls.json files
    std::map<std::string, std::shared_ptr<const AnalysisSettings>> settings_cache; // by config file

    // Live registry look-ups; null without a loop (unit tests): no network then.
    std::shared_ptr<registry::RegistryService> registry;
    std::map<std::string, registry::RegistrySettings> registry_settings_cache; // by config file
    // The `registry` settings that apply to a document (its project's plus the editor's).
    registry::RegistrySettings registry_settings_for(const Document& document);
    // Runs after a document's diagnostics were sent (registry look-ups for image-unknown-tag).
    std::function<void(Document&, const AnalysisResult&)> on_published;

    // The documentation of the last completion list's items, for completionItem/resolve (items
    // carry {"cdls":{"list":N,"item":i}} as data when the client resolves documentation).
    struct CompletionDocs {
        std::int64_t list = 0;
        std::vector<std::function<std::string()>> items; // markdown of item i, computed on resolve
        std::map<std::string, std::size_t, std::less<>> labels; // items found by label (data in itemDefaults)
        std::shared_ptr<const AnalysisSettings> settings; // owns the catalogue the items read
    };
    CompletionDocs completion_docs;

    // Requests we sent to the client, waiting for their response.
    std::int64_t next_request_id = 1;
    std::map<std::string, std::function<void(const json& result, bool error)>> pending_requests;
    void request_client(std::string_view method, const json& params,
                        std::function<void(const json& result, bool error)> on_reply);

    // The settings that apply to a document: its project's .cdls.json plus editor settings.
    std::shared_ptr<const AnalysisSettings> settings_for(const Document& document);
    // Forgets loaded configuration (after a change) and re-analyses every document.
    void reload_configuration();
    void publish_config_problems(const std::filesystem::path& file, const ProjectConfig& config,
                                 std::string_view text, std::optional<std::int64_t> version);
    // The LSP diagnostics of a configuration file's problems; `text` is its text (empty: not open).
    json config_problem_diagnostics(const ProjectConfig& config, std::string_view text) const;

    // The analysis of the document's current text (computed now if the text changed).
    const AnalysisResult& analysis(Document& document);
    // The line index of the document's current text (kept with the analysis: no rebuild per request).
    const LineIndex& lines(Document& document);
    void notify(std::string_view method, json params);
    // Sends the diagnostics of every document whose current version was not yet published;
    // with a client that pulls them, answers the pulls waiting instead.
    void publish_pending();
    void publish(Document& document);

    // Pull diagnostics (LSP 3.17 textDocument/diagnostic), when the client announces them: no
    // publishDiagnostics for open documents then; the client asks, and a report that would
    // repeat the last one it got is "unchanged" (a few bytes instead of a megabyte).
    bool pulls_diagnostics() const { return client.capabilities.diagnosticPull; }
    // Pulls wait here until the messages already queued are handled (publish_pending), so a
    // burst of edits is analysed once, at its newest version.
    std::vector<std::function<void()>> pending_pulls;
    // Something other than the documents' text changed their diagnostics (settings, registry
    // tags): publish_pending asks a pulling client to pull again (workspace/diagnostic/refresh).
    bool refresh_requested = false;
    std::uint64_t next_result_id = 1;
    // The report of a pull for `document` at the end of `out`: a full one with a new resultId,
    // or "unchanged" when the diagnostics are those of the report `previous_result_id` names.
    void append_diagnostic_report(std::string& out, Document& document,
                                  const std::optional<std::string>& previous_result_id);
    RulePrefixes rule_prefixes; // publish_diagnostics_text's per-rule JSON
    void clear_diagnostics(const std::string& uri);
};

// file:///a%20b/c -> /a b/c; empty for other schemes.
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(const std::filesystem::path& path);

// Throws a RequestError(InvalidParams) naming what is missing; used by handlers.
[[noreturn]] void invalid_params(std::string message);
// params.textDocument.uri, or an InvalidParams error when there is none.
std::string require_uri(const json& params);
// The document a request names, or an InvalidParams error when it is not open.
Document& require_document(Session& session, const json& params);

} // namespace cdls::server
