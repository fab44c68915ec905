// "Fix all": the preferred fix of every diagnostic in one edit; `cdls check --fix` uses it too.
#include "analysis/features/code_actions.hpp"

#include <algorithm>

namespace cdls::features {

namespace {

// Two edits clash when their ranges intersect, or when one inserts where the other starts.
bool clash(const TextEdit& a, const TextEdit& b) {
    return (a.range.begin < b.range.end && b.range.begin < a.range.end) ||
           (a.range.begin == b.range.begin && (a.range.empty() || b.range.empty()));
}

} // namespace

FixAllEdits fix_all_edits(const std::vector<Diagnostic>& diagnostics) {
    FixAllEdits out;
    for (const Diagnostic& d : diagnostics) {
        auto fix =
            std::find_if(d.fixes.begin(), d.fixes.end(), [](const Fix& f) { return f.preferred; });
        if (fix == d.fixes.end()) continue;
        bool overlaps = std::any_of(fix->edits.begin(), fix->edits.end(), [&](const TextEdit& e) {
            return std::any_of(out.edits.begin(), out.edits.end(),
                               [&](const TextEdit& t) { return clash(e, t); });
        });
        if (overlaps) continue;
        out.edits.insert(out.edits.end(), fix->edits.begin(), fix->edits.end());
        ++out.fixes;
    }
    std::sort(out.edits.begin(), out.edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.range.begin < b.range.begin; });
    return out;
}

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits) {
    std::stable_sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
        return a.range.begin > b.range.begin;
    });
    std::string out(text);
    for (const TextEdit& e : edits) {
        if (e.range.end > out.size() || e.range.begin > e.range.end) continue;
        out.replace(e.range.begin, e.range.end - e.range.begin, e.new_text);
    }
    return out;
}

} // namespace cdls::features
