// Document symbols: stages by name, header entries, sections, apps; Dockerfile stages and
// instructions; the flat form.
#include "analysis/features/symbols.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

namespace {

std::vector<std::string> names(const std::vector<DocumentSymbol>& symbols) {
    std::vector<std::string> out;
    for (const auto& s : symbols) out.push_back(s.name);
    return out;
}

} // namespace

TEST_CASE("symbols: definition stages hold their header, sections and apps") {
    Annotated src("Bootstrap: docker\nFrom: golang:1.22\nStage: [[build]]\n\n[[%post]]\n    go build\n\n"
                  "Bootstrap: docker\nFrom: alpine:3.19\n\n%files from build\n    /a /b\n\n"
                  "%apprun foo\n    exec foo\n\n%labels\n    Author me\n\n%apphelp foo\n    Foo.\n");
    AnalysisResult result = analyze_text(DocumentKind::Definition, src.text());
    auto symbols = document_symbols(result, src.text());
    REQUIRE(symbols.size() == 2);
    CHECK(symbols[0].name == "build");
    CHECK(symbols[0].selection_range == src.range(0));
    CHECK(symbols[0].detail == "docker golang:1.22");
    CHECK(symbols[1].name == "stage 2");
    CHECK(names(symbols[0].children) == std::vector<std::string>{"Bootstrap", "From", "Stage", "%post"});
    CHECK(symbols[0].children[3].selection_range == src.range(1));
    CHECK(symbols[0].children[3].kind == SymbolKind::Function);
    CHECK(names(symbols[1].children) == std::vector<std::string>{"Bootstrap", "From", "%files", "app foo", "%labels"});
    const auto& app = symbols[1].children[3];
    CHECK(names(app.children) == std::vector<std::string>{"%apprun", "%apphelp"});
    CHECK(app.range.end == app.children[1].range.end);
    CHECK(symbols[1].children[2].detail == "from build");
    CHECK(names(symbols[1].children[4].children) == std::vector<std::string>{"Author"});
}

TEST_CASE("symbols: a file of comments has none; sections without a header form a stage") {
    AnalysisResult empty = analyze_text(DocumentKind::Definition, "# nothing\n");
    CHECK(document_symbols(empty, "# nothing\n").empty());
    std::string text = "%post\n    echo\n";
    AnalysisResult result = analyze_text(DocumentKind::Definition, text);
    auto symbols = document_symbols(result, text);
    REQUIRE(symbols.size() == 1);
    CHECK(symbols[0].name == "stage 1");
    CHECK(names(symbols[0].children) == std::vector<std::string>{"%post"});
}

TEST_CASE("symbols: Dockerfile stages by AS name hold their instructions") {
    Annotated src("ARG V=1\nFROM golang:1.22 AS [[build]]\nRUN go build\nFROM alpine:3.19\n"
                  "ENV A=1 B=2\nCOPY --from=build /a /b\n");
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, src.text());
    auto symbols = document_symbols(result, src.text());
    CHECK(names(symbols) == std::vector<std::string>{"ARG", "build", "stage 2"});
    CHECK(symbols[1].selection_range == src.range(0));
    CHECK(names(symbols[1].children) == std::vector<std::string>{"FROM", "RUN"});
    CHECK(names(symbols[2].children) == std::vector<std::string>{"FROM", "ENV", "COPY"});
    CHECK(names(symbols[2].children[1].children) == std::vector<std::string>{"A", "B"});
    CHECK(symbols[2].detail == "alpine:3.19");
}

TEST_CASE("symbols: the flat form names each symbol's container") {
    std::string text = "FROM alpine:3.19 AS base\nRUN true\n";
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, text);
    auto flat = flatten_symbols(document_symbols(result, text));
    REQUIRE(flat.size() == 3);
    CHECK(flat[0].name == "base");
    CHECK(flat[0].container.empty());
    CHECK(flat[2].name == "RUN");
    CHECK(flat[2].container == "base");
}
