// analysis-limit: the tokenizer's nesting cap is reported where it cut, and only there.
#include "rule_test_helpers.hpp"

#include "analysis/document_analysis.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::test;

namespace {

std::string nested(int depth, std::string_view open, std::string_view close, std::string_view inner) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += open;
    text += inner;
    for (int i = 0; i < depth; ++i) text += close;
    return text;
}

} // namespace

TEST_CASE("analysis-limit reports the first substitution past the nesting cap") {
    std::string body = "x=" + nested(40, "$(echo ", ")", "pip install numpy");
    Texts found = body_findings(body, "analysis-limit");
    REQUIRE(found.size() == 1);
    // The cut starts at a `$(` and covers the balanced rest of the nesting.
    CHECK(found[0].rfind("$(echo ", 0) == 0);
    CHECK(found[0].find("pip install numpy") != std::string::npos);
    CHECK(found[0].back() == ')');
    // The commands after the cut are analysed as usual.
    CHECK(body_findings(body + "\npip install requests", "pip-unpinned") == Texts{"requests"});
}

TEST_CASE("analysis-limit reports nested backticks and any shell context") {
    // Backticks inside $(...) nest too; a Setup body (the host) is still reported.
    std::string body = nested(35, "$(echo ", ")", "`date`");
    CHECK(body_findings(body, "analysis-limit", ShellContext::Setup).size() == 1);
}

TEST_CASE("analysis-limit is silent for ordinary nesting") {
    std::string body = "x=" + nested(20, "$(echo ", ")", "pip install numpy");
    CHECK(body_findings(body, "analysis-limit").empty());
    // Below the cap every nested command is tokenized: 20 echo and the pip inside them.
    shell::Script script = shell::tokenize(body);
    CHECK_FALSE(script.truncated);
    CHECK(script.commands.size() == 21);
    CHECK(body_findings("apt-get update && echo \"$(date) `whoami`\"", "analysis-limit").empty());
}

TEST_CASE("analysis-limit: a file reports at most 10 000 problems, then one note") {
    std::string text = "Bootstrap: docker\nFrom: debian:12.6\n%post\n    pip install";
    for (int i = 0; i < 12000; ++i) text += " pkg" + std::to_string(i);
    text += "\n";
    AnalysisResult result = analyze_text(DocumentKind::Definition, text, AnalysisSettings{});
    REQUIRE(result.diagnostics.size() == 10001);
    const Diagnostic* note = nullptr;
    for (const Diagnostic& d : result.diagnostics)
        if (d.rule == "analysis-limit") note = &d;
    REQUIRE(note != nullptr);
    // Every other finding (hints, the tag) comes before the packages: the packages not
    // reported are 12 000 minus those that fit beside them.
    std::size_t others = 0;
    for (const Diagnostic& d : result.diagnostics)
        if (d.rule != "pip-unpinned" && d.rule != "analysis-limit") ++others;
    std::size_t kept_packages = 10000 - others;
    CHECK(note->message.rfind(std::to_string(12000 - kept_packages) + " more problems", 0) == 0);
    // The note sits where the unreported problems begin: after every reported one.
    CHECK(slice(text, note->range).rfind("pkg", 0) == 0);
    CHECK(std::is_sorted(result.diagnostics.begin(), result.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; }));

    AnalysisSettings off;
    off.overrides["analysis-limit"] = std::nullopt;
    CHECK(analyze_text(DocumentKind::Definition, text, off).diagnostics.size() == 10000);
}

TEST_CASE("analysis-limit: an ordinary file is not capped") {
    std::string text = "Bootstrap: docker\nFrom: debian:12.6\n%post\n    pip install";
    for (int i = 0; i < 500; ++i) text += " pkg" + std::to_string(i);
    text += "\n";
    AnalysisResult result = analyze_text(DocumentKind::Definition, text, AnalysisSettings{});
    CHECK(result.diagnostics.size() > 500);
    for (const Diagnostic& d : result.diagnostics) CHECK(d.rule != "analysis-limit");
}
