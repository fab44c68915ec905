// documentSymbol, foldingRange, semanticTokens (full, delta, range), formatting,
// rangeFormatting and selectionRange: params in, analysis/features/ results out as LSP JSON.
#include "server/feature_structure.hpp"

#include "analysis/features/folding.hpp"
#include "analysis/features/formatting.hpp"
#include "analysis/features/selection.hpp"
#include "analysis/features/semantic_tokens.hpp"
#include "analysis/features/symbols.hpp"
#include "server/convert.hpp"

#include <fstream>
#include <sstream>

namespace cdls::server {
namespace {

json range_json(const LineIndex& index, TextRange range, PositionEncoding encoding) {
    return to_lsp_range(index, range, encoding);
}

// ---- documentSymbol ----

json symbol_json(const features::DocumentSymbol& s, const LineIndex& index, PositionEncoding encoding) {
    json children = json::array();
    for (const auto& child : s.children) children.push_back(symbol_json(child, index, encoding));
    json out = {{"name", s.name.empty() ? std::string("?") : s.name},
                {"kind", static_cast<int>(s.kind)},
                {"range", range_json(index, s.range, encoding)},
                {"selectionRange", range_json(index, s.selection_range, encoding)},
                {"children", std::move(children)}};
    if (!s.detail.empty()) out["detail"] = s.detail;
    return out;
}

json document_symbol(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    if (doc.is_config) return json::array();
    auto symbols = features::document_symbols(session.analysis(doc), doc.text);
    const LineIndex& index = session.lines(doc);
    json out = json::array();
    if (session.client.capabilities.hierarchicalDocumentSymbols) {
        for (const auto& s : symbols) out.push_back(symbol_json(s, index, session.encoding));
        return out;
    }
    for (const auto& s : features::flatten_symbols(symbols)) {
        json info = {{"name", s.name.empty() ? std::string("?") : s.name},
                     {"kind", static_cast<int>(s.kind)},
                     {"location", {{"uri", doc.uri}, {"range", range_json(index, s.range, session.encoding)}}}};
        if (!s.container.empty()) info["containerName"] = s.container;
        out.push_back(std::move(info));
    }
    return out;
}

// ---- foldingRange ----

json folding_range(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    if (doc.is_config) return json::array();
    const LineIndex& index = session.lines(doc);
    bool lines_only = session.client.capabilities.lineFoldingOnly;
    json out = json::array();
    for (const auto& fold : features::folding_ranges(session.analysis(doc), doc.text)) {
        LinePosition start = index.position(fold.range.begin, session.encoding);
        LinePosition end = index.position(fold.range.end, session.encoding);
        if (end.line <= start.line) continue;
        json item = {{"startLine", start.line}, {"endLine", end.line}};
        // Without lineFoldingOnly the fold may end exactly at the last folded character.
        if (!lines_only) item["endCharacter"] = end.character;
        item["kind"] = fold.kind == features::FoldingKind::Comment ? "comment" : "region";
        out.push_back(std::move(item));
    }
    return out;
}

// ---- semanticTokens ----

// The last full result per document, so that /full/delta can send edits.
struct TokensCache {
    std::string result_id;
    std::vector<std::uint32_t> data;
};
std::map<std::pair<const Session*, std::string>, TokensCache>& tokens_cache() {
    static std::map<std::pair<const Session*, std::string>, TokensCache> cache;
    return cache;
}
std::uint64_t next_result_id = 1;

// Forgets the entries of documents that are no longer open.
void prune_cache(Session& session) {
    auto& cache = tokens_cache();
    for (auto it = cache.begin(); it != cache.end();) {
        if (it->first.first == &session && !session.documents.find(it->first.second)) it = cache.erase(it);
        else ++it;
    }
}

std::vector<std::uint32_t> encoded_tokens(Session& session, Document& doc, std::optional<TextRange> within) {
    if (doc.is_config) return {};
    auto tokens = features::semantic_tokens(session.analysis(doc), doc.text);
    if (within) tokens = features::tokens_in_range(tokens, *within);
    const LineIndex& index = session.lines(doc);
    return features::encode_semantic_tokens(tokens, index, session.encoding);
}

json tokens_full(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    prune_cache(session);
    TokensCache& entry = tokens_cache()[{&session, doc.uri}];
    entry.data = encoded_tokens(session, doc, std::nullopt);
    entry.result_id = std::to_string(next_result_id++);
    return {{"resultId", entry.result_id}, {"data", entry.data}};
}

json tokens_delta(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    std::string previous = params.at("previousResultId").get<std::string>();
    prune_cache(session);
    TokensCache& entry = tokens_cache()[{&session, doc.uri}];
    std::vector<std::uint32_t> data = encoded_tokens(session, doc, std::nullopt);
    bool known = !entry.result_id.empty() && entry.result_id == previous;
    std::vector<features::SemanticTokensEdit> edits;
    if (known) edits = features::semantic_tokens_delta(entry.data, data);
    entry.data = std::move(data);
    entry.result_id = std::to_string(next_result_id++);
    if (!known) return {{"resultId", entry.result_id}, {"data", entry.data}};
    json out_edits = json::array();
    for (const auto& e : edits)
        out_edits.push_back({{"start", e.start}, {"deleteCount", e.delete_count}, {"data", e.data}});
    return {{"resultId", entry.result_id}, {"edits", std::move(out_edits)}};
}

json tokens_range(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    const LineIndex& index = session.lines(doc);
    TextRange range = index.offsets({from_lsp(params.at("range").at("start").get<lsp::Position>()),
                                     from_lsp(params.at("range").at("end").get<lsp::Position>())},
                                    session.encoding);
    if (range.end < range.begin) invalid_params("range: the end comes before the start");
    return {{"data", encoded_tokens(session, doc, range)}};
}

// ---- formatting ----

// `formatting.indent` of a settings object: a number of spaces, or "tab".
void apply_indent_setting(const json& settings, features::FormattingOptions& options) {
    if (!settings.is_object() || !settings.contains("formatting")) return;
    const json& formatting = settings["formatting"];
    if (!formatting.is_object() || !formatting.contains("indent")) return;
    const json& indent = formatting["indent"];
    if (indent.is_number_unsigned() && indent.get<unsigned>() <= 16) {
        options.indent_width = indent.get<unsigned>();
        options.use_tabs = false;
    } else if (indent.is_string() && (indent.get<std::string>() == "tab" || indent.get<std::string>() == "\t")) {
        options.use_tabs = true;
    }
}

// The request's tabSize/insertSpaces, then `formatting.indent` of the project's .cdls.json,
// then of the editor settings: configuration names the project's choice, which wins over the
// editor's general tab size.
features::FormattingOptions formatting_options(Session& session, const Document& doc, const json& params) {
    features::FormattingOptions options;
    if (params.contains("options") && params["options"].is_object()) {
        const json& o = params["options"];
        if (o.contains("tabSize") && o["tabSize"].is_number_unsigned() && o["tabSize"].get<unsigned>() <= 16)
            options.indent_width = o["tabSize"].get<unsigned>();
        if (o.contains("insertSpaces") && o["insertSpaces"].is_boolean()) options.use_tabs = !o["insertSpaces"].get<bool>();
    }
    std::string path = uri_to_path(doc.uri);
    if (!path.empty()) {
        if (auto file = find_config_file(std::filesystem::path(path).parent_path())) {
            std::ifstream in(*file);
            std::stringstream buffer;
            buffer << in.rdbuf();
            std::string text = buffer.str();
            json config = json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
            if (!config.is_discarded()) apply_indent_setting(config, options);
        }
    }
    apply_indent_setting(session.editor_settings, options);
    return options;
}

json edits_json(const std::vector<TextEdit>& edits, const LineIndex& index, PositionEncoding encoding) {
    json out = json::array();
    for (const auto& e : edits) out.push_back(lsp::TextEdit{to_lsp_range(index, e.range, encoding), e.new_text});
    return out;
}

json formatting(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    if (doc.is_config) return json::array();
    auto options = formatting_options(session, doc, params);
    const LineIndex& index = session.lines(doc);
    return edits_json(features::format_document(session.analysis(doc), doc.text, options), index, session.encoding);
}

json range_formatting(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    if (doc.is_config) return json::array();
    auto options = formatting_options(session, doc, params);
    const LineIndex& index = session.lines(doc);
    TextRange range = index.offsets({from_lsp(params.at("range").at("start").get<lsp::Position>()),
                                     from_lsp(params.at("range").at("end").get<lsp::Position>())},
                                    session.encoding);
    if (range.end < range.begin) invalid_params("range: the end comes before the start");
    return edits_json(features::format_range(session.analysis(doc), doc.text, range, options), index, session.encoding);
}

// ---- selectionRange ----

json selection_range(Session& session, const json& params) {
    Document& doc = require_document(session, params);
    const LineIndex& index = session.lines(doc);
    json out = json::array();
    for (const auto& position : params.at("positions")) {
        Offset offset = index.offset(from_lsp(position.get<lsp::Position>()), session.encoding);
        std::vector<TextRange> chain;
        if (!doc.is_config) chain = features::selection_chain(session.analysis(doc), doc.text, offset);
        if (chain.empty()) chain.push_back({offset, offset});
        json selection;
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            json item = {{"range", range_json(index, *it, session.encoding)}};
            if (!selection.is_null()) item["parent"] = std::move(selection);
            selection = std::move(item);
        }
        out.push_back(std::move(selection));
    }
    return out;
}

} // namespace

json structure_capabilities() {
    json types = json::array();
    for (auto name : features::token_type_names()) types.push_back(std::string(name));
    json modifiers = json::array();
    for (auto name : features::token_modifier_names()) modifiers.push_back(std::string(name));
    return {
        {"documentSymbolProvider", true},
        {"foldingRangeProvider", true},
        {"semanticTokensProvider",
         {{"legend", {{"tokenTypes", types}, {"tokenModifiers", modifiers}}}, {"range", true}, {"full", {{"delta", true}}}}},
        {"documentFormattingProvider", true},
        {"documentRangeFormattingProvider", true},
        {"selectionRangeProvider", true},
    };
}

void register_structure(Handlers& h) {
    h.requests["textDocument/documentSymbol"] = document_symbol;
    h.requests["textDocument/foldingRange"] = folding_range;
    h.requests["textDocument/semanticTokens/full"] = tokens_full;
    h.requests["textDocument/semanticTokens/full/delta"] = tokens_delta;
    h.requests["textDocument/semanticTokens/range"] = tokens_range;
    h.requests["textDocument/formatting"] = formatting;
    h.requests["textDocument/rangeFormatting"] = range_formatting;
    h.requests["textDocument/selectionRange"] = selection_range;
}

} // namespace cdls::server
