// Registry glue: look-ups started from the loop, their deadlines, and re-publishing.
#include "server/feature_registry.hpp"

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace cdls::server {

namespace {

std::string image_key(const ImageReferenceFact& fact) {
    return catalogue::parse_image_reference(fact.resolved.empty() ? fact.text : fact.resolved).name;
}

// With registry diagnostics on: look up the tags of every base image of the document.
void lookup_document_images(Session& s, Document& document, const AnalysisResult& result) {
    if (!s.registry || result.facts.images.empty()) return;
    registry::RegistrySettings settings = s.registry_settings_for(document);
    if (!settings.enabled || !settings.diagnostics) return;
    for (const ImageReferenceFact& fact : result.facts.images) {
        if (fact.names_stage || (fact.has_variables && fact.resolved.empty())) continue;
        auto reference = catalogue::parse_image_reference(fact.resolved.empty() ? fact.text : fact.resolved);
        if (!reference.valid || !reference.has_tag || reference.has_digest) continue;
        std::string key = reference.name;
        auto before = s.registry->snapshot();
        bool wanted = s.registry->tags_wanted(reference, settings);
        // Found in the disk cache just now: the analysis did not have it yet.
        if (s.registry->snapshot() != before) {
            asio::post(s.registry->io(), [&s, key] { registry_tags_changed(s, key); });
        }
        if (!wanted) continue;
        s.registry->ensure_tags(reference, settings, [&s, key](bool changed) {
            if (changed) registry_tags_changed(s, key);
        });
    }
}

} // namespace

void enable_registry(Session& session, asio::io_context& loop) {
    std::filesystem::path cache;
    if (const char* dir = std::getenv("CDLS_REGISTRY_CACHE"); dir && *dir) cache = dir;
    else cache = registry::default_cache_directory();
    session.registry = std::make_shared<registry::RegistryService>(loop, cache);
    session.on_published = [&session](Document& document, const AnalysisResult& result) {
        lookup_document_images(session, document, result);
    };
}

void wait_for_lookups(Session& s, const registry::RegistrySettings& settings,
                      const std::function<void(const std::function<std::function<void(bool)>()>&)>& start,
                      std::function<void()> answer) {
    struct Wait {
        std::function<void()> answer;
        int pending = 0;
        bool started = false;
        bool answered = false;
        std::unique_ptr<asio::steady_timer> timer;
        void finish() {
            if (answered) return;
            answered = true;
            if (timer) timer->cancel();
            auto a = std::move(answer);
            a();
        }
    };
    auto wait = std::make_shared<Wait>();
    wait->answer = std::move(answer);
    auto make_done = [wait]() -> std::function<void(bool)> {
        ++wait->pending;
        return [wait](bool) {
            if (--wait->pending == 0 && wait->started) wait->finish();
        };
    };
    start(make_done);
    wait->started = true;
    if (wait->pending == 0 || !s.registry) return wait->finish();
    wait->timer = std::make_unique<asio::steady_timer>(s.registry->io(), std::chrono::milliseconds(settings.timeout_ms));
    wait->timer->async_wait([wait](const asio::error_code& ec) {
        if (!ec) wait->finish(); // the look-up goes on and fills the cache for next time
    });
}

void registry_tags_changed(Session& s, const std::string& key) {
    s.settings_cache.clear(); // settings hold the tag snapshot
    bool any = false;
    for (auto& [uri, document] : s.documents.all()) {
        if (document.is_config || !document.analysis) continue;
        for (const ImageReferenceFact& fact : document.analysis->facts.images) {
            if (fact.names_stage || image_key(fact) != key) continue;
            if (!s.registry_settings_for(document).diagnostics) break;
            document.dirty = true;
            document.needs_publish = true;
            any = true;
            break;
        }
    }
    if (any) {
        s.refresh_requested = true; // a client that pulls diagnostics is asked to pull again
        s.publish_pending();
    }
}

} // namespace cdls::server
