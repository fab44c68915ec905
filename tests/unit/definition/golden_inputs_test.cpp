// The golden inputs in tests/golden/def say in their comments what they expect; this checks the
// definition rules agree (errors and warnings; hints are listed where a file is about them).
#include "test_helpers.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;
using namespace cdls::definition;

namespace {

using cdls::test::read_file;

std::vector<std::string> non_hint_rules(const std::string& text) {
    std::vector<std::string> rules;
    for (const Diagnostic& d : analyze_definition(text).diagnostics)
        if (d.severity != Severity::Hint) rules.emplace_back(d.rule);
    std::sort(rules.begin(), rules.end());
    return rules;
}

} // namespace

TEST_CASE("golden definition inputs give what their comments say") {
    const std::map<std::string, std::vector<std::string>> expected{
        {"seed.def", {}},
        {"all-sections.def", {}},
        {"apps.def", {"app-section-without-name"}},
        {"multistage.def", {}},
        {"stage-errors.def", {"duplicate-stage-name", "unknown-stage"}},
        {"arguments.def", {"undefined-build-argument"}},
        {"header-continuation.def", {}},
        {"crlf.def", {}},
        {"bom.def", {}},
        {"agents-from.def", {}},
        {"agents-os.def", {}},
        {"header-errors.def",
         {"header-without-value", "missing-required-header", "unknown-bootstrap-agent", "unknown-header-keyword"}},
        {"section-errors.def", {"bad-post-shell", "section-in-heredoc", "unknown-section", "unknown-section", "unknown-section"}},
        {"missing-bootstrap.def", {"missing-bootstrap"}},
        {"noheader.def", {}},
        {"empty-comments.def", {"empty-definition"}},
        // Inputs about the shared rules: no definition-rule findings.
        {"pinning.def", {}},
        {"separate-concerns.def", {}},
        {"suppressions.def", {}},
    };
    fs::path dir = fs::path(CDLS_SOURCE_DIR) / "tests" / "golden" / "def";
    std::size_t seen = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".def") continue;
        std::string name = entry.path().filename().string();
        INFO(name);
        auto it = expected.find(name);
        REQUIRE(it != expected.end());
        CHECK(non_hint_rules(read_file(entry.path())) == it->second);
        ++seen;
    }
    CHECK(seen == expected.size());

    std::string arguments = read_file(dir / "arguments.def");
    Result r = analyze_definition(arguments);
    REQUIRE(r.facts.images.size() == 1);
    CHECK(r.facts.images[0].resolved == "python:3.12.3");
    CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                        [](const Diagnostic& d) { return d.rule == "unused-build-argument"; }) == 1);
    std::string continuation = read_file(dir / "header-continuation.def");
    Result continued = analyze_definition(continuation);
    const DefinitionFile& f = *continued.syntax;
    CHECK(f.stages.back().header_entry("mirrorurl")->value_text == "http://archive.ubuntu.com/ubuntu/");
    std::string noheader = read_file(dir / "noheader.def");
    CHECK(analyze_definition(noheader).diagnostics.empty());
}
