// unused-suppression: a `# cdls-ignore` / hadolint pragma that suppresses nothing.
#include "analysis/core/rule.hpp"

namespace cdls::rules {

extern const RuleInfo unused_suppression;
const RuleInfo unused_suppression{
    "unused-suppression", Severity::Hint, Habit::Syntax, RuleScope::Both,
    "A `# cdls-ignore` or hadolint pragma suppresses nothing; remove it."};

} // namespace cdls::rules
