// The definition-file check of the shared rule duplicate-stage-name: two stages with one `Stage:` name.
#include "analysis/definition/checks.hpp"
#include "analysis/rules/common_rules.hpp"

#include <map>

namespace cdls::definition {

void check_duplicate_stage_name(const CheckContext& context, Diagnostics& out) {
    std::map<std::string, bool, std::less<>> seen;
    for (const Stage& stage : context.file.stages) {
        const HeaderLine* line = stage.header_entry("stage");
        if (!line || line->value.empty()) continue;
        std::string name(context.slice(line->value));
        if (!seen.emplace(name, true).second) {
            out.push_back(make_diagnostic(rules::duplicate_stage_name, line->value,
                                          "an earlier stage is already named `" + name +
                                              "`: give this stage another name so `%files from " + name +
                                              "` is not ambiguous"));
        }
    }
}

} // namespace cdls::definition
