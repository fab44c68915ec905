// unused-build-argument: an %arguments default that no `{{ name }}` of its stage uses.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/lines.hpp"

namespace cdls::rules {
const RuleInfo unused_build_argument{"unused-build-argument", Severity::Hint, Habit::Syntax,
                                     RuleScope::Definition,
                                     "An %arguments default is not used by any `{{ name }}` of its stage."};
} // namespace cdls::rules

namespace cdls::definition {

void check_unused_build_argument(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        std::vector<const Placeholder*> used = stage_placeholders(stage);
        for (const Section& section : stage.sections) {
            for (const ArgumentLine& a : section.arguments_lines) {
                if (!a.valid) continue;
                bool is_used = false;
                for (const Placeholder* p : used) is_used = is_used || (!p->in_comment && p->name == a.name_text);
                if (is_used) continue;
                Diagnostic d = make_diagnostic(rules::unused_build_argument, a.name,
                                               "build argument `" + a.name_text +
                                                   "` is not used in this stage: use it as `{{ " + a.name_text +
                                                   " }}` or remove it");
                d.unnecessary = true;
                std::size_t newline = context.text().rfind('\n', a.range.begin);
                Offset line_begin = newline == std::string_view::npos ? 0 : static_cast<Offset>(newline + 1);
                PhysicalLine line = line_at(context.text(), line_begin);
                d.fixes.push_back(
                    Fix{"Remove `" + a.name_text + "`", {TextEdit{{line.begin, line.end}, ""}}, false});
                out.push_back(std::move(d));
            }
        }
    }
}

} // namespace cdls::definition
