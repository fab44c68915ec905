// data-in-image for the extensions a project adds in `dataExtensions`.
#include "analysis/configured_rules.hpp"

#include "analysis/core/ascii.hpp"
#include "analysis/core/rule.hpp"

#include <algorithm>

namespace cdls {

namespace {

} // namespace

void check_configured_data_extensions(const ContainerFacts& facts, const AnalysisSettings& settings,
                                      std::vector<Diagnostic>& out) {
    if (settings.data_extensions.empty()) return;
    const RuleInfo* rule = find_rule("data-in-image");
    if (!rule) return;
    for (const CopiedSourceFact& copy : facts.copies) {
        if (copy.from_stage) continue;
        bool already = std::any_of(out.begin(), out.end(), [&](const Diagnostic& d) {
            return d.rule == rule->id && d.range == copy.range;
        });
        if (already) continue;
        std::string path = ascii_lower(copy.path);
        while (!path.empty() && path.back() == '/') path.pop_back();
        for (std::string ext : settings.data_extensions) {
            ext = ascii_lower(ext);
            if (!ext.empty() && ext.front() != '.') ext.insert(ext.begin(), '.');
            if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) {
                out.push_back(make_diagnostic(*rule, copy.range,
                                              "`" + copy.path + "` looks like data (" + ext +
                                                  ", configured in dataExtensions); bind-mount it at run time "
                                                  "instead of copying it into the image"));
                break;
            }
        }
    }
}

} // namespace cdls
