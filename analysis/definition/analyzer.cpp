// The definition analyzer: the tree spliced from the last one (only the edited blocks parsed),
// then facts, the per-stage rules for the stages the edit touched and the whole-file rules.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/splice.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"
#include "analysis/definition/splice.hpp"

#include <cstdint>
#include <iterator>
#include <utility>

namespace cdls::definition {

// The last call's tree (it holds its text) and what the per-stage rules found in each of its
// stages. The next call is told what changed (or diffs the texts when it is not) and splices
// the tree (splice.hpp), and the per-stage findings with it: kept before the change, found
// again for the stages the walk produced, moved by the size difference after. When the last result is no longer held elsewhere (the
// server drops it before asking for the next one) the tree is edited in place: the blocks the
// edit did not touch are neither copied nor compared, only moved.
//
// The facts are kept the same way when the caller hands the last result's back: each stage's
// share of every list is known (StageFacts), so the lists are spliced like the stages.
struct Analyzer::Cache {
    std::shared_ptr<DefinitionFile> tree;
    std::vector<Diagnostics> stage_diagnostics; // one list per stage of `tree`
    SuggestionMemo suggestions;
    std::size_t parsed_blocks = 0;
    struct StageFacts {
        std::uint32_t images = 0, bodies = 0, copies = 0, assignments = 0, labels = 0, comments = 0;
    };
    std::vector<StageFacts> stage_facts; // one per stage of `tree`, when `revision` != 0
    std::uint64_t revision = 0;          // of the last result's facts; 0: not grouped by stage
    std::uint64_t last_revision = 0;
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

// Brings the per-stage findings in line with the spliced tree: the stages the splice replaced
// are checked again, one stage at a time; those after them move by the size difference.
void splice_stage_diagnostics(std::vector<Diagnostics>& lists, const CheckContext& context,
                              const SpliceResult& splice) {
    std::vector<Diagnostics> fresh(splice.new_stages);
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        CheckContext one{context.source, context.file, context.facts, context.suggestions, splice.first_stage + k,
                         1};
        run_stage_checks(one, fresh[k]);
    }
    splice_moved(lists, splice.first_stage, splice.first_stage + splice.old_stages, std::move(fresh), splice.delta,
                 [](Diagnostics& list, std::ptrdiff_t delta) {
                     for (Diagnostic& d : list) shift_diagnostic(d, delta);
                 });
}

// The facts of stages [first, first + count), appended to `facts`, and each stage's share.
template <class StageFacts>
std::vector<StageFacts> add_stages_facts(const DefinitionFile& file, std::string_view text, std::size_t first,
                                         std::size_t count, ContainerFacts& facts) {
    std::vector<StageFacts> shares(count);
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t i = facts.images.size(), b = facts.shell_bodies.size(), c = facts.copies.size(),
                          a = facts.assignments.size(), l = facts.labels.size(), m = facts.comments.size();
        add_stage_facts(file.stages[first + k], text, facts);
        shares[k] = {static_cast<std::uint32_t>(facts.images.size() - i),
                     static_cast<std::uint32_t>(facts.shell_bodies.size() - b),
                     static_cast<std::uint32_t>(facts.copies.size() - c),
                     static_cast<std::uint32_t>(facts.assignments.size() - a),
                     static_cast<std::uint32_t>(facts.labels.size() - l),
                     static_cast<std::uint32_t>(facts.comments.size() - m)};
    }
    return shares;
}

// Edits `facts` (those of the tree before the splice, grouped by stage as `shares` says) into
// the facts of the spliced tree: the replaced stages' shares become `fresh`, the later ones move.
template <class StageFacts>
void splice_facts(ContainerFacts& facts, const std::vector<StageFacts>& shares, const SpliceResult& splice,
                  ContainerFacts&& fresh) {
    auto one = [&](auto& list, auto& middle, auto count) {
        auto [at, size] = span_of(shares, splice.first_stage, splice.old_stages, count);
        splice_moved(list, at, at + size, std::move(middle), splice.delta,
                     [](auto& fact, std::ptrdiff_t delta) { shift_fact(fact, delta); });
    };
    one(facts.images, fresh.images, [](const StageFacts& f) { return f.images; });
    one(facts.shell_bodies, fresh.shell_bodies, [](const StageFacts& f) { return f.bodies; });
    one(facts.copies, fresh.copies, [](const StageFacts& f) { return f.copies; });
    one(facts.assignments, fresh.assignments, [](const StageFacts& f) { return f.assignments; });
    one(facts.labels, fresh.labels, [](const StageFacts& f) { return f.labels; });
    one(facts.comments, fresh.comments, [](const StageFacts& f) { return f.comments; });
}

} // namespace

Result Analyzer::analyze(std::string_view text, ContainerFacts&& previous, const TextChange* edits) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    SpliceResult splice;
    const bool spliced = cache.tree != nullptr;
    if (spliced) {
        // The caller's edits (EditedSpan: the union of the edits since) say what may differ; the
        // tree keeps no copy of the old text to compare with, so without them it is parsed anew.
        if (!edits || !fits(*edits, cache.tree->text_size, text.size())) {
            cache.tree.reset();
            return analyze(text, std::move(previous), nullptr);
        }
        if (!edits->identical() && cache.tree.use_count() > 1)
            cache.tree = std::make_shared<DefinitionFile>(*cache.tree);
        splice = splice_definition(*cache.tree, text, *edits);
    } else {
        cache.tree = std::make_shared<DefinitionFile>(parse_definition(text));
        cache.stage_diagnostics.clear();
        splice.parsed_blocks = block_count(*cache.tree);
        splice.new_stages = cache.tree->stages.size();
    }
    cache.parsed_blocks = splice.parsed_blocks;
    const DefinitionFile& file = *cache.tree;

    Result result;
    using StageFacts = Cache::StageFacts;
    const bool reuse = spliced && cache.revision != 0 && previous.revision == cache.revision &&
                       cache.stage_facts.size() + splice.new_stages == file.stages.size() + splice.old_stages;
    if (reuse) {
        ContainerFacts fresh;
        auto shares = add_stages_facts<StageFacts>(file, text, splice.first_stage, splice.new_stages, fresh);
        splice_facts(previous, cache.stage_facts, splice, std::move(fresh));
        replace_range(cache.stage_facts, splice.first_stage, splice.first_stage + splice.old_stages, std::move(shares));
        result.facts = std::move(previous);
    } else {
        reserve_facts(file, result.facts);
        cache.stage_facts = add_stages_facts<StageFacts>(file, text, 0, file.stages.size(), result.facts);
    }
    const bool grouped = place_file_facts(file, result.facts);
    result.facts.revision = cache.revision = grouped ? ++cache.last_revision : 0;
    CheckContext context{text, file, result.facts, &cache.suggestions};
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
