// Every answer of a catalogue as one text: its images, their tags and each tag's lineage, to
// compare two representations of the same data.
#pragma once

#include "analysis/catalogue/catalogue.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::catalogue::testing {

inline void dump_list(std::string& out, std::string_view label,
                      const std::vector<std::string>& items) {
    out += label;
    for (const auto& item : items) {
        out += ' ';
        out += item;
    }
    out += '\n';
}

inline std::string dump_catalogue(const Catalogue& catalogue) {
    std::string out;
    for (char first = 'a'; first <= 'z'; ++first)
        dump_list(out, "prefix", catalogue.images_by_prefix(std::string(1, first)));
    for (const auto& name : catalogue.images_by_prefix("")) {
        auto image = catalogue.image(name);
        out += "image " + name + '\n';
        if (!image) continue;
        out +=
            image->short_description + '\n' + image->description + '\n' + image->deprecated + '\n';
        dump_list(out, "categories", image->categories);
        dump_list(out, "architectures", image->architectures);
        out += "tag_count " + std::to_string(image->tag_count) +
               (image->builtin ? " builtin\n" : "\n");
        auto brief = catalogue.brief(name);
        out += "brief " + std::to_string(brief->architectures) +
               (brief->deprecated ? " deprecated\n" : "\n");
        auto tags = catalogue.tags(name);
        tags.push_back("no-such-tag");
        tags.push_back("");
        for (const auto& tag : tags) {
            auto info = catalogue.tag(name, tag);
            out += "tag " + tag + '\n';
            if (info) {
                out += info->image + ':' + info->tag + ' ' + info->most_specific + ' ' +
                       info->pin_target + ' ' + info->parent +
                       (info->floating ? " floating\n" : "\n");
                dump_list(out, "aliases", info->aliases);
                dump_list(out, "pinned", info->pinned_aliases);
                dump_list(out, "architectures", info->architectures);
            }
            dump_list(out, "lineage", catalogue.lineage(name, tag));
        }
    }
    return out;
}

// FNV-1a, 64 bits.
inline std::uint64_t digest(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : text)
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return hash;
}

// An extension over the built-in images with what user catalogues may hold: unsorted pins,
// shared tags, an empty tag, tags with spaces and '>', a replaced built-in image, parents.
inline CatalogueExtension sample_extension() {
    CatalogueExtension extension;
    ExtraImage tool;
    tool.name = "ghcr.io/org/tool";
    tool.short_description = "Our tool";
    tool.entries.push_back(
        {{"1.4.2", "1.4", "1", "latest"}, {"shared"}, {"amd64"}, "python:3.12-slim"});
    tool.entries.push_back(
        {{"2.0.0", "2", "odd tag", "a>b", ""}, {"shared", "1"}, {"arm64v8", "amd64"}, ""});
    tool.pins = {{"latest", "1.4.2"}, {"1.4", "1.4.2"}, {"1", "1.4.2"}, {"a>b", "x>y"}};
    extension.images.push_back(tool);
    ExtraImage python;
    python.name = "python";
    python.description = "replaced";
    python.entries.push_back({{"3.99.1", "3.99", "latest"}, {}, {"riscv64"}, "debian:trixie"});
    python.pins = {{"latest", "3.99.1"}};
    extension.images.push_back(python);
    extension.parents.push_back({"ghcr.io/org/base:2", "ubuntu:24.04"});
    extension.parents.push_back({"ghcr.io/org/tool:2", "ghcr.io/org/base:2"});
    return extension;
}

} // namespace cdls::catalogue::testing
