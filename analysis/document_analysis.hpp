// The whole analysis of one document: the kind's analyzer, the shared and image rules,
// suppressions and rule settings, in one call the server and `cdls check` share.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/definition/analyzer.hpp"
#include "analysis/dockerfile/analyzer.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cdls {

// Per-rule settings: a severity, or nullopt for "off".
struct RuleSettings {
    std::map<std::string, std::optional<Severity>, std::less<>> overrides;
    // Severity of a rule after overrides; nullopt when it is off.
    std::optional<Severity> severity_of(std::string_view rule, Severity default_severity) const;
    friend bool operator==(const RuleSettings&, const RuleSettings&) = default;
};

struct AnalysisResult {
    DocumentKind kind = DocumentKind::Definition;
    std::vector<Diagnostic> diagnostics; // sorted, suppressions and settings applied
    ContainerFacts facts;
    std::shared_ptr<const definition::DefinitionFile> definition; // set for definition files
    std::shared_ptr<const dockerfile::Dockerfile> dockerfile;     // set for Dockerfiles
};

// One per open document: keeps the kind analyzer's incremental state between versions.
class DocumentAnalyzer {
public:
    explicit DocumentAnalyzer(DocumentKind kind) : kind_(kind) {}
    DocumentKind kind() const { return kind_; }
    AnalysisResult analyze(std::string_view text, const RuleSettings& settings = {});

private:
    DocumentKind kind_;
    definition::Analyzer definition_;
    dockerfile::Analyzer dockerfile_;
};

// A fresh analysis with no retained state (for `cdls check` and tests).
AnalysisResult analyze_text(DocumentKind kind, std::string_view text, const RuleSettings& settings = {});

} // namespace cdls
