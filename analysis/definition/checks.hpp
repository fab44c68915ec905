// The definition-file rules: their RuleInfo (defined in analysis/rules/<rule-id>.cpp) and their
// checks, each reading the syntax tree and the facts of one analysis.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/call_memo.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/definition/syntax.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::rules {
extern const RuleInfo missing_bootstrap;
extern const RuleInfo unknown_bootstrap_agent;
extern const RuleInfo missing_required_header;
extern const RuleInfo unknown_header_keyword;
extern const RuleInfo header_without_value;
extern const RuleInfo unknown_section;
extern const RuleInfo app_section_without_name;
extern const RuleInfo undefined_build_argument;
extern const RuleInfo unused_build_argument;
extern const RuleInfo bad_post_shell;
extern const RuleInfo empty_definition;
extern const RuleInfo section_in_heredoc;
extern const RuleInfo missing_help;
extern const RuleInfo missing_test;
} // namespace cdls::rules

namespace cdls::definition {

// "Did you mean" answers of the rules whose candidates are fixed (header keywords, sections,
// bootstrap agents), kept by the Analyzer from one call to the next: the same misspelt words
// come back on every keystroke, and an edit distance to each candidate is the dearest part of
// those rules.
class SuggestionMemo {
public:
    // nearest(word, candidates), remembered under `list` (a name for the candidate list) + word.
    std::optional<std::string> nearest(std::string_view list, std::string_view word,
                                       std::span<const std::string_view> candidates);
    // Ends an analysis: what it did not ask for is forgotten.
    void finish() { memo_.finish(); }

private:
    CallMemo<std::optional<std::string>> memo_;
    std::string key_; // reused for look-ups
};

struct CheckContext {
    std::string_view source; // the text `file` was parsed from
    const DefinitionFile& file;
    const ContainerFacts& facts;
    SuggestionMemo* suggestions = nullptr; // none: every suggestion is computed
    // The stages the per-stage rules look at: `stage_count` stages of file.stages from
    // `first_stage` (all of them by default).
    std::size_t first_stage = 0;
    std::size_t stage_count = static_cast<std::size_t>(-1);
    std::span<const Stage> stages() const {
        std::span<const Stage> all(file.stages);
        std::size_t first = std::min(first_stage, all.size());
        return all.subspan(first, std::min(stage_count, all.size() - first));
    }
    std::string_view text() const { return source; }
    std::string_view slice(TextRange r) const { return cdls::slice(source, r); }
    // The nearest candidate to `word` (see core/suggest.hpp), through the memo when there is one.
    std::optional<std::string> nearest(std::string_view list, std::string_view word,
                                       std::span<const std::string_view> candidates) const;
};

using Diagnostics = std::vector<Diagnostic>;

void check_missing_bootstrap(const CheckContext& context, Diagnostics& out);
void check_unknown_bootstrap_agent(const CheckContext& context, Diagnostics& out);
void check_missing_required_header(const CheckContext& context, Diagnostics& out);
void check_unknown_header_keyword(const CheckContext& context, Diagnostics& out);
void check_header_without_value(const CheckContext& context, Diagnostics& out);
void check_unknown_section(const CheckContext& context, Diagnostics& out);
void check_app_section_without_name(const CheckContext& context, Diagnostics& out);
void check_unknown_stage(const CheckContext& context, Diagnostics& out);
void check_duplicate_stage_name(const CheckContext& context, Diagnostics& out);
void check_undefined_build_argument(const CheckContext& context, Diagnostics& out);
void check_unused_build_argument(const CheckContext& context, Diagnostics& out);
void check_bad_post_shell(const CheckContext& context, Diagnostics& out);
void check_empty_definition(const CheckContext& context, Diagnostics& out);
void check_section_in_heredoc(const CheckContext& context, Diagnostics& out);
void check_missing_help(const CheckContext& context, Diagnostics& out);
void check_missing_test(const CheckContext& context, Diagnostics& out);

// The per-stage rules: what each finds in a stage depends on that stage alone (its text and
// offsets; ranges and fixes stay inside it), so the analyzer keeps each stage's findings while
// the stage is unchanged and moves them with it. They look at context.stages() only:
// unknown-bootstrap-agent, missing-required-header, unknown-header-keyword,
// header-without-value, unknown-section, app-section-without-name, undefined-build-argument,
// unused-build-argument, bad-post-shell, section-in-heredoc.
void run_stage_checks(const CheckContext& context, Diagnostics& out);
// The rules that look across stages or at the whole file: empty-definition, missing-bootstrap,
// unknown-stage, duplicate-stage-name, missing-help, missing-test.
void run_file_checks(const CheckContext& context, Diagnostics& out);
// Both, over every stage; the order does not matter (the analyzer sorts).
void run_definition_checks(const CheckContext& context, Diagnostics& out);

// Helpers several checks share.
// The stage whose image `apptainer build` produces: the last one with content (nullptr if none).
const Stage* final_stage(const DefinitionFile& file);
// The names %arguments gives defaults to in `stage`.
std::vector<std::string> argument_names(const Stage& stage);
// A Fix appending `section_text` (e.g. "%help\n    ...\n") at the end of the document.
Fix append_section_fix(std::string_view text, std::string title, std::string_view section_text);

} // namespace cdls::definition
