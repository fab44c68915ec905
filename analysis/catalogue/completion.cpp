// Completion items and hover text built from the catalogue (plain structs; the server maps them).
#include "analysis/catalogue/catalogue.hpp"

#include <cstdio>

namespace cdls::catalogue {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

std::string numbered_key(std::size_t index) {
    std::string key = std::to_string(index);
    if (key.size() < 6) key.insert(0, 6 - key.size(), '0');
    return key;
}

std::string plural(std::size_t count, std::string_view word) {
    return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

std::string hub_link(const ImageInfo& info) {
    if (info.builtin) return "[Docker Hub](https://hub.docker.com/_/" + info.name + ")";
    if (info.name.find('.') == std::string::npos && info.name.find('/') != std::string::npos)
        return "[Docker Hub](https://hub.docker.com/r/" + info.name + ")";
    return {};
}

std::string image_markdown(const ImageInfo& info) {
    std::string out = "**" + info.name + "**" + (info.builtin ? " — Docker Official Image" : "") + "\n\n";
    if (!info.deprecated.empty()) out += "**Deprecated:** " + info.deprecated + "\n\n";
    if (!info.description.empty()) out += info.description + "\n\n";
    else if (!info.short_description.empty()) out += info.short_description + "\n\n";
    if (!info.architectures.empty()) out += "Architectures: " + join(info.architectures, ", ") + "\n\n";
    if (auto link = hub_link(info); !link.empty()) out += link + "\n";
    return out;
}

} // namespace

std::string image_documentation(std::string_view name, const Catalogue& catalogue) {
    auto info = catalogue.image(name);
    return info ? image_markdown(*info) : std::string();
}

std::vector<ImageCompletion> complete_images(std::string_view prefix, const Catalogue& catalogue) {
    std::vector<ImageCompletion> items;
    auto names = catalogue.images_by_prefix(prefix);
    items.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto brief = catalogue.brief(names[i]);
        if (!brief) continue;
        ImageCompletion item;
        item.name = std::move(names[i]);
        item.detail = std::string(brief->builtin ? "official image" : "image");
        if (brief->deprecated) item.detail += " · deprecated";
        if (brief->architectures) item.detail += " · " + plural(brief->architectures, "architecture");
        item.sort_key = numbered_key(i);
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<TagCompletion> complete_tags(std::string_view image, std::string_view prefix, const Catalogue& catalogue) {
    std::vector<TagCompletion> items;
    auto tags = catalogue.tags(image);
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i].rfind(prefix, 0) != 0) continue;
        auto info = catalogue.tag(image, tags[i]);
        if (!info) continue;
        TagCompletion item;
        item.tag = tags[i];
        item.detail = info->floating ? (info->most_specific != info->tag ? "floating → " + info->most_specific : "floating")
                                     : "pinned";
        item.sort_key = numbered_key(i);
        items.push_back(std::move(item));
    }
    return items;
}

std::string describe_image_markdown(std::string_view reference_text, const Catalogue& catalogue) {
    auto reference = parse_image_reference(reference_text);
    if (!reference.valid) return {};
    auto info = catalogue.image(reference.name);
    if (!info) return {};
    std::string out = "**" + info->name + "**" + (info->builtin ? " — Docker Official Image" : "") + "\n\n";
    if (!info->deprecated.empty()) out += "**Deprecated:** " + info->deprecated + "\n\n";
    if (!info->description.empty()) out += info->description + "\n\n";
    else if (!info->short_description.empty()) out += info->short_description + "\n\n";
    if (reference.has_digest) {
        out += "Pinned by digest `" + reference.digest + "`.\n\n";
    }
    std::string tag = reference.has_tag ? reference.tag : "latest";
    if (auto tag_info = catalogue.tag(reference.name, tag)) {
        out += "Tag `" + tag + "`" + (reference.has_tag ? "" : " (implied)") + ": " +
               (tag_info->floating ? "**floating** — it moves to new builds" : "pinned to a version") + ".\n\n";
        if (tag_info->most_specific != tag) out += "Most specific version: `" + tag_info->most_specific + "`\n\n";
        out += "Same image as: " + join(tag_info->aliases, ", ") + "\n\n";
        if (!tag_info->architectures.empty()) out += "Architectures: " + join(tag_info->architectures, ", ") + "\n\n";
        auto chain = catalogue.lineage(reference.name, tag);
        if (chain.size() > 1) out += "Lineage: " + join(chain, " → ") + "\n\n";
    } else {
        out += "Tag `" + tag + "` is not in the catalogue (" + plural(info->tag_count, "known tag") + ").\n\n";
        if (!info->architectures.empty()) out += "Architectures: " + join(info->architectures, ", ") + "\n\n";
    }
    if (auto link = hub_link(*info); !link.empty()) out += link + "\n";
    return out;
}

} // namespace cdls::catalogue
