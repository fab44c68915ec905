// textDocument/hover: converts analysis/features/hover results to LSP Hover (markdown when the
// client offers it, plain text otherwise).
#include "server/feature_hover.hpp"

#include "analysis/features/hover.hpp"
#include "server/convert.hpp"

namespace cdls::server {

namespace {

json hover(Session& s, const json& params) {
    Document& document = require_document(s, params);
    auto position = params.at("position").get<lsp::Position>();
    if (document.is_config) return nullptr;
    const AnalysisResult& result = s.analysis(document);
    LineIndex index(document.text);
    Offset offset = index.offset(from_lsp(position), s.encoding);
    auto settings = s.settings_for(document);
    features::HoverOptions options;
    options.catalogue = settings->catalogue.get();
    auto found = features::hover(result, document.text, offset, options);
    if (!found) return nullptr;
    json contents =
        s.client.capabilities.hoverMarkdown
            ? json{{"kind", "markdown"}, {"value", found->markdown}}
            : json{{"kind", "plaintext"}, {"value", features::markdown_to_plain(found->markdown)}};
    return {{"contents", contents}, {"range", to_lsp_range(index, found->range, s.encoding)}};
}

} // namespace

void register_hover(Handlers& handlers) {
    handlers.requests["textDocument/hover"] = hover;
}

} // namespace cdls::server
