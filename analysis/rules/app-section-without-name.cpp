// app-section-without-name: SCIF app sections (%appinstall, %apprun, ...) need an app name.
#include "analysis/definition/checks.hpp"

namespace cdls::rules {
const RuleInfo app_section_without_name{"app-section-without-name", Severity::Error, Habit::Syntax,
                                        RuleScope::Definition,
                                        "An app section (%appinstall, %apprun, ...) has no app name."};
} // namespace cdls::rules

namespace cdls::definition {

void check_app_section_without_name(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        for (const Section& section : stage.sections) {
            if (!is_app_section(section.kind) || !section.app_name.empty()) continue;
            std::string name(context.slice(section.name));
            out.push_back(make_diagnostic(rules::app_section_without_name, section.name,
                                          "`" + name + "` needs the name of the app it belongs to: write `" +
                                              name + " <app-name>`"));
        }
    }
}

} // namespace cdls::definition
