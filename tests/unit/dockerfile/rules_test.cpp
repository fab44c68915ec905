// Every Dockerfile rule with bad and good input.
#include "analysis/core/rule.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

namespace {

// Applies the first edit of the diagnostic's first fix.
std::string apply_first_fix(std::string_view text, const Diagnostic& d) {
    REQUIRE_FALSE(d.fixes.empty());
    return apply_edit(text, d.fixes[0].edits[0]);
}

} // namespace

TEST_CASE("dockerfile rules are registered") {
    for (std::string_view id : {"unknown-instruction", "wrong-argument-count", "invalid-json-form", "json-single-quotes",
                                "json-array-not-strings", "invalid-escape-directive", "unknown-flag",
                                "invalid-stage-name", "duplicate-stage-name", "unknown-stage", "missing-from",
                                "empty-continuation-line", "workdir-relative", "maintainer-deprecated",
                                "unterminated-heredoc", "add-url-unverified", "unsupported-encoding",
                                "template-placeholder"}) {
        INFO(id);
        CHECK(find_rule(id) != nullptr);
    }
}

TEST_CASE("rule unknown-instruction") {
    std::string bad = "FROM alpine:3.19\nRUNN echo hi\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "unknown-instruction") == 1);
    const Diagnostic* d = first_of(r, "unknown-instruction");
    CHECK(d->range == range_of(bad, "RUNN"));
    CHECK(d->severity == Severity::Error);
    CHECK(d->message.find("did you mean RUN") != std::string::npos);
    CHECK(apply_first_fix(bad, *d) == "FROM alpine:3.19\nRUN echo hi\n");
    auto far = analyze("FROM alpine:3.19\n{{ template }}\n");
    CHECK(count_rule(far, "unknown-instruction") == 1);
    CHECK(first_of(far, "unknown-instruction")->fixes.empty());
    auto good = analyze("FROM alpine:3.19\nrun echo hi\nExpose 80\n");
    CHECK(count_rule(good, "unknown-instruction") == 0);
}

TEST_CASE("rule wrong-argument-count") {
    const char* bad[] = {"FROM\n",
                         "FROM a:1 b:2\n",
                         "FROM a:1 AS\n",
                         "FROM a:1 IS x\n",
                         "FROM alpine:3.19\nCOPY onlyone\n",
                         "FROM alpine:3.19\nEXPOSE\n",
                         "FROM alpine:3.19\nENV PATH\n",
                         "FROM alpine:3.19\nENV A=1 B\n",
                         "FROM alpine:3.19\nRUN\n",
                         "FROM alpine:3.19\nHEALTHCHECK CMD\n",
                         "FROM alpine:3.19\nHEALTHCHECK true\n",
                         "FROM alpine:3.19\nSHELL /bin/bash -c\n",
                         "FROM alpine:3.19\nONBUILD FROM x\n"};
    for (const char* text : bad) {
        INFO(text);
        CHECK(count_rule(analyze(text), "wrong-argument-count") == 1);
    }
    const char* good[] = {"FROM alpine:3.19\n",
                          "FROM alpine:3.19 AS build\n",
                          "FROM alpine:3.19\nCOPY a b /dst/\nCOPY <<EOF /x\nhi\nEOF\n",
                          "FROM alpine:3.19\nENV PATH=/bin A=1\nENV LEGACY value here\n",
                          "FROM alpine:3.19\nCMD\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f http://x/\n",
                          "FROM alpine:3.19\nSHELL [\"/bin/bash\", \"-c\"]\nARG A B=2\n"};
    for (const char* text : good) {
        INFO(text);
        CHECK(count_rule(analyze(text), "wrong-argument-count") == 0);
    }
}

TEST_CASE("rule invalid-json-form and json-array-not-strings") {
    auto unterminated = analyze("FROM alpine:3.19\nCMD [\"echo\", \"look ma, no quote!]\n");
    CHECK(count_rule(unterminated, "invalid-json-form") == 1);
    CHECK(first_of(unterminated, "invalid-json-form")->severity == Severity::Warning);
    CHECK(count_rule(analyze("FROM alpine:3.19\nCMD [\"echo\", \"no bracket\"\n"), "invalid-json-form") == 1);
    auto nested = analyze("FROM alpine:3.19\nCMD [ \"echo\", [ \"nested json\" ] ]\n");
    CHECK(count_rule(nested, "json-array-not-strings") == 1);
    CHECK(count_rule(nested, "invalid-json-form") == 0);
    // Shell commands that start with `[` are not JSON attempts.
    auto test_command = analyze("FROM alpine:3.19\nRUN [ -f /x ] && echo yes\nRUN [ \"$A\" = \"b\" ] && echo b\n");
    CHECK(count_rule(test_command, "invalid-json-form") == 0);
    auto good = analyze("FROM alpine:3.19\nCMD [\"echo\", \"ok\"]\nCMD '[\"echo\"]'\n");
    CHECK(count_rule(good, "invalid-json-form") == 0);
    CHECK(count_rule(good, "json-array-not-strings") == 0);
}

TEST_CASE("rule json-single-quotes") {
    std::string bad = "FROM alpine:3.19\nCMD ['echo','hi']\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "json-single-quotes") == 1);
    CHECK(count_rule(r, "invalid-json-form") == 0);
    CHECK(apply_first_fix(bad, *first_of(r, "json-single-quotes")) == "FROM alpine:3.19\nCMD [\"echo\",\"hi\"]\n");
    CHECK(count_rule(analyze("FROM alpine:3.19\nCMD [\"echo\",\"hi\"]\n"), "json-single-quotes") == 0);
}

TEST_CASE("rule invalid-escape-directive") {
    std::string bad = "# escape=x\nFROM alpine:3.19\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "invalid-escape-directive") == 1);
    CHECK(first_of(r, "invalid-escape-directive")->range == range_of(bad, "x"));
    CHECK(r.syntax->escape == '\\');
    CHECK(count_rule(analyze("# escape=`\n# escape=\\\nFROM alpine:3.19\n"), "invalid-escape-directive") == 1);
    CHECK(count_rule(analyze("# escape=`\nFROM alpine:3.19\n"), "invalid-escape-directive") == 0);
    CHECK(count_rule(analyze("# escape=\\\nFROM alpine:3.19\n"), "invalid-escape-directive") == 0);
}

TEST_CASE("rule unknown-flag") {
    std::string bad = "FROM alpine:3.19 AS build\nFROM alpine:3.19\nCOPY --form=build /a /b\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "unknown-flag") == 1);
    const Diagnostic* d = first_of(r, "unknown-flag");
    CHECK(d->range == range_of(bad, "form"));
    CHECK(d->message.find("--from") != std::string::npos);
    CHECK(apply_first_fix(bad, *d) == "FROM alpine:3.19 AS build\nFROM alpine:3.19\nCOPY --from=build /a /b\n");
    CHECK(count_rule(analyze("FROM alpine:3.19\nENV --x=1 A=b\n"), "unknown-flag") == 1);
    CHECK(count_rule(analyze("FROM alpine:3.19\nADD --checksum=sha256:ab --exclude=*.md --keep-git-dir=true "
                             "https://x/y.git /s\nRUN --security=insecure echo\n"),
                     "unknown-flag") == 0);
}

TEST_CASE("rule invalid-stage-name") {
    std::string bad = "FROM alpine:3.19 AS 1build\nFROM alpine:3.19 AS my$stage\n";
    auto r = analyze(bad);
    CHECK(count_rule(r, "invalid-stage-name") == 2);
    CHECK(first_of(r, "invalid-stage-name")->range == range_of(bad, "1build"));
    CHECK(count_rule(analyze("FROM alpine:3.19 AS Build-env_1.0\n"), "invalid-stage-name") == 0);
}

TEST_CASE("rule duplicate-stage-name") {
    std::string bad = "FROM alpine:3.19 AS build\nFROM alpine:3.19 AS BUILD\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "duplicate-stage-name") == 1);
    CHECK(first_of(r, "duplicate-stage-name")->range == range_of(bad, "BUILD"));
    CHECK(first_of(r, "duplicate-stage-name")->message.find("line 1") != std::string::npos);
    CHECK(count_rule(analyze("FROM alpine:3.19 AS build\nFROM alpine:3.19 AS test\n"), "duplicate-stage-name") == 0);
}

TEST_CASE("rule unknown-stage") {
    std::string bad = "FROM alpine:3.19 AS build\nFROM alpine:3.19\nCOPY --from=buildr /out /out\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "unknown-stage") == 1);
    const Diagnostic* d = first_of(r, "unknown-stage");
    CHECK(d->range == range_of(bad, "buildr"));
    CHECK(d->message.find("did you mean build") != std::string::npos);
    CHECK(apply_first_fix(bad, *d) == "FROM alpine:3.19 AS build\nFROM alpine:3.19\nCOPY --from=build /out /out\n");
    std::string mount = "FROM alpine:3.19 AS deps\nFROM alpine:3.19\nRUN --mount=type=bind,from=dep,target=/d ls\n";
    auto m = analyze(mount);
    REQUIRE(count_rule(m, "unknown-stage") == 1);
    CHECK(first_of(m, "unknown-stage")->range ==
          TextRange{range_of(mount, "from=dep").begin + 5, range_of(mount, "from=dep").end});
    CHECK(first_of(m, "unknown-stage")->message.find("did you mean deps") != std::string::npos);
    // Later stages and the stage itself are not earlier stages.
    CHECK(count_rule(analyze("FROM alpine:3.19 AS a\nCOPY --from=a /x /y\n"), "unknown-stage") == 1);
    CHECK(count_rule(analyze("FROM alpine:3.19\nCOPY --from=later /x /y\nFROM alpine:3.19 AS later\n"),
                     "unknown-stage") == 1);
    auto good = analyze("FROM alpine:3.19 AS build\nFROM alpine:3.19\nCOPY --from=BUILD /a /b\n"
                        "COPY --from=nginx:1.25 /etc/nginx /etc/nginx\nCOPY --from=0 /a /b\n"
                        "COPY --from=ghcr.io/x/y@sha256:abc /a /b\nCOPY --from=$STAGE /a /b\n");
    CHECK(count_rule(good, "unknown-stage") == 0);
}

TEST_CASE("rule missing-from") {
    std::string bad = "ARG V=1\nRUN echo hi\nFROM alpine:3.19\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "missing-from") == 1);
    CHECK(first_of(r, "missing-from")->range == range_of(bad, "RUN"));
    CHECK(count_rule(analyze("ARG V=1\n"), "missing-from") == 1);
    CHECK(count_rule(analyze("# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:${V}\n"), "missing-from") == 0);
}

TEST_CASE("rule empty-continuation-line") {
    std::string bad = "FROM alpine:3.19\nRUN a \\\n\n  b\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "empty-continuation-line") == 1);
    const Diagnostic* d = first_of(r, "empty-continuation-line");
    CHECK(d->severity == Severity::Warning);
    CHECK(apply_first_fix(bad, *d) == "FROM alpine:3.19\nRUN a \\\n  b\n");
    CHECK(count_rule(analyze("FROM alpine:3.19\nRUN a \\\n  # comment\n  b\n\nRUN c\n"), "empty-continuation-line") == 0);
}

TEST_CASE("rule workdir-relative") {
    std::string bad = "FROM alpine:3.19\nWORKDIR app\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "workdir-relative") == 1);
    CHECK(first_of(r, "workdir-relative")->range == range_of(bad, "app"));
    auto good = analyze("FROM alpine:3.19\nWORKDIR /app\nWORKDIR $HOME/x\nWORKDIR C:\\\\app\nWORKDIR \"/a b\"\n");
    CHECK(count_rule(good, "workdir-relative") == 0);
}

TEST_CASE("rule maintainer-deprecated") {
    std::string bad = "FROM alpine:3.19\nMAINTAINER Jane Doe <jane@example.org>\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "maintainer-deprecated") == 1);
    const Diagnostic* d = first_of(r, "maintainer-deprecated");
    CHECK(d->severity == Severity::Hint);
    CHECK(d->deprecated);
    CHECK(apply_first_fix(bad, *d) == "FROM alpine:3.19\nLABEL maintainer=\"Jane Doe <jane@example.org>\"\n");
    CHECK(count_rule(analyze("FROM alpine:3.19\nLABEL maintainer=\"Jane\"\n"), "maintainer-deprecated") == 0);
}

TEST_CASE("rule unterminated-heredoc") {
    auto bad = analyze("FROM alpine:3.19\nCOPY <<EOF /x\nhello\nEOF \n");
    CHECK(count_rule(bad, "unterminated-heredoc") == 1); // "EOF " is not the terminator
    auto tabs = analyze("FROM alpine:3.19\nRUN <<EOF\n\techo\n\tEOF\n");
    CHECK(count_rule(tabs, "unterminated-heredoc") == 1); // tabs are stripped only with <<-
    auto good = analyze("FROM alpine:3.19\nRUN <<-EOF\n\techo\n\tEOF\nCOPY <<A <<B /d/\na\nA\nb\nB\n");
    CHECK(count_rule(good, "unterminated-heredoc") == 0);
}

TEST_CASE("rule add-url-unverified") {
    std::string bad = "FROM alpine:3.19\nADD https://example.org/tool.tgz /opt/\nADD https://github.com/moby/buildkit.git /src\n";
    auto r = analyze(bad);
    REQUIRE(count_rule(r, "add-url-unverified") == 2);
    CHECK(first_of(r, "add-url-unverified")->range == range_of(bad, "https://example.org/tool.tgz"));
    auto good = analyze("FROM alpine:3.19\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                        "https://example.org/tool.tgz /opt/\nADD https://github.com/moby/buildkit.git#v0.12.5 /src\n"
                        "ADD local.tgz /opt/\nCOPY https-notes.txt /x\n");
    CHECK(count_rule(good, "add-url-unverified") == 0);
}

TEST_CASE("rule unsupported-encoding") {
    std::string utf16be("\xFE\xFF\0F\0R\0O\0M", 10);
    CHECK(count_rule(analyze(utf16be), "unsupported-encoding") == 1);
    CHECK(count_rule(analyze("FROM alpine:3.19\n"), "unsupported-encoding") == 0);
}

TEST_CASE("rule template-placeholder") {
    std::string bad = "FROM {{ .Source }}\nADD ./{{ .Recipe }} /\n";
    auto r = analyze(bad);
    CHECK(count_rule(r, "template-placeholder") == 2);
    CHECK(first_of(r, "template-placeholder")->range == range_of(bad, "{{ .Source }}"));
    CHECK(count_rule(r, "wrong-argument-count") == 0); // the placeholder explains it
    auto good = analyze("FROM alpine:3.19\nRUN docker inspect --format '{{.Id}}' x\n");
    CHECK(count_rule(good, "template-placeholder") == 0);
}
