// textDocument/completion: converts analysis/features/completion items to LSP CompletionItems
// (snippets and markdown only when the client supports them).
#include "server/feature_completion.hpp"

#include "analysis/features/completion.hpp"
#include "analysis/features/hover.hpp"
#include "protocol/json_text.hpp"
#include "server/convert.hpp"
#include "server/feature_registry.hpp"

#include <map>
#include <optional>

namespace cdls::server {

namespace {

// The members of one JSON object written in order (the caller keeps nlohmann's sorted key order):
// `{` before the first key, `,` before the others.
struct ObjectText {
    std::string& out;
    char separator = '{';
    void key(std::string_view name) {
        out += separator;
        separator = ',';
        protocol::append_json_string(out, name);
        out += ':';
    }
    void close() { out += separator == '{' ? "{}" : "}"; }
};

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

// The list is written as JSON text: with documentation, 145 image items were a DOM of 87 KB
// built and serialised per request. For a client that resolves documentation and applies
// itemDefaults (VS Code) the image list is ≈ 12 KB (docs/performance.md).
std::string completion(Session& s, const json& params) {
    Document& document = require_document(s, params);
    auto position = params.at("position").get<lsp::Position>();
    static constexpr std::string_view empty = R"({"isIncomplete":false,"items":[]})";
    if (document.is_config) return std::string(empty);
    const AnalysisResult& result = s.analysis(document);
    const LineIndex& index = s.lines(document);
    Offset offset = index.offset(from_lsp(position), s.encoding);
    auto settings = s.settings_for(document);
    features::CompletionOptions options;
    options.catalogue = settings->catalogue.get();
    std::shared_ptr<const registry::TagSnapshot> live = s.registry ? s.registry->snapshot() : nullptr;
    if (live) options.registry_tags = live.get();
    auto items = features::complete(result, document.text, offset, options);
    const auto& client = s.client.capabilities;
    auto& docs = s.completion_docs;
    bool deferred = client.completionResolveDocumentation;
    if (deferred) {
        ++docs.list;
        docs.items.clear();
        docs.labels.clear();
        docs.settings = settings; // keeps a user catalogue the lazy items read
    }
    auto format_of = [&](const features::CompletionItem& item) {
        return client.snippetSupport && !item.snippet.empty() ? 2 : 1;
    };
    // What every item shares goes into itemDefaults when the client applies them.
    bool same_range = client.completionDefaultEditRange && !items.empty();
    bool same_format = client.completionDefaultInsertTextFormat && !items.empty();
    for (const auto& item : items) {
        same_range = same_range && item.edit.range == items.front().edit.range;
        same_format = same_format && format_of(item) == format_of(items.front());
    }
    bool data_default = deferred && client.completionDefaultData;
    // With the resolve data in itemDefaults an item is found again by its label, unless two
    // items share one: those carry their index.
    std::map<std::string_view, int> label_count;
    if (data_default)
        for (const auto& item : items) ++label_count[item.label];

    std::string out;
    out.reserve(96 + items.size() * (same_range ? 96 : 192));
    out += R"({"isIncomplete":false,)";
    if (same_range || same_format || data_default) {
        out += R"("itemDefaults":)";
        ObjectText defaults{out};
        if (data_default) {
            defaults.key("data");
            out += R"({"cdls":{"list":)";
            protocol::append_json_number(out, docs.list);
            out += "}}";
        }
        if (same_range) {
            defaults.key("editRange");
            lsp::append_json_text(out, to_lsp_range(index, items.front().edit.range, s.encoding));
        }
        if (same_format) {
            defaults.key("insertTextFormat");
            out += format_of(items.front()) == 2 ? '2' : '1';
        }
        defaults.close();
        out += ',';
    }
    out += R"("items":[)";
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& item = items[i];
        if (i) out += ',';
        ObjectText object{out};
        if (item.retrigger) {
            object.key("command");
            out += R"({"command":"editor.action.triggerSuggest","title":"complete"})";
        }
        bool has_documentation = !item.documentation.empty() || item.lazy_documentation;
        bool document_later = deferred && has_documentation;
        if (document_later) {
            std::size_t at = docs.items.size();
            if (!data_default || label_count[item.label] > 1) {
                object.key("data");
                out += R"({"cdls":{"item":)";
                protocol::append_json_number(out, static_cast<std::int64_t>(at));
                out += R"(,"list":)";
                protocol::append_json_number(out, docs.list);
                out += "}}";
            } else {
                docs.labels.emplace(item.label, at);
            }
            if (item.documentation.empty()) docs.items.push_back(std::move(item.lazy_documentation));
            else docs.items.push_back([text = std::move(item.documentation)] { return text; });
        }
        if (!item.detail.empty()) {
            object.key("detail");
            protocol::append_json_string(out, item.detail);
        }
        if (!document_later && has_documentation) {
            std::string documentation = features::documentation_of(item);
            object.key("documentation");
            if (client.completionMarkdown) {
                out += R"({"kind":"markdown","value":)";
                protocol::append_json_string(out, documentation);
                out += '}';
            } else {
                protocol::append_json_string(out, features::markdown_to_plain(documentation));
            }
        }
        int format = format_of(item);
        const std::string& new_text = format == 2 ? item.snippet : item.edit.new_text;
        if (!same_format) {
            object.key("insertTextFormat");
            out += format == 2 ? '2' : '1';
        }
        object.key("kind");
        protocol::append_json_number(out, lsp_kind(item.kind));
        object.key("label");
        protocol::append_json_string(out, item.label);
        if (!item.sort_text.empty()) {
            object.key("sortText");
            protocol::append_json_string(out, item.sort_text);
        }
        if (!same_range) {
            object.key("textEdit");
            out += R"({"newText":)";
            protocol::append_json_string(out, new_text);
            out += R"(,"range":)";
            lsp::append_json_text(out, to_lsp_range(index, item.edit.range, s.encoding));
            out += '}';
        } else if (new_text != item.label) {
            object.key("textEditText");
            protocol::append_json_string(out, new_text);
        }
        object.close();
    }
    out += "]}";
    return out;
}

// completionItem/resolve: the documentation of an item of the last list (a stale item, from an
// older list, comes back as it was).
json resolve_completion(Session& s, const json& params) {
    if (!params.is_object()) invalid_params("a CompletionItem is required");
    json item = params;
    const json* data = item.contains("data") ? &item["data"] : nullptr;
    if (!data || !data->is_object() || !data->contains("cdls") || !(*data)["cdls"].is_object()) return item;
    const json& ref = (*data)["cdls"];
    const auto& docs = s.completion_docs;
    if (!ref.contains("list") || !ref["list"].is_number_integer() || ref["list"].get<std::int64_t>() != docs.list)
        return item;
    std::optional<std::size_t> index;
    if (ref.contains("item") && ref["item"].is_number_unsigned()) {
        index = ref["item"].get<std::size_t>();
    } else if (item.contains("label") && item["label"].is_string()) {
        auto found = docs.labels.find(item["label"].get<std::string>());
        if (found != docs.labels.end()) index = found->second;
    }
    if (!index || *index >= docs.items.size() || !docs.items[*index]) return item;
    std::string markdown = docs.items[*index]();
    if (markdown.empty()) return item;
    if (s.client.capabilities.completionMarkdown)
        item["documentation"] = {{"kind", "markdown"}, {"value", std::move(markdown)}};
    else
        item["documentation"] = features::markdown_to_plain(markdown);
    return item;
}

// After `image:`, live tags join the catalogue's: the first request for an image waits for the
// registry (up to the timeout); later ones answer from the cache at once and refresh it
// in the background when it is stale.
void completion_async(Session& s, const json& params, Reply reply) {
    Document& document = require_document(s, params);
    std::optional<features::ImageTagContext> context;
    if (s.registry && !document.is_config) {
        const AnalysisResult& result = s.analysis(document);
        const LineIndex& index = s.lines(document);
        Offset offset = index.offset(from_lsp(params.at("position").get<lsp::Position>()), s.encoding);
        context = features::image_tag_at(result, document.text, offset);
    }
    if (!context) return reply.run_text([&] { return completion(s, params); });
    registry::RegistrySettings settings = s.registry_settings_for(document);
    bool cached = s.registry->cached_tags(context->reference).has_value();
    if (!s.registry->tags_wanted(context->reference, settings)) return reply.run_text([&] { return completion(s, params); });
    std::string key = context->reference.name;
    if (cached) {
        s.registry->ensure_tags(context->reference, settings, [&s, key](bool changed) {
            if (changed) registry_tags_changed(s, key);
        });
        return reply.run_text([&] { return completion(s, params); });
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
        [&s, params, reply] { reply.run_text([&] { return completion(s, params); }); });
}

} // namespace

json completion_capabilities() {
    return {{"triggerCharacters", {"%", ":", " ", "=", "$", "{", "-", "/"}},
            {"resolveProvider", true}};
}

void register_completion(Handlers& handlers) {
    handlers.async_requests["textDocument/completion"] = completion_async;
    handlers.requests["completionItem/resolve"] = resolve_completion;
}

} // namespace cdls::server
