// Every shared rule is registered and has a documentation page in the expected shape.
#include "analysis/core/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cdls;

TEST_CASE("shared rules are registered with a doc page each") {
    auto shared = registry::shared_rules();
    CHECK(shared.size() == 18);
    for (const RuleInfo* rule : shared) {
        INFO(rule->id);
        REQUIRE(find_rule(rule->id) == rule);
        CHECK_FALSE(rule->summary.empty());
        std::filesystem::path page =
            std::filesystem::path(CDLS_SOURCE_DIR) / "docs" / "rules" / (std::string(rule->id) + ".md");
        REQUIRE(std::filesystem::exists(page));
        std::ifstream in(page);
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        CHECK(text.rfind("# " + std::string(rule->id) + "\n", 0) == 0);
        CHECK(text.find("Severity: " + std::string(severity_name(rule->severity)) + "\n") != std::string::npos);
        CHECK(text.find("Habit: " + std::string(habit_name(rule->habit)) + "\n") != std::string::npos);
        CHECK(text.find("Applies to: both\n") != std::string::npos);
        CHECK(text.find("\n## Why\n") != std::string::npos);
        CHECK(text.find("\n## Bad\n") != std::string::npos);
        CHECK(text.find("\n## Good\n") != std::string::npos);
    }
}
