// The server's side of live registry look-ups: the service on the loop, waiting for a look-up
// with a deadline, and re-publishing documents when new tag lists arrive.
#pragma once

#include "server/session.hpp"

#include <asio/io_context.hpp>

#include <functional>

namespace cdls::server {

// Creates the session's registry service on `loop` (cache under $XDG_CACHE_HOME/cdls/registry,
// or $CDLS_REGISTRY_CACHE when set) and starts look-ups for image-unknown-tag after publishing.
void enable_registry(Session& session, asio::io_context& loop);

// Calls `answer` exactly once: when every look-up `start` began has called its `done`, or when
// the registry timeout passes, whichever comes first. `start` receives a factory for `done`
// callbacks (one per look-up); with none made, `answer` runs at once.
void wait_for_lookups(Session& session, const registry::RegistrySettings& settings,
                      const std::function<void(const std::function<std::function<void(bool)>()>&)>& start,
                      std::function<void()> answer);

// New tags for an image arrived: re-analyse and re-publish the documents that name it (when
// they use registry diagnostics).
void registry_tags_changed(Session& session, const std::string& image_key);

} // namespace cdls::server
