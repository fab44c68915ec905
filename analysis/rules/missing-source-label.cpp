// missing-source-label: no org.opencontainers.image.source label linking the image to its source.
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo missing_source_label{
    "missing-source-label", Severity::Hint, Habit::VersionControl, RuleScope::Both,
    "No org.opencontainers.image.source label pointing at the repository that holds this file."};
} // namespace cdls::rules

namespace cdls::shell {

void check_missing_source_label(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    constexpr std::string_view key = "org.opencontainers.image.source";
    for (const LabelFact& label : facts.labels) {
        if (label.key == key) return;
    }
    // Without a Bootstrap line / FROM there is no container to label yet.
    if (facts.document_anchor.empty() && facts.images.empty()) return;
    Fix fix;
    fix.title = "Add an org.opencontainers.image.source label";
    fix.preferred = false;
    TextRange at{facts.label_insertion_point, facts.label_insertion_point};
    if (facts.kind == DocumentKind::Dockerfile) {
        fix.edits.push_back({at, "LABEL org.opencontainers.image.source=\"https://github.com/OWNER/REPO\"\n"});
    } else if (!facts.has_labels_section) {
        fix.edits.push_back({at, "%labels\n    org.opencontainers.image.source https://github.com/OWNER/REPO\n"});
    } else {
        fix.edits.push_back({at, "    org.opencontainers.image.source https://github.com/OWNER/REPO\n"});
    }
    Diagnostic d = make_diagnostic(
        rules::missing_source_label, facts.document_anchor,
        std::string(facts.kind == DocumentKind::Dockerfile
                        ? "link the image to its source: LABEL org.opencontainers.image.source=\"<repository URL>\""
                        : "link the image to its source: add `org.opencontainers.image.source <repository URL>` "
                          "to %labels"));
    d.fixes.push_back(std::move(fix));
    out.push_back(std::move(d));
}

} // namespace cdls::shell
