// The memoised shared rules against running every check over every body (the reference the
// memo must equal), and what the memo reuses after an edit.
#include "analysis/core/text_diff.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/shell/rule_checks.hpp"
#include "analysis/shell/shared_rules.hpp"
#include "server/rule_docs.hpp"
#include "tests/unit/support/read_file.hpp"

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

using cdls::test::read_file;

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

TEST_CASE("shared rules memo: a body with the stamp it had is known without reading its text") {
    auto body = [](std::string_view text, std::uint64_t stamp) {
        ContainerFacts facts;
        facts.kind = DocumentKind::Dockerfile;
        facts.shell_bodies.push_back({MappedText::contiguous(text, 4), ShellContext::Build, "RUN", {4, 4}, stamp});
        return facts;
    };
    const std::uint64_t stamp = new_fact_stamp();
    CHECK(new_fact_stamp() != stamp);
    SharedRulesMemo memo;
    std::vector<Diagnostic> first;
    check_shared_rules(body("pip install flask", stamp), first, memo);
    CHECK(memo.checked_bodies() == 1);
    REQUIRE(first.size() == 1);
    // The stamp promises the same text: the memo takes it at its word (this fact breaks the
    // promise on purpose, to show the text is not compared).
    std::vector<Diagnostic> stamped;
    check_shared_rules(body("pip install flask==3.0.0", stamp), stamped, memo);
    CHECK(memo.checked_bodies() == 0);
    CHECK(stamped == first);
    // Without a stamp, or with another, the text decides.
    std::vector<Diagnostic> unstamped;
    check_shared_rules(body("pip install flask==3.0.0", 0), unstamped, memo);
    CHECK(memo.checked_bodies() == 1);
    CHECK(unstamped.empty());
    std::vector<Diagnostic> same_text;
    check_shared_rules(body("pip install flask==3.0.0", new_fact_stamp()), same_text, memo);
    CHECK(memo.checked_bodies() == 0);
    CHECK(same_text.empty());
}

TEST_CASE("shared rules memo: an assignment or label with the stamp it had is known without reading it") {
    auto facts_with = [](std::string_view value, std::uint64_t env_stamp, std::uint64_t label_stamp) {
        ContainerFacts facts;
        facts.kind = DocumentKind::Dockerfile;
        AssignmentFact a;
        a.name = "API_TOKEN";
        a.value = std::string(value);
        a.name_range = {4, 13};
        a.value_range = {14, static_cast<Offset>(14 + value.size())};
        a.origin = "ENV";
        a.stamp = env_stamp;
        facts.assignments.push_back(a);
        facts.labels.push_back({"maintainer.password", std::string(value), {40, 59}, {60, 60}, label_stamp});
        return facts;
    };
    auto secrets = [](const std::vector<Diagnostic>& found) {
        return std::count_if(found.begin(), found.end(), [](const Diagnostic& d) { return d.rule == "secret-in-definition"; });
    };
    const std::uint64_t env = new_fact_stamp(), label = new_fact_stamp();
    SharedRulesMemo memo;
    std::vector<Diagnostic> first;
    check_shared_rules(facts_with("abcdef123456", env, label), first, memo);
    CHECK(memo.checked_values() == 2);
    CHECK(secrets(first) == 2);
    // Equal stamps promise equal texts (broken here on purpose: the memo does not read them).
    std::vector<Diagnostic> stamped;
    check_shared_rules(facts_with("", env, label), stamped, memo);
    CHECK(memo.checked_values() == 0);
    CHECK(secrets(stamped) == 2);
    // New stamps: the texts decide.
    std::vector<Diagnostic> fresh;
    check_shared_rules(facts_with("", new_fact_stamp(), 0), fresh, memo);
    CHECK(memo.checked_values() == 2);
    CHECK(secrets(fresh) == 0);
}

TEST_CASE("shared rules memo: an edit re-checks only the edited body, and moved bodies keep their findings") {
    std::string text(kDefinition);
    DocumentAnalyzer analyzer(DocumentKind::Definition);
    analyzer.analyze(text);
    // A line inserted above everything moves every body; only %post's text changes.
    std::string before = text;
    text.insert(text.find("    pip"), "    pip install scipy\n");
    text.insert(0, "# a comment\n");
    TextChange change = diff_texts(before, text);
    AnalysisResult incremental = analyzer.analyze(text, {}, nullptr, &change);
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

namespace {

// Calls visit(kind, path) for every file of the corpus folders; returns how many.
template <class Visit>
std::size_t for_each_corpus_file(const fs::path& corpus, Visit visit) {
    std::size_t files = 0;
    for (const char* folder : {"def", "def-invalid", "def-from-docs", "dockerfile", "dockerfile-invalid"}) {
        if (!fs::exists(corpus / folder)) continue;
        DocumentKind kind = std::string_view(folder).starts_with("def") ? DocumentKind::Definition : DocumentKind::Dockerfile;
        for (const auto& entry : fs::directory_iterator(corpus / folder)) {
            if (!entry.is_regular_file()) continue;
            visit(kind, entry.path());
            ++files;
        }
    }
    return files;
}

} // namespace

TEST_CASE("shared rules memo: the corpus gives the reference result, fresh and after edits") {
    fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("shared rules memo corpus test skipped: ../shared not found");
        return;
    }
    std::mt19937 random(7);
    std::size_t files = for_each_corpus_file(corpus, [&](DocumentKind kind, const fs::path& path) {
        std::string text = read_file(path);
        SharedRulesMemo memo;
        for (int step = 0; step < 2; ++step) {
            ContainerFacts facts = facts_of(kind, text);
            std::vector<Diagnostic> out;
            check_shared_rules(facts, out, memo);
            INFO(path.filename().string() << " step " << step);
            REQUIRE(out == reference_shared_rules(facts));
            auto at = static_cast<Offset>(std::uniform_int_distribution<std::size_t>(0, text.size())(random));
            text = apply_edit(text, {{at, at}, step % 2 ? "\n" : " x"});
        }
    });
    CHECK(files > 1000);
}

namespace {

// The fenced blocks of a documentation page.
std::vector<std::string> fenced_blocks(std::string_view doc) {
    std::vector<std::string> blocks;
    for (std::size_t at = 0; (at = doc.find("```", at)) != std::string_view::npos;) {
        std::size_t open = doc.find('\n', at);
        if (open == std::string_view::npos) break;
        std::size_t close = doc.find("\n```", open);
        if (close == std::string_view::npos) break;
        blocks.emplace_back(doc.substr(open + 1, close - open));
        at = close + 4;
    }
    return blocks;
}

// A one-shot analysis (no memo) against the memoised one, and the two shared-rules runs alone.
void check_once_equals_memoised(DocumentKind kind, const std::string& text) {
    AnalysisResult once = analyze_text(kind, text);
    DocumentAnalyzer incremental(kind, AnalyzerUse::Incremental);
    REQUIRE(incremental.analyze(text).diagnostics == once.diagnostics);
    std::vector<Diagnostic> direct, memoised;
    check_shared_rules(once.facts, direct);
    SharedRulesMemo memo;
    check_shared_rules(once.facts, memoised, memo);
    REQUIRE(direct == memoised);
}

} // namespace

TEST_CASE("shared rules without the memo: the rule docs' examples give the memoised result") {
    std::size_t examples = 0;
    for (const auto& [id, doc] : server::rule_docs()) {
        for (const std::string& block : fenced_blocks(doc)) {
            INFO(id << ":\n" << block);
            check_once_equals_memoised(DocumentKind::Definition, block);
            check_once_equals_memoised(DocumentKind::Dockerfile, block);
            ++examples;
        }
    }
    CHECK(examples > 100);
}

TEST_CASE("shared rules without the memo: the corpus gives the memoised result") {
    fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("one-shot shared rules corpus test skipped: ../shared not found");
        return;
    }
    std::size_t files = for_each_corpus_file(corpus, [](DocumentKind kind, const fs::path& path) {
        INFO(path.filename().string());
        check_once_equals_memoised(kind, read_file(path));
    });
    CHECK(files > 1000);
}

namespace {

// name_looks_secret as it was before it scanned the name without splitting it into strings: the
// reference the faster one must equal.
bool reference_name_looks_secret(std::string_view name) {
    std::vector<std::string> segments(1);
    for (char c : name) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            if (!segments.back().empty()) segments.emplace_back();
            continue;
        }
        segments.back() += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (segments.back().empty()) segments.pop_back();
    if (segments.empty()) return false;
    for (std::string_view last : {"FILE", "PATH", "DIR", "URL", "ID", "NAME", "ENABLED", "LENGTH", "TIMEOUT", "EXPIRY",
                                  "TTL", "TYPE", "HOST", "PORT", "USER", "USERNAME", "REGION", "ENDPOINT"})
        if (segments.back() == last) return false;
    auto only_value_words_after = [&](std::size_t i) {
        for (std::size_t k = i + 1; k < segments.size(); ++k) {
            const std::string& s = segments[k];
            if (s != "KEY" && s != "VALUE" && s != "STRING" && s != "B64" && s != "BASE64" && s != "RAW" &&
                s != "PLAIN" && s != "PLAINTEXT")
                return false;
        }
        return true;
    };
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& s = segments[i];
        bool credential = false;
        for (std::string_view w : {"TOKEN", "TOKENS", "SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD", "APIKEY",
                                   "CREDENTIAL", "CREDENTIALS"}) {
            if (s == w || (s.size() > w.size() && s.ends_with(w) && w != "TOKENS")) credential = true;
        }
        if (i + 1 < segments.size() && segments[i + 1] == "KEY" &&
            (s == "API" || s == "ACCESS" || s == "PRIVATE" || s == "AUTH"))
            credential = true;
        if (credential && only_value_words_after(i)) return true;
    }
    return false;
}

std::size_t count_rule(const std::vector<Diagnostic>& diagnostics, std::string_view rule) {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.rule == rule; }));
}

} // namespace

TEST_CASE("secret names: the one-pass scan answers as splitting the name did") {
    const std::vector<std::string> segments = {
        "GITHUB", "TOKEN", "tokens", "ghtoken", "MyTokens", "API", "key", "KEYS", "APIKEY", "ACCESS", "ID", "FILE",
        "SECRET", "secrets", "Passwd", "PASSWORD", "passwords", "PASSW", "VALUE", "B64", "REALM", "AUTH", "PRIVATE",
        "CREDENTIAL", "credentials", "x1", "TOKENIZERS", "USER", "T0KEN", "PLAINTEXT"};
    std::vector<std::string> names = {"", "_", "__TOKEN__", "token.", ".api.key", "a-b-token", "K", "KE", "KEY",
                                      "tok", "TOKE", "CREDENTIA", "SECRE", "PASS"};
    for (const std::string& a : segments) {
        names.push_back(a);
        for (const std::string& b : segments) {
            names.push_back(a + "_" + b);
            names.push_back(a + b);
            names.push_back(a + "." + b + "-");
            for (const std::string& c : {std::string("KEY"), std::string("VALUE"), std::string("TOKEN"),
                                         std::string("ID"), std::string("RAW")})
                names.push_back(a + "_" + b + "__" + c);
        }
    }
    std::size_t secret = 0;
    for (const std::string& name : names) {
        INFO(name);
        bool expected = reference_name_looks_secret(name);
        REQUIRE(find_value_secrets(name, "abcd1234", true).named == expected);
        secret += expected;
    }
    CHECK(secret > 1000);
    CHECK(secret < names.size() - 1000);
    // The value decides too: variables, placeholders and non-literal values are not secrets.
    CHECK_FALSE(find_value_secrets("API_KEY", "$X", true).named);
    CHECK_FALSE(find_value_secrets("API_KEY", "abcd1234", false).named);
    CHECK_FALSE(find_value_secrets("API_KEY", "changeme", true).named);
}

TEST_CASE("secret shapes: short values are answered as the full scan answers them") {
    // Shapes at their shortest, and one byte short of it.
    CHECK(find_value_secrets("X", "xoxb-0123456789", true).shapes == std::vector<TextRange>{{0, 15}});
    CHECK(find_value_secrets("X", "xoxb-012345678", true).shapes.empty());
    CHECK(find_value_secrets("X", "AKIA0123456789ABCDEF", true).shapes == std::vector<TextRange>{{0, 20}});
    CHECK(find_value_secrets("X", "_AKIA0123456789ABCDEF", true).shapes.empty()); // no word boundary
    CHECK(find_value_secrets("X", "a=sk-0123456789abcdefghij", true).shapes == std::vector<TextRange>{{2, 25}});
    // Random short values built from shape pieces against the same value padded past the short
    // path ("\n" ends every shape and every key line the same way as the end of the text).
    const std::vector<std::string_view> pieces = {"ghp_", "AKIA", "xoxb-", "sk-", "hf_", "glpat-", "github_pat_",
                                                  "-----BEGIN ", "PRIVATE KEY-----", "-----END ", "0123456789",
                                                  "abcdefghij", "ABCDEFGHIJ", "_", "-", " ", "a", "=", "/", "\n"};
    std::mt19937 random(11);
    std::size_t found = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string value;
        while (true) {
            std::string_view piece = pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random)];
            if (value.size() + piece.size() >= 64) break;
            value += piece;
        }
        INFO(value);
        std::vector<TextRange> shapes = find_value_secrets("X", value, true).shapes;
        // A key block without its END line reaches five bytes past its line, clamped to the text.
        std::vector<TextRange> padded = find_value_secrets("X", value + "\n" + std::string(63, ' '), true).shapes;
        for (TextRange& range : padded) range.end = std::min(range.end, static_cast<Offset>(value.size()));
        REQUIRE(shapes == padded);
        found += !shapes.empty();
    }
    CHECK(found > 100);
}

TEST_CASE("shared rules memo: assignment and label secrets follow edits that change, then restore, a finding") {
    std::string base = "FROM ubuntu:22.04\n"
                       "ENV API_KEY=abcd1234 OTHER=1\n"
                       "LABEL maintainer.password=hunter22\n"
                       "ENV TOKEN=$T\n";
    for (int i = 0; i < 30; ++i) base += "ENV V" + std::to_string(i) + "=" + std::to_string(i) + "\n";
    base += "ENV GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\nRUN echo hi\n";
    std::string many; // more assignments than the memo looks ahead
    for (int i = 0; i < 40; ++i) many += "ENV W" + std::to_string(i) + "=" + std::to_string(i) + "\n";
    auto replaced = [&](std::string_view from, std::string_view to) {
        std::string text = base;
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    struct Step {
        std::string text;
        std::size_t secrets;
    };
    const std::vector<Step> steps = {
        {base, 3},
        {replaced("abcd1234", "$X"), 2},                // no longer literal
        {base, 3},                                      // restored
        {replaced("API_KEY=", "API_KEY_ID="), 2},       // no longer a credential name
        {base, 3},
        {replaced("password", "user"), 2},              // the label
        {base, 3},
        {replaced("OTHER=1", "OTHER=xoxb-0123456789"), 4}, // a shape in a value
        {replaced("ENV V3=3\n", ""), 3},                // one assignment fewer
        {replaced("ENV V3=3\n", many), 3},              // many more
        {replaced("ENV V3=3\n", many + "ENV SECRET=hunter2\n"), 4},
        {replaced("ENV V0=0\n", ""), 3},
        {base, 3},
        {replaced("GITHUB_TOKEN=ghp_", "GITHUB_REF=xhp_"), 2}, // neither a name nor a shape
        {base, 3},
    };
    DocumentAnalyzer analyzer(DocumentKind::Dockerfile);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("step " << i);
        AnalysisResult incremental = analyzer.analyze(steps[i].text);
        AnalysisResult fresh = analyze_text(DocumentKind::Dockerfile, steps[i].text);
        REQUIRE(incremental.diagnostics == fresh.diagnostics);
        CHECK(count_rule(fresh.diagnostics, "secret-in-definition") == steps[i].secrets);
        std::vector<Diagnostic> reference = reference_shared_rules(fresh.facts);
        std::vector<Diagnostic> out;
        SharedRulesMemo memo;
        check_shared_rules(fresh.facts, out, memo);
        CHECK(out == reference);
    }
}

TEST_CASE("shared rules memo: an unchanged assignment is not checked again, an edited one is") {
    std::string text = "FROM ubuntu:22.04\nENV A=1 API_KEY=abcd1234\nLABEL b=2\nENV C=3\n";
    SharedRulesMemo memo;
    std::vector<Diagnostic> out;
    check_shared_rules(facts_of(DocumentKind::Dockerfile, text), out, memo);
    CHECK(memo.checked_values() == 4);
    out.clear();
    check_shared_rules(facts_of(DocumentKind::Dockerfile, "# moved\n" + text), out, memo);
    CHECK(memo.checked_values() == 0);
    CHECK(count_rule(out, "secret-in-definition") == 1);
    text.replace(text.find("abcd1234"), 8, "${KEY}");
    out.clear();
    check_shared_rules(facts_of(DocumentKind::Dockerfile, text), out, memo);
    CHECK(memo.checked_values() == 1);
    CHECK(count_rule(out, "secret-in-definition") == 0);
    CHECK(out == reference_shared_rules(facts_of(DocumentKind::Dockerfile, text)));
}

TEST_CASE("shared rules memo: bodies edited, restored, removed, moved far and repeated") {
    auto dockerfile = [](const std::vector<std::string>& runs) {
        std::string text = "FROM ubuntu:22.04\n";
        for (const std::string& run : runs) text += "RUN " + run + "\n";
        return text;
    };
    std::vector<std::string> runs;
    for (int i = 0; i < 40; ++i)
        runs.push_back(i % 3 ? "pip install pkg" + std::to_string(i) : "apt-get install -y tool" + std::to_string(i));
    struct Step {
        std::vector<std::string> runs;
        std::size_t checked; // bodies checked anew by the memo of the steps before
    };
    std::vector<Step> steps;
    steps.push_back({runs, 40});
    auto edited = runs;
    edited[5] = "pip install pkg5==1.0"; // a finding goes away
    steps.push_back({edited, 1});
    steps.push_back({runs, 1}); // and comes back
    auto fewer = runs;
    fewer.erase(fewer.begin() + 3, fewer.begin() + 25); // more than the memo looks ahead
    steps.push_back({fewer, 15});
    steps.push_back({runs, 22});
    auto moved = runs;
    std::rotate(moved.begin(), moved.end() - 1, moved.end()); // the last body first
    steps.push_back({moved, 1});
    auto repeated = runs;
    repeated.insert(repeated.begin() + 10, 3, "pip install same");
    steps.push_back({repeated, 2}); // the repeated body once, and the last body moved back far
    steps.push_back({repeated, 0});
    steps.push_back({runs, 0});

    SharedRulesMemo memo;
    DocumentAnalyzer analyzer(DocumentKind::Dockerfile);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("step " << i);
        std::string text = dockerfile(steps[i].runs);
        ContainerFacts facts = facts_of(DocumentKind::Dockerfile, text);
        std::vector<Diagnostic> out;
        check_shared_rules(facts, out, memo);
        CHECK(memo.checked_bodies() == steps[i].checked);
        REQUIRE(out == reference_shared_rules(facts));
        REQUIRE(analyzer.analyze(text).diagnostics == analyze_text(DocumentKind::Dockerfile, text).diagnostics);
    }
}

TEST_CASE("shared rules memo: copied paths follow edits that change, then restore, a finding") {
    std::string base = "FROM ubuntu:22.04 AS build\nFROM ubuntu:22.04\n"
                       "COPY data/x.csv /d/\n"
                       "COPY --from=build /out/y.csv /y/\n"
                       "COPY src/ /src/\n";
    for (int i = 0; i < 20; ++i) base += "COPY file" + std::to_string(i) + ".py /app/\n";
    base += "COPY inputs/ /inputs/\n";
    auto replaced = [&](std::string_view from, std::string_view to) {
        std::string text = base;
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    std::string many_removed = base;
    many_removed.erase(many_removed.find("COPY file0"), many_removed.find("COPY file19") - many_removed.find("COPY file0"));
    struct Step {
        std::string text;
        std::size_t data;
    };
    const std::vector<Step> steps = {
        {base, 2},
        {replaced("x.csv", "x.py"), 1},                 // code in a data directory
        {base, 2},
        {replaced("COPY --from=build /out/y.csv", "COPY /out/y.csv"), 3}, // no longer from a stage
        {base, 2},
        {replaced("src/", "Data/"), 3},                 // a data directory, in any case
        {many_removed, 2},                              // more copies removed than the memo looks ahead
        {base, 2},
        {replaced("file3.py", "file3.parquet"), 3},
        {base, 2},
    };
    SharedRulesMemo memo;
    DocumentAnalyzer analyzer(DocumentKind::Dockerfile);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("step " << i);
        ContainerFacts facts = facts_of(DocumentKind::Dockerfile, steps[i].text);
        std::vector<Diagnostic> out;
        check_shared_rules(facts, out, memo);
        CHECK(count_rule(out, "data-in-image") == steps[i].data);
        REQUIRE(out == reference_shared_rules(facts));
        REQUIRE(analyzer.analyze(steps[i].text).diagnostics ==
                analyze_text(DocumentKind::Dockerfile, steps[i].text).diagnostics);
    }
}

TEST_CASE("document analysis: rule settings apply to every diagnostic of each rule, as looked up once") {
    std::string text = "FROM ubuntu:latest\n";
    for (int i = 0; i < 30; ++i)
        text += "RUN pip install p" + std::to_string(i) + " && apt-get install -y t" + std::to_string(i) +
                " && git clone https://example.com/r" + std::to_string(i) + "\n";
    AnalysisResult plain = analyze_text(DocumentKind::Dockerfile, text);
    AnalysisSettings settings;
    settings.overrides["apt-unpinned"] = std::nullopt;      // off
    settings.overrides["pip-unpinned"] = Severity::Hint;    // another severity
    settings.overrides["no-such-rule"] = Severity::Error;   // names nothing
    AnalysisResult configured = analyze_text(DocumentKind::Dockerfile, text, settings);
    std::vector<Diagnostic> expected;
    for (Diagnostic d : plain.diagnostics) {
        if (d.rule == "apt-unpinned") continue;
        if (d.rule == "pip-unpinned") d.severity = Severity::Hint;
        expected.push_back(std::move(d));
    }
    CHECK(count_rule(plain.diagnostics, "apt-unpinned") == 30);
    CHECK(count_rule(plain.diagnostics, "pip-unpinned") == 30);
    CHECK(count_rule(plain.diagnostics, "git-clone-unpinned") == 30);
    CHECK(configured.diagnostics == expected);
}

TEST_CASE("document analysis: random edits of corpus files, incremental equals fresh") {
    fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("random edit test skipped: ../shared not found");
        return;
    }
    // Lines that make the memoised passes change their findings: secrets in assignments, labels
    // and bodies, data and dotfile copies, packages, pragmas.
    const std::vector<std::string> snippets = {
        "ENV API_KEY=abcd1234 OTHER=xoxb-0123456789\n", "LABEL org.password=hunter22\n",
        "RUN export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n", "COPY data/x.csv /d/\n",
        "COPY .bashrc /root/\n", "RUN pip install numpy && apt-get install -y curl\n",
        "# hadolint ignore=DL3008\n", "# cdls-ignore: pip-unpinned\n", "%post\n    pip install scipy\n",
        "%environment\n    export SECRET=abc123def\n", "%files\n    data/y.h5 /y\n", "\n", "x"};
    std::mt19937 random(2026);
    std::size_t edits = 0;
    for (const char* folder : {"def", "dockerfile"}) {
        if (!fs::exists(corpus / folder)) continue;
        DocumentKind kind = std::string_view(folder) == "def" ? DocumentKind::Definition : DocumentKind::Dockerfile;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(corpus / folder)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (std::size_t f = 0; f < files.size(); f += files.size() / 24 + 1) {
            std::string text = read_file(files[f]);
            DocumentAnalyzer analyzer(kind);
            AnalysisResult last = analyzer.analyze(text);
            for (int step = 0; step < 60; ++step) {
                auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(random); };
                std::size_t at = pick(text.size());
                std::string before = text;
                switch (pick(3)) {
                case 0: text.insert(at, snippets[pick(snippets.size() - 1)]); break;
                case 1: text.erase(at, pick(300)); break;
                case 2: text.insert(at, text.substr(pick(text.size()), pick(400))); break; // a copy of a part
                default: if (at < text.size()) text[at] = 'A'; break;
                }
                INFO(files[f].filename().string() << " step " << step);
                // Two steps in three hand the last result back, as the server does (its facts and
                // diagnostics' memory are reused).
                if (step % 3 != 0) analyzer.recycle(std::move(last));
                TextChange change = diff_texts(before, text);
                last = analyzer.analyze(text, {}, nullptr, &change);
                REQUIRE(last.diagnostics == analyze_text(kind, text).diagnostics);
                ++edits;
            }
        }
    }
    CHECK(edits > 500);
}
