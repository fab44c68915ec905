// Each image rule has its documentation page with the header the rule index is built from.
#include "analysis/core/rule.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cdls;

TEST_CASE("image rules have documentation pages matching their RuleInfo", "[catalogue][docs]") {
    for (std::string_view id : {"image-latest-tag", "image-untagged", "image-floating-tag"}) {
        INFO(id);
        const RuleInfo* rule = find_rule(id);
        REQUIRE(rule);
        auto path = std::filesystem::path(CDLS_SOURCE_DIR) / "docs" / "rules" / (std::string(id) + ".md");
        std::ifstream in(path);
        REQUIRE(in);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        std::string header = "# " + std::string(id) + "\nSeverity: " + std::string(severity_name(rule->severity)) +
                             "\nHabit: " + std::string(habit_name(rule->habit)) + "\nApplies to: both\n";
        CHECK(text.rfind(header, 0) == 0);
        for (const char* section : {"\n## Why\n", "\n## Bad\n", "\n## Good\n"}) CHECK(text.find(section) != std::string::npos);
        CHECK(text.find("```") != std::string::npos);
    }
}
