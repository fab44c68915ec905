// What the image rules share: which references they judge, and the pin fixes they offer.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/rule.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cdls::catalogue {

// One base-image reference the rules judge, with its tag looked up in the catalogue.
struct JudgedImage {
    const ImageReferenceFact* fact = nullptr;
    ImageReference reference;    // of the judged text (the resolved text when there is one)
    ImageReference written;      // of the text as written in the document
    bool tag_is_literal = false; // the written tag has no variable: fixes can replace it
    bool in_catalogue = false;   // the image is in the catalogue (docker-family references only)
    std::optional<TagInfo> tag;  // the catalogue's view of the tag (or of latest when untagged)
    std::string display_name;    // the name as judged ("python", "docker.io/library/ubuntu")

    // The written tag in the document, or the whole reference when it cannot be located.
    TextRange tag_range() const;
    // Where an untagged reference's tag goes (just after the name).
    std::optional<Offset> tag_insertion_point() const;
};

// Nullopt for references the rules do not judge: stage names, scratch, unresolved variables,
// agents that take paths (localimage, oci, oci-archive, docker-archive) and unknown agents.
std::optional<JudgedImage> judge_image(const ImageReferenceFact& fact, const Catalogue& catalogue);

// "pin a version such as python:3.14.7-trixie" when the catalogue knows one, else advice to pin
// a full version or digest.
std::string pin_advice(const JudgedImage& image);

// The preferred fix (most specific alias of the same entry) and one non-preferred fix for each
// other alias that pins as much. `range` is replaced by `prefix` + alias.
std::vector<Fix> pin_fixes(const JudgedImage& image, TextRange range, std::string_view prefix);

} // namespace cdls::catalogue

namespace cdls::rules {

extern const RuleInfo image_latest_tag;
extern const RuleInfo image_untagged;
extern const RuleInfo image_floating_tag;

void check_image_latest_tag(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out);
void check_image_untagged(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out);
void check_image_floating_tag(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out);

} // namespace cdls::rules
