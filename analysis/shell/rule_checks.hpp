// The checks behind the shared rules, one a rule file (analysis/rules/<id>.cpp), and the view of
// a tokenized shell body they read.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdls::shell {

// A shell body with its tokens; ranges of the tokens are logical (see MappedText).
struct BodyView {
    const ShellBodyFact& body;
    const Script& script;
    DocumentKind kind;

    TextRange to_document(TextRange logical) const { return body.script.to_document(logical); }
    std::string_view raw(TextRange logical) const { return slice(body.script.text(), logical); }
};

// Where the last of `commands` for which `holds` is true starts (none: no such command). A
// download or a clone followed by one (a verification, a checkout) is taken care of.
template <class Predicate>
std::optional<Offset> last_command_start(const std::vector<Command>& commands, Predicate holds) {
    std::optional<Offset> last;
    for (const Command& cmd : commands)
        if (holds(cmd) && (!last || cmd.range.begin > *last)) last = cmd.range.begin;
    return last;
}

// Package managers and downloads: Build and Runtime bodies (installs at run time are no more
// reproducible than at build time); not Setup (the build host) nor Environment.
void check_pip_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_conda_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_apt_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_apk_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_dnf_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_zypper_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_npm_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_gem_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_cargo_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_go_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_r_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_git_clone_unpinned(const BodyView& view, std::vector<Diagnostic>& out);
void check_download_unverified(const BodyView& view, std::vector<Diagnostic>& out);
// analysis-limit: every body, every context (the tokenizer's nesting cap was reached).
void check_analysis_limit(const BodyView& view, std::vector<Diagnostic>& out);

// user-config-in-image reads both copies and Build bodies (writes to ~/.bashrc); the two
// halves are separate so that the body half can be memoised per body.
void check_user_config_in_image(const ContainerFacts& facts, const std::vector<BodyView>& bodies,
                                std::vector<Diagnostic>& out);
void check_user_config_in_copies(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// The same for one copy.
void check_user_config_in_copy(DocumentKind kind, const CopiedSourceFact& copy, std::vector<Diagnostic>& out);
void check_user_config_in_body(const BodyView& view, std::vector<Diagnostic>& out);
void check_data_in_image(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// The same in two steps: whether a copied path is data (a function of the path only), and the
// report for a copy that is.
bool is_data_path(std::string_view path);
void report_data_in_image(DocumentKind kind, const CopiedSourceFact& copy, std::vector<Diagnostic>& out);
// Every body, every context, plus assignments and labels.
void check_secret_in_definition(const ContainerFacts& facts, const std::vector<BodyView>& bodies,
                                std::vector<Diagnostic>& out);
// The same in two steps: what one body holds (values of credential-named variables and
// credential-shaped text, ranges mapped with the view), then the report over the facts and all
// bodies, in body order, each range reported once.
struct BodySecrets {
    std::vector<std::pair<std::string, TextRange>> named; // variable name, its value
    std::vector<TextRange> shaped;
};
BodySecrets find_body_secrets(const BodyView& view);
// What one assignment or label (name, value, whether the value is literal) holds: whether it is
// a credential-named variable with a literal value, and the credential shapes in the value (in
// offsets of the value). A function of these three only, so it can be memoised by them.
struct ValueSecrets {
    bool named = false;
    std::vector<TextRange> shapes;
};
ValueSecrets find_value_secrets(std::string_view name, std::string_view value, bool literal);
void report_secrets(const ContainerFacts& facts, const std::vector<BodySecrets>& bodies, std::vector<Diagnostic>& out);
// The same report from what find_value_secrets says about each of facts.assignments and
// facts.labels (labels' values count as literal), in their order.
void report_secrets(const ContainerFacts& facts, const std::vector<const ValueSecrets*>& assignments,
                    const std::vector<const ValueSecrets*>& labels, const std::vector<BodySecrets>& bodies,
                    std::vector<Diagnostic>& out);
void check_missing_source_label(const ContainerFacts& facts, std::vector<Diagnostic>& out);

// Reports `word` (logical range) of `view` under `rule`.
void report_word(const RuleInfo& rule, const BodyView& view, const Word& word, std::string message,
                 std::vector<Diagnostic>& out);

} // namespace cdls::shell

namespace cdls::rules {
extern const RuleInfo pip_unpinned;
extern const RuleInfo conda_unpinned;
extern const RuleInfo apt_unpinned;
extern const RuleInfo apk_unpinned;
extern const RuleInfo dnf_unpinned;
extern const RuleInfo zypper_unpinned;
extern const RuleInfo npm_unpinned;
extern const RuleInfo gem_unpinned;
extern const RuleInfo cargo_unpinned;
extern const RuleInfo go_unpinned;
extern const RuleInfo r_unpinned;
extern const RuleInfo git_clone_unpinned;
extern const RuleInfo download_unverified;
extern const RuleInfo data_in_image;
extern const RuleInfo user_config_in_image;
extern const RuleInfo secret_in_definition;
extern const RuleInfo missing_source_label;
extern const RuleInfo analysis_limit;
} // namespace cdls::rules
