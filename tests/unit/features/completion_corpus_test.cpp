// Robustness over the third-party corpus: completion and hover at many positions of every file
// never fail, and every edit stays on the cursor's line around the cursor.
#include "analysis/core/line_index.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/features/completion.hpp"
#include "analysis/features/hover.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cdls;
namespace fs = std::filesystem;

namespace {

using cdls::test::read_file;

// Line starts, line ends and the offsets just after a trigger character: where editors ask.
std::vector<Offset> probe_offsets(std::string_view text) {
    std::vector<Offset> out;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        bool line_start = i == 0 || text[i - 1] == '\n';
        bool line_end = i == text.size() || text[i] == '\n';
        bool after_trigger =
            i > 0 && std::string_view("%:= ${-/").find(text[i - 1]) != std::string_view::npos;
        if (line_start || line_end || after_trigger) out.push_back(static_cast<Offset>(i));
    }
    return out;
}

} // namespace

TEST_CASE("corpus: completion and hover stay on the cursor's line", "[completion][corpus]") {
    fs::path root = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(root)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::size_t files = 0, probes = 0, with_items = 0, hovers = 0;
    for (const auto& [folder, kind] : std::vector<std::pair<std::string, DocumentKind>>{
             {"def", DocumentKind::Definition},
             {"def-from-docs", DocumentKind::Definition},
             {"def-invalid", DocumentKind::Definition},
             {"dockerfile", DocumentKind::Dockerfile},
             {"dockerfile-invalid", DocumentKind::Dockerfile}}) {
        if (!fs::exists(root / folder)) continue;
        for (const auto& entry : fs::directory_iterator(root / folder)) {
            if (!entry.is_regular_file()) continue;
            std::string text = read_file(entry.path());
            AnalysisResult analysis = analyze_text(kind, text);
            LineIndex index(text);
            ++files;
            auto offsets = probe_offsets(text);
            // Large files: every 7th probe keeps the test fast while covering every kind of line.
            std::size_t step = offsets.size() > 3000 ? 7 : 1;
            for (std::size_t i = 0; i < offsets.size(); i += step) {
                Offset offset = offsets[i];
                if (offset > 0 && text[offset - 1] == '\r')
                    continue; // no editor position lies inside "\r\n"
                ++probes;
                auto items = features::complete(analysis, text, offset);
                if (!items.empty()) ++with_items;
                auto line = index.line_of(offset);
                for (const auto& item : items) {
                    INFO(entry.path().string() << " offset " << offset << " item " << item.label);
                    REQUIRE(item.edit.range.begin <= offset);
                    REQUIRE(item.edit.range.end >= offset);
                    REQUIRE(item.edit.range.begin >= index.line_start(line));
                    REQUIRE(item.edit.range.end <= index.line_end(line));
                    REQUIRE_FALSE(item.label.empty());
                }
                if (auto found = features::hover(analysis, text, offset)) {
                    ++hovers;
                    INFO(entry.path().string() << " hover at " << offset);
                    REQUIRE_FALSE(found->markdown.empty());
                    REQUIRE(found->range.end <= text.size());
                    REQUIRE(found->range.begin <= found->range.end);
                }
            }
        }
    }
    CHECK(files > 100);
    CHECK(with_items > 0);
    CHECK(hovers > 0);
    if (std::getenv("CDLS_SWEEP"))
        WARN(files << " files, " << probes << " positions, " << with_items << " with items, "
                   << hovers << " hovers");
}
