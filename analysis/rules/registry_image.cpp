// The image rules of the registry (see analysis/core/rule.hpp). Each rule is defined in its
// own file analysis/rules/<rule-id>.cpp and listed here.
#include "analysis/catalogue/image_check.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/rules/image-unknown-tag.hpp"

namespace cdls::registry {

std::vector<const RuleInfo*> image_rules() {
    return {&rules::image_floating_tag, &rules::image_latest_tag, &rules::image_untagged, &rules::image_unknown_tag};
}

} // namespace cdls::registry
