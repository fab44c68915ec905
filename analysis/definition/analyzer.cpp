// The definition analyzer: the tree spliced from the last one (only the edited blocks parsed),
// then facts, the per-stage rules for the stages the edit touched and the whole-file rules.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/text_diff.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"
#include "analysis/definition/splice.hpp"

#include <iterator>

namespace cdls::definition {

// The last call's tree (it holds its text) and what the per-stage rules found in each of its
// stages. The next call diffs the texts and splices the tree (splice.hpp), and the per-stage
// findings with it: kept before the change, found again for the stages the walk produced,
// moved by the size difference after. When the last result is no longer held elsewhere (the
// server drops it before asking for the next one) the tree is edited in place: the blocks the
// edit did not touch are neither copied nor compared, only moved.
struct Analyzer::Cache {
    std::shared_ptr<DefinitionFile> tree;
    std::vector<Diagnostics> stage_diagnostics; // one list per stage of `tree`
    SuggestionMemo suggestions;
    std::size_t parsed_blocks = 0;
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::last_parsed_blocks() const {
    return cache_ ? cache_->parsed_blocks : 0;
}

namespace {

std::size_t block_count(const DefinitionFile& file) {
    std::size_t blocks = 0;
    for (const Stage& stage : file.stages)
        blocks += 1 + stage.sections.size();
    return blocks;
}

void shift(Diagnostic& d, std::ptrdiff_t delta) {
    shift_range(d.range, delta);
    for (Fix& fix : d.fixes)
        for (TextEdit& edit : fix.edits)
            shift_range(edit.range, delta);
}

// Brings the per-stage findings in line with the spliced tree: the stages the splice replaced
// are checked again, one stage at a time; those after them move by the size difference.
void splice_stage_diagnostics(std::vector<Diagnostics>& lists, const CheckContext& context,
                              const SpliceResult& splice) {
    const std::size_t replaced_end = splice.first_stage + splice.old_stages;
    if (splice.delta != 0)
        for (std::size_t s = replaced_end; s < lists.size(); ++s)
            for (Diagnostic& d : lists[s])
                shift(d, splice.delta);
    std::vector<Diagnostics> fresh(splice.new_stages);
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        CheckContext one{context.file, context.facts, context.suggestions, splice.first_stage + k,
                         1};
        run_stage_checks(one, fresh[k]);
    }
    auto first = lists.begin() + static_cast<std::ptrdiff_t>(splice.first_stage);
    if (fresh.size() == splice.old_stages) {
        std::move(fresh.begin(), fresh.end(), first);
        return;
    }
    lists.erase(first, lists.begin() + static_cast<std::ptrdiff_t>(replaced_end));
    lists.insert(lists.begin() + static_cast<std::ptrdiff_t>(splice.first_stage),
                 std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
}

} // namespace

Result Analyzer::analyze(std::string_view text) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    SpliceResult splice;
    if (cache.tree) {
        TextChange change = diff_texts(cache.tree->text, text);
        if (!change.identical() && cache.tree.use_count() > 1)
            cache.tree = std::make_shared<DefinitionFile>(*cache.tree);
        splice = splice_definition(*cache.tree, text, change);
    } else {
        cache.tree = std::make_shared<DefinitionFile>(parse_definition(text));
        cache.stage_diagnostics.clear();
        splice.parsed_blocks = block_count(*cache.tree);
        splice.new_stages = cache.tree->stages.size();
    }
    cache.parsed_blocks = splice.parsed_blocks;
    const DefinitionFile& file = *cache.tree;

    Result result;
    result.facts = build_facts(file);
    CheckContext context{file, result.facts, &cache.suggestions};
    splice_stage_diagnostics(cache.stage_diagnostics, context, splice);
    for (const Diagnostics& list : cache.stage_diagnostics)
        result.diagnostics.insert(result.diagnostics.end(), list.begin(), list.end());
    run_file_checks(context, result.diagnostics);
    cache.suggestions.finish();
    sort_diagnostics(result.diagnostics);
    result.syntax = cache.tree;
    return result;
}

Result analyze_definition(std::string_view text) {
    return Analyzer().analyze(text);
}

} // namespace cdls::definition
