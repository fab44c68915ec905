// Turns a Docker Official Images snapshot (official-images.json + lineage.json) into the C++
// source of analysis/catalogue/catalogue_data.cpp. Header-only so that the generator tool and
// the freshness test share one implementation.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
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

// Lays a blob out: the index (architecture sets, then one line per image, in the order added),
// a `B` line, then the images' bodies, which the loader reads only when an image is first
// asked for: those of the images named by `first` first (the base images every lineage walk
// reads), then the others in index order.
class BlobWriter {
public:
    // The next architecture set (numbered from 0 in the order added).
    void add_architecture_set(std::string_view architectures) {
        sets_ += "A\t";
        sets_ += architectures;
        sets_ += '\n';
    }
    // An image: its index fields and its body (its `I` line, then its other records).
    void add_image(std::string_view name, std::string_view flags, std::size_t architectures,
                   std::string_view body) {
        images_.push_back({std::string(name), std::string(flags), architectures, std::string(body)});
    }
    std::string blob(const std::vector<std::string>& first = {}) const {
        std::vector<std::size_t> order;
        for (const auto& name : first)
            for (std::size_t k = 0; k < images_.size(); ++k)
                if (images_[k].name == name && std::find(order.begin(), order.end(), k) == order.end())
                    order.push_back(k);
        for (std::size_t k = 0; k < images_.size(); ++k)
            if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
        std::vector<std::size_t> offsets(images_.size());
        std::string bodies;
        for (std::size_t k : order) {
            offsets[k] = bodies.size();
            bodies += images_[k].body;
        }
        std::string out = sets_;
        for (std::size_t k = 0; k < images_.size(); ++k)
            out += "N\t" + images_[k].name + "\t" + images_[k].flags + "\t" +
                   std::to_string(images_[k].architectures) + "\t" + std::to_string(offsets[k]) +
                   "\t" + std::to_string(images_[k].body.size()) + "\n";
        return out + "B\n" + bodies;
    }

private:
    struct Image {
        std::string name;
        std::string flags;
        std::size_t architectures;
        std::string body;
    };
    std::string sets_;
    std::vector<Image> images_;
};

// The blob format: one record a line, fields separated by tabs, lists by spaces. The index,
// all that the loader reads before an image is asked for:
//   A <architectures>                         an architecture set, numbered in order
//   N <name> <flags> <architectures> <offset> <size>   an image: how many architectures its
//                                             entries have in all, and where its body is
//                                             (bytes, counted from the line after `B`;
//                                             the bodies may come in any order)
//   B                                         the end of the index
// An image's body:
//   I <name> <flags> <categories,> <short> <description> <deprecated>
//   E <architecture set> <parent> <tags> <shared tags>   an entry of the image
//   P <floating>><target> ...                 the image's pins
//   O <tag> <parent>                          a tag whose parent differs from its entry's
// flags: "n" = no library file (docs only, e.g. scratch), "x" = no active tags; the index adds
// "d" = deprecated.
inline std::string generate_blob(const nlohmann::json& official, const nlohmann::json& lineage) {
    BlobWriter writer;
    std::map<std::string, std::size_t> architecture_sets;
    const auto& parents = lineage.at("parents");
    const auto& parent_map = parents.get_ref<const nlohmann::json::object_t&>();
    const auto& images = official.at("images");
    std::map<std::string, std::set<std::string>> children_of; // image → the images built on it
    for (const auto& [name, image] : images.items()) {
        std::string flags;
        if (image.value("noLibraryFile", false)) flags += 'n';
        if (image.value("noActiveTags", false)) flags += 'x';
        std::string deprecated = image.contains("deprecated") ? trim_text(string_of(image, "deprecated"), 300) : "";
        std::string entries_text;
        std::map<std::string, std::string> parent_by_tag; // what the decoder will answer
        std::set<std::string> architectures_in_all;         // as the decoder splits them
        const auto entries = image.value("entries", nlohmann::json::array());
        std::set<std::string> seen_tags;
        for (const auto& entry : entries) {
            auto tags = strings_of(entry.value("tags", nlohmann::json::array()));
            auto shared = strings_of(entry.value("sharedTags", nlohmann::json::array()));
            auto architectures = strings_of(entry.value("architectures", nlohmann::json::array()));
            std::string architecture_key = join(architectures, ' ');
            auto [slot, added] = architecture_sets.emplace(architecture_key, architecture_sets.size());
            if (added) writer.add_architecture_set(architecture_key);
            for (std::size_t start = 0; start < architecture_key.size();) {
                std::size_t end = architecture_key.find(' ', start);
                if (end == std::string::npos) end = architecture_key.size();
                if (end > start)
                    architectures_in_all.insert(architecture_key.substr(start, end - start));
                start = end + 1;
            }
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
            if (std::string base = parent.substr(0, parent.find_first_of(":@"));
                base != name && images.contains(base))
                children_of[base].insert(name);
            // A shared tag belongs to the first entry naming it (linux entries come first).
            for (const auto& tag : shared) parent_by_tag.emplace(tag, parent);
            for (const auto& tag : tags) seen_tags.insert(tag);
            entries_text += "E\t" + std::to_string(slot->second) + "\t" + parent + "\t" + join(tags, ' ') +
                            "\t" + join(shared, ' ') + "\n";
        }
        const auto categories = strings_of(image.value("categories", nlohmann::json::array()));
        std::string body = "I\t" + name + "\t" + flags + "\t" + join(categories, ',') + "\t" +
                           trim_text(string_of(image, "short"), 300) + "\t" +
                           trim_text(string_of(image, "description"), 300) + "\t" + deprecated +
                           "\n";
        body += entries_text;
        std::vector<std::string> pins;
        if (auto it = image.find("pins"); it != image.end() && it->is_object())
            for (const auto& [floating, target] : it->items())
                if (target.is_string()) pins.push_back(floating + ">" + target.get<std::string>());
        if (!pins.empty()) body += "P\t" + join(pins, ' ') + "\n";
        // Tags whose lineage parent is not the one the decoder derives from the entry.
        const std::string prefix = name + ":";
        for (auto it = parent_map.lower_bound(prefix); it != parent_map.end(); ++it) {
            if (it->first.compare(0, prefix.size(), prefix) != 0) break;
            std::string tag = it->first.substr(prefix.size());
            std::string parent = it->second.is_string() ? it->second.get<std::string>() : std::string();
            auto known = parent_by_tag.find(tag);
            if (known == parent_by_tag.end() || known->second != parent) body += "O\t" + tag + "\t" + parent + "\n";
        }
        writer.add_image(name, deprecated.empty() ? flags : flags + 'd',
                         architectures_in_all.size(), body);
    }
    // Base images first: those other images are built on, the most built on first.
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [name, children] : children_of) ranked.emplace_back(children.size(), name);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> first;
    for (const auto& each : ranked) first.push_back(each.second);
    return writer.blob(first);
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
