// The Dockerfile syntax and structure rules: each is defined in analysis/rules/<rule-id>.cpp
// and run by run_checks over one parsed document.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/dockerfile/syntax.hpp"

#include <string_view>
#include <vector>

namespace cdls::dockerfile {

struct CheckContext {
    // `lines`, when given, is the line index of `text` (the server keeps one per document).
    CheckContext(std::string_view text_, const Dockerfile& file_, const LineIndex* lines = nullptr)
        : text(text_), file(file_), lines_(text_, lines) {}
    std::string_view text;
    const Dockerfile& file;
    // The zero-based line of `offset` (few rules need one).
    std::uint32_t line_of(Offset offset) const { return lines_.get().line_of(offset); }

private:
    LineIndexOnDemand lines_;
};

using Check = void (*)(const CheckContext&, std::vector<Diagnostic>&);
using InstructionCheck = void (*)(const CheckContext&, const Instruction&, std::vector<Diagnostic>&);

// Calls `visit(instruction, from_count)` for every instruction, ONBUILD's included, where
// from_count counts the FROMs before it (a FROM is not counted for itself).
template <class Visit>
void for_each_instruction(const Dockerfile& file, Visit&& visit) {
    std::size_t stage = 0;
    for (const auto& ins : file.instructions) {
        visit(ins, stage);
        for (const auto& child : ins.onbuild()) visit(child, stage);
        if (ins.keyword() == "FROM") ++stage;
    }
}

namespace rules {
// Rules over the whole document (directives, stages, the first FROM).
#define CDLS_DOCKERFILE_RULE(name)                                                                                   \
    extern const RuleInfo name;                                                                                      \
    void check_##name(const CheckContext& context, std::vector<Diagnostic>& out);
CDLS_DOCKERFILE_RULE(invalid_escape_directive)
CDLS_DOCKERFILE_RULE(invalid_stage_name)
CDLS_DOCKERFILE_RULE(missing_from)
CDLS_DOCKERFILE_RULE(unsupported_encoding)
#undef CDLS_DOCKERFILE_RULE
// Rules that read one instruction and nothing else of the document but its escape character
// (a change of which re-parses everything): the incremental analyzer runs them on the
// instructions an edit re-parsed and keeps the others' findings.
#define CDLS_DOCKERFILE_INSTRUCTION_RULE(name)                                                                       \
    extern const RuleInfo name;                                                                                      \
    void check_##name(const CheckContext& context, const Instruction& instruction, std::vector<Diagnostic>& out);
CDLS_DOCKERFILE_INSTRUCTION_RULE(unknown_instruction)
CDLS_DOCKERFILE_INSTRUCTION_RULE(wrong_argument_count)
CDLS_DOCKERFILE_INSTRUCTION_RULE(invalid_json_form)
CDLS_DOCKERFILE_INSTRUCTION_RULE(json_single_quotes)
CDLS_DOCKERFILE_INSTRUCTION_RULE(json_array_not_strings)
CDLS_DOCKERFILE_INSTRUCTION_RULE(unknown_flag)
CDLS_DOCKERFILE_INSTRUCTION_RULE(empty_continuation_line)
CDLS_DOCKERFILE_INSTRUCTION_RULE(workdir_relative)
CDLS_DOCKERFILE_INSTRUCTION_RULE(maintainer_deprecated)
CDLS_DOCKERFILE_INSTRUCTION_RULE(unterminated_heredoc)
CDLS_DOCKERFILE_INSTRUCTION_RULE(add_url_unverified)
CDLS_DOCKERFILE_INSTRUCTION_RULE(template_placeholder)
#undef CDLS_DOCKERFILE_INSTRUCTION_RULE
// duplicate-stage-name and unknown-stage share their RuleInfo with definition files
// (analysis/rules/common_rules.hpp); their Dockerfile checks live in stage_checks.cpp.
void check_duplicate_stage_name(const CheckContext& context, std::vector<Diagnostic>& out);
void check_unknown_stage(const CheckContext& context, std::vector<Diagnostic>& out);
} // namespace rules

namespace rules {
// True when `instruction` holds a `{{ ... }}` placeholder where no `{{` belongs.
bool has_template_placeholder(const Instruction& instruction);
} // namespace rules

// The instruction rules over one top-level instruction and its ONBUILD child, in a fixed order.
void run_instruction_checks(const CheckContext& context, const Instruction& instruction,
                            std::vector<Diagnostic>& out);
// The document rules (stages, directives, the first FROM). Not for a UTF-16/32 file.
void run_document_checks(const CheckContext& context, std::vector<Diagnostic>& out);
// Every Dockerfile rule: the document rules, then the instruction rules of each instruction;
// the diagnostics are sorted afterwards.
void run_checks(const CheckContext& context, std::vector<Diagnostic>& out);

} // namespace cdls::dockerfile
