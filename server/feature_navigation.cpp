// Navigation requests: LSP positions to byte offsets, analysis/features/navigation and links
// to Locations, highlights, WorkspaceEdits and DocumentLinks.
#include "server/feature_navigation.hpp"

#include "analysis/features/links.hpp"
#include "analysis/features/navigation.hpp"
#include "server/convert.hpp"
#include "server/feature_code_actions.hpp"

namespace cdls::server {

namespace {

struct At {
    Document& doc;
    const AnalysisResult& analysis;
    const LineIndex& index;
    Offset offset;
};

At position_of(Session& s, const json& params) {
    Document& doc = require_document(s, params);
    auto position = params.at("position").get<lsp::Position>();
    const AnalysisResult& analysis = s.analysis(doc);
    const LineIndex& index = s.lines(doc);
    Offset offset = index.offset(from_lsp(position), s.encoding);
    return {doc, analysis, index, offset};
}

json locations(const Session& s, const At& at, const std::vector<TextRange>& ranges) {
    json out = json::array();
    for (TextRange r : ranges)
        out.push_back(lsp::Location{at.doc.uri, to_lsp_range(at.index, r, s.encoding)});
    return out;
}

json definition(Session& s, const json& params) {
    At at = position_of(s, params);
    return locations(s, at, features::find_definitions(at.analysis, at.doc.text, at.offset));
}

json references(Session& s, const json& params) {
    At at = position_of(s, params);
    bool include_declaration = true;
    if (params.contains("context") && params["context"].is_object())
        include_declaration = params["context"].value("includeDeclaration", true);
    return locations(
        s, at, features::find_references(at.analysis, at.doc.text, at.offset, include_declaration));
}

json highlight(Session& s, const json& params) {
    At at = position_of(s, params);
    json out = json::array();
    for (const auto& h : features::document_highlights(at.analysis, at.doc.text, at.offset))
        out.push_back(
            {{"range", to_lsp_range(at.index, h.range, s.encoding)}, {"kind", h.write ? 3 : 2}});
    return out;
}

json prepare_rename(Session& s, const json& params) {
    At at = position_of(s, params);
    auto target = features::prepare_rename(at.analysis, at.doc.text, at.offset);
    if (!target) return nullptr;
    return {{"range", to_lsp_range(at.index, target->range, s.encoding)},
            {"placeholder", target->placeholder}};
}

json rename(Session& s, const json& params) {
    At at = position_of(s, params);
    std::string new_name = params.at("newName").get<std::string>();
    features::RenameResult result =
        features::rename_symbol(at.analysis, at.doc.text, at.offset, new_name);
    if (!result.error.empty())
        throw protocol::RequestError{protocol::ErrorCode::RequestFailed, result.error};
    return workspace_edit(s, at.doc, result.edits);
}

json document_link(Session& s, const json& params) {
    Document& doc = require_document(s, params);
    const AnalysisResult& analysis = s.analysis(doc);
    const LineIndex& index = s.lines(doc);
    json out = json::array();
    for (const auto& link : features::document_links(analysis, doc.text)) {
        json item = {{"range", to_lsp_range(index, link.range, s.encoding)},
                     {"target", link.target}};
        if (!link.tooltip.empty()) item["tooltip"] = link.tooltip;
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

void register_navigation(Handlers& handlers) {
    handlers.requests["textDocument/definition"] = definition;
    handlers.requests["textDocument/references"] = references;
    handlers.requests["textDocument/documentHighlight"] = highlight;
    handlers.requests["textDocument/prepareRename"] = prepare_rename;
    handlers.requests["textDocument/rename"] = rename;
    handlers.requests["textDocument/documentLink"] = document_link;
}

} // namespace cdls::server
