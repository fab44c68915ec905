// Every file of the shared corpus through the whole analysis (all rules, as the server runs
// it): no crash, ranges inside the text, syntax errors only where the corpus notes say the
// file is invalid, and incremental analysis equal to a fresh one after random edits.
#include "analysis/core/rule.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/document_analysis.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;

namespace {

const fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";

using cdls::test::read_file;

// NOTES.tsv: "folder/file<TAB>note".
std::map<std::string, std::string> read_notes() {
    std::map<std::string, std::string> notes;
    std::istringstream in(read_file(corpus / "NOTES.tsv"));
    std::string line;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) notes[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return notes;
}

struct CorpusFile {
    std::string name; // "folder/file", as in NOTES.tsv
    fs::path path;
    DocumentKind kind;
    bool invalid_folder;
};

std::vector<CorpusFile> corpus_files() {
    std::vector<CorpusFile> files;
    for (const char* folder : {"def", "def-invalid", "def-from-docs", "dockerfile", "dockerfile-invalid"}) {
        if (!fs::exists(corpus / folder)) continue;
        DocumentKind kind = std::string_view(folder).starts_with("def") ? DocumentKind::Definition : DocumentKind::Dockerfile;
        for (const auto& entry : fs::directory_iterator(corpus / folder)) {
            if (!entry.is_regular_file()) continue;
            files.push_back({std::string(folder) + "/" + entry.path().filename().string(), entry.path(), kind,
                             std::string_view(folder).ends_with("-invalid")});
        }
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return files;
}

// A note that says the file is not a valid input as it stands.
bool noted_as_invalid(const std::string& note) {
    for (const char* word : {"invalid", "Invalid", "template", "UTF-16", "UTF-32", "must fail", "TYPO", "ErrorCases",
                             "deliberate", "negative", "LEGACY"})
        if (note.find(word) != std::string::npos) return true;
    return false;
}

// Files in the valid folders whose notes do not say "invalid" but which really are, and why.
// Reported to the analyzer owners where marked "check".
const std::map<std::string, std::string> kKnownSyntaxErrors = {
    // apptainer/singularity parser "result" files: re-serialised expectations with lower-case
    // keys in map order (Bootstrap not first); cdls requires Bootstrap to open a stage. Check.
    {"def/apptainer__apptainer__pkg__build__types__parser__testdata_good__fingerprint__result", "result file, Bootstrap not first"},
    {"def/apptainer__apptainer__pkg__build__types__parser__testdata_good__localimage__result", "result file, Bootstrap not first"},
    {"def/apptainer__apptainer__pkg__build__types__parser__testdata_good__yum__result", "result file, Bootstrap not first"},
    {"def/hpcng__singularity__pkg__build__types__parser__testdata_good__fingerprint__result", "result file, Bootstrap not first"},
    // `From:` written before `Bootstrap:` (apptainer accepts header keys in any order). Check.
    {"def/NIH-HPC__singularity-def-files__high-throughput-sequencing__cicero__0.3.0__cicero.def", "From before Bootstrap"},
    {"def/NIH-HPC__singularity-def-files__sequence-analysis__annogesic__1.0.2__annogesic.def", "From before Bootstrap"},
    // Parser tests only: `%files from <stage>` names stages that do not exist (a build fails).
    {"def/apptainer__apptainer__pkg__build__types__parser__testdata_good__multiplefiles__multiplefiles", "parser test, unknown stage"},
    {"def/apptainer__apptainer__pkg__build__types__parser__testdata_good__sectionargs__sectionargs", "parser test, unknown stage"},
    // `Bootstrap: self` (apptainer's own build of itself) and Singularity 2.2 MetaLink keyword.
    {"def/apptainer__apptainer__examples__self__Apptainer", "Bootstrap: self is not a documented agent"},
    {"def/sylabs__singularity__examples__legacy__2.2__contrib__fedora.def", "legacy 2.2 keyword MetaLink"},
    // BuildKit parser-only fixtures: flags and HEALTHCHECK forms the builder itself rejects.
    {"dockerfile/moby__buildkit__frontend__dockerfile__parser__testfiles__flags__Dockerfile", "parser test, unknown flags"},
    {"dockerfile/moby__buildkit__frontend__dockerfile__parser__testfiles__health__Dockerfile", "parser test, HEALTHCHECK forms"},
    {"dockerfile/moby__buildkit__frontend__dockerfile__parser__testfiles__json__Dockerfile", "parser test, no FROM"},
    {"dockerfile/hadolint__language-docker__test__fixtures__6.Dockerfile", "parser fixture, no FROM"},
    // spython conversion fixtures with `HEALTHCHECK` lines that are not CMD/NONE.
    {"dockerfile/singularityhub__singularity-cli__spython__tests__testdata__docker2singularity__healthcheck.docker", "HEALTHCHECK form"},
    {"dockerfile/singularityhub__singularity-cli__spython__tests__testdata__singularity2docker__test.docker", "HEALTHCHECK form"},
    // Line 110 starts with `CC=gcc` after a continuation; check whether the parser ends the RUN early.
    {"dockerfile/PawseySC__pawsey-containers__setonix__mpi__lustrempich-base__buildlustrempich.dockerfile", "check: unknown-instruction"},
};

bool is_syntax_error(const Diagnostic& d) {
    const RuleInfo* rule = find_rule(d.rule);
    return d.severity == Severity::Error && rule && rule->habit == Habit::Syntax;
}

// Snippets that change structure: new lines, sections, continuations, quotes, substitutions.
constexpr std::string_view kSnippets[] = {"\n", "%post\n", "\\\n", "RUN apt-get install -y x\n", "#", " ", "FROM a:1\n",
                                          "$(", "\"", "'", "<<EOF\n", "EOF\n", "%files\n", "From: b\n", "\t", "}"};

} // namespace

TEST_CASE("corpus sweep: every file analyses, with syntax errors only in invalid files") {
    if (!fs::exists(corpus)) {
        WARN("corpus sweep skipped: ../shared not found");
        return;
    }
    auto notes = read_notes();
    auto files = corpus_files();
    REQUIRE(files.size() > 1000);
    std::size_t analysed = 0, with_syntax_errors = 0;
    std::set<std::string> unexpected;
    for (const auto& file : files) {
        std::string text = read_file(file.path);
        INFO(file.name);
        AnalysisResult result = analyze_text(file.kind, text);
        ++analysed;
        bool syntax_error = false;
        for (const Diagnostic& d : result.diagnostics) {
            REQUIRE(d.range.begin <= d.range.end);
            REQUIRE(d.range.end <= text.size());
            if (is_syntax_error(d)) {
                syntax_error = true;
                bool allowed = file.invalid_folder || noted_as_invalid(notes[file.name]) ||
                               file.name.find("invalid") != std::string::npos ||
                               kKnownSyntaxErrors.count(file.name);
                if (!allowed) unexpected.insert(file.name + ": " + std::string(d.rule) + ": " + d.message);
            }
        }
        with_syntax_errors += syntax_error;
    }
    for (const auto& u : unexpected) UNSCOPED_INFO(u);
    CHECK(unexpected.empty());
    CHECK(analysed == files.size());
    INFO(with_syntax_errors << " of " << analysed << " files have syntax errors");
    CHECK(with_syntax_errors < analysed / 5);
}

TEST_CASE("corpus sweep: incremental analysis equals a fresh one after random edits") {
    if (!fs::exists(corpus)) {
        WARN("corpus sweep skipped: ../shared not found");
        return;
    }
    std::mt19937 random(20261124);
    std::size_t edits = 0;
    for (const auto& file : corpus_files()) {
        std::string text = read_file(file.path);
        DocumentAnalyzer analyzer(file.kind);
        analyzer.analyze(text);
        for (int step = 0; step < 3; ++step) {
            auto begin = static_cast<Offset>(std::uniform_int_distribution<std::size_t>(0, text.size())(random));
            auto end = static_cast<Offset>(std::min<std::size_t>(text.size(), begin + random() % 8));
            std::string_view snippet = kSnippets[random() % std::size(kSnippets)];
            text = apply_edit(text, {{begin, end}, std::string(snippet)});
            INFO(file.name << " after edit " << step << " at " << begin << "-" << end << " inserting '" << snippet << "'");
            // Told the edit, as the server tells the analyzer.
            EditedSpan span(text.size() + (end - begin) - snippet.size());
            span.replace(begin, end, snippet.size());
            auto incremental = analyzer.analyze(text, {}, nullptr, &span.change());
            auto fresh = analyze_text(file.kind, text);
            REQUIRE(incremental.diagnostics == fresh.diagnostics);
            ++edits;
        }
    }
    CHECK(edits > 3000);
}
