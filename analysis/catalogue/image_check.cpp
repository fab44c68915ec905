// Selection of the base-image references the image rules judge, and their shared pin fixes.
#include "analysis/catalogue/image_check.hpp"

#include "analysis/catalogue/image_rules.hpp"
#include "analysis/core/ascii.hpp"

#include <algorithm>
#include <array>

namespace cdls::catalogue {

namespace {


// Agents whose From names an image in a registry. Path agents (localimage, oci, oci-archive,
// docker-archive) and agents without From (debootstrap, yum, busybox, scratch, ...) are left out.
bool names_registry_image(std::string_view agent) {
    static constexpr std::array<std::string_view, 6> agents{"docker", "docker-daemon", "library",
                                                            "oras",   "shub",          "from"};
    std::string lower = ascii_lower(agent);
    return std::find(agents.begin(), agents.end(), lower) != agents.end();
}

// Agents whose references live on Docker Hub or an OCI registry the catalogue describes.
bool uses_docker_names(std::string_view agent, std::string_view scheme) {
    std::string lower = ascii_lower(agent);
    if (lower != "docker" && lower != "docker-daemon" && lower != "from") return false;
    return scheme.empty() || scheme == "docker" || scheme == "docker-daemon";
}

TextRange shifted(TextRange range, Offset base) { return {range.begin + base, range.end + base}; }

} // namespace

TextRange JudgedImage::tag_range() const {
    if (tag_is_literal) return shifted(written.tag_range, fact->range.begin);
    return fact->range;
}

std::optional<Offset> JudgedImage::tag_insertion_point() const {
    if (fact->has_variables || written.has_tag || written.has_digest) return std::nullopt;
    return fact->range.begin + written.name_range.end;
}

std::optional<JudgedImage> judge_image(const ImageReferenceFact& fact, const Catalogue& catalogue) {
    if (fact.names_stage || !names_registry_image(fact.agent)) return std::nullopt;
    if (fact.has_variables && fact.resolved.empty()) return std::nullopt;
    JudgedImage image;
    image.fact = &fact;
    image.written = parse_image_reference(fact.text);
    image.reference = fact.resolved.empty() ? image.written : parse_image_reference(fact.resolved);
    const auto& reference = image.reference;
    if (!reference.valid || reference.name == "scratch") return std::nullopt;
    // Still-unresolved variables (a default that itself names a variable) cannot be judged.
    if (!fact.resolved.empty() && reference.has_variables) return std::nullopt;
    std::string_view written_tag = image.written.tag;
    image.tag_is_literal = image.written.has_tag && image.written.tag == reference.tag &&
                           written_tag.find_first_of("${}") == std::string_view::npos;
    image.display_name = std::string(slice(fact.resolved.empty() ? std::string_view(fact.text) : fact.resolved,
                                           reference.name_range));
    if (uses_docker_names(fact.agent, reference.scheme) && catalogue.brief(reference.name)) {
        image.in_catalogue = true;
        image.tag = catalogue.tag(reference.name, reference.has_tag ? reference.tag : "latest");
    }
    return image;
}

std::string pin_advice(const JudgedImage& image) {
    if (image.tag && image.tag->most_specific != image.tag->tag)
        return "pin a version such as " + image.display_name + ":" + image.tag->most_specific;
    return "pin a full version tag or a digest (" + image.display_name + "@sha256:<digest>)";
}

std::vector<Fix> pin_fixes(const JudgedImage& image, TextRange range, std::string_view prefix) {
    std::vector<Fix> fixes;
    if (!image.tag || image.tag->most_specific == image.tag->tag) return fixes;
    for (const auto& alias : image.tag->pinned_aliases) {
        Fix fix;
        fix.title = "Pin " + image.display_name + ":" + alias;
        fix.edits.push_back({range, std::string(prefix) + alias});
        fix.preferred = fixes.empty();
        fixes.push_back(std::move(fix));
    }
    return fixes;
}

namespace {

// What the image rules say about one reference.
void check_image(const ImageReferenceFact& fact, const Catalogue& catalogue, std::vector<Diagnostic>& out) {
    auto image = judge_image(fact, catalogue);
    if (!image || image->reference.has_digest) return; // a digest pins: nothing to say
    rules::check_image_latest_tag(*image, out);
    rules::check_image_untagged(*image, out);
    rules::check_image_floating_tag(*image, out);
}

} // namespace

void check_image_rules(const ContainerFacts& facts, const Catalogue& catalogue, std::vector<Diagnostic>& out) {
    for (const auto& fact : facts.images) check_image(fact, catalogue, out);
}

void check_image_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    check_image_rules(facts, Catalogue::builtin(), out);
}

void ImageRulesMemo::check(const ContainerFacts& facts, const std::shared_ptr<const Catalogue>& catalogue,
                           std::vector<Diagnostic>& out) {
    if (catalogue != catalogue_) {
        memo_.clear();
        catalogue_ = catalogue;
    }
    const Catalogue& judge_by = catalogue ? *catalogue : Catalogue::builtin();
    std::string key;
    for (const auto& fact : facts.images) {
        // Everything judge_image and the rules read of the fact, the range as its length only.
        key.clear();
        key += fact.agent;
        key += '\0';
        key += fact.text;
        key += '\0';
        key += fact.resolved;
        key += '\0';
        key += fact.names_stage ? '1' : '0';
        key += fact.has_variables ? '1' : '0';
        key += std::to_string(fact.range.end - fact.range.begin);
        const std::vector<Diagnostic>& said = memo_.get(key, [&] { return key; }, [&] {
            std::vector<Diagnostic> at_zero;
            check_image(fact, judge_by, at_zero);
            for (Diagnostic& d : at_zero) shift_diagnostic(d, -static_cast<std::int64_t>(fact.range.begin));
            return at_zero;
        });
        for (const Diagnostic& d : said) {
            out.push_back(d);
            shift_diagnostic(out.back(), fact.range.begin);
        }
    }
    memo_.finish();
}

} // namespace cdls::catalogue
