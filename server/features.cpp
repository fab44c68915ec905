// Registers the language features (completion, hover, code actions, ...), one file each.
#include "server/language_server.hpp"

namespace cdls::server {

void register_features(Handlers&) {}

} // namespace cdls::server
