// Runs every Dockerfile rule over a parsed document.
#include "analysis/dockerfile/checks.hpp"

#include <array>

namespace cdls::dockerfile {

void run_instruction_checks(const CheckContext& context, const Instruction& instruction,
                            std::vector<Diagnostic>& out) {
    static constexpr std::array<InstructionCheck, 11> checks = {
        rules::check_unknown_instruction,    rules::check_wrong_argument_count, rules::check_invalid_json_form,
        rules::check_json_single_quotes,     rules::check_json_array_not_strings, rules::check_unknown_flag,
        rules::check_workdir_relative,       rules::check_maintainer_deprecated, rules::check_unterminated_heredoc,
        rules::check_add_url_unverified,     rules::check_template_placeholder,
    };
    for (InstructionCheck check : checks) {
        check(context, instruction, out);
        for (const auto& child : instruction.onbuild()) check(context, child, out);
    }
    // Empty continuation lines are the top-level instruction's (ONBUILD's child has none).
    rules::check_empty_continuation_line(context, instruction, out);
}

void run_document_checks(const CheckContext& context, std::vector<Diagnostic>& out) {
    static constexpr std::array<Check, 5> checks = {
        rules::check_invalid_escape_directive, rules::check_invalid_stage_name, rules::check_missing_from,
        rules::check_duplicate_stage_name,     rules::check_unknown_stage,
    };
    for (Check check : checks) check(context, out);
}

void run_checks(const CheckContext& context, std::vector<Diagnostic>& out) {
    if (!context.file.encoding_error.empty()) {
        rules::check_unsupported_encoding(context, out);
        return; // nothing else was parsed
    }
    run_document_checks(context, out);
    for (const auto& instruction : context.file.instructions) run_instruction_checks(context, instruction, out);
}

} // namespace cdls::dockerfile
