// textDocument/completion: registration of the handler (server/feature_completion.cpp).
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_completion(Handlers& handlers);
// The completion entry of the initialize result's capabilities (trigger characters).
json completion_capabilities();

} // namespace cdls::server
