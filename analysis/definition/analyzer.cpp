// The definition analyzer: the tree spliced from the last one (only the edited blocks parsed),
// then facts, the per-stage rules for the stages the edit touched and the whole-file rules.
#include "analysis/definition/analyzer.hpp"

#include "analysis/core/splice.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/definition/checks.hpp"
#include "analysis/definition/facts_builder.hpp"
#include "analysis/definition/parser.hpp"
#include "analysis/definition/splice.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
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
    // What the whole-file rules and the image rules read of each stage of `tree` (stage_shape):
    // when the stages a splice replaced read the same, their findings are the last ones.
    std::vector<std::string> stage_shapes;
    bool report_pieces = true;
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::report_pieces(bool on) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    cache_->report_pieces = on;
    if (!on) cache_->stage_shapes.clear();
}

std::size_t Analyzer::last_parsed_blocks() const {
    return cache_ ? cache_->parsed_blocks : 0;
}

namespace {

// What the whole-file rules (stages, Bootstrap, %files from, %help, %test) and the image rules
// read of a stage: its header's text, its section header lines and its %arguments (the
// values of `{{ var }}` in `From:`), apart from its place.
std::string stage_shape(const Stage& stage, std::string_view text) {
    std::string shape;
    shape += stage.starts_at_bootstrap ? 'B' : '-';
    shape += stage.has_content() ? 'C' : '-';
    shape.append(slice(text, stage.header.range));
    for (const Section& section : stage.sections) {
        shape += '\0';
        shape.append(slice(text, section.kind == SectionKind::Arguments ? section.range : section.header_line));
    }
    return shape;
}

std::size_t block_count(const DefinitionFile& file) {
    std::size_t blocks = 0;
    for (const Stage& stage : file.stages)
        blocks += 1 + stage.sections.size();
    return blocks;
}

// Brings the per-stage findings in line with the spliced tree: the stages the splice replaced
// are checked again, one stage at a time; those after them move by the size difference.
// `found`, when given, gets a copy of the replaced stages' findings.
void splice_stage_diagnostics(std::vector<Diagnostics>& lists, const CheckContext& context,
                              const SpliceResult& splice, Diagnostics* found = nullptr) {
    std::vector<Diagnostics> fresh(splice.new_stages);
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        CheckContext one{context.source, context.file, context.facts, context.suggestions, splice.first_stage + k,
                         1};
        run_stage_checks(one, fresh[k]);
        if (found) found->insert(found->end(), fresh[k].begin(), fresh[k].end());
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

namespace {

// The whole-file rules' findings, marked as theirs.
void file_diagnostics(const CheckContext& context, Diagnostics& out) {
    const std::size_t from = out.size();
    run_file_checks(context, out);
    set_origin(out, from, Origin::KindDocument);
}

} // namespace

void Analyzer::all_diagnostics(std::string_view text, const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    if (!cache_ || !cache_->tree) return;
    Cache& cache = *cache_;
    for (const Diagnostics& list : cache.stage_diagnostics) out.insert(out.end(), list.begin(), list.end());
    file_diagnostics(CheckContext{text, *cache.tree, facts, &cache.suggestions}, out);
    sort_diagnostics(out);
}

Result Analyzer::analyze(std::string_view text, ContainerFacts&& previous, const TextChange* edits, bool assemble) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    SpliceResult splice;
    const bool spliced = cache.tree != nullptr;
    if (spliced) {
        // The caller's edits (EditedSpan: the union of the edits since) say what may differ; the
        // tree keeps no copy of the old text to compare with, so without them it is parsed anew.
        if (!edits || !fits(*edits, cache.tree->text_size, text.size())) {
            cache.tree.reset();
            return analyze(text, std::move(previous), nullptr, assemble);
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
    PieceChange& pieces = result.pieces;
    if (reuse) {
        ContainerFacts fresh;
        auto shares = add_stages_facts<StageFacts>(file, text, splice.first_stage, splice.new_stages, fresh);
        auto span = [&](auto count, const auto& list) {
            auto [at, size] = span_of(cache.stage_facts, splice.first_stage, splice.old_stages, count);
            return PieceChange::Span{at, size, list.size()};
        };
        pieces.bodies = span([](const StageFacts& f) { return f.bodies; }, fresh.shell_bodies);
        pieces.copies = span([](const StageFacts& f) { return f.copies; }, fresh.copies);
        pieces.assignments = span([](const StageFacts& f) { return f.assignments; }, fresh.assignments);
        pieces.labels = span([](const StageFacts& f) { return f.labels; }, fresh.labels);
        splice_facts(previous, cache.stage_facts, splice, std::move(fresh));
        replace_range(cache.stage_facts, splice.first_stage, splice.first_stage + splice.old_stages, std::move(shares));
        result.facts = std::move(previous);
    } else {
        reserve_facts(file, result.facts);
        cache.stage_facts = add_stages_facts<StageFacts>(file, text, 0, file.stages.size(), result.facts);
    }
    const bool grouped = place_file_facts(file, result.facts);
    result.facts.revision = cache.revision = grouped ? ++cache.last_revision : 0;
    // The stages' shapes: those of the replaced stages compared (are the whole-file and image
    // rules' findings the last ones?), all of them after a fresh parse.
    if (!cache.report_pieces) {
        // Nothing to compare with, nothing kept.
    } else if (spliced && cache.stage_shapes.size() + splice.new_stages == file.stages.size() + splice.old_stages) {
        std::vector<std::string> shapes;
        shapes.reserve(splice.new_stages);
        for (std::size_t k = 0; k < splice.new_stages; ++k)
            shapes.push_back(stage_shape(file.stages[splice.first_stage + k], text));
        const bool same = splice.new_stages == splice.old_stages &&
                          std::equal(shapes.begin(), shapes.end(),
                                     cache.stage_shapes.begin() + static_cast<std::ptrdiff_t>(splice.first_stage));
        replace_range(cache.stage_shapes, splice.first_stage, splice.first_stage + splice.old_stages, std::move(shapes));
        if (reuse) {
            // The replaced stages lie between the kept ones: from the end of the one before to
            // the start of the one after (or the end of the text), moved by the size difference.
            const std::size_t after = splice.first_stage + splice.new_stages;
            pieces.valid = true;
            pieces.begin = splice.first_stage > 0 ? file.stages[splice.first_stage - 1].range.end : 0;
            const Offset new_end = after < file.stages.size() ? file.stages[after].range.begin
                                                               : static_cast<Offset>(text.size()) + 1;
            pieces.delta = splice.delta;
            pieces.old_end = static_cast<Offset>(static_cast<std::ptrdiff_t>(new_end) - splice.delta);
            pieces.document_same = pieces.images_same = same;
        }
    } else {
        cache.stage_shapes.clear();
        cache.stage_shapes.reserve(file.stages.size());
        for (const Stage& stage : file.stages) cache.stage_shapes.push_back(stage_shape(stage, text));
    }
    if (!pieces.valid) assemble = true; // the caller cannot patch: the whole list
    CheckContext context{text, file, result.facts, &cache.suggestions};
    splice_stage_diagnostics(cache.stage_diagnostics, context, splice, assemble ? nullptr : &pieces.fresh);
    if (assemble) {
        pieces = {};
        all_diagnostics(text, result.facts, result.diagnostics);
    } else if (!pieces.document_same) {
        file_diagnostics(context, result.diagnostics);
    }
    cache.suggestions.finish();
    result.syntax = cache.tree;
    return result;
}

Result analyze_definition(std::string_view text) {
    Analyzer analyzer;
    analyzer.report_pieces(false);
    return analyzer.analyze(text);
}

} // namespace cdls::definition
