// The definition-file check of the shared rule unknown-stage: `%files from X` naming no earlier stage.
#include "analysis/core/suggest.hpp"
#include <algorithm>
#include "analysis/definition/checks.hpp"
#include "analysis/rules/common_rules.hpp"

namespace cdls::definition {

void check_unknown_stage(const CheckContext& context, Diagnostics& out) {
    std::vector<std::string> earlier;
    for (const Stage& stage : context.file.stages) {
        for (const Section& section : stage.sections) {
            if (section.from_stage.empty()) continue;
            std::string_view name = context.slice(section.from_stage);
            if (name.find("{{") != std::string_view::npos) continue;
            if (std::find(earlier.begin(), earlier.end(), name) != earlier.end()) continue;
            std::vector<std::string_view> candidates(earlier.begin(), earlier.end());
            std::optional<std::string> suggestion = nearest(name, candidates, false);
            std::string message = "no earlier stage is named `" + std::string(name) + "`";
            if (suggestion)
                message += ": did you mean `" + *suggestion + "`?";
            else
                message += ": add `Stage: " + std::string(name) + "` to the header of the stage that builds it";
            Diagnostic d = make_diagnostic(rules::unknown_stage, section.from_stage, std::move(message));
            if (suggestion)
                d.fixes.push_back(
                    Fix{"Change to `" + *suggestion + "`", {TextEdit{section.from_stage, *suggestion}}, true});
            out.push_back(std::move(d));
        }
        std::string_view own = stage.stage_name(context.text());
        if (!own.empty()) earlier.emplace_back(own);
    }
}

} // namespace cdls::definition
