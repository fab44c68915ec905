// The definition analyzer: memoised block parsing, then facts and the cheap whole-file checks.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/text_hash.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"

#include <string>
#include <unordered_map>

namespace cdls::definition {

// Block results keyed by block text, relative to the block start. Only the blocks of the last
// analysed text are kept, so the memo never outgrows the document. Looked up by a view of the
// block: a block's text is copied only when it is new.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return text_hash(text); }
};
template <class T>
using BlockMemo = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

struct Analyzer::Cache {
    BlockMemo<Header> headers;
    BlockMemo<Section> sections;
    std::size_t parsed_blocks = 0;
};

namespace {

// The result for `block` from this call's memo, else moved over from the last call's, else
// parsed; returned as a copy (assemble moves it to its place in the file).
template <class T, class Parse>
T remembered(BlockMemo<T>& now, BlockMemo<T>& before, std::string_view block, std::size_t& parsed, Parse parse) {
    if (auto it = now.find(block); it != now.end()) return it->second;
    if (auto old = before.find(block); old != before.end()) return now.insert(before.extract(old)).position->second;
    ++parsed;
    return now.emplace(std::string(block), parse(block)).first->second;
}

} // namespace

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::last_parsed_blocks() const { return cache_ ? cache_->parsed_blocks : 0; }

Result Analyzer::analyze(std::string_view text) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    cache.parsed_blocks = 0;
    BlockMemo<Header> headers;
    BlockMemo<Section> sections;
    BlockSource memo{[&](std::string_view block) {
                         return remembered(headers, cache.headers, block, cache.parsed_blocks, parse_header_block);
                     },
                     [&](std::string_view block) {
                         return remembered(sections, cache.sections, block, cache.parsed_blocks, parse_section_block);
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
