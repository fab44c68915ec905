// Project configuration: `.cdls.json` (JSON with comments) found by walking up from a file,
// merged with editor settings; problems in it are reported, never ignored.
#pragma once

#include "analysis/core/text.hpp"
#include "analysis/document_analysis.hpp"
#include "server/registry/settings.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cdls::server {

struct ConfigProblem {
    std::string message;
    TextRange range; // in the config text ({0,0} for settings that came from the editor)
};

struct ProjectConfig {
    std::filesystem::path file; // the .cdls.json this came from; empty for defaults
    AnalysisSettings settings;
    std::vector<std::string> ignore_paths; // globs relative to the config's folder
    std::optional<Severity> fail_on;
    std::optional<std::filesystem::path> catalogue; // extra catalogue file, absolute
    registry::RegistrySettings registry;           // live registry look-ups (key `registry`)
    std::vector<ConfigProblem> problems;

    std::filesystem::path root() const { return file.empty() ? std::filesystem::path() : file.parent_path(); }
    // True when `path` matches one of ignorePaths (relative to the config's folder).
    bool ignores(const std::filesystem::path& path) const;
};

inline constexpr const char* config_file_name = ".cdls.json";

// Parses a config text. Unknown keys, wrong types and unknown rule ids become problems with
// the range of the offending key or value; everything valid still applies.
ProjectConfig parse_config(std::string_view text, const std::filesystem::path& file);

// Applies settings in the config's own shape (from LSP `workspace/configuration` section
// `cdls`, `didChangeConfiguration`, or initializationOptions) over `config`.
void apply_settings(const nlohmann::json& settings, ProjectConfig& config, std::string_view text = {});

// The nearest .cdls.json in `start` or a parent folder, stopping at the repository root (a
// folder holding .git) or the filesystem root.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Reads and parses a config file; an unreadable file is a problem in the result.
ProjectConfig load_config(const std::filesystem::path& file);

} // namespace cdls::server
