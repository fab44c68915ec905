// image-floating-tag: a base-image tag that moves to new builds (3.12, bookworm, lts, 3-slim).
#include "analysis/catalogue/image_check.hpp"

namespace cdls::rules {

const RuleInfo image_floating_tag{
    "image-floating-tag", Severity::Information, Habit::BeSpecific, RuleScope::Both,
    "The base-image tag floats (3.12, bookworm, lts): it moves to new builds; pin a full version."};

void check_image_floating_tag(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out) {
    const auto& reference = image.reference;
    if (!reference.has_tag || reference.has_digest || reference.tag == "latest") return;
    // The catalogue decides for the tags it knows; the spelling decides for the others.
    bool floating = image.tag ? image.tag->floating : catalogue::tag_floats_by_pattern(reference.tag);
    if (!floating) return;
    // Judged by spelling alone, the message says so: 1.10 may be a release that never moves.
    std::string what = image.tag ? "` is a floating tag that moves to new builds; "
                                 : "` looks like a floating tag (a version of fewer than three parts or a name "
                                   "moves to new builds); ";
    auto diagnostic = make_diagnostic(image_floating_tag, image.tag_range(),
                                      "`" + image.display_name + ":" + reference.tag + what +
                                          catalogue::pin_advice(image));
    if (image.tag_is_literal) diagnostic.fixes = catalogue::pin_fixes(image, image.tag_range(), "");
    out.push_back(std::move(diagnostic));
}

} // namespace cdls::rules
