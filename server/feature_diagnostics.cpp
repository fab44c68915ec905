// textDocument/diagnostic (LSP 3.17 pull diagnostics). A client that announces them asks for a
// document's diagnostics instead of being sent publishDiagnostics after each change. The answer
// waits until the messages already queued are handled (Session::publish_pending), then reports
// the newest version: in full with a new resultId, or "unchanged" when the diagnostics are,
// range for range, those of the report the client names by previousResultId — a keystroke in a
// large file that moves no diagnostic costs its analysis and a few bytes, not a megabyte.
#include "server/feature_diagnostics.hpp"

#include <optional>
#include <string>

namespace cdls::server {

namespace {

void document_diagnostic(Session& s, const json& params, Reply reply) {
    std::string uri = require_uri(params); // an unopened document is not an error here
    std::optional<std::string> previous;
    if (auto it = params.find("previousResultId"); it != params.end()) {
        if (it->is_string()) previous = it->get<std::string>();
        else if (!it->is_null()) invalid_params("previousResultId must be a string");
    }
    s.pending_pulls.push_back([&s, uri = std::move(uri), previous = std::move(previous), reply] {
        reply.run_written([&](std::string& out) {
            // A document closed (or never opened) has nothing to report: the client clears it.
            if (Document* document = s.documents.find(uri)) s.append_diagnostic_report(out, *document, previous);
            else out += R"({"items":[],"kind":"full"})";
        });
    });
}

} // namespace

json diagnostic_capabilities() {
    // A document's diagnostics depend on its text, its project's .cdls.json and the editor's
    // settings; a change of the latter two is announced by workspace/diagnostic/refresh.
    return {{"interFileDependencies", false}, {"workspaceDiagnostics", false}};
}

void register_diagnostics(Handlers& handlers) {
    handlers.async_requests["textDocument/diagnostic"] = document_diagnostic;
}

} // namespace cdls::server
