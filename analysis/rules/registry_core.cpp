// Rules owned by the core: the ids both file kinds share (see common_rules.hpp) and the
// suppression bookkeeping.
#include "analysis/core/rule.hpp"
#include "analysis/rules/common_rules.hpp"

namespace cdls::rules {
extern const RuleInfo unused_suppression;
extern const RuleInfo image_untrusted_registry;
}

namespace cdls::registry {

std::vector<const RuleInfo*> core_rules() {
    return {&rules::duplicate_stage_name, &rules::unknown_stage, &rules::unused_suppression,
            &rules::image_untrusted_registry};
}

} // namespace cdls::registry
