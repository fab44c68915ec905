// invalid-stage-name: `FROM x AS <name>` where the name breaks BuildKit's ^[a-z][a-z0-9-_.]*$.
#include "analysis/dockerfile/checks.hpp"

#include <cctype>

namespace cdls::dockerfile::rules {

const RuleInfo invalid_stage_name{"invalid-stage-name", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                  "A stage name must start with a letter and hold only letters, digits, - _ ."};

namespace {

// BuildKit lower-cases the name before matching, so upper-case letters pass.
bool valid_stage_name(std::string_view name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

} // namespace

void check_invalid_stage_name(const CheckContext& context, std::vector<Diagnostic>& out) {
    for (const auto& stage : context.file.stages) {
        if (stage.name.empty() || valid_stage_name(stage.name)) continue;
        out.push_back(make_diagnostic(invalid_stage_name, stage.name_range,
                                      "invalid stage name " + stage.name +
                                          ": start with a letter and use only letters, digits, -, _ and . "
                                          "(e.g. build-env)"));
    }
}

} // namespace cdls::dockerfile::rules
