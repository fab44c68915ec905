// The image rules of the registry (see analysis/core/rule.hpp). Each rule is defined in its
// own file analysis/rules/<rule-id>.cpp and listed here.
#include "analysis/core/rule.hpp"

namespace cdls::registry {

std::vector<const RuleInfo*> image_rules() {
    return {};
}

} // namespace cdls::registry
