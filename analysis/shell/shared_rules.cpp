// check_shared_rules: tokenizes each shell body once and runs every shared rule.
#include "analysis/shell/shared_rules.hpp"

#include "analysis/shell/rule_checks.hpp"

#include <algorithm>

namespace cdls::shell {

void report_word(const RuleInfo& rule, const BodyView& view, const Word& word, std::string message,
                 std::vector<Diagnostic>& out) {
    out.push_back(make_diagnostic(rule, view.to_document(word.range), std::move(message)));
}

void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    std::size_t first = out.size();
    // Tokenizing is linear and cheap next to parsing, so every call starts fresh: results
    // always equal a fresh run.
    std::vector<Script> scripts;
    scripts.reserve(facts.shell_bodies.size());
    for (const ShellBodyFact& body : facts.shell_bodies) scripts.push_back(tokenize(body.script.text()));
    std::vector<BodyView> bodies;
    bodies.reserve(scripts.size());
    for (std::size_t i = 0; i < scripts.size(); ++i)
        bodies.push_back(BodyView{facts.shell_bodies[i], scripts[i], facts.kind});

    for (const BodyView& view : bodies) {
        check_analysis_limit(view, out);
        ShellContext context = view.body.context;
        if (context != ShellContext::Build && context != ShellContext::Runtime) continue;
        check_pip_unpinned(view, out);
        check_conda_unpinned(view, out);
        check_apt_unpinned(view, out);
        check_apk_unpinned(view, out);
        check_dnf_unpinned(view, out);
        check_zypper_unpinned(view, out);
        check_npm_unpinned(view, out);
        check_gem_unpinned(view, out);
        check_cargo_unpinned(view, out);
        check_go_unpinned(view, out);
        check_r_unpinned(view, out);
        check_git_clone_unpinned(view, out);
        check_download_unverified(view, out);
    }
    check_data_in_image(facts, out);
    check_user_config_in_image(facts, bodies, out);
    check_secret_in_definition(facts, bodies, out);
    check_missing_source_label(facts, out);

    // A command inside `$(...)` within a `sh -c "..."` string is seen twice (as part of the
    // word and as part of the string); report it once.
    std::vector<Diagnostic> ours(std::make_move_iterator(out.begin() + static_cast<std::ptrdiff_t>(first)),
                                 std::make_move_iterator(out.end()));
    out.resize(first);
    sort_diagnostics(ours);
    ours.erase(std::unique(ours.begin(), ours.end()), ours.end());
    out.insert(out.end(), std::make_move_iterator(ours.begin()), std::make_move_iterator(ours.end()));
}

} // namespace cdls::shell
