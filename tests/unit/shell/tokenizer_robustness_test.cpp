// The tokenizer never crashes and stays linear: corpus files, random bytes, pathological input.
#include "analysis/shell/shared_rules.hpp"
#include "analysis/shell/tokenizer.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace cdls;
using namespace cdls::shell;

namespace {

void check_in_bounds(const Script& s, std::size_t size) {
    for (const Command& c : s.commands) {
        REQUIRE(c.range.begin <= c.range.end);
        REQUIRE(c.range.end <= size);
        REQUIRE(c.name_index <= c.words.size());
        if (c.piped_to) REQUIRE(*c.piped_to < s.commands.size());
        if (c.enclosing) REQUIRE(*c.enclosing < s.commands.size());
        for (const Word& w : c.words) REQUIRE(w.range.end <= size);
        for (const Heredoc& h : c.heredocs) REQUIRE(h.body.end <= size);
    }
}

// Tokenizes and checks the bounds. The time is reported when it is long, never judged (timings
// belong in bench/; a tokenizer gone quadratic on these sizes runs into the test's timeout).
void tokenize_checked(const std::string& text, Script* out = nullptr) {
    auto start = std::chrono::steady_clock::now();
    Script s = tokenize(text);
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > 1.0) WARN("tokenizing " << text.size() << " bytes took " << elapsed << " s");
    check_in_bounds(s, text.size());
    if (out) *out = std::move(s);
}

using cdls::test::read_file;

} // namespace

TEST_CASE("tokenizer and shared rules run on every corpus file as one body") {
    std::filesystem::path corpus = std::filesystem::path(CDLS_SHARED_DIR) / "corpus";
    if (!std::filesystem::exists(corpus)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::size_t files = 0;
    for (const char* dir : {"def", "dockerfile", "def-invalid", "dockerfile-invalid", "def-from-docs"}) {
        if (!std::filesystem::exists(corpus / dir)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(corpus / dir)) {
            std::string text = read_file(entry.path());
            INFO(entry.path().string());
            tokenize_checked(text);
            ContainerFacts facts;
            facts.shell_bodies.push_back({MappedText::contiguous(text, 0), ShellContext::Build, "test", {}});
            std::vector<Diagnostic> out;
            check_shared_rules(facts, out);
            for (const Diagnostic& d : out) REQUIRE(d.range.end <= text.size());
            ++files;
        }
    }
    CHECK(files > 1000);
}

TEST_CASE("tokenizer survives random bytes") {
    std::mt19937 rng(12345);
    const std::string alphabet = "ab $(){}`'\"\\\n;&|<>#=-_0123456789EOF\t\r";
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        std::size_t length = rng() % 200;
        for (std::size_t i = 0; i < length; ++i) {
            text += (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
        }
        Script s;
        tokenize_checked(text, &s);
        ContainerFacts facts;
        facts.shell_bodies.push_back({MappedText::contiguous(text, 7), ShellContext::Build, "test", {}});
        std::vector<Diagnostic> out;
        check_shared_rules(facts, out);
    }
}

TEST_CASE("tokenizer is linear on pathological input") {
    SECTION("1 MB on one line") {
        std::string text;
        while (text.size() < (1u << 20)) text += "pip install numpy scipy ";
        Script s;
        tokenize_checked(text, &s);
        CHECK(s.commands.size() == 1);
    }
    SECTION("100 000 continuations") {
        std::string text = "apt-get install";
        for (int i = 0; i < 100000; ++i) text += " \\\n  pkg" + std::to_string(i);
        Script s;
        tokenize_checked(text, &s);
        REQUIRE(s.commands.size() == 1);
        CHECK(s.commands[0].words.size() == 100002);
    }
    SECTION("10 000 nested $(") {
        std::string text = "echo ";
        for (int i = 0; i < 10000; ++i) text += "$(echo ";
        text += "x";
        for (int i = 0; i < 10000; ++i) text += ")";
        Script s;
        tokenize_checked(text, &s);
        CHECK(s.truncated);
    }
    SECTION("10 000 unclosed $(, backticks, ${ and quotes") {
        for (std::string unit : {"$(", "`", "${", "\"$(", "<(", "((", "$((", "'", "\\`"}) {
            std::string text;
            for (int i = 0; i < 10000; ++i) text += unit + "a ";
            tokenize_checked(text);
        }
    }
    SECTION("many heredocs and nested sh -c") {
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "cat <<E" + std::to_string(i) + "\nbody\n";
        tokenize_checked(text);
        std::string nested = "x";
        for (int i = 0; i < 200; ++i) nested = "sh -c '" + nested + "'";
        tokenize_checked(nested);
    }
}
