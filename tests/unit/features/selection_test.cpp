// Selection ranges grow from the word outwards to the whole file.
#include "analysis/features/selection.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

TEST_CASE("selection: definition shell word, command, line, body, section, stage, file") {
    Annotated src("Bootstrap: docker\nFrom: a:1\n\n[[%post\n    [[apt-get install -y [[cu^rl]]]]\n    echo]]\n");
    AnalysisResult result = analyze_text(DocumentKind::Definition, src.text());
    auto chain = selection_chain(result, src.text(), src.point());
    REQUIRE(chain.size() >= 5);
    CHECK(chain[0] == src.range(0)); // the word
    CHECK(chain[1] == src.range(1)); // the command (and its line)
    CHECK(std::find(chain.begin(), chain.end(), src.range(2)) != chain.end()); // the section
    CHECK(chain.back() == TextRange{0, static_cast<Offset>(src.text().size())});
    for (std::size_t i = 1; i < chain.size(); ++i)
        CHECK((chain[i].begin <= chain[i - 1].begin && chain[i].end >= chain[i - 1].end && chain[i] != chain[i - 1]));
}

TEST_CASE("selection: definition header value, entry, stage") {
    Annotated src("Bootstrap: docker\n[[From: [[ubu^ntu:22.04]]]]\n");
    AnalysisResult result = analyze_text(DocumentKind::Definition, src.text());
    auto chain = selection_chain(result, src.text(), src.point());
    REQUIRE(chain.size() >= 3);
    CHECK(chain[0] == src.range(0));
    CHECK(chain[1] == src.range(1));
    CHECK(chain.back() == TextRange{0, static_cast<Offset>(src.text().size())});
}

TEST_CASE("selection: Dockerfile word, command, instruction, stage") {
    Annotated src("FROM a:1 AS x\n[[RUN [[apt-get [[ins^tall]] curl]]]]\nFROM b:1\n");
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, src.text());
    auto chain = selection_chain(result, src.text(), src.point());
    REQUIRE(chain.size() >= 4);
    CHECK(chain[0] == src.range(0));
    CHECK(chain[1] == src.range(1));
    CHECK(std::find(chain.begin(), chain.end(), src.range(2)) != chain.end());
    CHECK(chain.back() == TextRange{0, static_cast<Offset>(src.text().size())});
}

TEST_CASE("selection: an empty text selects itself") {
    AnalysisResult result = analyze_text(DocumentKind::Definition, "");
    auto chain = selection_chain(result, "", 0);
    REQUIRE(chain.size() == 1);
    CHECK(chain[0] == TextRange{0, 0});
}
