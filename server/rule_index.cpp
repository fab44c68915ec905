// Looking up embedded rule docs, and the generated rule index page.
#include "analysis/core/rule.hpp"
#include "server/rule_docs.hpp"

namespace cdls::server {

std::optional<std::string_view> rule_doc(std::string_view id) {
    for (const auto& [rule, text] : rule_docs())
        if (rule == id) return text;
    return std::nullopt;
}

std::string rule_index_markdown() {
    std::string out = "# Rules\n\n"
                      "Generated from the rule registry by `cdls check --rules-index` "
                      "(`scripts/update-rule-index`); a test fails when it is stale.\n\n"
                      "| rule | default severity | habit | applies to | summary |\n"
                      "|---|---|---|---|---|\n";
    for (const RuleInfo* rule : all_rules()) {
        const char* scope = rule->scope == RuleScope::Both ? "both" : rule->scope == RuleScope::Definition ? "definition files" : "Dockerfiles";
        std::string summary(rule->summary);
        for (std::size_t i = 0; (i = summary.find('|', i)) != std::string::npos; i += 2) summary.replace(i, 1, "\\|");
        out += "| [" + std::string(rule->id) + "](" + std::string(rule->id) + ".md) | " +
               std::string(severity_name(rule->severity)) + " | " + std::string(habit_name(rule->habit)) + " | " + scope +
               " | " + summary + " |\n";
    }
    return out;
}

} // namespace cdls::server
