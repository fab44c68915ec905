// The definition rules of the registry (see analysis/core/rule.hpp). Each rule is defined in its
// own file analysis/rules/<rule-id>.cpp and listed here.
#include "analysis/core/rule.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/rules/common_rules.hpp"

namespace cdls::registry {

std::vector<const RuleInfo*> definition_rules() {
    return {&rules::app_section_without_name,
            &rules::bad_post_shell,
            &rules::duplicate_stage_name,
            &rules::empty_definition,
            &rules::header_without_value,
            &rules::missing_bootstrap,
            &rules::missing_help,
            &rules::missing_required_header,
            &rules::missing_test,
            &rules::section_in_heredoc,
            &rules::undefined_build_argument,
            &rules::unknown_bootstrap_agent,
            &rules::unknown_header_keyword,
            &rules::unknown_section,
            &rules::unknown_stage,
            &rules::unused_build_argument};
}

} // namespace cdls::registry
