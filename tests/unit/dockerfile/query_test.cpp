// The syntax-tree queries: what is at an offset.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

TEST_CASE("dockerfile query: node at an offset") {
    std::string text = "# escape=\\\n# note\nARG TAG=3.19\nFROM alpine:${TAG} AS build\nFROM build\n"
                       "COPY --from=build --chown=1:1 /a /b\nRUN --mount=type=cache,from=build,target=/c echo $HOME\n"
                       "ONBUILD RUN make\nRUN <<EOF\nls\nEOF\n";
    auto r = analyze(text);
    const auto& file = *r.syntax;
    auto at = [&](std::string_view needle, std::size_t nth = 0, Offset delta = 1) {
        return node_at(file, range_of(text, needle, nth).begin + delta);
    };
    CHECK(at("escape").kind == NodeKind::Directive);
    CHECK(at("# note").kind == NodeKind::Comment);
    CHECK(at("ARG").kind == NodeKind::Keyword);
    auto variable = at("${TAG}");
    CHECK(variable.kind == NodeKind::Variable);
    CHECK(variable.text == "TAG");
    CHECK(variable.range == range_of(text, "${TAG}"));
    CHECK(at("alpine").kind == NodeKind::Image);
    auto stage_name = at("build", 0);
    CHECK(stage_name.kind == NodeKind::StageName);
    CHECK(stage_name.range == range_of(text, "build"));
    CHECK(at("build", 1).kind == NodeKind::StageReference); // FROM build
    auto from_flag = at("build", 2);
    CHECK(from_flag.kind == NodeKind::StageReference);
    REQUIRE(from_flag.flag != nullptr);
    CHECK(from_flag.flag->name == "from");
    CHECK(at("chown").kind == NodeKind::FlagName);
    CHECK(at("1:1").kind == NodeKind::FlagValue);
    auto mount_from = at("build", 3);
    CHECK(mount_from.kind == NodeKind::StageReference);
    CHECK(mount_from.range == range_of(text, "build", 3));
    CHECK(at("$HOME").kind == NodeKind::Variable);
    CHECK(at("/a").kind == NodeKind::Argument);
    auto onbuild_run = at("RUN make");
    CHECK(onbuild_run.kind == NodeKind::Keyword);
    CHECK(onbuild_run.text == "RUN");
    REQUIRE(onbuild_run.instruction != nullptr);
    CHECK(onbuild_run.instruction->keyword() == "RUN");
    CHECK(at("ls\n", 0, 0).kind == NodeKind::HeredocBody);
    CHECK(node_at(file, static_cast<Offset>(text.size()) + 5).kind == NodeKind::None);
}

TEST_CASE("dockerfile query: variable references skip single quotes and escapes") {
    std::string text = "FROM alpine:3.19\nRUN echo '$A' \\$B \"$C\" ${D:-x}\n";
    auto r = analyze(text);
    auto refs = variable_references(r.syntax->instructions[1], '\\');
    REQUIRE(refs.size() == 2);
    CHECK(refs[0].name == "C");
    CHECK(refs[1].name == "D");
    CHECK(refs[1].range == range_of(text, "${D:-x}"));
    CHECK(instruction_at(*r.syntax, range_of(text, "echo").begin) == &r.syntax->instructions[1]);
}
