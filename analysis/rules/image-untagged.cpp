// image-untagged: a base image with neither tag nor digest (which means `latest`).
#include "analysis/catalogue/image_check.hpp"

namespace cdls::rules {

const RuleInfo image_untagged{"image-untagged", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                              "The base image has no tag, so it means `latest` and moves; pin a version."};

void check_image_untagged(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out) {
    const auto& reference = image.reference;
    if (reference.has_tag || reference.has_digest) return;
    auto diagnostic = make_diagnostic(image_untagged, image.fact->range,
                                      "`" + image.display_name + "` has no tag, so it means " + image.display_name +
                                          ":latest, which moves with every release; " + catalogue::pin_advice(image));
    if (auto point = image.tag_insertion_point())
        diagnostic.fixes = catalogue::pin_fixes(image, {*point, *point}, ":");
    out.push_back(std::move(diagnostic));
}

} // namespace cdls::rules
