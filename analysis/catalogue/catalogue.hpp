// The base-image catalogue: which images and tags exist, which tags move, what each is built on.
#pragma once

#include "analysis/core/text.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdls::catalogue {

// A parsed image reference: [scheme://][registry/]repository[:tag][@digest]. Ranges are byte
// offsets into the parsed text. Parsing never fails; `valid` is false when no name was found.
struct ImageReference {
    std::string scheme;     // "docker", "library", "oras", "shub", "docker-daemon" or "" (none written)
    std::string registry;   // "docker.io" when none is written (empty for library:// and shub://)
    bool registry_written = false;
    std::string repository; // the path as written after the registry ("library/python", "nvidia/cuda")
    std::string name;       // the catalogue key: "python" for Docker Hub official images,
                            // "nvidia/cuda" for other Docker Hub images, "ghcr.io/org/tool" elsewhere
    std::string tag;        // without ':'
    std::string digest;     // "sha256:..." (also Sylabs library's ":sha256.<hex>" tag form)
    bool has_tag = false;
    bool has_digest = false;
    bool has_variables = false; // $VAR, ${VAR} or {{ arg }} anywhere in the text
    bool valid = false;
    TextRange name_range;   // registry and repository as written (without the scheme)
    TextRange tag_range;    // the tag without ':'; when there is none, empty at the end of the name
    TextRange digest_range; // the digest without '@' (or the "sha256.<hex>" tag)

    // Docker Hub's library namespace: `python`, `library/python`, `docker.io/library/python`.
    bool official() const;
    // name:tag (or name@digest), the reference in its shortest canonical spelling.
    std::string canonical() const;
};

ImageReference parse_image_reference(std::string_view text);

// Docker tags "newest first": version components compare as numbers, descending
// (3.14.7 < 3.14 < 3.13.1 < 3.9 in this order); a more specific version comes before its
// prefix (3.14.7 before 3.14); variants follow their bare version alphabetically (3.14.7,
// 3.14.7-alpine, 3.14.7-slim); a final release comes before its pre-releases (3.15.0 before
// 3.15.0rc1); tags starting with a digit come before words (latest, trixie). True when `a`
// sorts before `b`.
bool tag_newer_first(std::string_view a, std::string_view b);

// How much a tag pins: a date stamp (8+ digit run, 20260803) beats any version; otherwise the
// number of components of its leading version (v3.7.11 and 3.7.11-alpine → 3, trixie → 0).
int tag_specificity(std::string_view tag);

// Docker's tag grammar: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
bool is_valid_tag(std::string_view tag);

// A name that says it moves: latest, stable, lts, edge, rolling, devel, ... alone or with a
// variant suffix (lts-alpine, unstable-glibc).
bool tag_is_moving_word(std::string_view tag);

// Floating judged by the tag's spelling alone, for images or tags the catalogue does not know:
// known moving words (latest, stable, lts, edge, ...), versions of fewer than three components
// (3.12, 3, 3-slim), and codename or variant words without digits (bookworm, alpine, slim).
// Not judged (false): invalid tags such as template placeholders, conda builds (1.9--py_0).
bool tag_floats_by_pattern(std::string_view tag);

struct ImageInfo {
    std::string name;
    std::string short_description;
    std::string description;
    std::string deprecated; // why and what instead, when the image is deprecated
    std::vector<std::string> categories;
    std::vector<std::string> architectures; // union over the image's entries, sorted
    std::size_t tag_count = 0;
    bool builtin = false; // from the Docker Official Images snapshot (not a user extension)
};

struct TagInfo {
    std::string image;
    std::string tag;
    std::vector<std::string> aliases; // every tag of the same entry (the same image), newest first
    // The alias that pins most: highest tag_specificity, then the longest spelling
    // (python:latest → 3.14.7-trixie rather than 3.14.7). Equals `tag` when nothing pins more.
    std::string most_specific;
    // Every alias as specific as `most_specific`, most_specific first (3.14.7-trixie, 3.14.7).
    std::vector<std::string> pinned_aliases;
    // The snapshot's own choice (pins data: latest → 3.14.7); empty when the tag is no pin key.
    std::string pin_target;
    bool floating = false;
    std::vector<std::string> architectures;
    std::string parent; // "buildpack-deps:trixie"; "scratch" for base images; empty when unknown
};

// Plain structs a caller fills (e.g. from a user catalogue JSON file) to extend the catalogue.
struct ExtraEntry {
    std::vector<std::string> tags;
    std::vector<std::string> shared_tags;
    std::vector<std::string> architectures;
    std::string parent; // "image:tag", "scratch" or empty (unknown)
};

struct ExtraImage {
    std::string name; // catalogue key, e.g. "ghcr.io/org/tool" or "myorg/base"
    std::string short_description;
    std::string description;
    std::vector<ExtraEntry> entries;
    std::vector<std::pair<std::string, std::string>> pins; // floating tag → specific tag
};

struct CatalogueExtension {
    std::vector<ExtraImage> images;                       // replace built-in images of the same name
    std::vector<std::pair<std::string, std::string>> parents; // "image:tag" → "parent:tag"
};

class Catalogue {
public:
    // The Docker Official Images snapshot, indexed on first call (not at program start); an
    // image's texts and tags are decoded when it is first asked for (thread-safe).
    static const Catalogue& builtin();
    // A blob in the format of tools/catalogue_generator/generate.hpp, which must outlive the
    // catalogue (and its copies): only its index is read here; each image's body when the image
    // is first asked for. A malformed blob gives the images it can locate.
    static Catalogue from_blob(std::string_view blob);

    Catalogue() = default;

    // Adds (or replaces) images and parents; copies every string it keeps.
    void extend(const CatalogueExtension& extension);

    std::size_t image_count() const { return images_.size(); }
    // Image names starting with `prefix`: the well-known images first (alpine, busybox, nginx,
    // ubuntu, python, ...), then the others alphabetically, deprecated ones last.
    std::vector<std::string> images_by_prefix(std::string_view prefix) const;
    std::optional<ImageInfo> image(std::string_view name) const;
    // What a completion item's detail says of an image, without copying its texts.
    struct ImageBrief {
        bool builtin = false;
        bool deprecated = false;
        std::size_t architectures = 0;
    };
    std::optional<ImageBrief> brief(std::string_view name) const;
    // Every tag of the image, newest first (tag_newer_first).
    std::vector<std::string> tags(std::string_view image) const;
    std::optional<TagInfo> tag(std::string_view image, std::string_view tag) const;
    // The chain from image:tag down to a root ("python:latest", "buildpack-deps:trixie", ...,
    // "debian:trixie", "scratch"); stops at an unknown parent or a cycle.
    std::vector<std::string> lineage(std::string_view image, std::string_view tag) const;

private:
    // Compact, as every session holds the built-in catalogue (≈ 10 000 tags, 5 800 pins): views
    // into the blob, no vector per entry (docs/performance.md).
    struct Entry {
        std::uint32_t first_tag = 0; // in Details::tags: its tags, then its shared tags
        std::uint32_t tag_count = 0;
        std::uint32_t shared_count = 0;
        std::uint32_t architecture_set = 0;
        std::string_view parent;
    };
    // "floating>target", as the blob writes a pin (extensions keep theirs spelled the same way).
    struct Pin {
        const char* text = nullptr;
        std::uint32_t key_size = 0;
        std::uint32_t target_size = 0;
        std::string_view key() const { return {text, key_size}; }
        std::string_view target() const { return {text + key_size + 1, target_size}; }
    };
    struct TagEntry {
        std::uint32_t tag = 0; // in Details::tags
        std::uint32_t entry = 0;
    };
    // What an image's texts, entries, pins and overrides say. A built-in image's are decoded from
    // its body when it is first asked for (most runs ask for a few of the ≈ 150 images).
    struct Details {
        std::string_view short_description;
        std::string_view description;
        std::string_view deprecated;
        std::string_view categories; // comma-separated
        std::vector<Entry> entries;
        std::vector<std::string_view> tags; // every entry's, in entry order
        std::vector<Pin> pins;              // sorted
        std::vector<TagEntry> tag_entries;  // sorted by tag
        std::vector<std::pair<std::string_view, std::string_view>> parent_overrides; // sorted
        std::vector<std::string_view> architectures; // of every entry, sorted (index_details)
        // An entry's own tags and the tags it shares.
        std::span<const std::string_view> tags_of(const Entry& entry) const {
            return {tags.data() + entry.first_tag, entry.tag_count};
        }
        std::span<const std::string_view> shared_tags_of(const Entry& entry) const {
            return {tags.data() + entry.first_tag + entry.tag_count, entry.shared_count};
        }
    };
    // Decoded once (std::call_once), by whichever thread asks first; copies of a catalogue share
    // it, as it never changes once decoded (extend replaces a slot rather than changing it).
    struct DetailsSlot {
        std::once_flag decoded;
        Details details;
    };
    // What the index says of an image: enough for images_by_prefix and brief.
    struct Image {
        std::string_view name;
        bool builtin = false;
        bool deprecated = false;
        std::uint32_t architecture_count = 0; // Details::architectures.size()
        // A built-in image's undecoded records, its `I` line first, and how many architecture
        // sets its blob defines (an extension of a copy may add more: not for its entries).
        std::string_view body;
        std::uint32_t blob_sets = 0;
        std::shared_ptr<DetailsSlot> slot;
    };

    const Image* find_image(std::string_view name) const;
    const Details& details(const Image& image) const;
    void decode(Details& details, const Image& image) const;
    std::optional<std::uint32_t> entry_of(const Details& details, std::string_view tag) const;
    std::optional<std::string_view> parent_of(const Details& details, std::string_view tag) const;
    void index_details(Details& details) const;
    static std::shared_ptr<DetailsSlot> decoded_slot(Details details);
    void sort_images();

    std::vector<Image> images_; // sorted by name
    std::vector<std::vector<std::string_view>> architecture_sets_;
    // Owners of the strings the views point into: the blob is static; extensions copy theirs.
    std::vector<std::shared_ptr<const std::deque<std::string>>> arenas_;
};

// Completion and hover helpers; the server turns them into LSP items.
struct ImageCompletion {
    std::string name;
    std::string detail;   // "official image · 9 architectures"
    std::string sort_key; // keeps the ranking of images_by_prefix
};

struct TagCompletion {
    std::string tag;
    std::string detail;   // "pinned" or "floating → 3.14.7-trixie"
    std::string sort_key; // keeps newest first
};

// The images starting with `prefix`; their documentation is image_documentation(name), asked
// for when an item is shown (completionItem/resolve), not for all of them.
std::vector<ImageCompletion> complete_images(std::string_view prefix,
                                             const Catalogue& catalogue = Catalogue::builtin());
// The documentation of an image's completion item (markdown); empty when it is not catalogued.
std::string image_documentation(std::string_view name, const Catalogue& catalogue = Catalogue::builtin());
std::vector<TagCompletion> complete_tags(std::string_view image, std::string_view prefix,
                                         const Catalogue& catalogue = Catalogue::builtin());
// Hover text for a reference such as "python:3.12"; empty when the image is not in the catalogue.
std::string describe_image_markdown(std::string_view reference_text,
                                    const Catalogue& catalogue = Catalogue::builtin());

} // namespace cdls::catalogue
