// textDocument/hover: converts analysis/features/hover results to LSP Hover (markdown when the
// client offers it, plain text otherwise). On a base image it adds what the registry said
// (digest, tag count, when it was seen), looking it up first when nothing is cached.
#include "server/feature_hover.hpp"

#include "analysis/features/hover.hpp"
#include "server/convert.hpp"
#include "server/feature_registry.hpp"

#include <ctime>

namespace cdls::server {

namespace {

const ImageReferenceFact* image_fact_at(const AnalysisResult& result, Offset offset) {
    for (const ImageReferenceFact& fact : result.facts.images)
        if (!fact.names_stage && fact.range.begin <= offset && offset <= fact.range.end &&
            (!fact.has_variables || !fact.resolved.empty()))
            return &fact;
    return nullptr;
}

catalogue::ImageReference reference_of(const ImageReferenceFact& fact) {
    return catalogue::parse_image_reference(fact.resolved.empty() ? fact.text : fact.resolved);
}

std::string utc_time(registry::Seconds seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

// "Registry: digest ..., N tags, last seen ..." from the cache; empty when nothing is cached.
std::string registry_markdown(Session& s, const catalogue::ImageReference& reference) {
    if (!s.registry) return {};
    auto digest = s.registry->cached_digest(reference);
    auto tags = s.registry->cached_tags(reference);
    if (!digest && !tags) return {};
    std::string tag = reference.has_tag ? reference.tag : "latest";
    std::string out = "**Registry**\n\n";
    if (digest)
        out += "Digest of `" + tag + "`: `" + digest->digest + "` (seen " + utc_time(digest->fetched_at) + ")\n\n";
    if (tags) {
        bool listed = std::find(tags->tags.begin(), tags->tags.end(), tag) != tags->tags.end();
        out += std::to_string(tags->tags.size()) + " tags" + (listed ? "" : ", `" + tag + "` not among them") +
               " (seen " + utc_time(tags->fetched_at) + ")\n";
    }
    return out;
}

json hover(Session& s, const json& params) {
    Document& document = require_document(s, params);
    auto position = params.at("position").get<lsp::Position>();
    if (document.is_config) return nullptr;
    const AnalysisResult& result = s.analysis(document);
    const LineIndex& index = s.lines(document);
    Offset offset = index.offset(from_lsp(position), s.encoding);
    auto settings = s.settings_for(document);
    features::HoverOptions options;
    options.catalogue = settings->catalogue.get();
    auto found = features::hover(result, document.text, offset, options);
    if (const ImageReferenceFact* fact = image_fact_at(result, offset)) {
        std::string live = registry_markdown(s, reference_of(*fact));
        if (!live.empty()) {
            if (!found) found = features::HoverResult{"", fact->range};
            found->markdown += (found->markdown.empty() ? "" : "\n\n---\n\n") + live;
        }
    }
    if (!found) return nullptr;
    json contents =
        s.client.capabilities.hoverMarkdown
            ? json{{"kind", "markdown"}, {"value", found->markdown}}
            : json{{"kind", "plaintext"}, {"value", features::markdown_to_plain(found->markdown)}};
    return {{"contents", contents}, {"range", to_lsp_range(index, found->range, s.encoding)}};
}

// On a base image with nothing cached: resolve its digest and tags first (up to the timeout).
void hover_async(Session& s, const json& params, Reply reply) {
    Document& document = require_document(s, params);
    const ImageReferenceFact* fact = nullptr;
    if (s.registry && !document.is_config) {
        const AnalysisResult& result = s.analysis(document);
        const LineIndex& index = s.lines(document);
        fact = image_fact_at(result, index.offset(from_lsp(params.at("position").get<lsp::Position>()), s.encoding));
    }
    if (!fact) return reply.run([&] { return hover(s, params); });
    catalogue::ImageReference reference = reference_of(*fact);
    registry::RegistrySettings settings = s.registry_settings_for(document);
    bool want_digest = s.registry->digest_wanted(reference, settings);
    bool want_tags = s.registry->tags_wanted(reference, settings);
    bool wait = (want_digest && !s.registry->cached_digest(reference)) || (want_tags && !s.registry->cached_tags(reference));
    auto start = [&](const std::function<std::function<void(bool)>()>& make_done) {
        std::string key = reference.name;
        if (want_digest) {
            auto done = wait ? make_done() : std::function<void(bool)>([](bool) {});
            s.registry->ensure_digest(reference, settings, done);
        }
        if (want_tags) {
            auto done = wait ? make_done() : std::function<void(bool)>([](bool) {});
            s.registry->ensure_tags(reference, settings, [&s, key, done](bool changed) {
                if (changed) registry_tags_changed(s, key);
                done(changed);
            });
        }
    };
    wait_for_lookups(s, settings, start, [&s, params, reply] { reply.run([&] { return hover(s, params); }); });
}

} // namespace

void register_hover(Handlers& handlers) {
    handlers.async_requests["textDocument/hover"] = hover_async;
}

} // namespace cdls::server
