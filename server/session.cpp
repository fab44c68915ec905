// Session helpers: lazy analysis and diagnostics publishing.
#include "server/session.hpp"

#include "protocol/json_text.hpp"
#include "server/convert.hpp"
#include "server/registry/http_message.hpp"
#include "server/user_catalogue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace cdls::server {

const AnalysisResult& Session::analysis(Document& document) {
    if (document.dirty || !document.analysis) {
        auto settings = settings_for(document);
        // Dropped first, so the old and the new results of a large file are not in memory at
        // once (a feature still using the old one keeps its own reference). When nothing else
        // holds it, it goes back to the analyzer, which edits its facts into the new ones. It
        // was made non-const (below), so taking it apart is allowed.
        if (document.analysis.use_count() == 1)
            document.analyzer.recycle(std::move(const_cast<AnalysisResult&>(*document.analysis)));
        document.analysis.reset();
        // Kept up to date by incremental changes (documents.cpp); built here otherwise.
        if (!document.lines_current()) document.lines = std::make_shared<const LineIndex>(document.text);
        const TextChange* edits = document.edits_since_analysis ? &document.edits_since_analysis->change() : nullptr;
        document.analysis = std::make_shared<AnalysisResult>(
            document.analyzer.analyze(document.text, *settings, document.lines.get(), edits));
        document.edits_since_analysis.emplace(document.text.size());
        document.analyzed_version = document.version;
        document.dirty = false;
    }
    return *document.analysis;
}

const LineIndex& Session::lines(Document& document) {
    if (!document.is_config) {
        analysis(document);
        return *document.lines;
    }
    if (!document.lines_current()) document.lines = std::make_shared<const LineIndex>(document.text);
    return *document.lines;
}

void Session::notify(std::string_view method, json params) {
    send(protocol::make_notification(method, std::move(params)));
}

void Session::publish(Document& document) {
    if (document.is_config) {
        ProjectConfig config = parse_config(document.text, uri_to_path(document.uri));
        publish_config_problems({}, config, document.text, document.version);
        document.needs_publish = false;
        return;
    }
    const AnalysisResult& result = analysis(document);
    // Written as text directly, into one string sized beforehand: an nlohmann DOM of thousands
    // of diagnostics cost more than the analysis, and each regrowth of a megabyte message copies
    // it and holds both copies at once (the peak of a didOpen, docs/performance.md). The
    // message is freed once sent (the publish cache keeps ranges only).
    std::size_t size = 256 + document.uri.size() + diagnostics_json_size(result.diagnostics, rule_prefixes);
    std::string message;
    message.reserve(size + size / 64);
    protocol::append_notification_head(message, "textDocument/publishDiagnostics");
    // Only the ranges the edits since the last publish moved are computed anew
    // (published_diagnostics.hpp).
    document.published.append(message, document.uri, document.version, result.diagnostics, *document.lines, encoding,
                              rule_prefixes);
    message += '}';
    send(message);
    document.needs_publish = false;
    if (on_published) on_published(document, result);
}

void Session::publish_pending() {
    if (pulls_diagnostics()) {
        // Answered in the order asked; a pull cancelled meanwhile is answered already.
        std::vector<std::function<void()>> pulls;
        pulls.swap(pending_pulls);
        for (auto& answer : pulls) answer();
        for (auto& [uri, document] : documents.all()) document.needs_publish = false;
        if (refresh_requested) {
            refresh_requested = false;
            if (client.capabilities.diagnosticRefresh && state == Lifecycle::Initialized && !documents.all().empty())
                request_client("workspace/diagnostic/refresh", nullptr, [](const json& reply, bool error) {
                    if (error) spdlog::debug("workspace/diagnostic/refresh: {}", reply.dump());
                });
        }
        return;
    }
    for (auto& [uri, document] : documents.all())
        if (document.needs_publish) publish(document);
}

void Session::append_diagnostic_report(std::string& out, Document& document,
                                       const std::optional<std::string>& previous_result_id) {
    if (document.is_config) {
        ProjectConfig config = parse_config(document.text, uri_to_path(document.uri));
        out += json{{"kind", "full"}, {"items", config_problem_diagnostics(config, document.text)}}.dump();
        return;
    }
    const AnalysisResult& result = analysis(document);
    // The ranges come from the last report where the edits since did not move them, and the
    // list is compared with that report's on the way (published_diagnostics.hpp).
    bool same = document.published.update(result.diagnostics, *document.lines, encoding);
    if (same && document.result_id != 0 && previous_result_id &&
        *previous_result_id == std::to_string(document.result_id)) {
        out += R"({"kind":"unchanged","resultId":")";
        out += std::to_string(document.result_id);
        out += R"("})";
    } else {
        document.result_id = next_result_id++;
        std::size_t size = 64 + diagnostics_json_size(result.diagnostics, rule_prefixes);
        out.reserve(out.size() + size + size / 64);
        out += R"({"items":[)";
        document.published.append_items(out, result.diagnostics, rule_prefixes);
        out += R"(],"kind":"full","resultId":")";
        out += std::to_string(document.result_id);
        out += R"("})";
    }
    document.needs_publish = false;
    if (on_published) on_published(document, result);
}

void Session::clear_diagnostics(const std::string& uri) {
    // A pulling client forgets a closed document's pulled diagnostics itself.
    if (pulls_diagnostics()) return;
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

void invalid_params(std::string message) {
    throw protocol::RequestError{protocol::ErrorCode::InvalidParams, std::move(message)};
}

std::string require_uri(const json& params) {
    if (!params.is_object() || !params.contains("textDocument") || !params["textDocument"].is_object() ||
        !params["textDocument"].contains("uri") || !params["textDocument"]["uri"].is_string())
        invalid_params("textDocument.uri is required");
    return params["textDocument"]["uri"];
}

Document& require_document(Session& session, const json& params) {
    std::string uri = require_uri(params);
    Document* doc = session.documents.find(uri);
    if (!doc) invalid_params("document is not open: " + uri);
    return *doc;
}

} // namespace cdls::server

namespace cdls::server {

std::string uri_to_path(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.substr(0, scheme.size()) != scheme) return {};
    uri.remove_prefix(scheme.size());
    // file://host/path: only the local host (empty or "localhost") is a local path.
    if (!uri.empty() && uri.front() != '/') {
        std::size_t slash = uri.find('/');
        if (slash == std::string_view::npos || uri.substr(0, slash) != "localhost") return {};
        uri.remove_prefix(slash);
    }
    std::string out;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += uri[i];
        }
    }
    return out;
}

std::string path_to_uri(const std::filesystem::path& path) {
    return "file://" + registry::percent_encode(path.generic_string(), "/~");
}

void Session::request_client(std::string_view method, const json& params,
                             std::function<void(const json& result, bool error)> on_reply) {
    protocol::RequestId id{next_request_id++};
    pending_requests[protocol::id_to_string(id)] = std::move(on_reply);
    send(protocol::make_request(id, method, params));
}

std::shared_ptr<const AnalysisSettings> Session::settings_for(const Document& document) {
    std::string path = uri_to_path(document.uri);
    std::optional<std::filesystem::path> file;
    if (!path.empty()) file = find_config_file(std::filesystem::path(path).parent_path());
    std::string key = file ? file->string() : std::string();
    if (auto it = settings_cache.find(key); it != settings_cache.end()) return it->second;
    ProjectConfig config;
    if (file) {
        auto loaded = config_files.find(*file);
        if (loaded == config_files.end()) {
            loaded = config_files.emplace(*file, load_config_with_catalogue(*file)).first;
            // Problems of a file on disk are shown on it (unless it is open: then its live text).
            bool open = documents.find(path_to_uri(*file)) != nullptr;
            if (!open) publish_config_problems(*file, loaded->second, {}, std::nullopt);
        }
        config = loaded->second;
    }
    ProjectConfig merged = config;
    merged.problems.clear();
    apply_settings(editor_settings, merged);
    if (merged.catalogue != config.catalogue) attach_user_catalogue(merged); // set in the editor settings
    for (const auto& p : merged.problems) spdlog::warn("editor settings: {}", p.message);
    if (registry && merged.registry.enabled && merged.registry.diagnostics)
        merged.settings.registry_tags = registry->snapshot();
    registry_settings_cache[key] = merged.registry;
    auto settings = std::make_shared<const AnalysisSettings>(merged.settings);
    settings_cache[key] = settings;
    return settings;
}

registry::RegistrySettings Session::registry_settings_for(const Document& document) {
    settings_for(document);
    std::string path = uri_to_path(document.uri);
    std::optional<std::filesystem::path> file;
    if (!path.empty()) file = find_config_file(std::filesystem::path(path).parent_path());
    auto it = registry_settings_cache.find(file ? file->string() : std::string());
    return it == registry_settings_cache.end() ? registry::RegistrySettings{} : it->second;
}

void Session::reload_configuration() {
    config_files.clear();
    settings_cache.clear();
    registry_settings_cache.clear();
    for (auto& [uri, document] : documents.all()) {
        document.dirty = true;
        document.needs_publish = true;
        document.published.forget(); // new settings: nothing of the last publish is taken on trust
    }
    refresh_requested = true;
}

void Session::publish_config_problems(const std::filesystem::path& file, const ProjectConfig& config,
                                      std::string_view text, std::optional<std::int64_t> version) {
    std::string uri = file.empty() ? path_to_uri(config.file) : path_to_uri(file);
    json diagnostics = config_problem_diagnostics(config, text);
    json params = {{"uri", uri}, {"diagnostics", diagnostics}};
    if (version) params["version"] = *version;
    notify("textDocument/publishDiagnostics", std::move(params));
}

json Session::config_problem_diagnostics(const ProjectConfig& config, std::string_view text) const {
    LineIndex index(text);
    json diagnostics = json::array();
    for (const auto& p : config.problems) {
        lsp::Diagnostic d;
        LineRange r = index.range(p.range, encoding);
        d.range = {{r.start.line, r.start.character}, {r.end.line, r.end.character}};
        d.severity = 1;
        d.code = "invalid-configuration";
        d.message = p.message;
        diagnostics.push_back(d);
    }
    return diagnostics;
}

} // namespace cdls::server
