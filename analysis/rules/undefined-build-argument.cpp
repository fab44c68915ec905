// undefined-build-argument: `{{ X }}` with no default in the stage's %arguments.
#include "analysis/definition/checks.hpp"

#include <algorithm>

namespace cdls::rules {
const RuleInfo undefined_build_argument{"undefined-build-argument", Severity::Warning, Habit::BeSpecific,
                                        RuleScope::Definition,
                                        "A `{{ name }}` placeholder has no default in %arguments; the build "
                                        "fails unless --build-arg gives it."};
} // namespace cdls::rules

namespace cdls::definition {

void check_undefined_build_argument(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        std::vector<std::string> defined = argument_names(stage);
        for (const Placeholder* p : stage_placeholders(stage)) {
            if (p->in_comment) continue;
            if (std::find(defined.begin(), defined.end(), p->name) != defined.end()) continue;
            out.push_back(make_diagnostic(rules::undefined_build_argument, p->range,
                                          "build argument `" + p->name +
                                              "` has no default in this stage: add `" + p->name +
                                              "=<value>` to %arguments, or the build needs --build-arg " +
                                              p->name + "=<value>"));
        }
    }
}

} // namespace cdls::definition
