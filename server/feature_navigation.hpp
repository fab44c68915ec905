// Navigation requests: definition, references, documentHighlight, prepareRename, rename and
// documentLink.
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_navigation(Handlers& handlers);

} // namespace cdls::server
