// Robustness over the shared corpus: fix-all and rename of every symbol never add an error, and
// every navigation range lies inside the text and spells the symbol's name.
#include "analysis/features/code_actions.hpp"
#include "analysis/features/navigation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cdls;
using namespace cdls::features;
namespace fs = std::filesystem;

namespace {

std::size_t errors(const AnalysisResult& r) {
    return static_cast<std::size_t>(
        std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

TEST_CASE("corpus: fix all and rename keep every file free of new errors") {
    fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::size_t files = 0, fixes = 0, symbols = 0;
    for (auto [dir, kind] : {std::pair{"def", DocumentKind::Definition},
                             std::pair{"dockerfile", DocumentKind::Dockerfile}}) {
        std::vector<fs::path> paths;
        for (const auto& entry : fs::directory_iterator(corpus / dir))
            paths.push_back(entry.path());
        std::sort(paths.begin(), paths.end());
        for (const fs::path& path : paths) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            const std::string text = buffer.str();
            INFO(path.string());
            AnalysisResult r = analyze_text(kind, text);
            ++files;

            FixAllEdits all = fix_all_edits(r.diagnostics);
            if (all.fixes > 0) {
                fixes += all.fixes;
                AnalysisResult after = analyze_text(kind, apply_edits(text, all.edits));
                CHECK(errors(after) <= errors(r));
            }

            std::size_t renamed = 0;
            for (const Symbol& symbol : document_symbols_for_navigation(r, text)) {
                for (const SymbolOccurrence& o : symbol.occurrences) {
                    REQUIRE(o.range.end <= text.size());
                    CHECK(lower(slice(text, o.range)) == lower(symbol.name));
                }
                if (renamed++ >= 3 || symbol.occurrences.empty()) continue;
                ++symbols;
                RenameResult result =
                    rename_symbol(r, text, symbol.occurrences.front().range.begin, "renamed_x");
                INFO("renaming " << symbol.name);
                REQUIRE(result.error.empty());
                AnalysisResult after = analyze_text(kind, apply_edits(text, result.edits));
                CHECK(errors(after) <= errors(r));
            }
        }
    }
    CHECK(files > 1000);
    WARN("corpus: " << files << " files, " << fixes << " fix-all fixes, " << symbols
                    << " symbols renamed");
}
