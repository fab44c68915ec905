// Code actions: every kind is applied to the text and the document re-analysed; the diagnostic
// it addresses must be gone and no new error may appear.
#include "analysis/features/code_actions.hpp"

#include "server/check_report.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

namespace {

const char* seed = R"(Bootstrap: docker
From: python:latest

%files
    summation.py /opt

%runscript
    echo "Got arguments: $*"
    exec python /opt/summation.py "$@"

%post
    pip install numpy
)";

std::size_t count_rule(const AnalysisResult& r, std::string_view rule) {
    return static_cast<std::size_t>(
        std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                      [&](const Diagnostic& d) { return d.rule == rule; }));
}

std::size_t count_errors(const AnalysisResult& r) {
    return static_cast<std::size_t>(
        std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::vector<CodeAction> actions_at(const AnalysisResult& r, std::string_view text, TextRange range,
                                   std::vector<std::string> only = {}) {
    CodeActionRequest request;
    request.range = range;
    request.only = std::move(only);
    return code_actions(r, text, request);
}

const CodeAction* find_action(const std::vector<CodeAction>& actions,
                              std::string_view title_start) {
    for (const auto& a : actions)
        if (a.title.substr(0, title_start.size()) == title_start) return &a;
    return nullptr;
}

// Applies the action, re-analyses, and checks that one `rule` finding fewer remains and no new
// error appeared. Returns the new text.
std::string apply_and_check(DocumentKind kind, const std::string& text, const CodeAction& action,
                            std::string_view rule) {
    AnalysisResult before = analyze_text(kind, text);
    std::string after_text = apply_edits(text, action.edits);
    AnalysisResult after = analyze_text(kind, after_text);
    INFO("action: " << action.title << "\nafter:\n" << after_text);
    CHECK(count_rule(after, rule) < count_rule(before, rule));
    CHECK(count_errors(after) <= count_errors(before));
    return after_text;
}

} // namespace

TEST_CASE("code actions: the seed example's pin action replaces latest with a version") {
    Annotated src(seed);
    auto r = analyze_text(DocumentKind::Definition, src.text());
    REQUIRE(count_rule(r, "image-latest-tag") == 1);
    Offset latest = static_cast<Offset>(src.text().find("latest"));
    auto actions = actions_at(r, src.text(), {latest, latest});
    REQUIRE_FALSE(actions.empty());
    const CodeAction& pin = actions.front();
    CHECK(pin.preferred);
    CHECK(pin.kind == "quickfix");
    CHECK(pin.title.substr(0, 11) == "Pin python:");
    REQUIRE(pin.resolves.size() == 1);
    CHECK(pin.resolves[0].rule == "image-latest-tag");
    std::string fixed =
        apply_and_check(DocumentKind::Definition, src.text(), pin, "image-latest-tag");
    CHECK(fixed.find("python:latest") == std::string::npos);
    CHECK(fixed.find("From: python:3.") != std::string::npos);
}

TEST_CASE("code actions: every fix of every diagnostic removes it") {
    struct Case {
        DocumentKind kind;
        const char* text;
    };
    const std::vector<Case> cases = {
        {DocumentKind::Definition, "Bootstrap: dokcer\nFrom: ubuntu:22.04\n\n%post\n    echo hi\n"},
        {DocumentKind::Definition, "Bootstrap: docker\nFrm: ubuntu:22.04\n\n%poost\n    echo hi\n"},
        {DocumentKind::Definition,
         "Bootstrap: docker\nFrom: ubuntu\nStage: build\n\n%post\n    echo hi\n\n"
         "Bootstrap: docker\nFrom: alpine:latest\n\n%files from biuld\n    /a /a\n"},
        {DocumentKind::Dockerfile,
         "FROM python:latest\nRUNN echo hi\nMAINTAINER me <me@example.org>\n"
         "CMD ['a', 'b']\nCOPY --chwon=me a /a\n"},
        {DocumentKind::Dockerfile, "FROM ubuntu\nRUN apt-get update && \\\n\n    echo hi\n"},
    };
    for (const Case& c : cases) {
        std::string text = c.text;
        auto r = analyze_text(c.kind, text);
        std::size_t fixes_seen = 0;
        for (const Diagnostic& d : r.diagnostics) {
            auto actions = actions_at(r, text, d.range, {"quickfix"});
            for (const Fix& fix : d.fixes) {
                const CodeAction* action = nullptr;
                for (const auto& a : actions)
                    if (a.title == fix.title && a.edits == fix.edits) action = &a;
                INFO("source:\n" << text << "\nrule " << d.rule << ", fix " << fix.title);
                REQUIRE(action != nullptr);
                CHECK(action->preferred == fix.preferred);
                apply_and_check(c.kind, text, *action, d.rule);
                ++fixes_seen;
            }
        }
        INFO(text);
        CHECK(fixes_seen > 0);
    }
}

TEST_CASE("code actions: an undefined build argument gets a %arguments default") {
    SECTION("added to the stage's %arguments section") {
        Annotated src("Bootstrap: docker\nFrom: python:{{ VERSION }}\n\n%arguments\n    OTHER=1\n\n"
                      "%post\n    echo {{ OTHER }} {{ ^TOOL }}\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        REQUIRE(count_rule(r, "undefined-build-argument") == 2);
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* add = find_action(actions, "Add `TOOL=` to %arguments");
        REQUIRE(add != nullptr);
        CHECK_FALSE(add->preferred);
        std::string fixed =
            apply_and_check(DocumentKind::Definition, src.text(), *add, "undefined-build-argument");
        CHECK(fixed.find("    OTHER=1\n    TOOL=\n") != std::string::npos);
    }
    SECTION("a new %arguments section before the stage's first section") {
        Annotated src("Bootstrap: docker\nFrom: python:3.12.1\n\n%post\n    echo {{ ^TOOL }}\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* add = find_action(actions, "Add a %arguments section with `TOOL=`");
        REQUIRE(add != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Definition, src.text(), *add, "undefined-build-argument");
        CHECK(fixed.find("%arguments\n    TOOL=\n\n%post") != std::string::npos);
    }
    SECTION("a stage with no sections gets one at its end") {
        Annotated src("Bootstrap: docker\nFrom: python:{{ ^VERSION }}");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* add = find_action(actions, "Add a %arguments section");
        REQUIRE(add != nullptr);
        apply_and_check(DocumentKind::Definition, src.text(), *add, "undefined-build-argument");
    }
    SECTION("the second stage's own %arguments is used") {
        Annotated src(
            "Bootstrap: docker\nFrom: alpine:3.19.1\nStage: one\n\n%arguments\n    A=1\n\n"
            "Bootstrap: docker\nFrom: alpine:3.19.1\n\n%arguments\n    B=2\n\n%post\n    echo {{ B "
            "}} {{ ^A }}\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* add = find_action(actions, "Add `A=`");
        REQUIRE(add != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Definition, src.text(), *add, "undefined-build-argument");
        CHECK(fixed.find("    B=2\n    A=\n") != std::string::npos);
    }
}

TEST_CASE("code actions: suppress on this line") {
    SECTION("a continued %post line: the pragma goes above its first line") {
        Annotated src("Bootstrap: docker\nFrom: python:3.12.1\n\n%post\n    pip install \\\n       "
                      " ^numpy\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        REQUIRE(count_rule(r, "pip-unpinned") == 1);
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* ignore = find_action(actions, "Ignore pip-unpinned on this line");
        REQUIRE(ignore != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Definition, src.text(), *ignore, "pip-unpinned");
        CHECK(fixed.find("%post\n    # cdls-ignore: pip-unpinned\n    pip install \\\n") !=
              std::string::npos);
        CHECK(count_rule(analyze_text(DocumentKind::Definition, fixed), "unused-suppression") == 0);
    }
    SECTION("a Dockerfile instruction: above the instruction, appended to a pragma already there") {
        Annotated src("FROM python:3.12.1\n# cdls-ignore: apt-unpinned\nRUN apt-get install -y "
                      "curl && \\\n    pip install ^numpy\n");
        auto r = analyze_text(DocumentKind::Dockerfile, src.text());
        REQUIRE(count_rule(r, "pip-unpinned") == 1);
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* ignore = find_action(actions, "Ignore pip-unpinned on this line");
        REQUIRE(ignore != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Dockerfile, src.text(), *ignore, "pip-unpinned");
        CHECK(fixed.find("# cdls-ignore: apt-unpinned, pip-unpinned\nRUN") != std::string::npos);
    }
    SECTION("a header line keeps its indentation") {
        Annotated src("Bootstrap: docker\nFrom: python:^latest\n\n%post\n    echo hi\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* ignore = find_action(actions, "Ignore image-latest-tag on this line");
        REQUIRE(ignore != nullptr);
        apply_and_check(DocumentKind::Definition, src.text(), *ignore, "image-latest-tag");
    }
    SECTION("inside a Dockerfile heredoc only the file-wide pragma is offered") {
        Annotated src("FROM python:3.12.1\nRUN <<EOF\npip install ^numpy\nEOF\n");
        auto r = analyze_text(DocumentKind::Dockerfile, src.text());
        REQUIRE(count_rule(r, "pip-unpinned") == 1);
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        CHECK(find_action(actions, "Ignore pip-unpinned on this line") == nullptr);
        const CodeAction* file = find_action(actions, "Ignore pip-unpinned in this file");
        REQUIRE(file != nullptr);
        apply_and_check(DocumentKind::Dockerfile, src.text(), *file, "pip-unpinned");
    }
}

TEST_CASE("code actions: suppress in the whole file") {
    SECTION("after a Dockerfile's parser directives, which stay directives") {
        Annotated src("# syntax=docker/dockerfile:1\n# escape=\\\nFROM python:^latest\n");
        auto r = analyze_text(DocumentKind::Dockerfile, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* file = find_action(actions, "Ignore image-latest-tag in this file");
        REQUIRE(file != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Dockerfile, src.text(), *file, "image-latest-tag");
        CHECK(fixed.starts_with(
            "# syntax=docker/dockerfile:1\n# escape=\\\n# cdls-ignore-file: image-latest-tag\n"));
        CHECK(analyze_text(DocumentKind::Dockerfile, fixed).dockerfile->directives.size() == 2);
    }
    SECTION("appended to an existing file pragma of a definition file") {
        Annotated src("# cdls-ignore-file: missing-help\nBootstrap: docker\nFrom: "
                      "python:^latest\n\n%post\n    echo hi\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        const CodeAction* file = find_action(actions, "Ignore image-latest-tag in this file");
        REQUIRE(file != nullptr);
        std::string fixed =
            apply_and_check(DocumentKind::Definition, src.text(), *file, "image-latest-tag");
        CHECK(fixed.starts_with("# cdls-ignore-file: missing-help, image-latest-tag\n"));
    }
    SECTION("unused-suppression itself is not suppressed") {
        Annotated src("Bootstrap: docker\nFrom: python:3.12.1\n\n%post\n    # cdls-ignore: "
                      "^pip-unpinned\n    echo hi\n");
        auto r = analyze_text(DocumentKind::Definition, src.text());
        REQUIRE(count_rule(r, "unused-suppression") == 1);
        auto actions = actions_at(r, src.text(), {src.point(), src.point()});
        CHECK(find_action(actions, "Ignore unused-suppression") == nullptr);
    }
}

TEST_CASE("code actions: fix all applies every preferred fix and matches cdls check --fix") {
    std::string text = "FROM python:latest\nRUNN echo hi\nMAINTAINER me\nCMD ['a']\n";
    auto r = analyze_text(DocumentKind::Dockerfile, text);
    auto actions = actions_at(r, text, {0, 0}, {"source.fixAll"});
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].kind == "source.fixAll.cdls");
    CHECK(actions[0].title == "Fix all auto-fixable problems (4)");
    std::string fixed = apply_edits(text, actions[0].edits);
    auto after = analyze_text(DocumentKind::Dockerfile, fixed);
    for (std::string_view rule : {"image-latest-tag", "unknown-instruction",
                                  "maintainer-deprecated", "json-single-quotes"}) {
        INFO(rule << "\n" << fixed);
        CHECK(count_rule(after, rule) == 0);
    }
    CHECK(count_errors(after) == 0);
    auto [cli, count] = server::apply_safe_fixes(text, r.diagnostics);
    CHECK(cli == fixed);
    CHECK(count == 4);
}

TEST_CASE("code actions: fix all skips overlapping fixes") {
    Diagnostic a, b, c;
    a.fixes = {Fix{"a", {TextEdit{{0, 4}, "x"}}, true}};
    b.fixes = {Fix{"b", {TextEdit{{2, 6}, "y"}}, true}};
    c.fixes = {Fix{"c", {TextEdit{{8, 8}, "z"}}, false}, Fix{"c2", {TextEdit{{8, 8}, "w"}}, true}};
    FixAllEdits all = fix_all_edits({a, b, c});
    CHECK(all.fixes == 2);
    CHECK(apply_edits("0123456789", all.edits) == "x4567w89");
}

TEST_CASE("code actions: context.only filters kinds") {
    std::string text = seed;
    auto r = analyze_text(DocumentKind::Definition, text);
    Offset latest = static_cast<Offset>(text.find("latest"));
    auto quick = actions_at(r, text, {latest, latest}, {"quickfix"});
    CHECK_FALSE(quick.empty());
    CHECK(std::all_of(quick.begin(), quick.end(),
                      [](const CodeAction& a) { return a.kind == "quickfix"; }));
    auto source = actions_at(r, text, {latest, latest}, {"source"});
    REQUIRE(source.size() == 1);
    CHECK(source[0].kind == "source.fixAll.cdls");
    CHECK(actions_at(r, text, {latest, latest}, {"refactor"}).empty());
    CHECK(kind_allowed("source.fixAll.cdls", {"source.fixAll"}));
    CHECK_FALSE(kind_allowed("source.fixAllx", {"source.fixAll"}));
}

TEST_CASE("code actions: context diagnostics are matched by range and rule") {
    std::string text = seed;
    auto r = analyze_text(DocumentKind::Definition, text);
    auto latest = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                               [](const Diagnostic& d) { return d.rule == "image-latest-tag"; });
    REQUIRE(latest != r.diagnostics.end());
    CodeActionRequest request;
    request.range = {0, 0}; // the client may send diagnostics outside the range
    request.diagnostics = {{{0, 1}, "other"}, {latest->range, "image-latest-tag"}};
    auto actions = code_actions(r, text, request);
    const CodeAction* pin = find_action(actions, "Pin python:");
    REQUIRE(pin != nullptr);
    CHECK(pin->diagnostics == std::vector<std::size_t>{1});
}

namespace {

struct FakeDigests : DigestSource {
    std::optional<std::string> digest(const catalogue::ImageReference& reference) const override {
        if (reference.name == "python") return "sha256:" + std::string(64, 'a');
        return std::nullopt;
    }
};

} // namespace

TEST_CASE("code actions: a digest pin comes only from a digest source") {
    std::string text = seed;
    auto r = analyze_text(DocumentKind::Definition, text);
    Offset latest = static_cast<Offset>(text.find("latest"));
    CodeActionRequest request;
    request.range = {latest, latest};
    CHECK(find_action(code_actions(r, text, request), "Pin python:latest@") == nullptr);
    FakeDigests digests;
    request.digests = &digests;
    auto actions = code_actions(r, text, request);
    const CodeAction* pin = find_action(actions, "Pin python:latest@sha256:");
    REQUIRE(pin != nullptr);
    CHECK(pin->kind == "quickfix");
    std::string fixed = apply_and_check(DocumentKind::Definition, text, *pin, "image-latest-tag");
    CHECK(fixed.find("From: python:latest@sha256:aaaa") != std::string::npos);

    SECTION("a pinned tag gets a digest as a rewrite") {
        std::string pinned = "FROM python:3.12.1\n";
        auto rp = analyze_text(DocumentKind::Dockerfile, pinned);
        CodeActionRequest req;
        req.range = {7, 7};
        req.digests = &digests;
        auto list = code_actions(rp, pinned, req);
        const CodeAction* rewrite = find_action(list, "Pin python:3.12.1@sha256:");
        REQUIRE(rewrite != nullptr);
        CHECK(rewrite->kind == "refactor.rewrite");
    }
}
