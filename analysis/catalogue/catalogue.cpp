// The catalogue: decoding of the generated blob, extension, and the tag and lineage queries.
#include "analysis/catalogue/catalogue.hpp"

#include "analysis/catalogue/catalogue_data.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace cdls::catalogue {

namespace {

// Appends the non-empty words of a list to `out`; returns how many.
std::uint32_t append_words(std::vector<std::string_view>& out, std::string_view text,
                           char separator) {
    std::size_t before = out.size();
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return static_cast<std::uint32_t>(out.size() - before);
}

// The non-empty words of a list.
std::vector<std::string_view> words(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    append_words(out, text, separator);
    return out;
}

template <typename Value>
const Value* find_sorted(const std::vector<std::pair<std::string_view, Value>>& sorted, std::string_view key) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), key,
                               [](const auto& item, std::string_view value) { return item.first < value; });
    return it != sorted.end() && it->first == key ? &it->second : nullptr;
}

std::vector<std::string> to_strings(const std::vector<std::string_view>& views) {
    return {views.begin(), views.end()};
}

// Images people reach for first (the seed list); completion shows them before the rest.
constexpr std::array<std::string_view, 15> well_known_images{
    "alpine", "busybox", "nginx",     "ubuntu", "python",  "postgres", "redis",   "httpd",
    "node",   "mongo",   "memcached", "mysql",  "traefik", "mariadb",  "rabbitmq"};

} // namespace

const Catalogue& Catalogue::builtin() {
    static const Catalogue catalogue = from_blob(data::blob_text());
    return catalogue;
}

Catalogue Catalogue::from_blob(std::string_view blob) {
    Catalogue catalogue;
    catalogue.entries_.reserve(static_cast<std::size_t>(std::count(blob.begin(), blob.end(), '\n')));
    Image* image = nullptr;
    std::vector<std::string_view> fields;
    for (std::size_t start = 0; start < blob.size();) {
        std::size_t end = blob.find('\n', start);
        if (end == std::string_view::npos) end = blob.size();
        std::string_view line = blob.substr(start, end - start);
        start = end + 1;
        if (line.size() < 2 || line[1] != '\t') continue;
        fields.clear();
        for (std::size_t field = 2;;) {
            std::size_t tab = line.find('\t', field);
            fields.push_back(line.substr(field, tab == std::string_view::npos ? std::string_view::npos : tab - field));
            if (tab == std::string_view::npos) break;
            field = tab + 1;
        }
        switch (line[0]) {
        case 'A': catalogue.architecture_sets_.push_back(words(fields[0], ' ')); break;
        case 'I': {
            image = nullptr; // records after a malformed image line belong to no image
            if (fields.size() < 6) break;
            catalogue.images_.emplace_back();
            image = &catalogue.images_.back();
            image->name = fields[0];
            image->categories = words(fields[2], ',');
            image->short_description = fields[3];
            image->description = fields[4];
            image->deprecated = fields[5];
            image->builtin = true;
            break;
        }
        case 'E': {
            if (!image || fields.size() < 4) break;
            Entry entry;
            std::uint32_t set = 0;
            for (char c : fields[0]) set = set * 10 + static_cast<std::uint32_t>(c - '0');
            entry.architecture_set = set < catalogue.architecture_sets_.size() ? set : 0;
            entry.parent = fields[1];
            entry.first_tag = static_cast<std::uint32_t>(catalogue.tags_.size());
            entry.tag_count = append_words(catalogue.tags_, fields[2], ' ');
            entry.shared_count = append_words(catalogue.tags_, fields[3], ' ');
            image->entries.push_back(static_cast<std::uint32_t>(catalogue.entries_.size()));
            catalogue.entries_.push_back(std::move(entry));
            break;
        }
        case 'P': {
            if (!image) break;
            auto pins = words(fields[0], ' ');
            image->pins.reserve(image->pins.size() + pins.size());
            for (auto pin : pins)
                if (auto arrow = pin.find('>'); arrow != std::string_view::npos)
                    image->pins.push_back({pin.data(), static_cast<std::uint32_t>(arrow),
                                           static_cast<std::uint32_t>(pin.size() - arrow - 1)});
            break;
        }
        case 'O':
            if (image && fields.size() >= 2) image->parent_overrides.emplace_back(fields[0], fields[1]);
            break;
        default: break;
        }
    }
    if (catalogue.architecture_sets_.empty()) catalogue.architecture_sets_.emplace_back();
    for (auto& each : catalogue.images_) catalogue.index_image(each);
    catalogue.sort_images();
    catalogue.tags_.shrink_to_fit();
    return catalogue;
}

void Catalogue::index_image(Image& image) {
    image.tag_entries.clear();
    // Entry indexes grow in file order; shared tags get `shared_rank` added so that a tag's own
    // entry wins, then the first entry sharing it (linux before windows, as in the lineage).
    constexpr std::uint64_t shared_rank = std::uint64_t{1} << 32;
    struct Ranked {
        std::string_view tag;
        std::uint64_t rank;
        std::uint32_t index; // in tags_
    };
    std::vector<Ranked> ranked;
    for (std::uint32_t index : image.entries) {
        const Entry& entry = entries_[index];
        for (std::uint32_t k = 0; k < entry.tag_count + entry.shared_count; ++k)
            ranked.push_back({tags_[entry.first_tag + k],
                              k < entry.tag_count ? index : shared_rank + index,
                              entry.first_tag + k});
    }
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return std::tie(a.tag, a.rank) < std::tie(b.tag, b.rank);
    });
    ranked.erase(std::unique(ranked.begin(), ranked.end(),
                             [](const Ranked& a, const Ranked& b) { return a.tag == b.tag; }),
                 ranked.end());
    image.tag_entries.resize(ranked.size());
    for (std::size_t k = 0; k < ranked.size(); ++k)
        image.tag_entries[k] = {ranked[k].index,
                                static_cast<std::uint32_t>(ranked[k].rank & 0xFFFFFFFFu)};
    image.tag_entries.shrink_to_fit();
    // The union of the entries' architecture sets, once (completion lists every image's).
    std::vector<std::uint32_t> sets;
    for (std::uint32_t index : image.entries) sets.push_back(entries_[index].architecture_set);
    std::sort(sets.begin(), sets.end());
    sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
    image.architectures.clear();
    for (auto set : sets)
        for (auto architecture : architecture_sets_[set]) image.architectures.push_back(architecture);
    std::sort(image.architectures.begin(), image.architectures.end());
    image.architectures.erase(std::unique(image.architectures.begin(), image.architectures.end()),
                              image.architectures.end());
    // The generator writes pins and overrides sorted; extensions may not.
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    auto by_pin_key = [](const Pin& a, const Pin& b) { return a.key() < b.key(); };
    if (!std::is_sorted(image.pins.begin(), image.pins.end(), by_pin_key))
        std::stable_sort(image.pins.begin(), image.pins.end(), by_pin_key);
    if (!std::is_sorted(image.parent_overrides.begin(), image.parent_overrides.end(), by_key))
        std::stable_sort(image.parent_overrides.begin(), image.parent_overrides.end(), by_key);
}

void Catalogue::sort_images() {
    auto by_name = [](const Image& a, const Image& b) { return a.name < b.name; };
    if (std::is_sorted(images_.begin(), images_.end(), by_name)) return;
    std::stable_sort(images_.begin(), images_.end(), [](const Image& a, const Image& b) { return a.name < b.name; });
}

void Catalogue::extend(const CatalogueExtension& extension) {
    auto arena = std::make_shared<std::deque<std::string>>();
    auto keep = [&arena](std::string_view text) -> std::string_view { return arena->emplace_back(text); };
    auto keep_all = [&keep](const std::vector<std::string>& texts) {
        std::vector<std::string_view> out;
        for (const auto& text : texts) out.push_back(keep(text));
        return out;
    };
    for (const auto& extra : extension.images) {
        Image image;
        image.name = keep(extra.name);
        image.short_description = keep(extra.short_description);
        image.description = keep(extra.description);
        for (const auto& extra_entry : extra.entries) {
            Entry entry;
            entry.first_tag = static_cast<std::uint32_t>(tags_.size());
            for (const auto& tag : extra_entry.tags)
                tags_.push_back(keep(tag));
            for (const auto& tag : extra_entry.shared_tags)
                tags_.push_back(keep(tag));
            entry.tag_count = static_cast<std::uint32_t>(extra_entry.tags.size());
            entry.shared_count = static_cast<std::uint32_t>(extra_entry.shared_tags.size());
            entry.parent = keep(extra_entry.parent);
            auto architectures = keep_all(extra_entry.architectures);
            auto same = std::find(architecture_sets_.begin(), architecture_sets_.end(), architectures);
            entry.architecture_set = static_cast<std::uint32_t>(same - architecture_sets_.begin());
            if (same == architecture_sets_.end()) architecture_sets_.push_back(std::move(architectures));
            image.entries.push_back(static_cast<std::uint32_t>(entries_.size()));
            entries_.push_back(std::move(entry));
        }
        for (const auto& [floating, target] : extra.pins)
            image.pins.push_back({keep(floating + '>' + target).data(),
                                  static_cast<std::uint32_t>(floating.size()),
                                  static_cast<std::uint32_t>(target.size())});
        index_image(image);
        auto existing = std::find_if(images_.begin(), images_.end(), [&](const Image& each) { return each.name == extra.name; });
        if (existing != images_.end()) *existing = std::move(image);
        else images_.push_back(std::move(image));
    }
    sort_images();
    for (const auto& [child, parent] : extension.parents) {
        auto colon = child.rfind(':');
        if (colon == std::string::npos || child.find('/', colon) != std::string::npos) continue;
        std::string name = child.substr(0, colon);
        Image* image = const_cast<Image*>(find_image(name));
        if (!image) {
            Image bare;
            bare.name = keep(name);
            images_.push_back(std::move(bare));
            sort_images();
            image = const_cast<Image*>(find_image(name));
        }
        std::string_view tag = keep(std::string_view(child).substr(colon + 1));
        std::string_view kept_parent = keep(parent);
        auto& overrides = image->parent_overrides;
        auto it = std::lower_bound(overrides.begin(), overrides.end(), tag,
                                   [](const auto& item, std::string_view value) { return item.first < value; });
        if (it != overrides.end() && it->first == tag) it->second = kept_parent;
        else overrides.insert(it, {tag, kept_parent});
    }
    arenas_.push_back(std::move(arena));
}

const Catalogue::Image* Catalogue::find_image(std::string_view name) const {
    auto it = std::lower_bound(images_.begin(), images_.end(), name,
                               [](const Image& image, std::string_view value) { return image.name < value; });
    return it != images_.end() && it->name == name ? &*it : nullptr;
}

std::optional<std::uint32_t> Catalogue::entry_of(const Image& image, std::string_view tag) const {
    auto it = std::lower_bound(
        image.tag_entries.begin(), image.tag_entries.end(), tag,
        [this](const TagEntry& item, std::string_view value) { return tags_[item.tag] < value; });
    if (it != image.tag_entries.end() && tags_[it->tag] == tag) return it->entry;
    return std::nullopt;
}

std::optional<std::string_view> Catalogue::parent_of(const Image& image, std::string_view tag) const {
    if (const auto* parent = find_sorted(image.parent_overrides, tag)) return *parent;
    if (auto entry = entry_of(image, tag); entry && !entries_[*entry].parent.empty()) return entries_[*entry].parent;
    return std::nullopt;
}

std::vector<std::string> Catalogue::images_by_prefix(std::string_view prefix) const {
    std::vector<std::string> first;
    for (auto name : well_known_images)
        if (name.rfind(prefix, 0) == 0 && find_image(name)) first.emplace_back(name);
    std::vector<std::string> rest;
    std::vector<std::string> deprecated;
    for (const auto& image : images_) {
        if (image.name.rfind(prefix, 0) != 0) continue;
        if (std::find(well_known_images.begin(), well_known_images.end(), image.name) != well_known_images.end())
            continue;
        (image.deprecated.empty() ? rest : deprecated).emplace_back(image.name);
    }
    first.insert(first.end(), rest.begin(), rest.end());
    first.insert(first.end(), deprecated.begin(), deprecated.end());
    return first;
}

std::optional<ImageInfo> Catalogue::image(std::string_view name) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    ImageInfo info;
    info.name = std::string(image->name);
    info.short_description = std::string(image->short_description);
    info.description = std::string(image->description);
    info.deprecated = std::string(image->deprecated);
    info.categories = to_strings(image->categories);
    info.architectures.assign(image->architectures.begin(), image->architectures.end());
    info.tag_count = image->tag_entries.size();
    info.builtin = image->builtin;
    return info;
}

std::optional<Catalogue::ImageBrief> Catalogue::brief(std::string_view name) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    return ImageBrief{image->builtin, !image->deprecated.empty(), image->architectures.size()};
}

std::vector<std::string> Catalogue::tags(std::string_view name) const {
    std::vector<std::string> out;
    const Image* image = find_image(name);
    if (!image) return out;
    for (const auto& each : image->tag_entries)
        out.emplace_back(tags_[each.tag]);
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return tag_newer_first(a, b); });
    return out;
}

std::optional<TagInfo> Catalogue::tag(std::string_view name, std::string_view tag) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    auto entry_index = entry_of(*image, tag);
    if (!entry_index) return std::nullopt;
    const Entry& entry = entries_[*entry_index];
    TagInfo info;
    info.image = std::string(name);
    info.tag = std::string(tag);
    for (auto alias : tags_of(entry))
        info.aliases.emplace_back(alias);
    for (auto alias : shared_tags_of(entry))
        if (std::find(info.aliases.begin(), info.aliases.end(), alias) == info.aliases.end())
            info.aliases.emplace_back(alias);
    std::sort(info.aliases.begin(), info.aliases.end(),
              [](const std::string& a, const std::string& b) { return tag_newer_first(a, b); });
    // The most specific alias: highest specificity, then the fuller spelling, then the first
    // of the newest-first order.
    auto pins_more = [](const std::string& a, const std::string& b) {
        int sa = tag_specificity(a);
        int sb = tag_specificity(b);
        if (sa != sb) return sa > sb;
        if (a.size() != b.size()) return a.size() > b.size();
        return tag_newer_first(a, b);
    };
    std::vector<std::string> ranked = info.aliases;
    std::stable_sort(ranked.begin(), ranked.end(), pins_more);
    int best = ranked.empty() ? tag_specificity(tag) : tag_specificity(ranked.front());
    for (const auto& alias : ranked)
        if (tag_specificity(alias) == best) info.pinned_aliases.push_back(alias);
    // Nothing pins more than the tag itself (buildpack-deps:sid-scm next to unstable-scm): no
    // alias to suggest.
    if (info.pinned_aliases.empty() || best <= tag_specificity(tag)) {
        info.pinned_aliases.erase(std::remove(info.pinned_aliases.begin(), info.pinned_aliases.end(), info.tag),
                                  info.pinned_aliases.end());
        info.pinned_aliases.insert(info.pinned_aliases.begin(), info.tag);
    }
    info.most_specific = info.pinned_aliases.front();
    auto pin = std::lower_bound(
        image->pins.begin(), image->pins.end(), tag,
        [](const Pin& item, std::string_view value) { return item.key() < value; });
    if (pin != image->pins.end() && pin->key() == tag) info.pin_target = std::string(pin->target());
    // A tag floats when an alias of the same image pins more than it does (python:3.12 next to
    // 3.12.14; ubuntu:24.04 next to noble-20260810), or when its very name says it moves.
    info.floating = tag_specificity(tag) < best || tag_is_moving_word(tag);
    info.architectures = to_strings(architecture_sets_[entry.architecture_set]);
    if (auto parent = parent_of(*image, tag)) info.parent = std::string(*parent);
    return info;
}

std::vector<std::string> Catalogue::lineage(std::string_view name, std::string_view tag) const {
    std::vector<std::string> chain;
    std::set<std::string> seen;
    std::string image_name(name);
    std::string current_tag(tag);
    while (chain.size() < 64) {
        std::string reference = current_tag.empty() ? image_name : image_name + ":" + current_tag;
        if (!seen.insert(reference).second) break; // a cycle
        chain.push_back(reference);
        if (image_name == "scratch") break;
        const Image* image = find_image(image_name);
        if (!image) break;
        auto parent = parent_of(*image, current_tag.empty() ? "latest" : current_tag);
        if (!parent) break;
        auto parsed = parse_image_reference(*parent);
        if (!parsed.valid) break;
        image_name = parsed.name;
        current_tag = parsed.has_tag ? parsed.tag : (parsed.name == "scratch" ? "" : "latest");
    }
    return chain;
}

} // namespace cdls::catalogue
