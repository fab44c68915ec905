// The definition analyzer: memoised block parsing, then facts and the cheap whole-file checks.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/call_memo.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"

#include <string>

namespace cdls::definition {

// Block results keyed by block text, relative to the block start (looked up by a view of the
// block: a block's text is copied only when it is new).
struct Analyzer::Cache {
    CallMemo<Header> headers;
    CallMemo<Section> sections;
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
    // Returned as copies: assemble moves each to its place in the file.
    auto remembered = [&](auto& memo, std::string_view block, auto parse) {
        return memo.get(block, [&] { return std::string(block); }, [&] {
            ++cache.parsed_blocks;
            return parse(block);
        });
    };
    BlockSource memo{[&](std::string_view block) -> Header { return remembered(cache.headers, block, parse_header_block); },
                     [&](std::string_view block) -> Section {
                         return remembered(cache.sections, block, parse_section_block);
                     }};
    auto file = std::make_shared<DefinitionFile>(assemble(text, memo));
    cache.headers.finish();
    cache.sections.finish();

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
