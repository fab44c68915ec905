// textDocument/diagnostic: registration of the handler (server/feature_diagnostics.cpp).
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_diagnostics(Handlers& handlers);

// The diagnosticProvider capability: announced only to a client that pulls diagnostics.
json diagnostic_capabilities();

} // namespace cdls::server
