// The image rules over the third-party corpus: no crash, ranges inside the reference, and every
// preferred fix clears its finding. Base images are found with a small line scanner (Bootstrap/
// From headers, FROM instructions), not the full parsers, so the test stands on its own.
#include "analysis/catalogue/image_rules.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace cdls;

namespace {

using cdls::test::read_file;

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The word starting at `begin` (up to whitespace or '#'), as a range.
TextRange word_at(std::string_view text, std::size_t begin, std::size_t end) {
    while (begin < end && is_space(text[begin])) ++begin;
    std::size_t stop = begin;
    while (stop < end && !is_space(text[stop]) && text[stop] != '#') ++stop;
    return {static_cast<Offset>(begin), static_cast<Offset>(stop)};
}

ImageReferenceFact make_fact(std::string_view text, TextRange range, std::string agent) {
    ImageReferenceFact fact;
    fact.text = std::string(slice(text, range));
    fact.range = range;
    fact.agent = std::move(agent);
    fact.has_variables = fact.text.find('$') != std::string::npos || fact.text.find("{{") != std::string::npos;
    return fact;
}

ContainerFacts definition_facts(std::string_view text) {
    ContainerFacts facts;
    std::string agent;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = text.size();
        std::string_view line = text.substr(line_start, line_end - line_start);
        std::size_t indent = 0;
        while (indent < line.size() && is_space(line[indent])) ++indent;
        std::string lower = lowercase(line.substr(indent));
        if (lower.rfind("%", 0) == 0) agent.clear(); // sections end the header
        if (lower.rfind("bootstrap:", 0) == 0) {
            agent = std::string(slice(text, word_at(text, line_start + indent + 10, line_end)));
        } else if (lower.rfind("from:", 0) == 0 && !agent.empty()) {
            TextRange range = word_at(text, line_start + indent + 5, line_end);
            if (!range.empty()) facts.images.push_back(make_fact(text, range, agent));
        }
        line_start = line_end + 1;
    }
    return facts;
}

ContainerFacts dockerfile_facts(std::string_view text) {
    ContainerFacts facts;
    facts.kind = DocumentKind::Dockerfile;
    std::set<std::string> stages;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = text.size();
        std::size_t indent = line_start;
        while (indent < line_end && is_space(text[indent])) ++indent;
        if (lowercase(text.substr(indent, 5)) == "from ") {
            std::size_t at = indent + 5;
            TextRange range = word_at(text, at, line_end);
            while (!range.empty() && slice(text, range).rfind("--", 0) == 0) range = word_at(text, range.end, line_end);
            if (!range.empty()) {
                auto fact = make_fact(text, range, "FROM");
                fact.names_stage = stages.count(lowercase(fact.text)) > 0;
                TextRange as = word_at(text, range.end, line_end);
                if (lowercase(slice(text, as)) == "as") stages.insert(lowercase(slice(text, word_at(text, as.end, line_end))));
                facts.images.push_back(fact);
            }
        }
        line_start = line_end + 1;
    }
    return facts;
}

} // namespace

TEST_CASE("image rules over the corpus", "[catalogue][rules][corpus]") {
    const auto corpus = std::filesystem::path(CDLS_SHARED_DIR) / "corpus";
    if (!std::filesystem::exists(corpus)) {
        WARN("skipped: ../shared not found");
        return;
    }
    std::map<std::string, std::size_t> counts;
    std::map<std::string, std::map<std::string, std::size_t>> samples; // rule → reference → count
    std::size_t files = 0;
    std::size_t references = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        if (!entry.is_regular_file()) continue;
        std::string folder = entry.path().parent_path().filename().string();
        bool is_definition = folder.rfind("def", 0) == 0;
        bool is_dockerfile = folder.rfind("dockerfile", 0) == 0;
        if (!is_definition && !is_dockerfile) continue;
        ++files;
        std::string text = read_file(entry.path());
        ContainerFacts facts = is_definition ? definition_facts(text) : dockerfile_facts(text);
        references += facts.images.size();
        std::vector<Diagnostic> found;
        catalogue::check_image_rules(facts, found);
        for (const auto& d : found) {
            INFO(entry.path().string() << ": " << d.message);
            ++counts[std::string(d.rule)];
            // Findings lie within a base-image reference.
            bool inside = std::any_of(facts.images.begin(), facts.images.end(), [&](const ImageReferenceFact& f) {
                return d.range.begin >= f.range.begin && d.range.end <= f.range.end;
            });
            CHECK(inside);
            auto owner = std::find_if(facts.images.begin(), facts.images.end(), [&](const ImageReferenceFact& f) {
                return d.range.begin >= f.range.begin && d.range.end <= f.range.end;
            });
            if (owner != facts.images.end()) ++samples[std::string(d.rule)][owner->text];
            if (d.rule == "image-latest-tag") CHECK(slice(text, d.range) == "latest");
            for (const auto& fix : d.fixes) {
                REQUIRE(fix.edits.size() == 1);
                CHECK(fix.edits[0].range.end <= text.size());
            }
            auto preferred = std::find_if(d.fixes.begin(), d.fixes.end(), [](const Fix& f) { return f.preferred; });
            if (preferred == d.fixes.end()) continue;
            std::string edited = apply_edit(text, preferred->edits[0]);
            ContainerFacts refacts = is_definition ? definition_facts(edited) : dockerfile_facts(edited);
            std::vector<Diagnostic> after;
            catalogue::check_image_rules(refacts, after);
            CHECK(after.size() < found.size());
        }
    }
    CHECK(files > 1000);
    CHECK(references > 1000);
    std::cout << "image rules over " << files << " corpus files, " << references << " base-image references:\n";
    for (const auto& [rule, count] : counts) {
        std::cout << "  " << rule << ": " << count << " (" << samples[rule].size() << " distinct)\n";
        if (std::getenv("CDLS_SWEEP_SAMPLES"))
            for (const auto& [reference, times] : samples[rule]) std::cout << "      " << times << "  " << reference << "\n";
    }
}
