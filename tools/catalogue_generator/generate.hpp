// Turns a Docker Official Images snapshot (official-images.json + lineage.json) into the C++
// source of analysis/catalogue/catalogue_data.cpp. Header-only so that the generator tool and
// the freshness test share one implementation.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::catalogue_generator {

// Whitespace (tabs, newlines, runs of spaces) collapsed to one space; fields of the blob are
// tab-separated and records newline-separated, so neither may appear inside a field.
inline std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

// At most `limit` bytes, cut after the last sentence end that fits (else at a word boundary).
inline std::string trim_text(std::string_view text, std::size_t limit) {
    std::string line = one_line(text);
    if (line.size() <= limit) return line;
    std::string_view head(line.data(), limit);
    std::size_t cut = head.rfind(". ");
    if (cut != std::string_view::npos && cut > limit / 3) return std::string(head.substr(0, cut + 1));
    cut = head.rfind(' ');
    if (cut == std::string_view::npos) cut = limit;
    // Do not split a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return std::string(head.substr(0, cut)) + "…";
}

inline std::string join(const std::vector<std::string>& parts, char separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out.push_back(separator);
        out += part;
    }
    return out;
}

inline std::vector<std::string> strings_of(const nlohmann::json& value) {
    std::vector<std::string> out;
    if (!value.is_array()) return out;
    for (const auto& item : value)
        if (item.is_string()) out.push_back(one_line(item.get<std::string>()));
    return out;
}

inline std::string string_of(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The blob format (one record a line, fields separated by tabs, lists by spaces):
//   A <architectures>                         an architecture set, numbered in order
//   I <name> <flags> <categories,> <short> <description> <deprecated>
//   E <architecture set> <parent> <tags> <shared tags>   an entry of the image above
//   P <floating>><target> ...                 the image's pins
//   O <tag> <parent>                          a tag whose parent differs from its entry's
// flags: "n" = no library file (docs only, e.g. scratch), "x" = no active tags.
inline std::string generate_blob(const nlohmann::json& official, const nlohmann::json& lineage) {
    std::string blob;
    std::map<std::string, std::size_t> architecture_sets;
    const auto& parents = lineage.at("parents");
    const auto& parent_map = parents.get_ref<const nlohmann::json::object_t&>();
    const auto& images = official.at("images");
    for (const auto& [name, image] : images.items()) {
        std::string flags;
        if (image.value("noLibraryFile", false)) flags += 'n';
        if (image.value("noActiveTags", false)) flags += 'x';
        std::string deprecated = image.contains("deprecated") ? trim_text(string_of(image, "deprecated"), 300) : "";
        std::string entries_text;
        std::map<std::string, std::string> parent_by_tag; // what the decoder will answer
        const auto entries = image.value("entries", nlohmann::json::array());
        std::set<std::string> seen_tags;
        for (const auto& entry : entries) {
            auto tags = strings_of(entry.value("tags", nlohmann::json::array()));
            auto shared = strings_of(entry.value("sharedTags", nlohmann::json::array()));
            auto architectures = strings_of(entry.value("architectures", nlohmann::json::array()));
            std::string architecture_key = join(architectures, ' ');
            auto [slot, added] = architecture_sets.emplace(architecture_key, architecture_sets.size());
            if (added) blob += "A\t" + architecture_key + "\n";
            // The entry's parent: the one its own tags share (they all come from one Dockerfile).
            std::string parent;
            for (const auto& tag : tags) {
                auto it = parents.find(name + ":" + tag);
                if (it != parents.end() && it->is_string()) {
                    parent = it->get<std::string>();
                    break;
                }
            }
            for (const auto& tag : tags) parent_by_tag.emplace(tag, parent);
            // A shared tag belongs to the first entry naming it (linux entries come first).
            for (const auto& tag : shared) parent_by_tag.emplace(tag, parent);
            for (const auto& tag : tags) seen_tags.insert(tag);
            entries_text += "E\t" + std::to_string(slot->second) + "\t" + parent + "\t" + join(tags, ' ') +
                            "\t" + join(shared, ' ') + "\n";
        }
        blob += "I\t" + name + "\t" + flags + "\t" + join(strings_of(image.value("categories", nlohmann::json::array())), ',') +
                "\t" + trim_text(string_of(image, "short"), 300) + "\t" +
                trim_text(string_of(image, "description"), 300) + "\t" + deprecated + "\n";
        blob += entries_text;
        std::vector<std::string> pins;
        if (auto it = image.find("pins"); it != image.end() && it->is_object())
            for (const auto& [floating, target] : it->items())
                if (target.is_string()) pins.push_back(floating + ">" + target.get<std::string>());
        if (!pins.empty()) blob += "P\t" + join(pins, ' ') + "\n";
        // Tags whose lineage parent is not the one the decoder derives from the entry.
        const std::string prefix = name + ":";
        for (auto it = parent_map.lower_bound(prefix); it != parent_map.end(); ++it) {
            if (it->first.compare(0, prefix.size(), prefix) != 0) break;
            std::string tag = it->first.substr(prefix.size());
            std::string parent = it->second.is_string() ? it->second.get<std::string>() : std::string();
            auto known = parent_by_tag.find(tag);
            if (known == parent_by_tag.end() || known->second != parent) blob += "O\t" + tag + "\t" + parent + "\n";
        }
    }
    return blob;
}

inline std::string generate_source(const nlohmann::json& official, const nlohmann::json& lineage) {
    const auto& meta = official.at("_meta");
    std::string blob = generate_blob(official, lineage);
    std::string out;
    out += "// The built-in base-image catalogue: Docker Official Images at docker-library/official-images\n";
    out += "// " + string_of(meta, "officialImagesCommit") + " (" + string_of(meta, "officialImagesCommitDate") +
           ") with their lineage.\n";
    out += "// Generated by scripts/generate-catalogue (tools/catalogue_generator); do not edit.\n";
    out += "#include \"analysis/catalogue/catalogue_data.hpp\"\n\n";
    out += "namespace cdls::catalogue::data {\n\n";
    out += "std::string_view snapshot() { return \"docker-library/official-images@" +
           string_of(meta, "officialImagesCommit") + " " + string_of(meta, "officialImagesCommitDate") + "\"; }\n\n";
    out += "namespace {\n";
    // Chunks of at most 60000 bytes keep every literal under compiler limits (MSVC: 64 KiB).
    std::vector<std::string> chunks;
    std::size_t begin = 0;
    while (begin < blob.size()) {
        std::size_t end = std::min(blob.size(), begin + 60000);
        if (end < blob.size()) end = blob.rfind('\n', end - 1) + 1;
        chunks.push_back(blob.substr(begin, end - begin));
        begin = end;
    }
    out += "constexpr char blob[] =\n";
    for (const auto& chunk : chunks) out += "R\"cdls(" + chunk + ")cdls\"\n";
    out += ";\n} // namespace\n\n";
    out += "std::string_view blob_text() { return {blob, sizeof blob - 1}; }\n\n";
    out += "} // namespace cdls::catalogue::data\n";
    return out;
}

} // namespace cdls::catalogue_generator
