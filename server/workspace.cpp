// Configuration from the editor and from .cdls.json files as they change.
#include "server/language_server.hpp"

#include <spdlog/spdlog.h>

namespace cdls::server {

namespace {

// Asks the client for section `cdls` (when it supports workspace/configuration).
void pull_configuration(Session& s) {
    if (!s.client.capabilities.configuration) return;
    s.request_client("workspace/configuration", {{"items", {{{"section", "cdls"}}}}}, [&s](const json& result, bool error) {
        if (error || !result.is_array() || result.empty()) return;
        const json& section = result[0];
        if (!section.is_object() || section == s.editor_settings) return;
        s.editor_settings = section;
        s.reload_configuration();
        s.publish_pending();
    });
}

void initialized(Session& s, const json&) {
    if (s.client.initializationOptions.is_object()) {
        s.editor_settings = s.client.initializationOptions;
        s.reload_configuration();
    }
    if (s.client.capabilities.didChangeWatchedFilesDynamic) {
        json registration = {{"id", "cdls-config-watch"},
                             {"method", "workspace/didChangeWatchedFiles"},
                             {"registerOptions", {{"watchers", {{{"globPattern", "**/.cdls.json"}}}}}}};
        s.request_client("client/registerCapability", {{"registrations", {registration}}}, [](const json& r, bool error) {
            if (error) spdlog::warn("client refused to watch .cdls.json files: {}", r.dump());
        });
    }
    pull_configuration(s);
}

void did_change_configuration(Session& s, const json& params) {
    // Push-style clients send the settings; pull-style ones send null and expect a pull.
    if (params.is_object() && params.contains("settings") && params["settings"].is_object()) {
        const json& settings = params["settings"];
        json section = settings.contains("cdls") ? settings["cdls"] : settings;
        if (section.is_object()) {
            s.editor_settings = section;
            s.reload_configuration();
        }
    }
    pull_configuration(s);
}

void did_change_watched_files(Session& s, const json& params) {
    bool config_changed = false;
    if (params.is_object() && params.contains("changes") && params["changes"].is_array())
        for (const auto& change : params["changes"])
            if (change.is_object() && change.value("uri", "").ends_with(std::string("/") + config_file_name)) config_changed = true;
    if (!config_changed) return;
    spdlog::info("configuration changed on disk; re-analysing open documents");
    s.reload_configuration();
}

} // namespace

void register_workspace(Handlers& h) {
    h.notifications["initialized"] = initialized;
    h.notifications["workspace/didChangeConfiguration"] = did_change_configuration;
    h.notifications["workspace/didChangeWatchedFiles"] = did_change_watched_files;
}

} // namespace cdls::server
