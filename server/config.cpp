// .cdls.json parsing, validation with positions, discovery and merging.
#include "server/config.hpp"

#include "analysis/core/glob.hpp"
#include "analysis/core/rule.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace cdls::server {

namespace {

// The range of `"key"` in the text (first occurrence after `from`), for problem positions.
TextRange locate(std::string_view text, std::string_view key, std::size_t from = 0) {
    if (text.empty()) return {};
    std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t at = text.find(quoted, from);
    if (at == std::string_view::npos) return {};
    return {static_cast<Offset>(at), static_cast<Offset>(at + quoted.size())};
}

std::string type_name(const json& v) {
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_array()) return "an array";
    if (v.is_object()) return "an object";
    return "null";
}

bool read_string_list(const json& v, const char* key, std::vector<std::string>& out, ProjectConfig& config,
                      std::string_view text) {
    if (!v.is_array()) {
        config.problems.push_back({std::string("`") + key + "` must be an array of strings, not " + type_name(v), locate(text, key)});
        return false;
    }
    std::vector<std::string> values;
    for (const auto& item : v) {
        if (!item.is_string()) {
            config.problems.push_back({std::string("`") + key + "` must contain only strings, found " + type_name(item), locate(text, key)});
            continue;
        }
        values.push_back(item.get<std::string>());
    }
    out = std::move(values);
    return true;
}

const std::vector<std::string_view> known_keys{"$schema", "rules", "ignorePaths", "trustedRegistries", "allowedImages",
                                               "dataExtensions", "catalogue", "failOn", "registry", "formatting",
                                               "trace"};

} // namespace

bool ProjectConfig::ignores(const fs::path& path) const {
    if (ignore_paths.empty()) return false;
    std::error_code ec;
    fs::path relative = root().empty() ? path : fs::relative(fs::weakly_canonical(path, ec), fs::weakly_canonical(root(), ec), ec);
    if (ec) relative = path;
    std::string rel = relative.generic_string();
    for (const auto& pattern : ignore_paths) {
        if (glob_match(pattern, rel)) return true;
        // A folder pattern ("vendor" or "vendor/") covers what is inside it.
        std::string dir = pattern;
        while (!dir.empty() && dir.back() == '/') dir.pop_back();
        if (!dir.empty() && (glob_match(dir + "/**", rel))) return true;
    }
    return false;
}

void apply_settings(const json& settings, ProjectConfig& config, std::string_view text) {
    if (!settings.is_object()) {
        if (!settings.is_null()) config.problems.push_back({"the configuration must be a JSON object, not " + type_name(settings), {}});
        return;
    }
    for (const auto& [key, value] : settings.items()) {
        if (key == "rules") {
            if (!value.is_object()) {
                config.problems.push_back({"`rules` must be an object of rule id to severity, not " + type_name(value), locate(text, key)});
                continue;
            }
            for (const auto& [id, level] : value.items()) {
                TextRange where = locate(text, id);
                if (!find_rule(id)) {
                    config.problems.push_back({"unknown rule `" + id + "` (see `cdls check --list-rules`)", where});
                    continue;
                }
                Severity s;
                if (level.is_string() && level.get<std::string>() == "off") {
                    config.settings.overrides[id] = std::nullopt;
                } else if (level.is_string() && parse_severity(level.get<std::string>(), s)) {
                    config.settings.overrides[id] = s;
                } else {
                    config.problems.push_back({"rule `" + id + "`: the value must be \"off\", \"hint\", \"information\", "
                                               "\"warning\" or \"error\"", where});
                }
            }
        } else if (key == "ignorePaths") {
            read_string_list(value, "ignorePaths", config.ignore_paths, config, text);
        } else if (key == "trustedRegistries") {
            read_string_list(value, "trustedRegistries", config.settings.trusted_registries, config, text);
        } else if (key == "allowedImages") {
            read_string_list(value, "allowedImages", config.settings.allowed_images, config, text);
        } else if (key == "dataExtensions") {
            read_string_list(value, "dataExtensions", config.settings.data_extensions, config, text);
        } else if (key == "catalogue") {
            if (value.is_string()) {
                fs::path p = value.get<std::string>();
                config.catalogue = p.is_absolute() || config.root().empty() ? p : config.root() / p;
            } else if (!value.is_null()) {
                config.problems.push_back({"`catalogue` must be a path (a string), not " + type_name(value), locate(text, key)});
            }
        } else if (key == "failOn") {
            Severity s;
            if (value.is_string() && parse_severity(value.get<std::string>(), s)) config.fail_on = s;
            else config.problems.push_back({"`failOn` must be \"error\", \"warning\", \"information\" or \"hint\"", locate(text, key)});
        } else if (key == "$schema" || key == "trace" || key == "path") {
            // Editor conveniences (the client's own binary path and trace level); nothing to apply.
        } else if (key == "registry") {
            std::size_t from = locate(text, key).begin;
            for (auto& [message, where] : registry::apply_registry_settings(value, config.registry))
                config.problems.push_back({std::move(message), locate(text, where, from)});
            // A relative caFile is relative to the .cdls.json holding it.
            for (auto& [host, options] : config.registry.registries)
                if (!options.ca_file.empty() && fs::path(options.ca_file).is_relative() && !config.root().empty())
                    options.ca_file = (config.root() / options.ca_file).string();
        } else if (key == "formatting") {
            if (!value.is_object())
                config.problems.push_back({"`" + key + "` must be an object, not " + type_name(value), locate(text, key)});
        } else {
            std::string message = "unknown key `" + key + "`";
            config.problems.push_back({message + "; known keys: rules, ignorePaths, trustedRegistries, allowedImages, "
                                                 "dataExtensions, catalogue, failOn, registry", locate(text, key)});
        }
    }
}

ProjectConfig parse_config(std::string_view text, const fs::path& file) {
    ProjectConfig config;
    config.file = file;
    json doc;
    try {
        doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        Offset at = static_cast<Offset>(std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size()));
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." → the tail.
        std::size_t colon = what.find(": ");
        config.problems.push_back({"invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)),
                                   {at, static_cast<Offset>(std::min<std::size_t>(at + 1, text.size()))}});
        return config;
    } catch (const json::exception& e) {
        // Valid syntax the parser still refuses: a number too large for a double ("1e999",
        // found by fuzzing). The message quotes the literal; point at it.
        std::string what = e.what();
        std::size_t colon = what.find("] ");
        std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
        Offset at = 0, end = static_cast<Offset>(std::min<std::size_t>(text.size(), 1));
        std::size_t q1 = message.find('\''), q2 = q1 == std::string::npos ? q1 : message.find('\'', q1 + 1);
        if (q2 != std::string::npos) {
            std::size_t found = text.find(message.substr(q1 + 1, q2 - q1 - 1));
            if (found != std::string::npos) {
                at = static_cast<Offset>(found);
                end = static_cast<Offset>(found + (q2 - q1 - 1));
            }
        }
        config.problems.push_back({"invalid JSON: " + message, {at, end}});
        return config;
    }
    if (!doc.is_object()) {
        config.problems.push_back({"a .cdls.json file holds one JSON object", {0, static_cast<Offset>(std::min<std::size_t>(text.size(), 1))}});
        return config;
    }
    apply_settings(doc, config, text);
    // JSON objects iterate in key order; report problems in text order.
    std::stable_sort(config.problems.begin(), config.problems.end(),
                     [](const ConfigProblem& a, const ConfigProblem& b) { return a.range.begin < b.range.begin; });
    return config;
}

std::optional<fs::path> find_config_file(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return std::nullopt;
    for (int depth = 0; depth < 256; ++depth) {
        fs::path candidate = dir / config_file_name;
        if (fs::is_regular_file(candidate, ec)) return candidate;
        if (fs::exists(dir / ".git", ec)) return std::nullopt; // the repository root ends the search
        fs::path parent = dir.parent_path();
        if (parent == dir || parent.empty()) return std::nullopt;
        dir = parent;
    }
    return std::nullopt;
}

ProjectConfig load_config(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ProjectConfig config;
        config.file = file;
        config.problems.push_back({"cannot read " + file.string(), {}});
        return config;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_config(ss.str(), file);
}

} // namespace cdls::server
