// The user catalogue file (setting `catalogue`): private or extra base images in JSON, added to
// the built-in catalogue for the image rules, completion and hover. Format: docs/catalogue.md.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "server/config.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::server {

struct UserCatalogue {
    catalogue::CatalogueExtension extension;
    std::vector<std::string>
        problems; // each says what is wrong and where ("images[2].entries: ...")
};

// Parses the JSON text of a user catalogue; what is valid applies, the rest becomes problems.
UserCatalogue parse_user_catalogue(std::string_view text);

// The built-in catalogue extended with the file at `path` (cached by path, size and modification
// time, so a changed file is read again on the next configuration reload). Problems, including
// an unreadable file, are appended to `problems`.
std::shared_ptr<const catalogue::Catalogue> load_user_catalogue(const std::filesystem::path& path,
                                                                std::vector<std::string>& problems);

// Sets config.settings.catalogue from config.catalogue (when set); problems become config
// problems (shown on the .cdls.json file).
void attach_user_catalogue(ProjectConfig& config);

// load_config followed by attach_user_catalogue.
ProjectConfig load_config_with_catalogue(const std::filesystem::path& file);

} // namespace cdls::server
