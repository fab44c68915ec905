// The definition analyzer: memoised block parsing, then facts and the cheap whole-file checks.
#include "analysis/definition/analyzer.hpp"

#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"

#include <string>
#include <unordered_map>

namespace cdls::definition {

// Block results keyed by block text, relative to the block start. Only the blocks of the last
// analysed text are kept, so the memo never outgrows the document.
struct Analyzer::Cache {
    std::unordered_map<std::string, Header> headers;
    std::unordered_map<std::string, Section> sections;
    std::size_t parsed_blocks = 0;
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::last_parsed_blocks() const { return cache_ ? cache_->parsed_blocks : 0; }

Result Analyzer::analyze(std::string_view text) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    cache.parsed_blocks = 0;
    std::unordered_map<std::string, Header> headers;
    std::unordered_map<std::string, Section> sections;
    BlockSource memo{
        [&](std::string_view block) {
            std::string key(block);
            if (auto it = headers.find(key); it != headers.end()) return it->second;
            auto old = cache.headers.find(key);
            Header header = old != cache.headers.end() ? old->second : parse_header_block(block);
            if (old == cache.headers.end()) ++cache.parsed_blocks;
            headers.emplace(std::move(key), header);
            return header;
        },
        [&](std::string_view block) {
            std::string key(block);
            if (auto it = sections.find(key); it != sections.end()) return it->second;
            auto old = cache.sections.find(key);
            Section section = old != cache.sections.end() ? old->second : parse_section_block(block);
            if (old == cache.sections.end()) ++cache.parsed_blocks;
            sections.emplace(std::move(key), section);
            return section;
        }};
    auto file = std::make_shared<DefinitionFile>(assemble(text, memo));
    cache.headers = std::move(headers);
    cache.sections = std::move(sections);

    Result result;
    result.facts = build_facts(*file);
    CheckContext context{*file, result.facts};
    run_definition_checks(context, result.diagnostics);
    sort_diagnostics(result.diagnostics);
    result.syntax = std::move(file);
    return result;
}

Result analyze_definition(std::string_view text) { return Analyzer().analyze(text); }

} // namespace cdls::definition
