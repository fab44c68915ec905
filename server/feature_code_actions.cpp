// textDocument/codeAction: converts the request to byte ranges, asks analysis/features for the
// actions, and answers them as CodeAction objects with WorkspaceEdits.
#include "server/feature_code_actions.hpp"

#include "analysis/features/code_actions.hpp"
#include "server/convert.hpp"
#include "server/feature_registry.hpp"

namespace cdls::server {

json workspace_edit(const Session& session, const Document& document,
                    const std::vector<TextEdit>& edits) {
    LineIndex index(document.text);
    json lsp_edits = json::array();
    for (const TextEdit& e : edits)
        lsp_edits.push_back(
            lsp::TextEdit{to_lsp_range(index, e.range, session.encoding), e.new_text});
    if (session.client.capabilities.documentChanges) {
        json change = {{"textDocument", {{"uri", document.uri}, {"version", document.version}}},
                       {"edits", lsp_edits}};
        json changes = json::array();
        changes.push_back(std::move(change));
        return {{"documentChanges", std::move(changes)}};
    }
    json changes = json::object();
    changes[document.uri] = std::move(lsp_edits);
    return {{"changes", std::move(changes)}};
}

namespace {

// Digests the registry reported (cached); the pin-digest action offers them.
class RegistryDigests : public features::DigestSource {
public:
    explicit RegistryDigests(registry::RegistryService& service) : service_(service) {}
    std::optional<std::string> digest(const catalogue::ImageReference& reference) const override {
        auto cached = service_.cached_digest(reference);
        if (!cached) return std::nullopt;
        return cached->digest;
    }

private:
    registry::RegistryService& service_;
};

json code_action(Session& s, const json& params) {
    Document& doc = require_document(s, params);
    const AnalysisResult& analysis = s.analysis(doc);
    const LineIndex& index = s.lines(doc);
    auto range = params.at("range").get<lsp::Range>();

    features::CodeActionRequest request;
    request.range = index.offsets({from_lsp(range.start), from_lsp(range.end)}, s.encoding);
    if (request.range.end < request.range.begin) std::swap(request.range.begin, request.range.end);
    auto settings = s.settings_for(doc);
    request.settings = settings.get();
    std::optional<RegistryDigests> digests;
    if (s.registry && s.registry_settings_for(doc).enabled) {
        digests.emplace(*s.registry);
        request.digests = &*digests;
    }
    json sent = json::array();
    if (params.contains("context") && params["context"].is_object()) {
        const json& context = params["context"];
        if (context.contains("diagnostics") && context["diagnostics"].is_array())
            sent = context["diagnostics"];
        if (context.contains("only") && context["only"].is_array())
            for (const json& kind : context["only"])
                if (kind.is_string()) request.only.push_back(kind.get<std::string>());
    }
    for (const json& d : sent) {
        features::DiagnosticKey key;
        if (d.is_object() && d.contains("range")) {
            auto r = d["range"].get<lsp::Range>();
            key.range = index.offsets({from_lsp(r.start), from_lsp(r.end)}, s.encoding);
        }
        if (d.is_object() && d.contains("code") && d["code"].is_string())
            key.rule = d["code"].get<std::string>();
        request.diagnostics.push_back(std::move(key));
    }

    json result = json::array();
    for (const features::CodeAction& action : features::code_actions(analysis, doc.text, request)) {
        json item = {{"title", action.title},
                     {"kind", action.kind},
                     {"edit", workspace_edit(s, doc, action.edits)}};
        if (action.preferred) item["isPreferred"] = true;
        json diagnostics = json::array();
        for (std::size_t i : action.diagnostics)
            diagnostics.push_back(sent[i]);
        if (diagnostics.empty())
            for (const Diagnostic& d : action.resolves)
                diagnostics.push_back(to_lsp(d, index, s.encoding));
        if (!diagnostics.empty()) item["diagnostics"] = std::move(diagnostics);
        result.push_back(std::move(item));
    }
    return result;
}

// Base images in the range without a digest: resolve them first (up to the timeout) so the
// pin-digest action can offer the registry's digest.
void code_action_async(Session& s, const json& params, Reply reply) {
    Document& doc = require_document(s, params);
    std::vector<catalogue::ImageReference> wanted;
    registry::RegistrySettings settings;
    if (s.registry && !doc.is_config) {
        settings = s.registry_settings_for(doc);
        const AnalysisResult& analysis = s.analysis(doc);
        const LineIndex& index = s.lines(doc);
        auto range = params.at("range").get<lsp::Range>();
        TextRange selected = index.offsets({from_lsp(range.start), from_lsp(range.end)}, s.encoding);
        if (selected.end < selected.begin) std::swap(selected.begin, selected.end);
        for (const ImageReferenceFact& fact : analysis.facts.images) {
            if (fact.names_stage || fact.has_variables || fact.range.end < selected.begin || selected.end < fact.range.begin)
                continue;
            auto reference = catalogue::parse_image_reference(fact.text);
            if (reference.valid && !reference.has_digest && s.registry->digest_wanted(reference, settings) &&
                !s.registry->cached_digest(reference))
                wanted.push_back(std::move(reference));
        }
    }
    if (wanted.empty()) return reply.run([&] { return code_action(s, params); });
    wait_for_lookups(
        s, settings,
        [&](const std::function<std::function<void(bool)>()>& make_done) {
            for (const auto& reference : wanted) s.registry->ensure_digest(reference, settings, make_done());
        },
        [&s, params, reply] { reply.run([&] { return code_action(s, params); }); });
}

} // namespace

void register_code_actions(Handlers& handlers) {
    handlers.async_requests["textDocument/codeAction"] = code_action_async;
}

} // namespace cdls::server
