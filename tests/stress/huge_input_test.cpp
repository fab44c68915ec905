// Pathological sizes and nesting: each analysis must finish (no stack overflow, no quadratic
// blow-up). No timing thresholds: a slow case only WARNs with its duration, to be looked at.
// Packages are pinned but the last, so the structure is stressed, not the number of findings.
#include "analysis/core/text_diff.hpp"
#include "analysis/document_analysis.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace cdls;

namespace {

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

// Analyses fresh and incrementally (one edit in the middle), checks ranges, and warns when
// one analysis took more than a second.
AnalysisResult analyze_checked(DocumentKind kind, const std::string& text) {
    auto start = std::chrono::steady_clock::now();
    AnalysisResult result = analyze_text(kind, text);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 1.0) WARN("analysis took " << seconds << " s");
    for (const Diagnostic& d : result.diagnostics) {
        REQUIRE(d.range.begin <= d.range.end);
        REQUIRE(d.range.end <= text.size());
    }
    DocumentAnalyzer analyzer(kind);
    analyzer.analyze(text);
    auto middle = static_cast<Offset>(text.size() / 2);
    std::string edited = apply_edit(text, {{middle, middle}, "x"});
    EditedSpan edits(text.size());
    edits.replace(middle, middle, 1);
    CHECK(analyzer.analyze(edited, {}, nullptr, &edits.change()).diagnostics == analyze_text(kind, edited).diagnostics);
    return result;
}

bool has_rule(const AnalysisResult& r, std::string_view rule) {
    for (const auto& d : r.diagnostics)
        if (d.rule == rule) return true;
    return false;
}

constexpr std::size_t MiB = 1024 * 1024;

} // namespace

TEST_CASE("a 1 MB single line") {
    SECTION("definition %post") {
        auto r = analyze_checked(DocumentKind::Definition,
                                 "Bootstrap: docker\nFrom: ubuntu:24.04\n%post\n    apt-get install -y " + repeat("pkg=1.0 ", MiB / 8) + "last");
        CHECK(has_rule(r, "apt-unpinned"));
    }
    SECTION("definition header value") {
        analyze_checked(DocumentKind::Definition, "Bootstrap: docker\nFrom: " + repeat("a", MiB));
    }
    SECTION("Dockerfile RUN") {
        auto r = analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN pip install " + repeat("numpy==1.0 ", MiB / 11) + "last");
        CHECK(has_rule(r, "pip-unpinned"));
    }
    SECTION("Dockerfile without a newline") { analyze_checked(DocumentKind::Dockerfile, repeat("x", MiB)); }
    SECTION("Dockerfile JSON form") {
        analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nCMD [" + repeat("\"a\", ", MiB / 5) + "\"b\"]");
    }
}

TEST_CASE("100 000 line continuations") {
    SECTION("definition %post") {
        analyze_checked(DocumentKind::Definition,
                        "Bootstrap: docker\nFrom: ubuntu:24.04\n%post\n    apt-get install -y \\\n" + repeat("  pkg \\\n", 100000) + "  end\n");
    }
    SECTION("definition, continuations only") {
        analyze_checked(DocumentKind::Definition, "Bootstrap: docker\nFrom: ubuntu:24.04\n%post\n" + repeat("\\\n", 100000));
    }
    SECTION("Dockerfile RUN") {
        analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN apt-get install -y \\\n" + repeat("  pkg \\\n", 100000) + "  end\n");
    }
    SECTION("Dockerfile, continuations only") {
        analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN " + repeat("\\\n", 100000));
    }
    SECTION("Dockerfile CRLF continuations with comments between") {
        analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN echo \\\r\n" + repeat("# c\r\n a \\\r\n", 50000) + "\r\n");
    }
}

TEST_CASE("10 000 nested command substitutions") {
    std::string closed = repeat("$(", 10000) + "echo" + repeat(")", 10000);
    std::string unclosed = repeat("$(", 10000);
    std::string backticks = repeat("\"$(`", 5000);
    std::string braces = repeat("${a:-", 10000) + repeat("}", 10000);
    for (const std::string* body : {&closed, &unclosed, &backticks, &braces}) {
        analyze_checked(DocumentKind::Definition, "Bootstrap: docker\nFrom: ubuntu:24.04\n%post\n    echo " + *body + "\n");
        analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN echo " + *body + "\n");
    }
}

TEST_CASE("a definition file with 100 000 sections") {
    SECTION("%post sections") {
        auto r = analyze_checked(DocumentKind::Definition,
                                 "Bootstrap: docker\nFrom: ubuntu:24.04\n" + repeat("%post\n    pip install numpy==1.0\n", 100000) + "%post\n    pip install last\n");
        CHECK(has_rule(r, "pip-unpinned"));
    }
    SECTION("apps") {
        std::string text = "Bootstrap: docker\nFrom: ubuntu:24.04\n";
        for (int i = 0; i < 100000; ++i) text += "%apprun app" + std::to_string(i % 1000) + "\n    run\n";
        analyze_checked(DocumentKind::Definition, text);
    }
    SECTION("unknown sections") {
        auto r = analyze_checked(DocumentKind::Definition, "Bootstrap: docker\nFrom: ubuntu:24.04\n" + repeat("%files\n    a b\n", 100000) + "%postt\n");
        CHECK(has_rule(r, "unknown-section"));
    }
    SECTION("stages") {
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "Bootstrap: docker\nFrom: ubuntu:24.04\nStage: s" + std::to_string(i) + "\n%files from s0\n a b\n";
        analyze_checked(DocumentKind::Definition, text);
    }
}

TEST_CASE("a Dockerfile with 20 000 stages and 100 000 variables") {
    std::string stages;
    for (int i = 0; i < 20000; ++i)
        stages += "FROM ubuntu:24.04 AS s" + std::to_string(i) + "\nCOPY --from=s" + std::to_string(i / 2) + " /a /b\n";
    analyze_checked(DocumentKind::Dockerfile, stages);
    std::string variables = "FROM ubuntu:24.04\n";
    for (int i = 0; i < 100000; ++i) variables += "ARG V" + std::to_string(i) + "\nENV W=$V" + std::to_string(i / 2) + "\n";
    analyze_checked(DocumentKind::Dockerfile, variables);
}

TEST_CASE("many heredocs and many words") {
    analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\n" + repeat("RUN <<EOF\necho hi\nEOF\n", 50000));
    analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN <<EOF\n" + repeat("echo hi\n", 100000));
    analyze_checked(DocumentKind::Dockerfile, "FROM ubuntu:24.04\nRUN " + repeat("<<A", 20000) + "\n");
    analyze_checked(DocumentKind::Definition, "Bootstrap: docker\nFrom: ubuntu:24.04\n%post\n" + repeat("cat <<EOF\n%post\n", 30000));
}
