// Folding ranges: sections, stages, heredocs, continuations and comment blocks.
#include "analysis/features/folding.hpp"
#include "tests/unit/support/annotated.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace cdls;
using namespace cdls::features;
using cdls::test::Annotated;

namespace {

bool has(const std::vector<FoldingRange>& folds, TextRange range, FoldingKind kind = FoldingKind::Region) {
    return std::find(folds.begin(), folds.end(), FoldingRange{range, kind}) != folds.end();
}

} // namespace

TEST_CASE("folding: definition sections, heredocs, continuations and comment blocks") {
    Annotated src("Bootstrap: docker\nFrom: a:1\n\n"
                  "[[%post\n    [[apt-get install -y \\\n        curl]]\n    [[cat > /f <<EOF\nx\nEOF]]\n    # one\n    # two]]\n\n"
                  "[[%runscript\n    exec x]]\n%test\n    true\n");
    AnalysisResult result = analyze_text(DocumentKind::Definition, src.text());
    auto folds = folding_ranges(result, src.text());
    // ranges() lists inner ranges first as their `]]` comes first.
    CHECK(has(folds, src.range(0)));     // continuation
    CHECK(has(folds, src.range(1)));     // heredoc
    CHECK(has(folds, src.range(2)));     // %post
    CHECK(has(folds, src.range(3)));     // %runscript
    TextRange comments{static_cast<Offset>(src.text().find("# one")),
                       static_cast<Offset>(src.text().find("# two") + 5)};
    CHECK(has(folds, comments, FoldingKind::Comment));
    // One stage: no stage fold; each fold spans two lines or more.
    for (const auto& fold : folds)
        CHECK(src.text().substr(fold.range.begin, fold.range.length()).find('\n') != std::string::npos);
    CHECK(std::is_sorted(folds.begin(), folds.end(), [](const FoldingRange& a, const FoldingRange& b) {
        return a.range.begin < b.range.begin;
    }));
}

TEST_CASE("folding: several stages fold; a one-line section does not") {
    Annotated src("[[Bootstrap: docker\nFrom: a:1\n%post\n    x]]\n[[Bootstrap: docker\nFrom: b:1\n%help]]\n");
    AnalysisResult result = analyze_text(DocumentKind::Definition, src.text());
    auto folds = folding_ranges(result, src.text());
    CHECK(has(folds, src.range(0)));
    CHECK(has(folds, src.range(1)));
    for (const auto& fold : folds) CHECK(fold.range.begin != src.text().find("%help"));
    CHECK(folds.size() == 3); // two stages and the first %post
}

TEST_CASE("folding: Dockerfile stages, multi-line instructions and comments") {
    Annotated src("[[# a\n# b]]\n[[FROM a:1 AS x\n[[RUN one \\\n  two]]]]\n[[FROM b:1\nCOPY --from=x \\\n  /a /b]]\n");
    AnalysisResult result = analyze_text(DocumentKind::Dockerfile, src.text());
    auto folds = folding_ranges(result, src.text());
    CHECK(has(folds, src.range(0), FoldingKind::Comment));
    CHECK(has(folds, src.range(1))); // RUN
    CHECK(has(folds, src.range(2))); // first stage
    CHECK(has(folds, src.range(3))); // second stage (its COPY folds on the same range's lines too)
}
