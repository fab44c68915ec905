// The compact syntax tree: the rarely present members live in Instruction::Extras, allocated
// only when present; words are slices of the logical arguments; copies are deep.
#include "analysis/dockerfile/parser.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

TEST_CASE("dockerfile tree: plain instructions allocate no extras") {
    std::string text =
        "FROM alpine:3.19 AS build\nRUN apk add curl\nENV A=1 B=2\nCOPY --from=build /a /b\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    REQUIRE(file.instructions.size() == 4);
    for (const auto& ins : file.instructions) {
        CHECK(ins.extras_if_any() == nullptr);
        CHECK(ins.known);
        CHECK(ins.json().empty());
        CHECK(ins.heredocs().empty());
        CHECK(ins.comments().empty());
        CHECK(ins.empty_continuation_lines().empty());
        CHECK(ins.onbuild().empty());
        CHECK(ins.pair_error().empty());
        CHECK(ins.pair_error_range() == TextRange{});
    }
    CHECK(file.instructions[0].keyword() == "FROM");
    CHECK(file.instructions[1].keyword() == "RUN");
    CHECK(file.instructions[2].pairs.size() == 2);
    CHECK(file.instructions[3].keyword() == "COPY");
    CHECK(file.stages.at(0).name == "build");
}

TEST_CASE("dockerfile tree: what is rare is kept in the extras") {
    std::string text = "FROM alpine:3.19\n"
                       "frobnicate now\n"
                       "CMD [\"a\", \"b\"]\n"
                       "RUN <<EOF\necho hi\nEOF\n"
                       "RUN a \\\n# inside\n\n  b\n"
                       "ONBUILD RUN make\n"
                       "ENV A=1 broken\n";
    auto r = analyze(text);
    const auto& ins = r.syntax->instructions;
    REQUIRE(ins.size() == 7);

    CHECK_FALSE(ins[1].known);
    CHECK(ins[1].keyword() == "FROBNICATE");
    CHECK(ins[1].extras_if_any() != nullptr);

    REQUIRE(ins[2].json().size() == 2);
    CHECK(ins[2].json()[1].value == "b");
    CHECK(ins[2].json()[1].range == range_of(text, "\"b\""));

    REQUIRE(ins[3].heredocs().size() == 1);
    CHECK(ins[3].heredocs()[0].delimiter == "EOF");
    CHECK(slice(text, ins[3].heredocs()[0].body_range) == "echo hi\n");

    REQUIRE(ins[4].comments().size() == 1);
    CHECK(slice(text, ins[4].comments()[0]) == "# inside");
    REQUIRE(ins[4].empty_continuation_lines().size() == 1);
    CHECK(ins[4].arguments.text == "a   b");

    REQUIRE(ins[5].onbuild().size() == 1);
    CHECK(ins[5].onbuild()[0].keyword() == "RUN");
    CHECK(ins[5].onbuild()[0].extras_if_any() == nullptr);

    CHECK(ins[6].pair_error() == "can't find = in \"broken\"");
    CHECK(ins[6].pair_error_range() == range_of(text, "broken"));
}

TEST_CASE("dockerfile tree: words are slices of the logical arguments") {
    std::string text = "FROM alpine:3.19\nRUN apk add \\\n    curl 'a b' \\\n    git\n";
    auto r = analyze(text);
    const Instruction& run = r.syntax->instructions[1];
    REQUIRE(run.words.size() == 5);
    CHECK(run.text_of(run.words[0]) == "apk");
    CHECK(run.text_of(run.words[3]) == "'a b'");
    CHECK(run.range_of(run.words[3]) == range_of(text, "'a b'"));
    CHECK(run.text_of(run.words[4]) == "git");
    CHECK(run.range_of(run.words[4]) == range_of(text, "git"));
    CHECK(node_at(*r.syntax, range_of(text, "git").begin + 1).text == "git");
    CHECK(node_at(*r.syntax, range_of(text, "curl").end).range == range_of(text, "curl"));
}

TEST_CASE("dockerfile tree: copies are deep and compare by value") {
    std::string text = "FROM alpine:3.19\nfrobnicate now\nONBUILD RUN <<EOF\nls\nEOF\n";
    auto r = analyze(text);
    const Instruction& unknown = r.syntax->instructions[1];
    Instruction copy = unknown;
    CHECK(copy == unknown);
    CHECK(copy.keyword() == "FROBNICATE");
    CHECK(copy.extras_if_any() != unknown.extras_if_any());
    CHECK(copy.keyword().data() != unknown.keyword().data());

    Instruction onbuild = r.syntax->instructions[2];
    CHECK(onbuild == r.syntax->instructions[2]);
    REQUIRE(onbuild.onbuild().size() == 1);
    CHECK(onbuild.onbuild()[0].heredocs().size() == 1);
    shift_instruction(onbuild, 10);
    CHECK(onbuild.onbuild()[0].heredocs()[0].body_range.begin ==
          r.syntax->instructions[2].onbuild()[0].heredocs()[0].body_range.begin + 10);
    CHECK_FALSE(onbuild == r.syntax->instructions[2]);

    // No extras and empty extras are the same tree.
    Instruction plain = r.syntax->instructions[0];
    Instruction with_empty = plain;
    with_empty.extras();
    CHECK(with_empty.extras_if_any() != nullptr);
    CHECK(with_empty == plain);
}

TEST_CASE("dockerfile tree: an edit while the last tree is held copies it, leaving it as it was") {
    const std::string head =
        "FROM alpine:3.19\nfrobnicate now\nRUN <<EOF\nls\nEOF\nONBUILD RUN make\n";
    std::string text = head + "RUN echo one\n";
    Analyzer analyzer;
    Result first = analyzer.analyze(text);
    const Dockerfile before = *first.syntax; // a deep copy
    std::string edited = head + "RUN echo two\n";
    TextChange change = diff_texts(text, edited);
    Result second = analyzer.analyze(edited, nullptr, {}, &change);
    CHECK(*first.syntax == before);
    CHECK(*second.syntax == *Analyzer().analyze(edited).syntax);
    CHECK(second.syntax->instructions[1].keyword() == "FROBNICATE");
    CHECK(second.syntax->instructions[3].onbuild().size() == 1);
}
