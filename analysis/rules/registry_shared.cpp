// The shared rules of the registry (see analysis/core/rule.hpp). Each rule is defined in its
// own file analysis/rules/<rule-id>.cpp and listed here.
#include "analysis/core/rule.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::registry {

std::vector<const RuleInfo*> shared_rules() {
    return {&rules::pip_unpinned,         &rules::conda_unpinned,
            &rules::apt_unpinned,         &rules::apk_unpinned,
            &rules::dnf_unpinned,         &rules::zypper_unpinned,
            &rules::npm_unpinned,         &rules::gem_unpinned,
            &rules::cargo_unpinned,       &rules::go_unpinned,
            &rules::r_unpinned,           &rules::git_clone_unpinned,
            &rules::download_unverified,  &rules::data_in_image,
            &rules::user_config_in_image, &rules::secret_in_definition,
            &rules::missing_source_label,  &rules::analysis_limit};
}

} // namespace cdls::registry
