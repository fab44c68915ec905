// Navigation: definition, references, highlights and rename of stage names, build arguments
// and app names, in definition files and Dockerfiles.
#include "analysis/features/navigation.hpp"

#include "analysis/features/code_actions.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

namespace {

std::vector<TextRange> sorted(std::vector<TextRange> r) {
    std::sort(r.begin(), r.end(), [](TextRange a, TextRange b) { return a.begin < b.begin; });
    return r;
}

std::string rename_all(DocumentKind kind, const std::string& text, Offset at,
                       std::string_view name) {
    auto r = analyze_text(kind, text);
    RenameResult result = rename_symbol(r, text, at, name);
    INFO(result.error);
    REQUIRE(result.error.empty());
    return apply_edits(text, result.edits);
}

} // namespace

TEST_CASE("navigation: a definition file's stage name from either side") {
    // Ranges: 0 the declaration, 1 and 2 the uses.
    Annotated src(
        "Bootstrap: docker\nFrom: golang:1.22.1\nStage: [[bu^ild]]\n\n%post\n    go build\n\n"
        "Bootstrap: docker\nFrom: alpine:3.19.1\n\n%files from [[bui^ld]]\n    /a /a\n"
        "%files from [[build]]\n    /b /b\n");
    auto r = analyze_text(DocumentKind::Definition, src.text());
    const std::string& text = src.text();
    for (Offset at : src.points()) {
        CHECK(find_definitions(r, text, at) == std::vector<TextRange>{src.range(0)});
        CHECK(sorted(find_references(r, text, at, true)) == src.ranges());
        CHECK(find_references(r, text, at, false) ==
              std::vector<TextRange>{src.range(1), src.range(2)});
        auto highlights = document_highlights(r, text, at);
        REQUIRE(highlights.size() == 3);
        CHECK(highlights[0].write);
        CHECK_FALSE(highlights[1].write);
        auto target = prepare_rename(r, text, at);
        REQUIRE(target);
        CHECK(target->placeholder == "build");
        std::string renamed = rename_all(DocumentKind::Definition, text, at, "compile");
        CHECK(renamed.find("Stage: compile\n") != std::string::npos);
        CHECK(renamed.find("%files from compile\n    /a /a\n%files from compile\n") !=
              std::string::npos);
        CHECK(renamed.find("Stage: build") == std::string::npos);
    }
}

TEST_CASE("navigation: a Dockerfile's stage name from FROM, COPY --from and --mount=from") {
    Annotated src(
        "FROM golang:1.22.1 AS [[bu^ilder]]\nRUN go build\n"
        "FROM [[builder]] AS [[test]]\nRUN --mount=type=cache,from=[[builder]],target=/c go test\n"
        "FROM alpine:3.19.1\nCOPY --from=[[Build^er]] /app /app\n");
    auto r = analyze_text(DocumentKind::Dockerfile, src.text());
    const std::string& text = src.text();
    std::vector<TextRange> builder = {src.range(0), src.range(1), src.range(3), src.range(4)};
    for (Offset at : src.points()) {
        CHECK(find_definitions(r, text, at) == std::vector<TextRange>{src.range(0)});
        CHECK(find_references(r, text, at, true) == builder);
        std::string renamed = rename_all(DocumentKind::Dockerfile, text, at, "compile");
        CHECK(renamed == "FROM golang:1.22.1 AS compile\nRUN go build\nFROM compile AS test\n"
                         "RUN --mount=type=cache,from=compile,target=/c go test\n"
                         "FROM alpine:3.19.1\nCOPY --from=compile /app /app\n");
    }
    // `test` is declared but never used.
    CHECK(find_references(r, text, src.range(2).begin, false).empty());
}

TEST_CASE("navigation: stage names that are not stages") {
    Annotated src(
        "FROM ^ubuntu:22.04 AS base\nCOPY --from=^nginx:1.25 /etc/nginx /etc/nginx\nRUN ^echo\n");
    auto r = analyze_text(DocumentKind::Dockerfile, src.text());
    for (Offset at : src.points()) {
        CHECK_FALSE(symbol_at(r, src.text(), at));
        CHECK_FALSE(prepare_rename(r, src.text(), at));
        CHECK_FALSE(rename_symbol(r, src.text(), at, "x").error.empty());
    }
}

TEST_CASE("navigation: definition-file build arguments are per stage") {
    Annotated src("Bootstrap: docker\nFrom: python:{{ [[VER^SION]] }}\n\n%arguments\n    "
                  "[[VERSION]]=3.12.1\n\n"
                  "%post\n    echo {{[[VERSION]]}} {{ OTHER }}\n\n"
                  "Bootstrap: docker\nFrom: python:{{ VERSION }}\n");
    auto r = analyze_text(DocumentKind::Definition, src.text());
    const std::string& text = src.text();
    Offset at = src.point();
    CHECK(find_definitions(r, text, at) == std::vector<TextRange>{src.range(1)});
    CHECK(find_references(r, text, at, true) == src.ranges());
    std::string renamed = rename_all(DocumentKind::Definition, text, src.range(2).begin, "PY");
    CHECK(renamed.find("From: python:{{ PY }}\n\n%arguments\n    PY=3.12.1\n") !=
          std::string::npos);
    CHECK(renamed.find("echo {{PY}} {{ OTHER }}") != std::string::npos);
    CHECK(renamed.find("Bootstrap: docker\nFrom: python:{{ VERSION }}\n") != std::string::npos);

    // An undefined argument has uses but no definition.
    Offset other = static_cast<Offset>(text.find("OTHER"));
    CHECK(find_definitions(r, text, other).empty());
    CHECK(find_references(r, text, other, true).size() == 1);
}

TEST_CASE("navigation: Dockerfile ARG scopes") {
    Annotated src("ARG [[VER^SION]]=3.12.1\nARG OTHER\nFROM python:${[[VERSION]]} AS base\n"
                  "ARG [[VERSION]]\nRUN echo $[[VERSION]] ${[[VERSION]]:-x} $OTHER\n"
                  "FROM base\nARG VERSION=1\nRUN echo $VERSION\n"
                  "FROM base\nENV PATH=/x\nARG TOOL=1\nENV TOOL=2\nRUN echo $TOOL\n");
    auto r = analyze_text(DocumentKind::Dockerfile, src.text());
    const std::string& text = src.text();
    // The global VERSION, its use in FROM, the stage's import and the uses after it.
    CHECK(find_references(r, text, src.point(), true) == src.ranges());
    CHECK(find_definitions(r, text, src.range(3).begin) ==
          std::vector<TextRange>{src.range(0), src.range(2)});
    // The second stage's own VERSION=1 is another variable.
    Offset own = static_cast<Offset>(text.find("VERSION=1"));
    auto second = find_references(r, text, own, true);
    REQUIRE(second.size() == 2);
    CHECK(slice(text, second[1]) == "VERSION");
    CHECK(second[1].begin > own);
    // $OTHER in the first stage was never imported with `ARG OTHER`: it is not the global one.
    Offset other_use = static_cast<Offset>(text.find("$OTHER") + 1);
    CHECK_FALSE(symbol_at(r, text, other_use));
    // ENV overrides an ARG of the same name: $TOOL is the ENV's.
    Offset tool = static_cast<Offset>(text.find("ARG TOOL") + 4);
    CHECK(find_references(r, text, tool, false).empty());

    std::string renamed =
        rename_all(DocumentKind::Dockerfile, text, src.range(4).begin, "PY_VERSION");
    CHECK(
        renamed.starts_with("ARG PY_VERSION=3.12.1\nARG OTHER\nFROM python:${PY_VERSION} AS base\n"
                            "ARG PY_VERSION\nRUN echo $PY_VERSION ${PY_VERSION:-x} $OTHER\n"));
    CHECK(renamed.find("ARG VERSION=1\nRUN echo $VERSION\n") != std::string::npos);
}

TEST_CASE("navigation: app names across %app sections") {
    Annotated src(
        "Bootstrap: docker\nFrom: alpine:3.19.1\n\n%appinstall [[to^ol]]\n    make\n\n"
        "%apprun [[tool]]\n    exec tool \"$@\"\n\n%apphelp [[tool]]\n    Runs the tool.\n\n"
        "%apprun other\n    exec other\n");
    auto r = analyze_text(DocumentKind::Definition, src.text());
    const std::string& text = src.text();
    CHECK(find_definitions(r, text, src.range(2).begin) == std::vector<TextRange>{src.range(0)});
    CHECK(find_references(r, text, src.point(), true) == src.ranges());
    std::string renamed = rename_all(DocumentKind::Definition, text, src.range(1).begin, "tool2");
    CHECK(renamed.find("%appinstall tool2\n") != std::string::npos);
    CHECK(renamed.find("%apprun tool2\n") != std::string::npos);
    CHECK(renamed.find("%apphelp tool2\n") != std::string::npos);
    CHECK(renamed.find("%apprun other\n") != std::string::npos);
}

TEST_CASE("navigation: rename refuses invalid names") {
    CHECK(invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::Stage, "build-env.1").empty());
    CHECK(invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::Stage, "Build").empty());
    CHECK_FALSE(invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::Stage, "1build").empty());
    CHECK_FALSE(
        invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::Stage, "my stage").empty());
    CHECK_FALSE(invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::Stage, "").empty());
    CHECK(invalid_name_reason(DocumentKind::Definition, SymbolKind::Stage, "1-build").empty());
    CHECK_FALSE(invalid_name_reason(DocumentKind::Definition, SymbolKind::Stage, "a/b").empty());
    CHECK(invalid_name_reason(DocumentKind::Definition, SymbolKind::BuildArgument, "1_X").empty());
    CHECK_FALSE(
        invalid_name_reason(DocumentKind::Dockerfile, SymbolKind::BuildArgument, "1_X").empty());
    CHECK_FALSE(
        invalid_name_reason(DocumentKind::Definition, SymbolKind::BuildArgument, "A-B").empty());
    CHECK_FALSE(invalid_name_reason(DocumentKind::Definition, SymbolKind::App, "my app").empty());

    Annotated src("FROM alpine:3.19.1 AS ^base\nFROM base\n");
    auto r = analyze_text(DocumentKind::Dockerfile, src.text());
    RenameResult bad = rename_symbol(r, src.text(), src.point(), "no way");
    CHECK(bad.edits.empty());
    CHECK(bad.error.find("not a valid stage name") != std::string::npos);
}

TEST_CASE("navigation: renamed documents stay free of new findings") {
    std::string text =
        "Bootstrap: docker\nFrom: golang:1.22.1\nStage: build\n\n%arguments\n    V=1\n\n"
        "%post\n    echo {{ V }}\n\nBootstrap: docker\nFrom: alpine:3.19.1\n\n%files from build\n  "
        "  /a /a\n";
    auto before = analyze_text(DocumentKind::Definition, text);
    std::string renamed = rename_all(DocumentKind::Definition, text,
                                     static_cast<Offset>(text.find("build")), "compile");
    renamed = rename_all(DocumentKind::Definition, renamed, static_cast<Offset>(renamed.find("V=")),
                         "VERSION");
    auto after = analyze_text(DocumentKind::Definition, renamed);
    CHECK(after.diagnostics.size() == before.diagnostics.size());
}
