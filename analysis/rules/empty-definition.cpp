// empty-definition: a file with nothing but blanks and comments builds nothing.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/lines.hpp"

namespace cdls::rules {
const RuleInfo empty_definition{"empty-definition", Severity::Error, Habit::Syntax, RuleScope::Definition,
                                "The definition file has no header and no section; apptainer refuses it."};
} // namespace cdls::rules

namespace cdls::definition {

void check_empty_definition(const CheckContext& context, Diagnostics& out) {
    if (!context.file.is_empty()) return;
    std::string_view text = context.text();
    PhysicalLine first = line_at(text, context.file.bom.end);
    out.push_back(make_diagnostic(rules::empty_definition, {first.begin, first.content_end},
                                  "the definition file is empty: start it with a header such as "
                                  "`Bootstrap: docker` and `From: <image>:<version>`"));
}

} // namespace cdls::definition
