// Rules whose id is shared by both file kinds; each analyzer reports them on its own syntax.
#pragma once

#include "analysis/core/rule.hpp"

namespace cdls::rules {

inline constexpr RuleInfo duplicate_stage_name{
    "duplicate-stage-name", Severity::Error, Habit::Syntax, RuleScope::Both,
    "Two stages have the same name; references to it become ambiguous."};

inline constexpr RuleInfo unknown_stage{
    "unknown-stage", Severity::Error, Habit::Syntax, RuleScope::Both,
    "`%files from X` / `COPY --from=X` names no earlier stage (and X is not an image)."};

} // namespace cdls::rules
