// The definition analyzer: the tree spliced from the last one (only the edited blocks parsed),
// then facts and the cheap whole-file checks.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/text_diff.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"
#include "analysis/definition/splice.hpp"

namespace cdls::definition {

// The last call's tree (it holds its text). The next call diffs the texts and splices the tree
// (splice.hpp). When the last result is no longer held elsewhere (the server drops it before
// asking for the next one) the tree is edited in place: the blocks the edit did not touch are
// neither copied nor compared, only moved by the size difference.
struct Analyzer::Cache {
    std::shared_ptr<DefinitionFile> tree;
    SuggestionMemo suggestions;
    std::size_t parsed_blocks = 0;
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::last_parsed_blocks() const { return cache_ ? cache_->parsed_blocks : 0; }

namespace {

std::size_t block_count(const DefinitionFile& file) {
    std::size_t blocks = 0;
    for (const Stage& stage : file.stages) blocks += 1 + stage.sections.size();
    return blocks;
}

} // namespace

Result Analyzer::analyze(std::string_view text) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    if (cache.tree) {
        TextChange change = diff_texts(cache.tree->text, text);
        if (!change.identical() && cache.tree.use_count() > 1)
            cache.tree = std::make_shared<DefinitionFile>(*cache.tree);
        cache.parsed_blocks = splice_definition(*cache.tree, text, change);
    } else {
        cache.tree = std::make_shared<DefinitionFile>(parse_definition(text));
        cache.parsed_blocks = block_count(*cache.tree);
    }
    const DefinitionFile& file = *cache.tree;

    Result result;
    result.facts = build_facts(file);
    CheckContext context{file, result.facts, &cache.suggestions};
    run_definition_checks(context, result.diagnostics);
    cache.suggestions.finish();
    sort_diagnostics(result.diagnostics);
    result.syntax = cache.tree;
    return result;
}

Result analyze_definition(std::string_view text) { return Analyzer().analyze(text); }

} // namespace cdls::definition
