// analysis-limit: a part of a shell script nested deeper than the analyser follows.
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo analysis_limit{
    "analysis-limit", Severity::Information, Habit::Syntax, RuleScope::Both,
    "Commands nested deeper than 32 substitutions were not analysed (the rest of the file was)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_analysis_limit(const BodyView& view, std::vector<Diagnostic>& out) {
    if (!view.script.truncated) return;
    out.push_back(make_diagnostic(
        rules::analysis_limit, view.to_document(view.script.truncated_at),
        "command substitutions are nested more than 32 deep here: cdls did not analyse the "
        "commands inside, so pinning and download rules do not see them"));
}

} // namespace cdls::shell
