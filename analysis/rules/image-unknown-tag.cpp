// image-unknown-tag: the registry's tag list (looked up live by the server or `cdls check
// --resolve`) does not contain the base image's tag.
#include "analysis/rules/image-unknown-tag.hpp"

#include "analysis/catalogue/image_check.hpp"
#include "analysis/core/suggest.hpp"

#include <algorithm>

namespace cdls::rules {

const RuleInfo image_unknown_tag{"image-unknown-tag", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                                 "The registry does not list the base image's tag; the build will fail to pull it."};

void check_image_unknown_tag(const ContainerFacts& facts, const AnalysisSettings& settings, std::vector<Diagnostic>& out) {
    if (!settings.registry_tags) return;
    const catalogue::Catalogue& catalogue = settings.catalogue ? *settings.catalogue : catalogue::Catalogue::builtin();
    for (const auto& fact : facts.images) {
        auto image = catalogue::judge_image(fact, catalogue);
        if (!image || image->reference.has_digest || !image->reference.has_tag) continue;
        const auto& reference = image->reference;
        if (!reference.scheme.empty() && reference.scheme != "docker") continue;
        auto known = settings.registry_tags->find(reference.name);
        // No list (never looked up, or the look-up failed) or an empty one: nothing to judge.
        if (known == settings.registry_tags->end() || known->second.empty()) continue;
        const auto& tags = known->second;
        if (std::find(tags.begin(), tags.end(), reference.tag) != tags.end()) continue;
        std::vector<std::string_view> candidates(tags.begin(), tags.end());
        auto suggestion = nearest(reference.tag, candidates, /*ignore_case=*/false);
        std::string message = "`" + image->display_name + ":" + reference.tag + "` is not in the registry's list of " +
                              std::to_string(tags.size()) + " tag" + (tags.size() == 1 ? "" : "s") + "; ";
        message += suggestion ? "did you mean `" + *suggestion + "`?" : "use a tag the registry has (complete after `:`)";
        auto diagnostic = make_diagnostic(image_unknown_tag, image->tag_range(), message);
        if (suggestion && image->tag_is_literal) {
            Fix fix;
            fix.title = "Use " + image->display_name + ":" + *suggestion;
            fix.edits.push_back({image->tag_range(), *suggestion});
            fix.preferred = true;
            diagnostic.fixes.push_back(std::move(fix));
        }
        out.push_back(std::move(diagnostic));
    }
}

} // namespace cdls::rules
