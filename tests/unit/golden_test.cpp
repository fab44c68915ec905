// Golden tests: every tests/golden/{def,dockerfile} input is analysed with the full pipeline
// (the same as the server and `cdls check`) and compared with the `.expected` file beside it.
// CDLS_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
#include "analysis/core/line_index.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/document_kind.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// One line per diagnostic: "L:C-L:C severity rule: message" (1-based, utf-16 columns).
std::string render(std::string_view text, const std::vector<Diagnostic>& diagnostics) {
    LineIndex index(text);
    std::string out;
    for (const auto& d : diagnostics) {
        LineRange r = index.range(d.range, PositionEncoding::Utf16);
        out += std::to_string(r.start.line + 1) + ":" + std::to_string(r.start.character + 1) + "-" +
               std::to_string(r.end.line + 1) + ":" + std::to_string(r.end.character + 1) + " " +
               std::string(severity_name(d.severity)) + " " + std::string(d.rule) + ": " + d.message + "\n";
    }
    return out;
}

void check_folder(const fs::path& folder, DocumentKind kind) {
    bool update = std::getenv("CDLS_UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(folder)) {
        auto ext = entry.path().extension();
        if (ext == ".expected" || ext == ".md") continue;
        inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
    REQUIRE_FALSE(inputs.empty());
    for (const auto& input : inputs) {
        std::string text = read(input);
        std::string actual = render(text, analyze_text(kind, text).diagnostics);
        fs::path expected_path = input;
        expected_path += ".expected";
        if (update) {
            std::ofstream(expected_path, std::ios::binary) << actual;
            continue;
        }
        INFO("golden " << input.filename().string() << " (CDLS_UPDATE_GOLDEN=1 regenerates)");
        REQUIRE(fs::exists(expected_path));
        CHECK(actual == read(expected_path));
    }
}

} // namespace

TEST_CASE("golden definition files") {
    check_folder(fs::path(CDLS_SOURCE_DIR) / "tests/golden/def", DocumentKind::Definition);
}

TEST_CASE("golden Dockerfiles") {
    check_folder(fs::path(CDLS_SOURCE_DIR) / "tests/golden/dockerfile", DocumentKind::Dockerfile);
}

TEST_CASE("the seed example shows exactly the two warnings a user expects") {
    std::string text = read(fs::path(CDLS_SOURCE_DIR) / "examples/seed.def");
    auto result = analyze_text(DocumentKind::Definition, text);
    std::vector<std::string> warnings;
    for (const auto& d : result.diagnostics) {
        CHECK(d.severity != Severity::Error);
        if (d.severity == Severity::Warning) warnings.push_back(std::string(d.rule) + "@" + std::string(slice(text, d.range)));
    }
    CHECK(warnings == std::vector<std::string>{"image-latest-tag@latest", "pip-unpinned@numpy"});
}
