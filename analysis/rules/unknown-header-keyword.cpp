// unknown-header-keyword: a `Key:` line apptainer rejects ("invalid header keyword found").
#include "analysis/definition/checks.hpp"
#include "analysis/definition/keywords.hpp"

#include <vector>

namespace cdls::rules {
const RuleInfo unknown_header_keyword{"unknown-header-keyword", Severity::Error, Habit::Syntax,
                                      RuleScope::Definition,
                                      "A header line uses a keyword apptainer does not accept."};
} // namespace cdls::rules

namespace cdls::definition {

void check_unknown_header_keyword(const CheckContext& context, Diagnostics& out) {
    // Built once: rebuilding it for every definition file cost 25 table scans a file.
    static const std::vector<std::string_view> spellings = [] {
        std::vector<std::string_view> all;
        for (std::string_view key : header_keywords()) all.push_back(header_keyword_spelling(key));
        return all;
    }();
    for (const Stage& stage : context.stages()) {
        for (const HeaderLine& line : stage.header.lines) {
            if (line.kind != HeaderLineKind::Entry || line.key.empty()) continue;
            if (is_header_keyword(line.key_lower) || line.key_lower.find("{{") != std::string::npos) continue;
            std::string_view key = context.slice(line.key);
            std::optional<std::string> suggestion = context.nearest("header keywords", key, spellings);
            std::string message = "unknown header keyword `" + std::string(key) + "`";
            if (suggestion && *suggestion == "OtherURL0") suggestion.reset();
            if (suggestion)
                message += ": did you mean `" + *suggestion + "`?";
            else
                message += ": apptainer rejects it; put metadata in %labels and notes in comments";
            Diagnostic d = make_diagnostic(rules::unknown_header_keyword, line.key, std::move(message));
            if (suggestion)
                d.fixes.push_back(Fix{"Change to `" + *suggestion + "`", {TextEdit{line.key, *suggestion}}, true});
            out.push_back(std::move(d));
        }
    }
}

} // namespace cdls::definition
