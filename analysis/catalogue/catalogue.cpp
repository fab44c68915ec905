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

namespace {

// The tab-separated fields of a record line after its "X\t".
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    for (std::size_t field = 2;;) {
        std::size_t tab = line.find('\t', field);
        fields.push_back(line.substr(field, tab == std::string_view::npos ? std::string_view::npos : tab - field));
        if (tab == std::string_view::npos) break;
        field = tab + 1;
    }
}

// Calls `each(line)` for every line of `text` (without its '\n').
template <class Each>
void for_each_line(std::string_view text, Each each) {
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        each(text.substr(start, end - start));
        start = end + 1;
    }
}

// A size or offset of the index: decimal digits (at most 12), else nullopt.
std::optional<std::size_t> index_number(std::string_view text) {
    if (text.empty() || text.size() > 12) return std::nullopt;
    std::size_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

} // namespace

// Only the index: the architecture sets and each image's `N` line, up to the `B` line. An
// image's body (after the index) is read by details() when the image is first asked for, so
// the rest of the blob's pages stay untouched.
Catalogue Catalogue::from_blob(std::string_view blob) {
    Catalogue catalogue;
    struct Place {
        std::size_t offset;
        std::size_t size;
    };
    std::vector<Place> places; // of images_, in order
    std::optional<std::size_t> bodies; // where the bodies start, once the `B` line is read
    std::vector<std::string_view> fields;
    for (std::size_t start = 0; start < blob.size() && !bodies;) {
        std::size_t end = std::min(blob.find('\n', start), blob.size());
        std::string_view line = blob.substr(start, end - start);
        start = end + 1;
        if (line == "B") {
            bodies = std::min(start, blob.size());
        } else if (line.size() >= 2 && line[1] == '\t' && line[0] == 'A') {
            split_fields(line, fields);
            catalogue.architecture_sets_.push_back(words(fields[0], ' '));
        } else if (line.size() >= 2 && line[1] == '\t' && line[0] == 'N') {
            split_fields(line, fields);
            if (fields.size() < 5) continue;
            auto count = index_number(fields[2]);
            auto offset = index_number(fields[3]);
            auto size = index_number(fields[4]);
            if (fields[0].empty() || !count || !offset || !size) continue;
            Image& image = catalogue.images_.emplace_back();
            image.name = fields[0];
            image.builtin = true;
            image.deprecated = fields[1].find('d') != std::string_view::npos;
            image.architecture_count = static_cast<std::uint32_t>(*count);
            places.push_back({*offset, *size});
        }
    }
    // Images whose body lies outside the blob (a truncated one) are left out; all of them when
    // the index has no end (it may be cut short).
    const std::size_t room = bodies ? blob.size() - *bodies : 0;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < catalogue.images_.size(); ++k) {
        const Place& place = places[k];
        if (!bodies || place.offset > room || place.size > room - place.offset) continue;
        if (kept != k) catalogue.images_[kept] = std::move(catalogue.images_[k]);
        Image& image = catalogue.images_[kept++];
        image.body = blob.substr(*bodies + place.offset, place.size);
        image.blob_sets = static_cast<std::uint32_t>(catalogue.architecture_sets_.size());
        image.slot = std::make_shared<DetailsSlot>();
    }
    catalogue.images_.erase(catalogue.images_.begin() + static_cast<std::ptrdiff_t>(kept),
                            catalogue.images_.end());
    if (catalogue.architecture_sets_.empty()) catalogue.architecture_sets_.emplace_back();
    catalogue.sort_images();
    return catalogue;
}

// An image's body: its `I` line (which must name it: else the index pointed elsewhere and the
// image stays empty), then its entries, pins and overrides.
void Catalogue::decode(Details& details, const Image& image) const {
    std::size_t first_end = std::min(image.body.find('\n'), image.body.size());
    std::string_view first = image.body.substr(0, first_end);
    if (first.size() < 2 || first[0] != 'I' || first[1] != '\t') return;
    std::vector<std::string_view> fields;
    split_fields(first, fields);
    if (fields.size() < 6 || fields[0] != image.name) return;
    details.categories = fields[2];
    details.short_description = fields[3];
    details.description = fields[4];
    details.deprecated = fields[5];
    const std::size_t sets = image.blob_sets;
    std::string_view records = image.body.substr(std::min(first_end + 1, image.body.size()));
    for_each_line(records, [&](std::string_view line) {
        if (line.size() < 2 || line[1] != '\t') return;
        split_fields(line, fields);
        switch (line[0]) {
        case 'E': {
            if (fields.size() < 4) break;
            Entry entry;
            std::uint32_t set = 0;
            for (char c : fields[0]) set = set * 10 + static_cast<std::uint32_t>(c - '0');
            entry.architecture_set = set < sets ? set : 0;
            entry.parent = fields[1];
            entry.first_tag = static_cast<std::uint32_t>(details.tags.size());
            entry.tag_count = append_words(details.tags, fields[2], ' ');
            entry.shared_count = append_words(details.tags, fields[3], ' ');
            details.entries.push_back(entry);
            break;
        }
        case 'P': {
            auto pins = words(fields[0], ' ');
            details.pins.reserve(details.pins.size() + pins.size());
            for (auto pin : pins)
                if (auto arrow = pin.find('>'); arrow != std::string_view::npos)
                    details.pins.push_back({pin.data(), static_cast<std::uint32_t>(arrow),
                                            static_cast<std::uint32_t>(pin.size() - arrow - 1)});
            break;
        }
        case 'O':
            if (fields.size() >= 2) details.parent_overrides.emplace_back(fields[0], fields[1]);
            break;
        default: break;
        }
    });
}

const Catalogue::Details& Catalogue::details(const Image& image) const {
    std::call_once(image.slot->decoded, [&] {
        decode(image.slot->details, image);
        index_details(image.slot->details);
    });
    return image.slot->details;
}

std::shared_ptr<Catalogue::DetailsSlot> Catalogue::decoded_slot(Details details) {
    auto slot = std::make_shared<DetailsSlot>();
    std::call_once(slot->decoded, [&] { slot->details = std::move(details); });
    return slot;
}

void Catalogue::index_details(Details& details) const {
    details.tag_entries.clear();
    // Entry indexes grow in file order; shared tags get `shared_rank` added so that a tag's own
    // entry wins, then the first entry sharing it (linux before windows, as in the lineage).
    constexpr std::uint64_t shared_rank = std::uint64_t{1} << 32;
    struct Ranked {
        std::string_view tag;
        std::uint64_t rank;
        std::uint32_t index; // in details.tags
    };
    std::vector<Ranked> ranked;
    ranked.reserve(details.tags.size());
    for (std::uint32_t index = 0; index < details.entries.size(); ++index) {
        const Entry& entry = details.entries[index];
        for (std::uint32_t k = 0; k < entry.tag_count + entry.shared_count; ++k)
            ranked.push_back({details.tags[entry.first_tag + k],
                              k < entry.tag_count ? index : shared_rank + index,
                              entry.first_tag + k});
    }
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return std::tie(a.tag, a.rank) < std::tie(b.tag, b.rank);
    });
    ranked.erase(std::unique(ranked.begin(), ranked.end(),
                             [](const Ranked& a, const Ranked& b) { return a.tag == b.tag; }),
                 ranked.end());
    details.tag_entries.resize(ranked.size());
    for (std::size_t k = 0; k < ranked.size(); ++k)
        details.tag_entries[k] = {ranked[k].index,
                                  static_cast<std::uint32_t>(ranked[k].rank & 0xFFFFFFFFu)};
    // The union of the entries' architecture sets, once (completion lists every image's).
    std::vector<std::uint32_t> sets;
    for (const Entry& entry : details.entries) sets.push_back(entry.architecture_set);
    std::sort(sets.begin(), sets.end());
    sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
    details.architectures.clear();
    for (auto set : sets)
        for (auto architecture : architecture_sets_[set]) details.architectures.push_back(architecture);
    std::sort(details.architectures.begin(), details.architectures.end());
    details.architectures.erase(std::unique(details.architectures.begin(), details.architectures.end()),
                                details.architectures.end());
    // The generator writes pins and overrides sorted; extensions may not.
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    auto by_pin_key = [](const Pin& a, const Pin& b) { return a.key() < b.key(); };
    if (!std::is_sorted(details.pins.begin(), details.pins.end(), by_pin_key))
        std::stable_sort(details.pins.begin(), details.pins.end(), by_pin_key);
    if (!std::is_sorted(details.parent_overrides.begin(), details.parent_overrides.end(), by_key))
        std::stable_sort(details.parent_overrides.begin(), details.parent_overrides.end(), by_key);
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
        Details details;
        details.short_description = keep(extra.short_description);
        details.description = keep(extra.description);
        for (const auto& extra_entry : extra.entries) {
            Entry entry;
            entry.first_tag = static_cast<std::uint32_t>(details.tags.size());
            for (const auto& tag : extra_entry.tags)
                details.tags.push_back(keep(tag));
            for (const auto& tag : extra_entry.shared_tags)
                details.tags.push_back(keep(tag));
            entry.tag_count = static_cast<std::uint32_t>(extra_entry.tags.size());
            entry.shared_count = static_cast<std::uint32_t>(extra_entry.shared_tags.size());
            entry.parent = keep(extra_entry.parent);
            auto architectures = keep_all(extra_entry.architectures);
            auto same = std::find(architecture_sets_.begin(), architecture_sets_.end(), architectures);
            entry.architecture_set = static_cast<std::uint32_t>(same - architecture_sets_.begin());
            if (same == architecture_sets_.end()) architecture_sets_.push_back(std::move(architectures));
            details.entries.push_back(entry);
        }
        for (const auto& [floating, target] : extra.pins)
            details.pins.push_back({keep(floating + '>' + target).data(),
                                    static_cast<std::uint32_t>(floating.size()),
                                    static_cast<std::uint32_t>(target.size())});
        index_details(details);
        image.architecture_count = static_cast<std::uint32_t>(details.architectures.size());
        image.slot = decoded_slot(std::move(details));
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
            bare.slot = decoded_slot({});
            images_.push_back(std::move(bare));
            sort_images();
            image = const_cast<Image*>(find_image(name));
        }
        std::string_view tag = keep(std::string_view(child).substr(colon + 1));
        std::string_view kept_parent = keep(parent);
        // The slot may be shared with the catalogue this one was copied from: changed in a copy.
        Details changed = details(*image);
        auto& overrides = changed.parent_overrides;
        auto it = std::lower_bound(overrides.begin(), overrides.end(), tag,
                                   [](const auto& item, std::string_view value) { return item.first < value; });
        if (it != overrides.end() && it->first == tag) it->second = kept_parent;
        else overrides.insert(it, {tag, kept_parent});
        image->slot = decoded_slot(std::move(changed));
    }
    arenas_.push_back(std::move(arena));
}

const Catalogue::Image* Catalogue::find_image(std::string_view name) const {
    auto it = std::lower_bound(images_.begin(), images_.end(), name,
                               [](const Image& image, std::string_view value) { return image.name < value; });
    return it != images_.end() && it->name == name ? &*it : nullptr;
}

std::optional<std::uint32_t> Catalogue::entry_of(const Details& details, std::string_view tag) const {
    auto it = std::lower_bound(
        details.tag_entries.begin(), details.tag_entries.end(), tag,
        [&details](const TagEntry& item, std::string_view value) { return details.tags[item.tag] < value; });
    if (it != details.tag_entries.end() && details.tags[it->tag] == tag) return it->entry;
    return std::nullopt;
}

std::optional<std::string_view> Catalogue::parent_of(const Details& details, std::string_view tag) const {
    if (const auto* parent = find_sorted(details.parent_overrides, tag)) return *parent;
    if (auto entry = entry_of(details, tag); entry && !details.entries[*entry].parent.empty())
        return details.entries[*entry].parent;
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
        (image.deprecated ? deprecated : rest).emplace_back(image.name);
    }
    first.insert(first.end(), rest.begin(), rest.end());
    first.insert(first.end(), deprecated.begin(), deprecated.end());
    return first;
}

std::optional<ImageInfo> Catalogue::image(std::string_view name) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    const Details& details = this->details(*image);
    ImageInfo info;
    info.name = std::string(image->name);
    info.short_description = std::string(details.short_description);
    info.description = std::string(details.description);
    info.deprecated = std::string(details.deprecated);
    info.categories = to_strings(words(details.categories, ','));
    info.architectures.assign(details.architectures.begin(), details.architectures.end());
    info.tag_count = details.tag_entries.size();
    info.builtin = image->builtin;
    return info;
}

std::optional<Catalogue::ImageBrief> Catalogue::brief(std::string_view name) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    // The index's answer: the image's body stays unread.
    return ImageBrief{image->builtin, image->deprecated, image->architecture_count};
}

std::vector<std::string> Catalogue::tags(std::string_view name) const {
    std::vector<std::string> out;
    const Image* image = find_image(name);
    if (!image) return out;
    const Details& details = this->details(*image);
    for (const auto& each : details.tag_entries)
        out.emplace_back(details.tags[each.tag]);
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return tag_newer_first(a, b); });
    return out;
}

std::optional<TagInfo> Catalogue::tag(std::string_view name, std::string_view tag) const {
    const Image* image = find_image(name);
    if (!image) return std::nullopt;
    const Details& details = this->details(*image);
    auto entry_index = entry_of(details, tag);
    if (!entry_index) return std::nullopt;
    const Entry& entry = details.entries[*entry_index];
    TagInfo info;
    info.image = std::string(name);
    info.tag = std::string(tag);
    for (auto alias : details.tags_of(entry))
        info.aliases.emplace_back(alias);
    for (auto alias : details.shared_tags_of(entry))
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
        details.pins.begin(), details.pins.end(), tag,
        [](const Pin& item, std::string_view value) { return item.key() < value; });
    if (pin != details.pins.end() && pin->key() == tag) info.pin_target = std::string(pin->target());
    // A tag floats when an alias of the same image pins more than it does (python:3.12 next to
    // 3.12.14; ubuntu:24.04 next to noble-20260810), or when its very name says it moves.
    info.floating = tag_specificity(tag) < best || tag_is_moving_word(tag);
    info.architectures = to_strings(architecture_sets_[entry.architecture_set]);
    if (auto parent = parent_of(details, tag)) info.parent = std::string(*parent);
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
        auto parent = parent_of(details(*image), current_tag.empty() ? "latest" : current_tag);
        if (!parent) break;
        auto parsed = parse_image_reference(*parent);
        if (!parsed.valid) break;
        image_name = parsed.name;
        current_tag = parsed.has_tag ? parsed.tag : (parsed.name == "scratch" ? "" : "latest");
    }
    return chain;
}

} // namespace cdls::catalogue
