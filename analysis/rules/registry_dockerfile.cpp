// The dockerfile rules of the registry (see analysis/core/rule.hpp). Each rule is defined in its
// own file analysis/rules/<rule-id>.cpp and listed here.
#include "analysis/core/rule.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/rules/common_rules.hpp"

namespace cdls::registry {

std::vector<const RuleInfo*> dockerfile_rules() {
    using namespace cdls::dockerfile::rules;
    return {&add_url_unverified,     &empty_continuation_line, &invalid_escape_directive,
            &invalid_json_form,      &invalid_stage_name,      &json_array_not_strings,
            &json_single_quotes,     &maintainer_deprecated,   &missing_from,
            &unknown_flag,           &unknown_instruction,     &unsupported_encoding,
            &template_placeholder,   &unterminated_heredoc,   &workdir_relative,        &wrong_argument_count,
            &cdls::rules::duplicate_stage_name, &cdls::rules::unknown_stage};
}

} // namespace cdls::registry
