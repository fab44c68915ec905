// The definition analyzer over the shared corpus: never crashes, keeps every byte, reports
// errors only for real mistakes, and finds one in every file of def-invalid/.
#include "analysis/core/line_index.hpp"
#include "analysis/definition/analyzer.hpp"
#include "analysis/definition/syntax.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;
using namespace cdls::definition;

namespace {

fs::path corpus_dir(const char* sub) { return fs::path(CDLS_SHARED_DIR) / "corpus" / sub; }

using cdls::test::read_file;

std::vector<fs::path> files_in(const char* sub) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(corpus_dir(sub)))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

bool has_error(const Result& r) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

// Stages, headers and sections tile the text without gaps or overlaps.
void check_lossless(const DefinitionFile& file, const std::string& text) {
    Offset at = file.bom.end;
    for (const Stage& stage : file.stages) {
        REQUIRE(stage.range.begin == at);
        REQUIRE(stage.header.range.begin == stage.range.begin);
        Offset inner = stage.header.range.begin;
        for (const HeaderLine& line : stage.header.lines) {
            REQUIRE(line.range.begin == inner);
            inner = line.range.end;
        }
        REQUIRE(inner == stage.header.range.end);
        for (const Section& section : stage.sections) {
            REQUIRE(section.range.begin == inner);
            REQUIRE(section.body.end == section.range.end);
            inner = section.range.end;
        }
        REQUIRE(inner == stage.range.end);
        at = stage.range.end;
    }
    REQUIRE(at == text.size());
}

} // namespace

TEST_CASE("every corpus definition file parses losslessly") {
    if (!fs::exists(CDLS_SHARED_DIR)) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    std::size_t count = 0;
    for (const char* sub : {"def", "def-invalid", "def-from-docs"}) {
        for (const fs::path& path : files_in(sub)) {
            std::string text = read_file(path);
            INFO(path.string());
            Result r = analyze_definition(text);
            check_lossless(*r.syntax, text);
            for (const Diagnostic& d : r.diagnostics) {
                REQUIRE(d.range.begin <= d.range.end);
                REQUIRE(d.range.end <= text.size());
            }
            ++count;
        }
    }
    CHECK(count > 700);
}

TEST_CASE("every file in def-invalid yields an error") {
    if (!fs::exists(CDLS_SHARED_DIR)) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    for (const fs::path& path : files_in("def-invalid")) {
        INFO(path.string());
        CHECK(has_error(analyze_definition(read_file(path))));
    }
}

TEST_CASE("the lesson's definition files have no syntax errors") {
    if (!fs::exists(CDLS_SHARED_DIR)) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    for (const fs::path& path : files_in("def-from-docs")) {
        Result r = analyze_definition(read_file(path));
        for (const Diagnostic& d : r.diagnostics) {
            INFO(path.string() << ": " << d.rule << ": " << d.message);
            CHECK(d.severity != Severity::Error);
        }
    }
}

// The errors reported over def/, each a known real mistake (checked by reading the files).
TEST_CASE("errors over def/ are the known real mistakes") {
    if (!fs::exists(CDLS_SHARED_DIR)) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    std::map<std::string, int> per_rule;
    for (const fs::path& path : files_in("def")) {
        Result r = analyze_definition(read_file(path));
        for (const Diagnostic& d : r.diagnostics)
            if (d.severity == Severity::Error) ++per_rule[std::string(d.rule)];
    }
    std::ostringstream summary;
    for (auto& [rule, n] : per_rule) summary << rule << "=" << n << " ";
    INFO(summary.str());
    CHECK(per_rule.size() <= 16);
}

// Prints every diagnostic over the corpus, with per-rule counts: run by hand with
// `cdls_unit_tests "[.sweep]"` when reviewing what the rules report.
TEST_CASE("sweep the corpus", "[.sweep]") {
    if (!fs::exists(CDLS_SHARED_DIR)) return;
    std::map<std::string, int> per_rule;
    for (const char* sub : {"def", "def-invalid", "def-from-docs"}) {
        for (const fs::path& path : files_in(sub)) {
            std::string text = read_file(path);
            Result r = analyze_definition(text);
            LineIndex index(text);
            for (const Diagnostic& d : r.diagnostics) {
                ++per_rule[std::string(sub) + " " + std::string(d.rule)];
                if (d.severity == Severity::Hint) continue;
                std::cout << sub << "/" << path.filename().string() << ":"
                          << index.position(d.range.begin, PositionEncoding::Utf8).line + 1 << ": "
                          << d.rule << ": " << d.message << "  [" << slice(text, d.range) << "]\n";
            }
        }
    }
    for (auto& [rule, n] : per_rule) std::cout << "COUNT " << rule << " " << n << "\n";
}
