// initialize / initialized / shutdown / $/setTrace: the LSP 3.17 lifecycle.
#include "server/language_server.hpp"

#include <spdlog/spdlog.h>

namespace cdls::server {

namespace {

json initialize(Session& s, const json& params) {
    if (s.state != Lifecycle::Uninitialized)
        throw protocol::RequestError{protocol::ErrorCode::InvalidRequest, "initialize was already received"};
    s.client = params.get<lsp::InitializeParams>();
    // utf-8 saves every conversion when the client offers it; utf-16 is the LSP default.
    s.encoding = PositionEncoding::Utf16;
    for (const auto& e : s.client.capabilities.positionEncodings)
        if (e == "utf-8") s.encoding = PositionEncoding::Utf8;
    if (s.client.trace) s.trace = *s.client.trace;
    s.state = Lifecycle::Initialized;
    spdlog::info("initialize from {} (pid {}), position encoding {}, diagnostics {}",
                 s.client.clientName.value_or("unknown client"),
                 s.client.processId ? std::to_string(*s.client.processId) : "none",
                 s.encoding == PositionEncoding::Utf8 ? "utf-8" : "utf-16",
                 s.pulls_diagnostics() ? "pulled (textDocument/diagnostic)" : "published");
    return {{"capabilities", server_capabilities(s)}, {"serverInfo", {{"name", "cdls"}, {"version", CDLS_VERSION}}}};
}

json shutdown(Session& s, const json&) {
    s.state = Lifecycle::ShutDown;
    return nullptr;
}

void set_trace(Session& s, const json& params) {
    if (params.is_object() && params.contains("value") && params["value"].is_string()) s.trace = params["value"];
}

} // namespace

void register_lifecycle(Handlers& h) {
    h.requests["initialize"] = initialize;
    h.requests["shutdown"] = shutdown;
    h.notifications["$/setTrace"] = set_trace;
    // Cancellation is applied by LanguageServer::handle_frames to requests still queued.
    h.notifications["$/cancelRequest"] = [](Session&, const json&) {};
}

} // namespace cdls::server
