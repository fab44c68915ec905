// Each definition rule on bad and good input.
#include "test_helpers.hpp"

#include "analysis/core/rule.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::definition;
using namespace cdls::definition::testing;

namespace {

constexpr std::string_view kSeed = "Bootstrap: docker\n"
                                   "From: python:latest\n"
                                   "\n"
                                   "%files\n"
                                   "    summation.py /opt\n"
                                   "\n"
                                   "%runscript\n"
                                   "    echo \"Got arguments: $*\"\n"
                                   "    exec python /opt/summation.py \"$@\"\n"
                                   "\n"
                                   "%post\n"
                                   "    pip install numpy\n";

} // namespace

TEST_CASE("the seed example has only hints") {
    Result r = analyze_definition(kSeed);
    for (const Diagnostic& d : r.diagnostics) {
        INFO(d.rule << ": " << d.message);
        CHECK(d.severity == Severity::Hint);
    }
    CHECK(diagnostics_of(kSeed, "missing-help").size() == 1);
    CHECK(diagnostics_of(kSeed, "missing-test").size() == 1);
}

TEST_CASE("every definition rule is registered with a summary") {
    for (std::string_view id :
         {"missing-bootstrap", "unknown-bootstrap-agent", "missing-required-header", "unknown-header-keyword",
          "header-without-value", "unknown-section", "app-section-without-name", "unknown-stage",
          "duplicate-stage-name", "undefined-build-argument", "unused-build-argument", "bad-post-shell",
          "empty-definition", "section-in-heredoc", "missing-help", "missing-test"}) {
        INFO(id);
        const RuleInfo* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        CHECK(!rule->summary.empty());
    }
    CHECK(find_rule("undefined-build-argument")->severity == Severity::Warning);
    CHECK(find_rule("unused-build-argument")->severity == Severity::Hint);
    CHECK(find_rule("section-in-heredoc")->severity == Severity::Warning);
    CHECK(find_rule("unknown-section")->severity == Severity::Error);
}

TEST_CASE("empty-definition") {
    CHECK(diagnostics_of("", "empty-definition").size() == 1);
    CHECK(diagnostics_of("# just a comment\n\n   # another", "empty-definition").size() == 1);
    CHECK(diagnostics_of("\xEF\xBB\xBF\n", "empty-definition").size() == 1);
    CHECK(diagnostics_of(kSeed, "empty-definition").empty());
    CHECK(diagnostics_of("%post\n    echo hi\n", "empty-definition").empty());
    // No other error piles up on an empty file.
    CHECK(analyze_definition("# nothing\n").diagnostics.size() == 1);
}

TEST_CASE("missing-bootstrap") {
    std::string header_only = "From: ubuntu:22.04\n\n%post\n    true\n";
    auto d = diagnostics_of(header_only, "missing-bootstrap");
    REQUIRE(d.size() == 1);
    CHECK(covered(header_only, d[0]) == "From: ubuntu:22.04");

    std::string before = "%post\n    echo early\nBootstrap: docker\nFrom: alpine:3.19\n";
    d = diagnostics_of(before, "missing-bootstrap");
    REQUIRE(d.size() == 1);
    CHECK(covered(before, d[0]) == "%post");

    // Sections only, no header at all: apptainer accepts it (build --update).
    CHECK(diagnostics_of("%help\nHello\n%post\n    true\n", "missing-bootstrap").empty());
    CHECK(diagnostics_of("# comment\n\nBootstrap: docker\nFrom: alpine:3.19\n", "missing-bootstrap").empty());
    CHECK(diagnostics_of(kSeed, "missing-bootstrap").empty());
    // An indented Bootstrap in the header still counts.
    CHECK(diagnostics_of("  Bootstrap: docker\nFrom: alpine:3.19\n", "missing-bootstrap").empty());
}

TEST_CASE("unknown-bootstrap-agent") {
    std::string text = "Bootstrap: dokcer\nFrom: alpine:3.19\n";
    auto d = diagnostics_of(text, "unknown-bootstrap-agent");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "dokcer");
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]) == "Bootstrap: docker\nFrom: alpine:3.19\n");
    // Agents are case-sensitive.
    text = "Bootstrap: Docker\nFrom: alpine:3.19\n";
    d = diagnostics_of(text, "unknown-bootstrap-agent");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("`docker`") != std::string::npos);
    d = diagnostics_of("Bootstrap: qwertyuiop\n", "unknown-bootstrap-agent");
    REQUIRE(d.size() == 1);
    CHECK(d[0].fixes.empty());
    for (std::string_view agent : {"docker", "library", "oras", "localimage", "yum", "debootstrap", "scratch",
                                   "busybox", "zypper", "arch", "shub", "oci-archive", "docker-daemon"}) {
        CHECK(diagnostics_of("Bootstrap: " + std::string(agent) + "\n", "unknown-bootstrap-agent").empty());
    }
}

TEST_CASE("missing-required-header") {
    auto d = diagnostics_of("Bootstrap: docker\n%post\n    true\n", "missing-required-header");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("From:") != std::string::npos);
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: alpine:3.19\n", "missing-required-header").empty());
    CHECK(diagnostics_of("Bootstrap: debootstrap\nOSVersion: jammy\n", "missing-required-header").size() == 1);
    CHECK(diagnostics_of("Bootstrap: debootstrap\nOSVersion: jammy\nMirrorURL: http://archive.ubuntu.com/ubuntu/\n",
                         "missing-required-header")
              .empty());
    // yum needs OSVersion only when MirrorURL uses %{OSVERSION}.
    CHECK(diagnostics_of("Bootstrap: yum\nMirrorURL: http://mirror/centos-%{OSVERSION}/os/\n",
                         "missing-required-header")
              .size() == 1);
    CHECK(diagnostics_of("Bootstrap: yum\nMirrorURL: http://mirror/centos-7/os/\n", "missing-required-header")
              .empty());
    CHECK(diagnostics_of("Bootstrap: busybox\n", "missing-required-header").size() == 1);
    CHECK(diagnostics_of("Bootstrap: scratch\n", "missing-required-header").empty());
}

TEST_CASE("unknown-header-keyword") {
    std::string text = "Bootstrap: docker\nFrom: alpine:3.19\nStgae: build\n";
    auto d = diagnostics_of(text, "unknown-header-keyword");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "Stgae");
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]) == "Bootstrap: docker\nFrom: alpine:3.19\nStage: build\n");
    d = diagnostics_of("Bootstrap: docker\nFrom: alpine:3.19\nMaintainer: me\n", "unknown-header-keyword");
    REQUIRE(d.size() == 1);
    CHECK(d[0].fixes.empty());
    CHECK(diagnostics_of("BOOTSTRAP: docker\nfrom: alpine:3.19\nOtherURL1: http://x\nIncludeCmd: yes\n",
                         "unknown-header-keyword")
              .empty());
}

TEST_CASE("header-without-value") {
    std::string text = "Bootstrap: docker\nFrom:\n";
    auto d = diagnostics_of(text, "header-without-value");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "From:");
    text = "Bootstrap: docker\nFrom: alpine:3.19\nInstallPkgs vim\n";
    d = diagnostics_of(text, "header-without-value");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "InstallPkgs vim");
    // A comment is cut off, so `From: # x` has no value either.
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: # later\n", "header-without-value").size() == 1);
    // Optional keywords may be empty (templates leave Regcode: for the user).
    CHECK(diagnostics_of("Bootstrap: zypper\nOSVersion: 15\nRegcode:\n", "header-without-value").empty());
    CHECK(diagnostics_of(kSeed, "header-without-value").empty());
}

TEST_CASE("unknown-section") {
    std::string text = "Bootstrap: docker\nFrom: alpine:3.19\n%postt\n    true\n";
    auto d = diagnostics_of(text, "unknown-section");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "%postt");
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]) == "Bootstrap: docker\nFrom: alpine:3.19\n%post\n    true\n");
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\n%badsection\nx\n", "unknown-section")[0].fixes.empty());
    // An indented section header after the header is read as section "" by apptainer.
    text = "Bootstrap: docker\nFrom: alpine:3.19\n  %post\n    true\n";
    d = diagnostics_of(text, "unknown-section");
    REQUIRE(d.size() == 1);
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]) == "Bootstrap: docker\nFrom: alpine:3.19\n%post\n    true\n");
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\n%POST\n%Labels\nA b\n%appinstall x\n", "unknown-section")
              .empty());
}

TEST_CASE("app-section-without-name") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%appinstall\n    make\n";
    auto d = diagnostics_of(text, "app-section-without-name");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "%appinstall");
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\n%appinstall foo\n    make\n%apprun foo\n    foo\n",
                         "app-section-without-name")
              .empty());
}

TEST_CASE("unknown-stage") {
    std::string text = "Bootstrap: docker\nFrom: golang:1.22\nStage: build\n%post\n    go build\n"
                       "Bootstrap: docker\nFrom: alpine:3.19\n%files from biuld\n    /app /app\n";
    auto d = diagnostics_of(text, "unknown-stage");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "biuld");
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]).find("%files from build\n") != std::string::npos);
    std::string good = "Bootstrap: docker\nFrom: golang:1.22\nStage: build\n"
                       "Bootstrap: docker\nFrom: alpine:3.19\n%files from build\n    /app /app\n";
    CHECK(diagnostics_of(good, "unknown-stage").empty());
    // A stage cannot copy from itself or from a later stage.
    std::string later = "Bootstrap: docker\nFrom: alpine:3.19\nStage: one\n%files from one\n    /a /b\n";
    CHECK(diagnostics_of(later, "unknown-stage").size() == 1);
}

TEST_CASE("duplicate-stage-name") {
    std::string text = "Bootstrap: docker\nFrom: a:1\nStage: build\nBootstrap: docker\nFrom: b:1\nStage: build\n";
    auto d = diagnostics_of(text, "duplicate-stage-name");
    REQUIRE(d.size() == 1);
    CHECK(d[0].range.begin > text.find("From: b:1"));
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\nStage: one\nBootstrap: docker\nFrom: b:1\nStage: two\n",
                         "duplicate-stage-name")
              .empty());
}

TEST_CASE("undefined-build-argument") {
    std::string text = "Bootstrap: docker\nFrom: {{ IMAGE }}\n%post\n    echo {{VERSION}}\n";
    auto d = diagnostics_of(text, "undefined-build-argument");
    REQUIRE(d.size() == 2);
    CHECK(covered(text, d[0]) == "{{ IMAGE }}");
    CHECK(covered(text, d[1]) == "{{VERSION}}");
    // Defaults are per stage; a commented placeholder is not substituted.
    std::string good = "Bootstrap: docker\nFrom: {{ IMAGE }}\n%arguments\n    IMAGE=alpine:3.19\n"
                       "%post\n    # uses {{ NOT_AN_ARG }}\n    echo done # {{ ALSO_NOT }}\n";
    CHECK(diagnostics_of(good, "undefined-build-argument").empty());
    std::string two = "Bootstrap: docker\nFrom: a:1\n%arguments\n    X=1\n%post\n    echo {{ X }}\n"
                      "Bootstrap: docker\nFrom: b:1\n%post\n    echo {{ X }}\n";
    CHECK(diagnostics_of(two, "undefined-build-argument").size() == 1);
}

TEST_CASE("unused-build-argument") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%arguments\n    USED=1\n    UNUSED=2\n%post\n    echo {{ USED }}\n";
    auto d = diagnostics_of(text, "unused-build-argument");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "UNUSED");
    CHECK(d[0].unnecessary);
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]) ==
          "Bootstrap: docker\nFrom: a:1\n%arguments\n    USED=1\n%post\n    echo {{ USED }}\n");
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: {{ B }}\n%arguments\n    B=alpine:3.19\n",
                         "unused-build-argument")
              .empty());
}

TEST_CASE("bad-post-shell") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%post -c\n    echo hi\n";
    auto d = diagnostics_of(text, "bad-post-shell");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "-c");
    REQUIRE(d[0].fixes.size() == 1);
    CHECK(apply_fix(text, d[0].fixes[0]).find("%post -c /bin/bash\n") != std::string::npos);
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\n%post -c /bin/bash\n    echo hi\n", "bad-post-shell").empty());
    CHECK(diagnostics_of("Bootstrap: docker\nFrom: a:1\n%post\n    bash -c true\n", "bad-post-shell").empty());
}

TEST_CASE("section-in-heredoc") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%post\n    cat > /etc/x.conf <<EOF\n"
                       "%include /etc/other\n    key=value\nEOF\n    echo done\n";
    auto d = diagnostics_of(text, "section-in-heredoc");
    REQUIRE(d.size() == 1);
    CHECK(covered(text, d[0]) == "%include");
    // A closed heredoc followed by a section is fine.
    std::string good = "Bootstrap: docker\nFrom: a:1\n%post\n    cat > /x <<'EOF'\n    # not a comment\n"
                       "    EOF\n%runscript\n    exec /x\n";
    CHECK(diagnostics_of(good, "section-in-heredoc").empty());
}

TEST_CASE("missing-help and missing-test anchor at Bootstrap and append a section") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%post\n    true";
    auto help = diagnostics_of(text, "missing-help");
    REQUIRE(help.size() == 1);
    CHECK(covered(text, help[0]) == "Bootstrap: docker");
    REQUIRE(help[0].fixes.size() == 1);
    std::string fixed = apply_fix(text, help[0].fixes[0]);
    CHECK(fixed.substr(0, text.size() + 8) == text + "\n\n%help\n");
    CHECK(diagnostics_of(fixed, "missing-help").empty());
    auto test = diagnostics_of(text, "missing-test");
    REQUIRE(test.size() == 1);
    CHECK(diagnostics_of(apply_fix(text, test[0].fixes[0]), "missing-test").empty());
    // The final stage is what counts.
    std::string staged = "Bootstrap: docker\nFrom: a:1\n%help\nx\n%test\ntrue\nBootstrap: docker\nFrom: b:1\n";
    CHECK(diagnostics_of(staged, "missing-help").size() == 1);
    CHECK(diagnostics_of("%help\nHello\n", "missing-help").empty());
}
