// header-without-value: a header line without `:` (apptainer: "header key had no val"), or a
// keyword with nothing after the colon.
#include "analysis/definition/checks.hpp"
#include "analysis/definition/keywords.hpp"

#include <algorithm>
#include <iterator>

namespace cdls::rules {
const RuleInfo header_without_value{"header-without-value", Severity::Error, Habit::Syntax,
                                    RuleScope::Definition,
                                    "A header line has no `:`, or a needed keyword (Bootstrap, From, Stage, MirrorURL, OSVersion) has no value."};
} // namespace cdls::rules

namespace cdls::definition {

void check_header_without_value(const CheckContext& context, Diagnostics& out) {
    for (const Stage& stage : context.stages()) {
        for (const HeaderLine& line : stage.header.lines) {
            if (line.kind == HeaderLineKind::Invalid) {
                out.push_back(make_diagnostic(
                    rules::header_without_value, line.key,
                    "header line `" + std::string(context.slice(line.key)) +
                        "` has no `:`: write `Keyword: value`, or start a section with `%` (e.g. %post)"));
                continue;
            }
            if (line.kind != HeaderLineKind::Entry) continue;
            bool empty = line.value_text.find_first_not_of(" \t") == std::string::npos;
            // Optional keywords may stay empty (apptainer keeps "" and skips them, e.g. an SLE
            // template's `Regcode:`); these are needed to build anything.
            static constexpr std::string_view kNeeded[] = {"bootstrap", "from", "stage", "mirrorurl",
                                                           "osversion"};
            bool needed = std::find(std::begin(kNeeded), std::end(kNeeded), line.key_lower) != std::end(kNeeded);
            if (!empty || !needed) continue;
            std::string key(context.slice(line.key));
            out.push_back(make_diagnostic(rules::header_without_value, {line.key.begin, line.colon.end},
                                          "`" + key + ":` has no value: write `" + key +
                                              ": <value>` or remove the line"));
        }
    }
}

} // namespace cdls::definition
