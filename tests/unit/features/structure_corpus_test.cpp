// Every corpus file through the structure features: formatting is idempotent and keeps the
// findings; symbols, folds, tokens and selection ranges stay well formed.
#include "analysis/document_analysis.hpp"
#include "analysis/features/folding.hpp"
#include "analysis/features/formatting.hpp"
#include "analysis/features/selection.hpp"
#include "analysis/features/semantic_tokens.hpp"
#include "analysis/features/symbols.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace cdls;
using namespace cdls::features;
namespace fs = std::filesystem;

namespace {

using cdls::test::read_file;

struct CorpusFile {
    fs::path path;
    DocumentKind kind;
};

std::vector<CorpusFile> corpus_files() {
    std::vector<CorpusFile> out;
    fs::path root = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(root)) return out;
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        std::string name = dir.path().filename().string();
        DocumentKind kind = name.starts_with("dockerfile") ? DocumentKind::Dockerfile : DocumentKind::Definition;
        for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
            if (entry.is_regular_file()) out.push_back({entry.path(), kind});
    }
    std::sort(out.begin(), out.end(), [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
    return out;
}

std::map<std::string, int> rule_counts(const AnalysisResult& result) {
    std::map<std::string, int> out;
    for (const auto& d : result.diagnostics) ++out[std::string(d.rule)];
    return out;
}

bool edits_well_formed(const std::vector<TextEdit>& edits, std::size_t size) {
    Offset at = 0;
    for (const auto& e : edits) {
        if (e.range.begin < at || e.range.end < e.range.begin || e.range.end > size) return false;
        at = e.range.end;
    }
    return true;
}

void check_symbols(const std::vector<DocumentSymbol>& symbols, TextRange parent, std::size_t& failures) {
    for (const auto& s : symbols) {
        bool inside = s.range.begin >= parent.begin && s.range.end <= parent.end && s.range.begin <= s.range.end;
        bool selection = s.selection_range.begin >= s.range.begin && s.selection_range.end <= s.range.end;
        if (!inside || !selection || s.name.empty()) ++failures;
        check_symbols(s.children, s.range, failures);
    }
}

} // namespace

TEST_CASE("corpus: formatting is idempotent and keeps every finding") {
    auto files = corpus_files();
    if (files.empty()) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    std::size_t changed = 0;
    for (const auto& file : files) {
        std::string text = read_file(file.path);
        INFO(file.path.string());
        AnalysisResult before = analyze_text(file.kind, text);
        auto edits = format_document(before, text);
        REQUIRE(edits_well_formed(edits, text.size()));
        std::string formatted = apply_edits(text, edits);
        if (formatted != text) ++changed;
        AnalysisResult after = analyze_text(file.kind, formatted);
        CHECK(rule_counts(before) == rule_counts(after));
        auto again = format_document(after, formatted);
        CHECK(apply_edits(formatted, again) == formatted);
        CHECK(again.empty());
        // Another indentation keeps the findings too, and is idempotent.
        FormattingOptions tabs{4, true};
        std::string tabbed = apply_edits(text, format_document(before, text, tabs));
        AnalysisResult tabbed_result = analyze_text(file.kind, tabbed);
        CHECK(rule_counts(before) == rule_counts(tabbed_result));
        CHECK(format_document(tabbed_result, tabbed, tabs).empty());
    }
    WARN("formatting changed " << changed << " of " << files.size() << " corpus files");
}

TEST_CASE("corpus: symbols, folds, tokens and selection ranges are well formed") {
    auto files = corpus_files();
    if (files.empty()) {
        WARN("corpus test skipped: ../shared not found");
        return;
    }
    for (const auto& file : files) {
        std::string text = read_file(file.path);
        INFO(file.path.string());
        AnalysisResult result = analyze_text(file.kind, text);
        const TextRange whole{0, static_cast<Offset>(text.size())};

        std::size_t symbol_failures = 0;
        check_symbols(document_symbols(result, text), whole, symbol_failures);
        CHECK(symbol_failures == 0);

        for (const auto& fold : folding_ranges(result, text)) {
            CHECK(fold.range.end <= text.size());
            CHECK(text.substr(fold.range.begin, fold.range.length()).find('\n') != std::string::npos);
        }

        auto tokens = semantic_tokens(result, text);
        Offset at = 0;
        for (const auto& token : tokens) {
            REQUIRE(token.range.begin >= at);
            REQUIRE(!token.range.empty());
            REQUIRE(token.range.end <= text.size());
            CHECK(text.substr(token.range.begin, token.range.length()).find_first_of("\r\n") == std::string::npos);
            at = token.range.end;
        }
        LineIndex index(text);
        auto data = encode_semantic_tokens(tokens, index, PositionEncoding::Utf16);
        CHECK(data.size() % 5 == 0);

        for (Offset offset = 0; offset < text.size(); offset += 97) {
            auto chain = selection_chain(result, text, offset);
            REQUIRE(!chain.empty());
            CHECK(chain.back() == whole);
            for (std::size_t i = 0; i < chain.size(); ++i) {
                CHECK(chain[i].touches(offset));
                if (i > 0) CHECK((chain[i].begin <= chain[i - 1].begin && chain[i].end >= chain[i - 1].end &&
                                  chain[i] != chain[i - 1]));
            }
        }
    }
}
