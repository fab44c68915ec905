// Every definition rule has a doc page whose header matches its RuleInfo, and whose Bad example
// triggers the rule while its Good example does not.
#include "test_helpers.hpp"

#include "analysis/core/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;
using namespace cdls::definition::testing;

namespace {

// The first fenced block after `heading`.
std::string example_after(const std::string& doc, const std::string& heading) {
    std::size_t at = doc.find(heading);
    if (at == std::string::npos) return {};
    std::size_t open = doc.find("```\n", at);
    if (open == std::string::npos) return {};
    open += 4;
    std::size_t close = doc.find("\n```", open);
    if (close == std::string::npos) return {};
    return doc.substr(open, close - open + 1);
}

std::string scope_text(RuleScope scope) {
    switch (scope) {
    case RuleScope::Definition: return "definition files";
    case RuleScope::Dockerfile: return "Dockerfiles";
    case RuleScope::Both: return "both";
    }
    return {};
}

} // namespace

TEST_CASE("definition rule docs match the rules and their examples") {
    for (const RuleInfo* rule : registry::definition_rules()) {
        std::string id(rule->id);
        INFO(id);
        fs::path path = fs::path(CDLS_SOURCE_DIR) / "docs" / "rules" / (id + ".md");
        REQUIRE(fs::exists(path));
        std::ifstream in(path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string doc = buffer.str();
        CHECK(doc.rfind("# " + id + "\n", 0) == 0);
        CHECK(doc.find("Severity: " + std::string(severity_name(rule->severity)) + "\n") != std::string::npos);
        CHECK(doc.find("Habit: " + std::string(habit_name(rule->habit)) + "\n") != std::string::npos);
        CHECK(doc.find("Applies to: " + scope_text(rule->scope) + "\n") != std::string::npos);
        CHECK(doc.find("## Why") != std::string::npos);
        std::string bad = example_after(doc, "## Bad");
        std::string good = example_after(doc, "## Good");
        REQUIRE(!bad.empty());
        REQUIRE(!good.empty());
        CHECK(!diagnostics_of(bad, id).empty());
        CHECK(diagnostics_of(good, id).empty());
    }
}
