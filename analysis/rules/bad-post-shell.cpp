// bad-post-shell: `%post -c` (or another script section) with no shell after `-c`.
#include "analysis/definition/checks.hpp"

namespace cdls::rules {
const RuleInfo bad_post_shell{"bad-post-shell", Severity::Error, Habit::Syntax, RuleScope::Definition,
                              "`-c` on a script section header is not followed by a shell."};
} // namespace cdls::rules

namespace cdls::definition {

void check_bad_post_shell(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        for (const Section& section : stage.sections) {
            if (section.shell_flag.empty() || !section.shell.empty()) continue;
            std::string name(context.slice(section.name));
            Diagnostic d = make_diagnostic(rules::bad_post_shell, section.shell_flag,
                                           "`-c` needs the shell to run the section with: write `" + name +
                                               " -c /bin/bash`, or remove `-c` to use /bin/sh");
            Offset end = section.shell_flag.end;
            d.fixes.push_back(Fix{"Run with /bin/bash", {TextEdit{{end, end}, " /bin/bash"}}, false});
            out.push_back(std::move(d));
        }
    }
}

} // namespace cdls::definition
