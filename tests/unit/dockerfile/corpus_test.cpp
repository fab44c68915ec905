// The third-party corpus: valid Dockerfiles parse without errors (except the listed, explained
// ones), every invalid one yields an error, and every range stays inside its document.
#include "helpers.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

namespace {

using cdls::test::read_file;

std::set<std::string> error_rules(const Result& r) {
    std::set<std::string> out;
    for (const auto& d : r.diagnostics)
        if (d.severity == Severity::Error) out.emplace(d.rule);
    return out;
}

void check_ranges(const Result& r, std::size_t size) {
    auto inside = [&](TextRange range) { return range.begin <= range.end && range.end <= size; };
    for (const auto& d : r.diagnostics) CHECK(inside(d.range));
    for (const auto& i : r.facts.images) CHECK(inside(i.range));
    for (const auto& c : r.facts.copies) CHECK(inside(c.range));
    for (const auto& b : r.facts.shell_bodies) {
        CHECK(inside(b.range));
        CHECK(b.script.to_document(static_cast<Offset>(b.script.text().size())) <= size);
    }
    for (const auto& a : r.facts.assignments) CHECK((inside(a.name_range) && inside(a.value_range)));
    for (const auto& l : r.facts.labels) CHECK((inside(l.key_range) && inside(l.value_range)));
    CHECK(r.facts.label_insertion_point <= size);
}

// Valid-corpus files with errors, and why (BuildKit would fail on them too).
const std::map<std::string, std::set<std::string>> kExpectedErrors = {
    // UTF-16/UTF-32 fixtures: the server reads UTF-8 only.
    {"hadolint__language-docker__test__fixtures__Dockerfile.bom.utf16be", {"unsupported-encoding"}},
    {"hadolint__language-docker__test__fixtures__Dockerfile.bom.utf16le", {"unsupported-encoding"}},
    {"hadolint__language-docker__test__fixtures__Dockerfile.bom.utf32be", {"unsupported-encoding"}},
    {"hadolint__language-docker__test__fixtures__Dockerfile.bom.utf32le", {"unsupported-encoding"}},
    // Parser-only fixtures without FROM (NOTES.tsv: parser tests, no FROM).
    {"hadolint__language-docker__test__fixtures__6.Dockerfile", {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__json__Dockerfile", {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-string-double__"
     "Dockerfile",
     {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-string__Dockerfile",
     {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-single-quotes__Dockerfile",
     {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-bracket__Dockerfile",
     {"missing-from"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-string__Dockerfile",
     {"missing-from"}},
    // Parser fixtures whose instructions BuildKit's instruction parser rejects (--user, --doit
    // flags; bare HEALTHCHECK, HEALTHCHECK CMD without a command, HEALTHCHECK CONNECT).
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__flags__Dockerfile", {"unknown-flag"}},
    {"moby__buildkit__frontend__dockerfile__parser__testfiles__health__Dockerfile", {"wrong-argument-count"}},
    // spython converter fixtures: `HEALTHCHECK true` / `HEALTHCHECK /bin/bash ...` lack CMD.
    {"singularityhub__singularity-cli__spython__tests__testdata__docker2singularity__healthcheck.docker",
     {"wrong-argument-count"}},
    {"singularityhub__singularity-cli__spython__tests__testdata__singularity2docker__test.docker",
     {"wrong-argument-count"}},
    // A real bug: a RUN continuation is missing its backslash, so `&& cd ...` starts a line.
    {"PawseySC__pawsey-containers__setonix__mpi__lustrempich-base__buildlustrempich.dockerfile",
     {"unknown-instruction"}},
};

} // namespace

TEST_CASE("dockerfile corpus: valid files have no unexpected errors") {
    std::filesystem::path dir = std::filesystem::path(CDLS_SHARED_DIR) / "corpus" / "dockerfile";
    if (!std::filesystem::exists(dir)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        std::string text = read_file(entry.path());
        INFO(name);
        Result r = analyze(text);
        ++files;
        check_ranges(r, text.size());
        auto expected = kExpectedErrors.find(name);
        CHECK(error_rules(r) == (expected == kExpectedErrors.end() ? std::set<std::string>{} : expected->second));
    }
    CHECK(files > 500);
}

TEST_CASE("dockerfile corpus: every invalid file yields an error") {
    std::filesystem::path dir = std::filesystem::path(CDLS_SHARED_DIR) / "corpus" / "dockerfile-invalid";
    if (!std::filesystem::exists(dir)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string text = read_file(entry.path());
        INFO(entry.path().filename().string());
        Result r = analyze(text);
        ++files;
        check_ranges(r, text.size());
        CHECK(error_count(r) >= 1);
    }
    CHECK(files >= 29);
}
