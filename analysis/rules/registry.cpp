// The rule registry: joins each area's rule list into one table sorted by id.
#include "analysis/core/rule.hpp"

#include <algorithm>

namespace cdls {

std::string_view habit_name(Habit habit) {
    switch (habit) {
    case Habit::Syntax: return "syntax and structure";
    case Habit::Reuse: return "reuse";
    case Habit::BeSpecific: return "be specific";
    case Habit::SeparateConcerns: return "separate concerns";
    case Habit::VersionControl: return "version control and registries";
    }
    return "syntax and structure";
}

Diagnostic make_diagnostic(const RuleInfo& rule, TextRange range, std::string message) {
    Diagnostic d;
    d.range = range;
    d.severity = rule.severity;
    d.rule = rule.id;
    d.message = std::move(message);
    return d;
}

const std::vector<const RuleInfo*>& all_rules() {
    static const std::vector<const RuleInfo*> rules = [] {
        std::vector<const RuleInfo*> all;
        for (auto list : {registry::definition_rules(), registry::dockerfile_rules(),
                          registry::shared_rules(), registry::image_rules(), registry::core_rules()})
            all.insert(all.end(), list.begin(), list.end());
        std::sort(all.begin(), all.end(), [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
        // A rule used by both file kinds is listed once.
        all.erase(std::unique(all.begin(), all.end(),
                              [](const RuleInfo* a, const RuleInfo* b) { return a->id == b->id; }),
                  all.end());
        return all;
    }();
    return rules;
}

const RuleInfo* find_rule(std::string_view id) {
    const auto& rules = all_rules();
    auto it = std::lower_bound(rules.begin(), rules.end(), id,
                               [](const RuleInfo* r, std::string_view v) { return r->id < v; });
    return it != rules.end() && (*it)->id == id ? *it : nullptr;
}

namespace {
std::string& doc_base() {
    static std::string base = "https://github.com/cdls-project/cdls/blob/main/docs/rules";
    return base;
}
} // namespace

void set_rule_doc_base(std::string base) {
    while (!base.empty() && base.back() == '/') base.pop_back();
    doc_base() = std::move(base);
}

std::string rule_doc_url(std::string_view id) { return doc_base() + "/" + std::string(id) + ".md"; }

} // namespace cdls
