// Registers the language features, one file each: server/feature_<name>.cpp turns the pure
// functions of analysis/features/ into LSP replies.
#include "server/feature_code_actions.hpp"
#include "server/feature_diagnostics.hpp"
#include "server/feature_navigation.hpp"
#include "server/feature_structure.hpp"
#include "server/feature_completion.hpp"
#include "server/feature_hover.hpp"
#include "server/language_server.hpp"

namespace cdls::server {

void register_features(Handlers& handlers) {
    // One line per feature file, e.g. register_completion(handlers);
    register_diagnostics(handlers);
    register_code_actions(handlers);
    register_navigation(handlers);
    register_structure(handlers);
    register_completion(handlers);
    register_hover(handlers);
}

} // namespace cdls::server
