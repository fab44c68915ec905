// unknown-section: a `%name` line that is no section apptainer knows, or one that is indented.
#include "analysis/definition/checks.hpp"

#include <array>

namespace cdls::rules {
const RuleInfo unknown_section{"unknown-section", Severity::Error, Habit::Syntax, RuleScope::Definition,
                               "A line starting with `%` names no known section; apptainer refuses the file."};
} // namespace cdls::rules

namespace cdls::definition {
namespace {

constexpr std::array<std::string_view, 19> kNames{
    "arguments", "pre",     "setup",      "files",    "post",     "test",    "environment",
    "startscript", "runscript", "labels", "help",     "appinstall", "apphelp", "applabels",
    "appenv",    "appfiles", "apprun",    "appstart", "apptest"};

bool has_header_entries(const Stage& stage) {
    for (const HeaderLine& l : stage.header.lines)
        if (l.kind == HeaderLineKind::Entry || l.kind == HeaderLineKind::Invalid) return true;
    return false;
}

} // namespace

void check_unknown_section(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        for (const Section& section : stage.sections) {
            std::string_view name = context.slice(section.name);
            if (section.kind == SectionKind::Unknown) {
                std::string_view bare = name.substr(name.find_first_not_of('%') == std::string_view::npos
                                                        ? name.size()
                                                        : name.find_first_not_of('%'));
                std::optional<std::string> suggestion = context.nearest("sections", bare, kNames);
                std::string message = "unknown section `" + std::string(name) + "`";
                if (suggestion) {
                    message += ": did you mean `%" + *suggestion + "`?";
                } else {
                    message += ": use one of %post, %files, %environment, %runscript, %labels, %help, "
                               "%test, %setup, %startscript, %arguments or an app section; a line whose "
                               "first word starts with `%` always starts a section";
                }
                Diagnostic d = make_diagnostic(rules::unknown_section, section.name, std::move(message));
                if (suggestion)
                    d.fixes.push_back(
                        Fix{"Change to `%" + *suggestion + "`", {TextEdit{section.name, "%" + *suggestion}}, true});
                out.push_back(std::move(d));
                continue;
            }
            // apptainer trims only the first block of a stage; an indented `%name` later on is
            // read as a section named "" and rejected.
            bool trimmed_by_apptainer = &section == &stage.sections.front() && !has_header_entries(stage);
            if (section.indented && !trimmed_by_apptainer) {
                Diagnostic d = make_diagnostic(rules::unknown_section, section.name,
                                               "apptainer does not recognise an indented section header: "
                                               "move `" + std::string(name) + "` to the start of the line");
                d.fixes.push_back(Fix{"Remove the indentation",
                                      {TextEdit{{section.header_line.begin, section.name.begin}, ""}}, true});
                out.push_back(std::move(d));
            }
        }
    }
}

} // namespace cdls::definition
