// image-latest-tag: a base image named with the explicit tag `latest`.
#include "analysis/catalogue/image_check.hpp"

namespace cdls::rules {

const RuleInfo image_latest_tag{"image-latest-tag", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                                "The base image uses `:latest`, which moves with every release; pin a version."};

void check_image_latest_tag(const catalogue::JudgedImage& image, std::vector<Diagnostic>& out) {
    const auto& reference = image.reference;
    if (!reference.has_tag || reference.tag != "latest") return;
    auto diagnostic = make_diagnostic(image_latest_tag, image.tag_range(),
                                      "`" + image.display_name + ":latest` moves with every release; " +
                                          catalogue::pin_advice(image));
    if (image.tag_is_literal) diagnostic.fixes = catalogue::pin_fixes(image, image.tag_range(), "");
    out.push_back(std::move(diagnostic));
}

} // namespace cdls::rules
