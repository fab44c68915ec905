// Every rule has a doc page with the required header, the embedded docs match the files, and
// docs/rules/README.md equals the index generated from the registry.
#include "analysis/core/rule.hpp"
#include "analysis/suppression.hpp"
#include "server/rule_docs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("every rule has a documentation page with its header") {
    fs::path docs = fs::path(CDLS_SOURCE_DIR) / "docs/rules";
    for (const cdls::RuleInfo* rule : cdls::all_rules()) {
        std::string id(rule->id);
        INFO("rule " << id);
        fs::path page = docs / (id + ".md");
        REQUIRE(fs::exists(page));
        std::string text = read(page);
        CHECK(text.rfind("# " + id + "\n", 0) == 0);
        CHECK(text.find("Severity: " + std::string(cdls::severity_name(rule->severity))) != std::string::npos);
        CHECK(text.find("## Why") != std::string::npos);
        CHECK(text.find("## Bad") != std::string::npos);
        CHECK(text.find("## Good") != std::string::npos);
        // The binary embeds the same text (for --explain and hover).
        auto embedded = cdls::server::rule_doc(id);
        REQUIRE(embedded.has_value());
        CHECK(*embedded == text);
    }
}

TEST_CASE("every documentation page belongs to a rule") {
    for (const auto& entry : fs::directory_iterator(fs::path(CDLS_SOURCE_DIR) / "docs/rules")) {
        std::string id = entry.path().stem().string();
        if (id == "README") continue;
        INFO("page " << entry.path().filename().string());
        CHECK(cdls::find_rule(id) != nullptr);
    }
}

TEST_CASE("the rule index is up to date") {
    INFO("run scripts/update-rule-index to regenerate docs/rules/README.md");
    CHECK(read(fs::path(CDLS_SOURCE_DIR) / "docs/rules/README.md") == cdls::server::rule_index_markdown());
}

TEST_CASE("rule ids are stable kebab-case") {
    for (const cdls::RuleInfo* rule : cdls::all_rules()) {
        std::string id(rule->id);
        INFO(id);
        CHECK_FALSE(id.empty());
        for (char c : id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
        CHECK_FALSE(rule->summary.empty());
    }
}

TEST_CASE("the hadolint mapping document lists every mapped code") {
    std::string text = read(fs::path(CDLS_SOURCE_DIR) / "docs/hadolint.md");
    for (const auto& [code, rule] : cdls::hadolint_mapping()) {
        INFO(code);
        CHECK(text.find("| " + std::string(code) + " | [" + std::string(rule) + "]") != std::string::npos);
        CHECK(cdls::find_rule(rule) != nullptr);
    }
}
