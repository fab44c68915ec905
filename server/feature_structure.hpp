// The structure features: document symbols, folding ranges, semantic tokens, formatting and
// selection ranges (server/feature_structure.cpp).
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_structure(Handlers& handlers);
// The capability entries of these features (merged into the initialize result).
json structure_capabilities();

} // namespace cdls::server
