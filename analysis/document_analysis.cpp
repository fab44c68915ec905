// Runs the kind analyzer, then the rules shared by both kinds, then settings and suppressions.
#include "analysis/document_analysis.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/image_rules.hpp"
#include "analysis/configured_rules.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/rules/image-unknown-tag.hpp"
#include "analysis/shell/shared_rules.hpp"
#include "analysis/suppression.hpp"

namespace cdls {

std::optional<Severity> AnalysisSettings::severity_of(std::string_view rule, Severity default_severity) const {
    auto it = overrides.find(rule);
    if (it == overrides.end()) return default_severity;
    return it->second;
}

AnalysisResult DocumentAnalyzer::analyze(std::string_view text, const AnalysisSettings& settings) {
    AnalysisResult result;
    result.kind = kind_;
    if (kind_ == DocumentKind::Definition) {
        definition::Result r = definition_.analyze(text);
        result.definition = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
    } else {
        dockerfile::Result r = dockerfile_.analyze(text);
        result.dockerfile = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
    }
    result.facts.kind = kind_;
    shell::check_shared_rules(result.facts, result.diagnostics);
    if (settings.catalogue) catalogue::check_image_rules(result.facts, *settings.catalogue, result.diagnostics);
    else catalogue::check_image_rules(result.facts, result.diagnostics);
    check_untrusted_registry(result.facts, settings, result.diagnostics);
    rules::check_image_unknown_tag(result.facts, settings, result.diagnostics);
    check_configured_data_extensions(result.facts, settings, result.diagnostics);

    // Settings first (an "off" rule reports nothing, so a pragma for it is unused only if the
    // rule would not have fired either: apply suppressions on what the settings keep).
    std::erase_if(result.diagnostics, [&](Diagnostic& d) {
        const RuleInfo* rule = find_rule(d.rule);
        auto severity = settings.severity_of(d.rule, rule ? rule->severity : d.severity);
        if (!severity) return true;
        d.severity = *severity;
        return false;
    });
    bool report_unused = settings.severity_of("unused-suppression", Severity::Hint).has_value();
    apply_suppressions(result.facts, text, result.diagnostics, report_unused);
    if (report_unused) {
        auto severity = settings.severity_of("unused-suppression", Severity::Hint);
        for (Diagnostic& d : result.diagnostics)
            if (d.rule == "unused-suppression") d.severity = *severity;
    }
    sort_diagnostics(result.diagnostics);
    return result;
}

AnalysisResult analyze_text(DocumentKind kind, std::string_view text, const AnalysisSettings& settings) {
    DocumentAnalyzer analyzer(kind);
    return analyzer.analyze(text, settings);
}

} // namespace cdls
