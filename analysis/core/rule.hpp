// The rule registry: every rule's id, default severity, habit and one-line summary.
#pragma once

#include "analysis/core/diagnostic.hpp"

#include <string_view>
#include <vector>

namespace cdls {

// Which habit of reproducible containers a rule serves (or plain syntax/structure).
enum class Habit { Syntax, Reuse, BeSpecific, SeparateConcerns, VersionControl };
std::string_view habit_name(Habit habit);

enum class RuleScope { Definition, Dockerfile, Both };

struct RuleInfo {
    std::string_view id;
    Severity severity;
    Habit habit;
    RuleScope scope;
    std::string_view summary; // one line, used by --list-rules and the rule index
};

Diagnostic make_diagnostic(const RuleInfo& rule, TextRange range, std::string message);

// Every rule, sorted by id. Each area of analysis/ contributes its own list (see registry.cpp).
const std::vector<const RuleInfo*>& all_rules();
const RuleInfo* find_rule(std::string_view id);

// Documentation URL of a rule (codeDescription.href, SARIF helpUri): `<base>/<id>.md`. The
// base defaults to the project's published docs; the server points it at the local copy
// (file://.../docs/rules) when one is installed next to the binary.
std::string rule_doc_url(std::string_view id);
void set_rule_doc_base(std::string base);

namespace registry {
// One function per area; each lives in that area's analysis/rules/registry_<area>.cpp.
std::vector<const RuleInfo*> definition_rules(); // definition-file syntax and structure
std::vector<const RuleInfo*> dockerfile_rules(); // Dockerfile syntax and structure
std::vector<const RuleInfo*> shared_rules();     // shell pinning, content and secret rules
std::vector<const RuleInfo*> image_rules();      // base-image reference rules (catalogue)
std::vector<const RuleInfo*> core_rules();       // suppression bookkeeping etc.
} // namespace registry

} // namespace cdls
