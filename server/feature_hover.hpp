// textDocument/hover: registration of the handler (server/feature_hover.cpp).
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_hover(Handlers& handlers);

} // namespace cdls::server
