// Reading the user catalogue JSON into the catalogue's plain extension structs.
#include "server/user_catalogue.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace cdls::server {

namespace {

bool read_strings(const json& value, const std::string& where, std::vector<std::string>& out,
                  std::vector<std::string>& problems) {
    if (!value.is_array()) {
        problems.push_back(where + ": expected an array of strings");
        return false;
    }
    for (const auto& item : value) {
        if (item.is_string())
            out.push_back(item.get<std::string>());
        else
            problems.push_back(where + ": expected strings only");
    }
    return true;
}

bool read_string(const json& value, const std::string& where, std::string& out,
                 std::vector<std::string>& problems) {
    if (!value.is_string()) {
        problems.push_back(where + ": expected a string");
        return false;
    }
    out = value.get<std::string>();
    return true;
}

void read_string_map(const json& value, const std::string& where,
                     std::vector<std::pair<std::string, std::string>>& out,
                     std::vector<std::string>& problems) {
    if (!value.is_object()) {
        problems.push_back(where + ": expected an object of strings");
        return;
    }
    for (const auto& [key, target] : value.items()) {
        if (target.is_string())
            out.emplace_back(key, target.get<std::string>());
        else
            problems.push_back(where + "." + key + ": expected a string");
    }
}

catalogue::ExtraEntry read_entry(const json& value, const std::string& where,
                                 std::vector<std::string>& problems) {
    catalogue::ExtraEntry entry;
    if (!value.is_object()) {
        problems.push_back(where + ": expected an object");
        return entry;
    }
    for (const auto& [key, field] : value.items()) {
        if (key == "tags")
            read_strings(field, where + ".tags", entry.tags, problems);
        else if (key == "sharedTags")
            read_strings(field, where + ".sharedTags", entry.shared_tags, problems);
        else if (key == "architectures")
            read_strings(field, where + ".architectures", entry.architectures, problems);
        else if (key == "parent")
            read_string(field, where + ".parent", entry.parent, problems);
        else
            problems.push_back(where + ": unknown key `" + key +
                               "` (tags, sharedTags, architectures, parent)");
    }
    if (entry.tags.empty()) problems.push_back(where + ": an entry needs at least one tag");
    return entry;
}

std::optional<catalogue::ExtraImage> read_image(const json& value, const std::string& where,
                                                std::vector<std::string>& problems) {
    if (!value.is_object()) {
        problems.push_back(where + ": expected an object");
        return std::nullopt;
    }
    catalogue::ExtraImage image;
    for (const auto& [key, field] : value.items()) {
        if (key == "name")
            read_string(field, where + ".name", image.name, problems);
        else if (key == "description")
            read_string(field, where + ".description", image.description, problems);
        else if (key == "shortDescription")
            read_string(field, where + ".shortDescription", image.short_description, problems);
        else if (key == "pins")
            read_string_map(field, where + ".pins", image.pins, problems);
        else if (key == "entries") {
            if (!field.is_array()) {
                problems.push_back(where + ".entries: expected an array");
                continue;
            }
            for (std::size_t i = 0; i < field.size(); ++i) {
                auto entry =
                    read_entry(field[i], where + ".entries[" + std::to_string(i) + "]", problems);
                if (!entry.tags.empty()) image.entries.push_back(std::move(entry));
            }
        } else {
            problems.push_back(where + ": unknown key `" + key +
                               "` (name, description, shortDescription, entries, pins)");
        }
    }
    if (image.name.empty()) {
        problems.push_back(where + ": an image needs a `name`");
        return std::nullopt;
    }
    // The catalogue keys Docker Hub official images by their short name.
    auto reference = catalogue::parse_image_reference(image.name);
    if (reference.valid && !reference.has_tag && !reference.has_digest) image.name = reference.name;
    return image;
}

} // namespace

UserCatalogue parse_user_catalogue(std::string_view text) {
    UserCatalogue out;
    json doc;
    try {
        doc = json::parse(text.begin(), text.end(), nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        std::size_t colon = what.find(": ");
        out.problems.push_back("invalid JSON: " +
                               (colon == std::string::npos ? what : what.substr(colon + 2)));
        return out;
    } catch (const json::exception& e) { // e.g. a number too large for a double
        std::string what = e.what();
        std::size_t close = what.find("] ");
        out.problems.push_back("invalid JSON: " + (close == std::string::npos ? what : what.substr(close + 2)));
        return out;
    }
    if (!doc.is_object()) {
        out.problems.push_back(
            "a catalogue file holds one JSON object with `images` (and optionally `parents`)");
        return out;
    }
    for (const auto& [key, value] : doc.items()) {
        if (key == "images") {
            if (!value.is_array()) {
                out.problems.push_back("images: expected an array");
                continue;
            }
            for (std::size_t i = 0; i < value.size(); ++i)
                if (auto image =
                        read_image(value[i], "images[" + std::to_string(i) + "]", out.problems))
                    out.extension.images.push_back(std::move(*image));
        } else if (key == "parents") {
            read_string_map(value, "parents", out.extension.parents, out.problems);
        } else if (key != "$schema") {
            out.problems.push_back("unknown key `" + key + "` (images, parents)");
        }
    }
    return out;
}

std::shared_ptr<const catalogue::Catalogue>
load_user_catalogue(const fs::path& path, std::vector<std::string>& problems) {
    struct Cached {
        fs::file_time_type time;
        std::uintmax_t size = 0;
        std::shared_ptr<const catalogue::Catalogue> catalogue;
        std::vector<std::string> problems;
    };
    static std::mutex mutex;
    static std::map<fs::path, Cached> cache;
    std::error_code ec;
    auto time = fs::last_write_time(path, ec);
    auto size = ec ? 0 : fs::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) {
        problems.push_back("cannot read the catalogue file " + path.string());
        return nullptr;
    }
    std::lock_guard lock(mutex);
    if (auto it = cache.find(path);
        it != cache.end() && it->second.time == time && it->second.size == size) {
        problems.insert(problems.end(), it->second.problems.begin(), it->second.problems.end());
        return it->second.catalogue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    UserCatalogue parsed = parse_user_catalogue(text.str());
    auto extended = std::make_shared<catalogue::Catalogue>(catalogue::Catalogue::builtin());
    extended->extend(parsed.extension);
    Cached entry{time, size, extended, {}};
    for (auto& problem : parsed.problems)
        entry.problems.push_back(path.filename().string() + ": " + problem);
    problems.insert(problems.end(), entry.problems.begin(), entry.problems.end());
    cache[path] = entry;
    return extended;
}

void attach_user_catalogue(ProjectConfig& config) {
    if (!config.catalogue) return;
    std::vector<std::string> problems;
    config.settings.catalogue = load_user_catalogue(*config.catalogue, problems);
    for (auto& problem : problems)
        config.problems.push_back({"catalogue: " + problem, {}});
}

ProjectConfig load_config_with_catalogue(const fs::path& file) {
    ProjectConfig config = load_config(file);
    attach_user_catalogue(config);
    return config;
}

} // namespace cdls::server
