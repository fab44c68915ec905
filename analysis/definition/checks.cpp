// Runs the definition rules, and the helpers they share.
#include "analysis/definition/checks.hpp"

#include "analysis/core/suggest.hpp"

#include <algorithm>

namespace cdls::definition {

void run_stage_checks(const CheckContext& context, Diagnostics& out) {
    check_unknown_bootstrap_agent(context, out);
    check_missing_required_header(context, out);
    check_unknown_header_keyword(context, out);
    check_header_without_value(context, out);
    check_unknown_section(context, out);
    check_app_section_without_name(context, out);
    check_undefined_build_argument(context, out);
    check_unused_build_argument(context, out);
    check_bad_post_shell(context, out);
    check_section_in_heredoc(context, out);
}

void run_file_checks(const CheckContext& context, Diagnostics& out) {
    check_empty_definition(context, out);
    check_missing_bootstrap(context, out);
    check_unknown_stage(context, out);
    check_duplicate_stage_name(context, out);
    check_missing_help(context, out);
    check_missing_test(context, out);
}

void run_definition_checks(const CheckContext& context, Diagnostics& out) {
    run_stage_checks(context, out);
    run_file_checks(context, out);
}

std::optional<std::string> SuggestionMemo::nearest(std::string_view list, std::string_view word,
                                                   std::span<const std::string_view> candidates) {
    key_.assign(list);
    key_ += '\0';
    key_.append(word);
    return memo_.get(key_, [&] { return key_; }, [&] { return cdls::nearest(word, candidates); });
}

std::optional<std::string> CheckContext::nearest(std::string_view list, std::string_view word,
                                                 std::span<const std::string_view> candidates) const {
    if (suggestions) return suggestions->nearest(list, word, candidates);
    return cdls::nearest(word, candidates);
}

const Stage* final_stage(const DefinitionFile& file) {
    for (auto it = file.stages.rbegin(); it != file.stages.rend(); ++it)
        if (it->has_content()) return &*it;
    return nullptr;
}

std::vector<std::string> argument_names(const Stage& stage) {
    std::vector<std::string> names;
    for (const Section& s : stage.sections)
        for (const ArgumentLine& a : s.arguments_lines)
            if (a.valid) names.push_back(a.name_text);
    return names;
}

Fix append_section_fix(std::string_view text, std::string title, std::string_view section_text) {
    std::string insert;
    if (!text.empty() && text.back() != '\n') insert += '\n';
    if (!text.empty()) insert += '\n';
    insert += section_text;
    Offset end = static_cast<Offset>(text.size());
    return Fix{std::move(title), {TextEdit{{end, end}, std::move(insert)}}, false};
}

} // namespace cdls::definition
