// textDocument/completion: converts analysis/features/completion items to LSP CompletionItems
// (snippets and markdown only when the client supports them).
#include "server/feature_completion.hpp"

#include "analysis/features/completion.hpp"
#include "analysis/features/hover.hpp"
#include "server/convert.hpp"
#include "server/feature_registry.hpp"

namespace cdls::server {

namespace {

int lsp_kind(features::CompletionKind kind) {
    switch (kind) {
    case features::CompletionKind::Keyword:
        return 14;
    case features::CompletionKind::Property:
        return 10;
    case features::CompletionKind::Value:
        return 12;
    case features::CompletionKind::Module:
        return 9;
    case features::CompletionKind::Constant:
        return 21;
    case features::CompletionKind::Variable:
        return 6;
    case features::CompletionKind::Reference:
        return 18;
    }
    return 1;
}

json completion(Session& s, const json& params) {
    Document& document = require_document(s, params);
    auto position = params.at("position").get<lsp::Position>();
    json empty = {{"isIncomplete", false}, {"items", json::array()}};
    if (document.is_config) return empty;
    const AnalysisResult& result = s.analysis(document);
    LineIndex index(document.text);
    Offset offset = index.offset(from_lsp(position), s.encoding);
    auto settings = s.settings_for(document);
    features::CompletionOptions options;
    options.catalogue = settings->catalogue.get();
    std::shared_ptr<const registry::TagSnapshot> live = s.registry ? s.registry->snapshot() : nullptr;
    if (live) options.registry_tags = live.get();
    auto items = features::complete(result, document.text, offset, options);
    const auto& client = s.client.capabilities;
    json out = json::array();
    for (auto& item : items) {
        json j = {{"label", item.label}, {"kind", lsp_kind(item.kind)}};
        if (!item.detail.empty()) j["detail"] = item.detail;
        if (!item.documentation.empty()) {
            if (client.completionMarkdown)
                j["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
            else
                j["documentation"] = features::markdown_to_plain(item.documentation);
        }
        if (!item.sort_text.empty()) j["sortText"] = item.sort_text;
        bool snippet = client.snippetSupport && !item.snippet.empty();
        lsp::TextEdit edit{to_lsp_range(index, item.edit.range, s.encoding),
                           snippet ? item.snippet : item.edit.new_text};
        j["textEdit"] = edit;
        j["insertTextFormat"] = snippet ? 2 : 1;
        if (item.retrigger)
            j["command"] = {{"title", "complete"}, {"command", "editor.action.triggerSuggest"}};
        out.push_back(std::move(j));
    }
    return {{"isIncomplete", false}, {"items", std::move(out)}};
}

// After `image:`, live tags join the catalogue's: the first request for an image waits for the
// registry (up to the timeout); later ones answer from the cache at once and refresh it
// in the background when it is stale.
void completion_async(Session& s, const json& params, Reply reply) {
    Document& document = require_document(s, params);
    std::optional<features::ImageTagContext> context;
    if (s.registry && !document.is_config) {
        const AnalysisResult& result = s.analysis(document);
        LineIndex index(document.text);
        Offset offset = index.offset(from_lsp(params.at("position").get<lsp::Position>()), s.encoding);
        context = features::image_tag_at(result, document.text, offset);
    }
    if (!context) return reply.run([&] { return completion(s, params); });
    registry::RegistrySettings settings = s.registry_settings_for(document);
    bool cached = s.registry->cached_tags(context->reference).has_value();
    if (!s.registry->tags_wanted(context->reference, settings)) return reply.run([&] { return completion(s, params); });
    std::string key = context->reference.name;
    if (cached) {
        s.registry->ensure_tags(context->reference, settings, [&s, key](bool changed) {
            if (changed) registry_tags_changed(s, key);
        });
        return reply.run([&] { return completion(s, params); });
    }
    wait_for_lookups(
        s, settings,
        [&](const auto& make_done) {
            auto done = make_done();
            s.registry->ensure_tags(context->reference, settings, [&s, key, done](bool changed) {
                if (changed) registry_tags_changed(s, key);
                done(changed);
            });
        },
        [&s, params, reply] { reply.run([&] { return completion(s, params); }); });
}

} // namespace

json completion_capabilities() {
    return {{"triggerCharacters", {"%", ":", " ", "=", "$", "{", "-", "/"}},
            {"resolveProvider", false}};
}

void register_completion(Handlers& handlers) {
    handlers.async_requests["textDocument/completion"] = completion_async;
}

} // namespace cdls::server
