// textDocument/completion: converts analysis/features/completion items to LSP CompletionItems
// (snippets and markdown only when the client supports them).
#include "server/feature_completion.hpp"

#include "analysis/features/completion.hpp"
#include "analysis/features/hover.hpp"
#include "server/convert.hpp"

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

} // namespace

json completion_capabilities() {
    return {{"triggerCharacters", {"%", ":", " ", "=", "$", "{", "-", "/"}},
            {"resolveProvider", false}};
}

void register_completion(Handlers& handlers) {
    handlers.requests["textDocument/completion"] = completion;
}

} // namespace cdls::server
