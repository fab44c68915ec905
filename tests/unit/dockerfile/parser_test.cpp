// The Dockerfile parser: lines, directives, continuations, heredocs, forms, flags, stages.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

TEST_CASE("dockerfile: instructions are case-insensitive and keep their ranges") {
    std::string text = "from alpine:3.19 as build\nRun echo hi\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    REQUIRE(file.instructions.size() == 2);
    CHECK(file.instructions[0].keyword() == "FROM");
    CHECK(file.instructions[0].keyword_range == range_of(text, "from"));
    CHECK(file.instructions[1].keyword() == "RUN");
    CHECK(file.instructions[1].form == ArgumentForm::Shell);
    CHECK(file.instructions[1].arguments.text == "echo hi");
    CHECK(file.instructions[1].arguments_range == range_of(text, "echo hi"));
    REQUIRE(file.stages.size() == 1);
    CHECK(file.stages[0].image == "alpine:3.19");
    CHECK(file.stages[0].name == "build");
    CHECK(file.stages[0].name_range == range_of(text, "build"));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: empty file and only comments have no instructions") {
    auto empty = analyze("");
    CHECK(empty.syntax->instructions.empty());
    CHECK(count_rule(empty, "missing-from") == 1);
    auto comments = analyze("# one\n# two\n");
    CHECK(comments.syntax->instructions.empty());
    CHECK(comments.syntax->comments.size() == 2);
    CHECK(count_rule(comments, "missing-from") == 1);
}

TEST_CASE("dockerfile: directives only at the top") {
    std::string text = "# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.19\n# escape=\\\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    REQUIRE(file.directives.size() == 2);
    CHECK(file.directives[0].name == "syntax");
    CHECK(file.directives[0].value == "docker/dockerfile:1");
    CHECK(file.directives[1].value_range == range_of(text, "`"));
    CHECK(file.escape == '`');
    CHECK(file.comments.size() == 1); // the late "# escape=\" is a comment
}

TEST_CASE("dockerfile: a comment or empty line before a directive ends the directives") {
    auto after_comment = analyze("# hello\n# escape=`\nFROM alpine:3.19\n");
    CHECK(after_comment.syntax->directives.empty());
    CHECK(after_comment.syntax->escape == '\\');
    auto after_blank = analyze("\n# escape=`\nFROM alpine:3.19\n");
    CHECK(after_blank.syntax->directives.empty());
    auto unknown = analyze("# foo=bar\n# escape=`\nFROM alpine:3.19\n");
    CHECK(unknown.syntax->escape == '\\');
}

TEST_CASE("dockerfile: continuation lines join and map back to the document") {
    std::string text = "FROM alpine:3.19\nRUN apk add \\\n    curl \\\n    git\n";
    auto r = analyze(text);
    const auto& run = r.syntax->instructions[1];
    CHECK(run.arguments.text == "apk add     curl     git");
    auto git = run.arguments.text.find("git");
    CHECK(run.arguments.to_document(TextRange{static_cast<Offset>(git), static_cast<Offset>(git + 3)}) ==
          range_of(text, "git"));
    CHECK(run.range.end == range_of(text, "git").end);
}

TEST_CASE("dockerfile: mapping ranges in order with a hint equals mapping each alone") {
    LogicalText line;
    line.append("apk add ", 4);
    line.append("curl ", 20);
    line.append("git", 40);
    auto size = static_cast<Offset>(line.text.size());
    std::size_t hint = 0;
    for (Offset b = 0; b <= size; ++b) {
        for (Offset e = b; e <= size; ++e) {
            std::size_t fresh = 0;
            CHECK(line.to_document(TextRange{b, e}, fresh) == line.to_document(TextRange{b, e}));
        }
        // One hint carried across increasing ranges, as the words of a RUN are mapped.
        CHECK(line.to_document(TextRange{b, size}, hint) == line.to_document(TextRange{b, size}));
    }
    // A range before the hint (out of order) still maps right.
    CHECK(line.to_document(TextRange{0, 3}, hint) == line.to_document(TextRange{0, 3}));
    LogicalText empty;
    std::size_t none = 0;
    CHECK(empty.to_document(TextRange{0, 2}, none) == empty.to_document(TextRange{0, 2}));
}

TEST_CASE("dockerfile: comment and empty lines inside a continuation are dropped") {
    std::string text = "FROM alpine:3.19\nRUN a \\\n  # note\n\n  b\n";
    auto r = analyze(text);
    const auto& run = r.syntax->instructions[1];
    CHECK(run.arguments.text == "a   b");
    REQUIRE(run.comments().size() == 1);
    CHECK(run.comments()[0] == range_of(text, "# note"));
    REQUIRE(run.empty_continuation_lines().size() == 1);
    CHECK(count_rule(r, "empty-continuation-line") == 1);
}

TEST_CASE("dockerfile: an escaped escape character at the end is not a continuation") {
    std::string text = "FROM alpine:3.19\nENV C trailing\\\\\nENV D next\n";
    auto r = analyze(text);
    REQUIRE(r.syntax->instructions.size() == 3);
    CHECK(r.syntax->instructions[2].keyword() == "ENV");
}

TEST_CASE("dockerfile: a continuation ending the file") {
    auto r = analyze("FROM alpine:3.19\nRUN something \\");
    REQUIRE(r.syntax->instructions.size() == 2);
    CHECK(r.syntax->instructions[1].arguments.text == "something"); // trailing blanks trimmed like BuildKit
    CHECK(error_count(r) == 0);
}

TEST_CASE("dockerfile: backtick escape keeps Windows paths") {
    std::string text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY C:\\foo C:\\bar\nRUN dir `\n  C:\\foo\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    REQUIRE(file.instructions.size() == 3);
    const auto& copy = file.instructions[1];
    REQUIRE(copy.words.size() == 2);
    CHECK(copy.text_of(copy.words[0]) == "C:\\foo");
    CHECK(copy.text_of(copy.words[1]) == "C:\\bar");
    CHECK(file.instructions[2].arguments.text == "dir   C:\\foo");
    CHECK(error_count(r) == 0);
    REQUIRE(r.facts.copies.size() == 1);
    CHECK(r.facts.copies[0].path == "C:\\foo");
}

TEST_CASE("dockerfile: CRLF line endings") {
    std::string text = "FROM alpine:3.19\r\nRUN a \\\r\n  b\r\n";
    auto r = analyze(text);
    REQUIRE(r.syntax->instructions.size() == 2);
    CHECK(r.syntax->instructions[1].arguments.text == "a   b");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: UTF-8 byte order mark is skipped") {
    std::string text = "\xEF\xBB\xBF" "FROM alpine:3.19\n";
    auto r = analyze(text);
    REQUIRE(r.syntax->instructions.size() == 1);
    CHECK(r.syntax->instructions[0].keyword_range == TextRange{3, 7});
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: UTF-16 gives one clear error") {
    std::string text("\xFF\xFE" "F\0R\0O\0M\0 \0a\0\n\0", 16);
    auto r = analyze(text);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule == "unsupported-encoding");
    CHECK(r.diagnostics[0].message.find("UTF-8") != std::string::npos);
    CHECK(r.syntax->instructions.empty());
}

TEST_CASE("dockerfile: heredocs") {
    SECTION("script heredoc") {
        std::string text = "FROM alpine:3.19\nRUN <<EOF\napk add curl\nEOF\nUSER nobody\n";
        auto r = analyze(text);
        const auto& file = *r.syntax;
        REQUIRE(file.instructions.size() == 3);
        const auto& run = file.instructions[1];
        REQUIRE(run.heredocs().size() == 1);
        CHECK(run.heredocs()[0].delimiter == "EOF");
        CHECK(run.heredocs()[0].terminated);
        CHECK(slice(text, run.heredocs()[0].body_range) == "apk add curl\n");
        CHECK(run.heredocs()[0].marker_range == range_of(text, "<<EOF"));
        CHECK(file.instructions[2].keyword() == "USER");
    }
    SECTION("<<- strips tabs before the terminator") {
        std::string text = "FROM alpine:3.19\nRUN <<-EOT\n\techo hi\n\tEOT\nUSER nobody\n";
        auto r = analyze(text);
        const auto& run = r.syntax->instructions[1];
        REQUIRE(run.heredocs().size() == 1);
        CHECK(run.heredocs()[0].strip_tabs);
        CHECK(run.heredocs()[0].terminated);
        REQUIRE(r.facts.shell_bodies.size() == 1);
        CHECK(r.facts.shell_bodies[0].script.text() == "echo hi\n");
        CHECK(r.facts.shell_bodies[0].script.to_document(0) == range_of(text, "echo").begin);
        CHECK(r.syntax->instructions.size() == 3);
    }
    SECTION("quoted delimiters and several heredocs on one line") {
        std::string text = "FROM alpine:3.19\nCOPY <<\"A\" <<'B' /dst/\none\nA\ntwo\nB\n";
        auto r = analyze(text);
        const auto& copy = r.syntax->instructions[1];
        REQUIRE(copy.heredocs().size() == 2);
        CHECK(copy.heredocs()[0].delimiter == "A");
        CHECK(copy.heredocs()[0].quoted);
        CHECK(copy.heredocs()[1].delimiter == "B");
        CHECK(slice(text, copy.heredocs()[1].body_range) == "two\n");
        CHECK(r.facts.copies.empty()); // heredoc sources are not copies
        CHECK(r.diagnostics.empty());
    }
    SECTION("unterminated heredoc") {
        std::string text = "FROM alpine:3.19\nRUN <<EOF\necho hi\n";
        auto r = analyze(text);
        REQUIRE(r.syntax->instructions.size() == 2);
        CHECK_FALSE(r.syntax->instructions[1].heredocs()[0].terminated);
        REQUIRE(count_rule(r, "unterminated-heredoc") == 1);
        const Diagnostic* d = first_of(r, "unterminated-heredoc");
        CHECK(d->range == range_of(text, "<<EOF"));
        REQUIRE(d->fixes.size() == 1);
        CHECK(apply_edit(text, d->fixes[0].edits[0]) == text + "EOF\n");
    }
    SECTION("<<EOF inside quotes and in exec form is no heredoc") {
        auto r = analyze("FROM alpine:3.19\nRUN echo \"<<EOF\"\nRUN [\"cat\", \"<<EOF\"]\n");
        CHECK(r.syntax->instructions[1].heredocs().empty());
        CHECK(r.syntax->instructions[2].heredocs().empty());
        CHECK(r.syntax->instructions.size() == 3);
    }
}

TEST_CASE("dockerfile: exec form and shell form") {
    std::string text = "FROM alpine:3.19\nCMD [\"echo\", \"a b\"]\nENTRYPOINT echo hi\nRUN [ -f /x ] && echo yes\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    const auto& cmd = file.instructions[1];
    CHECK(cmd.form == ArgumentForm::Json);
    REQUIRE(cmd.json().size() == 2);
    CHECK(cmd.json()[1].value == "a b");
    CHECK(cmd.json()[1].range == range_of(text, "\"a b\""));
    CHECK(file.instructions[2].form == ArgumentForm::Shell);
    CHECK(file.instructions[3].form == ArgumentForm::Shell);
    CHECK_FALSE(file.instructions[3].json_like);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: flags") {
    std::string text = "FROM --platform=linux/amd64 alpine:3.19 AS build\n"
                       "RUN --mount=type=cache,target=/root/.cache --network=none echo hi\n"
                       "FROM alpine:3.19\n"
                       "COPY --from=build --chown=1000:1000 --link /a /b\n"
                       "HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    CHECK(file.instructions[0].flags.size() == 1);
    CHECK(file.instructions[0].flags[0].name == "platform");
    CHECK(file.instructions[0].flags[0].value == "linux/amd64");
    CHECK(file.instructions[0].flags[0].value_range == range_of(text, "linux/amd64"));
    CHECK(file.stages[0].image == "alpine:3.19");
    const auto& run = file.instructions[1];
    REQUIRE(run.flags.size() == 2);
    CHECK(run.flags[0].name == "mount");
    CHECK(run.flags[1].name_range == range_of(text, "network"));
    CHECK(run.arguments.text == "echo hi");
    const auto& copy = file.instructions[3];
    REQUIRE(copy.flags.size() == 3);
    CHECK_FALSE(copy.flags[2].has_value);
    CHECK(copy.flags[2].name == "link");
    CHECK(file.instructions[4].flags.size() == 2);
    INFO(rules_of(r));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: ONBUILD holds an instruction") {
    std::string text = "FROM alpine:3.19\nONBUILD RUN pip install numpy==1.26.4\nONBUILD COPY . /src\n";
    auto r = analyze(text);
    const auto& onbuild = r.syntax->instructions[1];
    REQUIRE(onbuild.onbuild().size() == 1);
    CHECK(onbuild.onbuild()[0].keyword() == "RUN");
    CHECK(onbuild.onbuild()[0].arguments_range == range_of(text, "pip install numpy==1.26.4"));
    REQUIRE(r.facts.shell_bodies.size() == 1);
    CHECK(r.facts.shell_bodies[0].origin == "ONBUILD RUN");
    REQUIRE(r.facts.copies.size() == 1);
    CHECK(r.facts.copies[0].path == ".");
}

TEST_CASE("dockerfile: ENV, LABEL and ARG pairs") {
    std::string text = "ARG VERSION=1.2\nFROM alpine:3.19\nENV A=1 B=\"two words\"\nENV LEGACY some value\n"
                       "LABEL \"org.opencontainers.image.source\"=\"https://x/y\"\nARG NODEFAULT\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    REQUIRE(file.instructions[2].pairs.size() == 2);
    CHECK(file.instructions[2].pairs[1].key == "B");
    CHECK(file.instructions[2].pairs[1].value == "two words");
    CHECK(file.instructions[2].pairs[1].value_range == range_of(text, "\"two words\""));
    REQUIRE(file.instructions[3].pairs.size() == 1);
    CHECK(file.instructions[3].pairs[0].key == "LEGACY");
    CHECK(file.instructions[3].pairs[0].value == "some value");
    CHECK(file.instructions[4].pairs[0].key == "org.opencontainers.image.source");
    CHECK(file.instructions[5].pairs[0].key == "NODEFAULT");
    CHECK_FALSE(file.instructions[5].pairs[0].has_equals);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("dockerfile: the parser never throws on odd input") {
    const char* inputs[] = {"\\", "\\\n\\\n", "RUN \\", "FROM", "RUN <<", "RUN <<-", "COPY <<EOF", "#", "# escape=",
                            "ONBUILD", "ONBUILD ONBUILD", "CMD [", "CMD [\"", "CMD [\"\\u12", "--", "FROM --",
                            "RUN --mount", "\t\t\n   \n", "LABEL =", "ENV =", "ARG ="};
    for (const char* input : inputs) {
        INFO(input);
        CHECK_NOTHROW(analyze(input));
    }
}
