// The memoised shared rules against running every check over every body (the reference the
// memo must equal), and what the memo reuses after an edit.
#include "analysis/document_analysis.hpp"
#include "analysis/shell/rule_checks.hpp"
#include "analysis/shell/shared_rules.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;
using namespace cdls::shell;

namespace {

// Every check over every real body, as check_shared_rules did before it was memoised.
std::vector<Diagnostic> reference_shared_rules(const ContainerFacts& facts) {
    std::vector<Script> scripts;
    for (const ShellBodyFact& body : facts.shell_bodies) scripts.push_back(tokenize(body.script.text()));
    std::vector<BodyView> bodies;
    for (std::size_t i = 0; i < scripts.size(); ++i) bodies.push_back(BodyView{facts.shell_bodies[i], scripts[i], facts.kind});
    std::vector<Diagnostic> out;
    for (const BodyView& view : bodies) {
        check_analysis_limit(view, out);
        if (view.body.context != ShellContext::Build && view.body.context != ShellContext::Runtime) continue;
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
    sort_diagnostics(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

ContainerFacts facts_of(DocumentKind kind, std::string_view text) { return analyze_text(kind, text).facts; }

constexpr std::string_view kDefinition = "Bootstrap: docker\n"
                                         "From: ubuntu:22.04\n"
                                         "%post\n"
                                         "    pip install numpy\n"
                                         "    echo 'export PATH=/opt' >> ~/.bashrc\n"
                                         "    export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"
                                         "%runscript\n"
                                         "    apt-get install -y curl\n"
                                         "%environment\n"
                                         "    export API_KEY=abcdef123456\n";

} // namespace

TEST_CASE("shared rules memo: a memoised run equals running every check on every body") {
    ContainerFacts facts = facts_of(DocumentKind::Definition, kDefinition);
    REQUIRE(facts.shell_bodies.size() == 3);
    std::vector<Diagnostic> memoised;
    SharedRulesMemo memo;
    check_shared_rules(facts, memoised, memo);
    CHECK(memoised == reference_shared_rules(facts));
    CHECK(memo.checked_bodies() == 3);
    // Nothing changed: nothing is re-checked, and the result is the same.
    std::vector<Diagnostic> again;
    check_shared_rules(facts, again, memo);
    CHECK(memo.checked_bodies() == 0);
    CHECK(again == memoised);
}

TEST_CASE("shared rules memo: an edit re-checks only the edited body, and moved bodies keep their findings") {
    std::string text(kDefinition);
    DocumentAnalyzer analyzer(DocumentKind::Definition);
    analyzer.analyze(text);
    // A line inserted above everything moves every body; only %post's text changes.
    text.insert(text.find("    pip"), "    pip install scipy\n");
    text.insert(0, "# a comment\n");
    AnalysisResult incremental = analyzer.analyze(text);
    AnalysisResult fresh = analyze_text(DocumentKind::Definition, text);
    CHECK(incremental.diagnostics == fresh.diagnostics);
    std::vector<Diagnostic> reference = reference_shared_rules(fresh.facts);
    std::size_t scipy = 0, bashrc = 0;
    for (const Diagnostic& d : reference) {
        scipy += slice(text, d.range) == "scipy";
        bashrc += d.rule == "user-config-in-image" && !d.fixes.empty() &&
                  slice(text, d.fixes.front().edits.front().range) == "~/.bashrc";
    }
    CHECK(scipy == 1);
    CHECK(bashrc == 1);

    SharedRulesMemo memo;
    std::vector<Diagnostic> out;
    check_shared_rules(facts_of(DocumentKind::Definition, kDefinition), out, memo);
    out.clear();
    check_shared_rules(fresh.facts, out, memo);
    CHECK(memo.checked_bodies() == 1);
    CHECK(out == reference);
}

TEST_CASE("shared rules memo: equal bodies in one file are checked once and reported at each place") {
    std::string text = "FROM ubuntu:22.04\nRUN pip install numpy\nRUN pip install numpy\n";
    ContainerFacts facts = facts_of(DocumentKind::Dockerfile, text);
    SharedRulesMemo memo;
    std::vector<Diagnostic> out;
    check_shared_rules(facts, out, memo);
    CHECK(memo.checked_bodies() == 1);
    CHECK(out == reference_shared_rules(facts));
    std::size_t numpy = std::count_if(out.begin(), out.end(), [&](const Diagnostic& d) { return d.rule == "pip-unpinned"; });
    CHECK(numpy == 2);
}

TEST_CASE("shared rules memo: the corpus gives the reference result, fresh and after edits") {
    fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("shared rules memo corpus test skipped: ../shared not found");
        return;
    }
    std::mt19937 random(7);
    std::size_t files = 0;
    for (const char* folder : {"def", "def-invalid", "def-from-docs", "dockerfile", "dockerfile-invalid"}) {
        if (!fs::exists(corpus / folder)) continue;
        DocumentKind kind = std::string_view(folder).starts_with("def") ? DocumentKind::Definition : DocumentKind::Dockerfile;
        for (const auto& entry : fs::directory_iterator(corpus / folder)) {
            if (!entry.is_regular_file()) continue;
            std::string text = read_file(entry.path());
            SharedRulesMemo memo;
            for (int step = 0; step < 2; ++step) {
                ContainerFacts facts = facts_of(kind, text);
                std::vector<Diagnostic> out;
                check_shared_rules(facts, out, memo);
                INFO(entry.path().filename().string() << " step " << step);
                REQUIRE(out == reference_shared_rules(facts));
                auto at = static_cast<Offset>(std::uniform_int_distribution<std::size_t>(0, text.size())(random));
                text = apply_edit(text, {{at, at}, step % 2 ? "\n" : " x"});
            }
            ++files;
        }
    }
    CHECK(files > 1000);
}
