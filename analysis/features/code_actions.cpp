// Collects the code actions for a range: each diagnostic's fixes, the actions the action layer
// adds (argument default, suppressions, digest pins) and "fix all".
#include "analysis/features/code_actions.hpp"

#include <algorithm>

namespace cdls::features {

namespace {

bool overlaps(TextRange a, TextRange b) {
    return a.begin <= b.end && b.begin <= a.end;
}

bool is_image_rule(std::string_view rule) {
    return rule == "image-latest-tag" || rule == "image-untagged" || rule == "image-floating-tag";
}

// Digest pins for the base images in the range whose digest the source knows.
void add_digest_actions(const AnalysisResult& analysis, const CodeActionRequest& request,
                        const std::vector<const Diagnostic*>& selected,
                        std::vector<CodeAction>& out) {
    if (!request.digests) return;
    for (const ImageReferenceFact& fact : analysis.facts.images) {
        if (fact.names_stage || fact.has_variables || !overlaps(fact.range, request.range))
            continue;
        catalogue::ImageReference reference = catalogue::parse_image_reference(fact.text);
        if (!reference.valid || reference.has_digest) continue;
        std::optional<std::string> digest = request.digests->digest(reference);
        if (!digest || digest->empty()) continue;
        CodeAction action;
        action.title = "Pin " + reference.canonical() + "@" + *digest;
        action.edits.push_back({{fact.range.end, fact.range.end}, "@" + *digest});
        for (const Diagnostic* d : selected)
            if (is_image_rule(d->rule) && fact.range.begin <= d->range.begin &&
                d->range.end <= fact.range.end)
                action.resolves.push_back(*d);
        action.kind = std::string(action.resolves.empty() ? kind_refactor_rewrite : kind_quickfix);
        out.push_back(std::move(action));
    }
}

CodeAction from_fix(const Fix& fix, const Diagnostic& d) {
    CodeAction action;
    action.title = fix.title;
    action.kind = std::string(kind_quickfix);
    action.edits = fix.edits;
    action.preferred = fix.preferred;
    action.resolves.push_back(d);
    return action;
}

// Same title and edits: one action that resolves the diagnostics of both.
void merge_duplicates(std::vector<CodeAction>& actions) {
    std::vector<CodeAction> merged;
    for (CodeAction& action : actions) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const CodeAction& m) {
            return m.title == action.title && m.kind == action.kind && m.edits == action.edits;
        });
        if (same == merged.end()) {
            merged.push_back(std::move(action));
            continue;
        }
        same->preferred = same->preferred || action.preferred;
        for (Diagnostic& d : action.resolves)
            if (std::find(same->resolves.begin(), same->resolves.end(), d) == same->resolves.end())
                same->resolves.push_back(std::move(d));
    }
    actions = std::move(merged);
}

} // namespace

bool kind_allowed(std::string_view kind, const std::vector<std::string>& only) {
    if (only.empty()) return true;
    return std::any_of(only.begin(), only.end(), [&](const std::string& o) {
        return kind == o ||
               (kind.size() > o.size() && kind.substr(0, o.size()) == o && kind[o.size()] == '.');
    });
}

std::vector<CodeAction> code_actions(const AnalysisResult& analysis, std::string_view text,
                                     const CodeActionRequest& request) {
    std::vector<const Diagnostic*> selected;
    for (const Diagnostic& d : analysis.diagnostics) {
        bool sent = std::any_of(
            request.diagnostics.begin(), request.diagnostics.end(),
            [&](const DiagnosticKey& k) { return k.range == d.range && k.rule == d.rule; });
        if (sent || overlaps(d.range, request.range)) selected.push_back(&d);
    }

    std::vector<CodeAction> actions;
    if (kind_allowed(kind_quickfix, request.only)) {
        for (const Diagnostic* d : selected) {
            for (const Fix& fix : d->fixes)
                actions.push_back(from_fix(fix, *d));
            if (d->rule == "undefined-build-argument")
                if (auto add = add_argument_default_action(analysis, text, *d))
                    actions.push_back(std::move(*add));
        }
        std::vector<CodeAction> suppressions;
        for (const Diagnostic* d : selected) {
            if (d->rule == "unused-suppression") continue;
            if (auto edit = suppress_line_edit(analysis, text, *d, request.settings)) {
                CodeAction line{"Ignore " + std::string(d->rule) + " on this line",
                                std::string(kind_quickfix),
                                {*edit},
                                false,
                                {},
                                {*d}};
                suppressions.push_back(std::move(line));
            }
            CodeAction file{"Ignore " + std::string(d->rule) + " in this file",
                            std::string(kind_quickfix),
                            {suppress_file_edit(analysis, text, d->rule)},
                            false,
                            {},
                            {*d}};
            suppressions.push_back(std::move(file));
        }
        add_digest_actions(analysis, request, selected, actions);
        actions.insert(actions.end(), suppressions.begin(), suppressions.end());
    } else if (kind_allowed(kind_refactor_rewrite, request.only)) {
        add_digest_actions(analysis, request, selected, actions);
    }
    std::erase_if(actions,
                  [&](const CodeAction& a) { return !kind_allowed(a.kind, request.only); });

    if (kind_allowed(kind_fix_all, request.only)) {
        FixAllEdits all = fix_all_edits(analysis.diagnostics);
        if (all.fixes > 0) {
            CodeAction fix_all;
            fix_all.title = "Fix all auto-fixable problems (" + std::to_string(all.fixes) + ")";
            fix_all.kind = std::string(kind_fix_all);
            fix_all.edits = std::move(all.edits);
            actions.push_back(std::move(fix_all));
        }
    }
    merge_duplicates(actions);
    std::stable_partition(actions.begin(), actions.end(),
                          [](const CodeAction& a) { return a.preferred; });

    for (CodeAction& action : actions)
        for (const Diagnostic& d : action.resolves)
            for (std::size_t i = 0; i < request.diagnostics.size(); ++i)
                if (request.diagnostics[i].range == d.range &&
                    request.diagnostics[i].rule == d.rule &&
                    std::find(action.diagnostics.begin(), action.diagnostics.end(), i) ==
                        action.diagnostics.end())
                    action.diagnostics.push_back(i);
    return actions;
}

} // namespace cdls::features
