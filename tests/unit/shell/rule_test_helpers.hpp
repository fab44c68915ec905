// Helpers for the shared-rule tests: run the rules on one inline shell body and read results.
#pragma once

#include "analysis/shell/shared_rules.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::test {

struct Finding {
    std::string text; // the document text under the diagnostic's range
    Diagnostic diagnostic;
};

inline std::vector<Finding> findings(const ContainerFacts& facts, std::string_view document, std::string_view rule) {
    std::vector<Diagnostic> out;
    shell::check_shared_rules(facts, out);
    std::vector<Finding> result;
    for (const Diagnostic& d : out) {
        if (d.rule == rule) result.push_back({std::string(slice(document, d.range)), d});
    }
    return result;
}

// The document is "BODY:" followed by the body, so document offsets differ from logical ones.
inline std::vector<std::string> body_findings(std::string_view body, std::string_view rule,
                                              ShellContext context = ShellContext::Build,
                                              DocumentKind kind = DocumentKind::Dockerfile) {
    std::string document = "BODY:" + std::string(body);
    ContainerFacts facts;
    facts.kind = kind;
    facts.labels.push_back({"org.opencontainers.image.source", "https://github.com/a/b", {}, {}});
    facts.shell_bodies.push_back({MappedText::contiguous(body, 5), context, "RUN", {5, static_cast<Offset>(document.size())}});
    std::vector<std::string> texts;
    for (const Finding& f : findings(facts, document, rule)) texts.push_back(f.text);
    return texts;
}

inline std::vector<std::string> body_messages(std::string_view body, std::string_view rule) {
    std::string document = "BODY:" + std::string(body);
    ContainerFacts facts;
    facts.shell_bodies.push_back({MappedText::contiguous(body, 5), ShellContext::Build, "RUN", {}});
    std::vector<std::string> messages;
    for (const Finding& f : findings(facts, document, rule)) messages.push_back(f.diagnostic.message.str());
    return messages;
}

using Texts = std::vector<std::string>;

} // namespace cdls::test
