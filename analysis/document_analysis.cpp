// Runs the kind analyzer, then the rules shared by both kinds, then settings and suppressions.
#include "analysis/document_analysis.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/image_rules.hpp"
#include "analysis/configured_rules.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/rules/image-unknown-tag.hpp"
#include "analysis/shell/rule_checks.hpp"
#include "analysis/shell/shared_rules.hpp"
#include "analysis/suppression.hpp"

#include <algorithm>
#include <array>

namespace cdls {

std::optional<Severity> AnalysisSettings::severity_of(std::string_view rule, Severity default_severity) const {
    auto it = overrides.find(rule);
    if (it == overrides.end()) return default_severity;
    return it->second;
}

namespace {

// A file can ask for an unbounded number of reports (262 144 unpinned packages on one line);
// an editor and a CI log get the first kMaxDiagnostics, in order, and one analysis-limit note
// where the rest begins.
constexpr std::size_t kMaxDiagnostics = 10000;

void cap_diagnostics(std::vector<Diagnostic>& diagnostics, const AnalysisSettings& settings) {
    if (diagnostics.size() <= kMaxDiagnostics) return;
    std::size_t dropped = diagnostics.size() - kMaxDiagnostics;
    TextRange at = diagnostics[kMaxDiagnostics].range;
    diagnostics.resize(kMaxDiagnostics);
    auto severity = settings.severity_of(rules::analysis_limit.id, rules::analysis_limit.severity);
    if (!severity) return;
    Diagnostic note = make_diagnostic(
        rules::analysis_limit, at,
        std::to_string(dropped) + " more problems from here on are not reported: a file gets at most " +
            std::to_string(kMaxDiagnostics) + " (fix these first, or turn the noisiest rule off)");
    note.severity = *severity;
    diagnostics.push_back(std::move(note));
    sort_diagnostics(diagnostics);
}

// What the settings say about each rule id met in one analysis: a document's thousands of
// diagnostics name a few dozen rules, so the registry and the overrides are searched once per
// id, not once per diagnostic.
class RuleSettingsCache {
public:
    struct Entry {
        std::string_view id;                       // a diagnostic's: static storage
        const RuleInfo* rule = nullptr;            // find_rule(id)
        bool overridden = false;                   // settings.overrides holds id
        std::optional<Severity> override_severity; // its value when overridden (nullopt: off)
    };
    explicit RuleSettingsCache(const AnalysisSettings& settings) : settings_(settings) {
        entries_.reserve(16); // a file's rule ids: one allocation, not one per doubling
    }

    const Entry& get(std::string_view id) {
        // A slot by the id's length and end letters names the entry last found for such an id:
        // one comparison for nearly every diagnostic (of the pointers, as ids are RuleInfo's);
        // other ids are looked for among all.
        std::size_t slot = id.empty() ? 0 : (id.size() * 7 + static_cast<unsigned char>(id.front()) +
                                             static_cast<unsigned char>(id.back()) * 3) % kSlots;
        if (slots_[slot] < entries_.size()) {
            std::string_view known = entries_[slots_[slot]].id;
            if ((known.data() == id.data() && known.size() == id.size()) || known == id)
                return entries_[slots_[slot]];
        }
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].id == id) return entries_[slots_[slot] = i];
        Entry entry;
        entry.id = id;
        entry.rule = find_rule(id);
        // Looked up by the view (the map's comparator is transparent): no string made per id.
        if (auto it = settings_.overrides.find(id); it != settings_.overrides.end()) {
            entry.overridden = true;
            entry.override_severity = it->second;
        }
        slots_[slot] = entries_.size();
        entries_.push_back(std::move(entry));
        return entries_.back();
    }

private:
    static constexpr std::size_t kSlots = 64;
    const AnalysisSettings& settings_;
    std::vector<Entry> entries_;
    std::array<std::size_t, kSlots> slots_ = [] {
        std::array<std::size_t, kSlots> empty;
        empty.fill(static_cast<std::size_t>(-1));
        return empty;
    }();
};

} // namespace

AnalysisResult DocumentAnalyzer::analyze(std::string_view text, const AnalysisSettings& settings,
                                         const LineIndex* lines, const TextChange* change) {
    AnalysisResult result;
    result.kind = kind_;
    if (kind_ == DocumentKind::Definition) {
        definition::Result r = definition_.analyze(text, std::move(spare_facts_), change);
        spare_facts_ = {};
        result.definition = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
    } else {
        dockerfile::Result r = dockerfile_.analyze(text, lines, std::move(spare_facts_), change);
        spare_facts_ = {};
        result.dockerfile = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
    }
    result.facts.kind = kind_;
    // Room for what the rules below add, as many as the last analysis had: the vector grows
    // now, moving only the kind analyzer's diagnostics, not later with all of them.
    result.diagnostics.reserve(std::max(result.diagnostics.size(), peak_diagnostics_) + 64);
    if (use_ == AnalyzerUse::Once)
        shell::check_shared_rules(result.facts, result.diagnostics);
    else
        shell::check_shared_rules(result.facts, result.diagnostics, shared_);
    images_.check(result.facts, settings.catalogue, result.diagnostics);
    check_untrusted_registry(result.facts, settings, result.diagnostics);
    rules::check_image_unknown_tag(result.facts, settings, result.diagnostics);
    check_configured_data_extensions(result.facts, settings, result.diagnostics);
    peak_diagnostics_ = result.diagnostics.size();

    // Settings first (an "off" rule reports nothing, so a pragma for it is unused only if the
    // rule would not have fired either: apply suppressions on what the settings keep).
    // Without overrides this pass changes nothing: every diagnostic is made with its rule's
    // default severity (make_diagnostic), the memos keep them so, and no rule is off by default.
    if (!settings.overrides.empty()) {
        RuleSettingsCache rule_settings(settings);
        std::erase_if(result.diagnostics, [&](Diagnostic& d) {
            const RuleSettingsCache::Entry& entry = rule_settings.get(d.rule);
            auto severity = entry.overridden ? entry.override_severity
                                             : std::optional<Severity>(entry.rule ? entry.rule->severity : d.severity);
            if (!severity) return true;
            d.severity = *severity;
            return false;
        });
    }
    bool report_unused = settings.severity_of("unused-suppression", Severity::Hint).has_value();
    const std::size_t unused = apply_suppressions(result.facts, text, result.diagnostics, report_unused, lines);
    if (report_unused) {
        auto severity = settings.severity_of("unused-suppression", Severity::Hint);
        for (std::size_t i = unused; i < result.diagnostics.size(); ++i) result.diagnostics[i].severity = *severity;
    }
    sort_diagnostics(result.diagnostics);
    cap_diagnostics(result.diagnostics, settings);
    return result;
}

AnalysisResult analyze_text(DocumentKind kind, std::string_view text, const AnalysisSettings& settings) {
    DocumentAnalyzer analyzer(kind, AnalyzerUse::Once);
    return analyzer.analyze(text, settings);
}

} // namespace cdls
