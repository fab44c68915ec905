// The Dockerfile analyzer: parse (re-walking only the changed lines), check, collect facts.
#include "analysis/dockerfile/analyzer.hpp"

#include "analysis/core/splice.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/facts.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::dockerfile {

// The last call's tree, the size of the text it was parsed from and what the walk saw besides
// the tree. The next call is told what changed (the caller's edits; no copy of the old text is
// kept to compare with), keeps the instructions before the change, re-walks from there until the
// walk reaches a line the old walk also stood on past the change, and moves the rest by the size
// difference. When the last result is no longer held elsewhere (the server drops
// it before asking for the next one) the tree is edited in place: no copy of the untouched
// instructions is made.
//
// What the rules and facts drew from each instruction is kept the same way: the instruction
// rules' findings and the facts of the instructions the edit did not touch are moved with them,
// and only the re-walked instructions are checked and collected anew.
struct Analyzer::Cache {
    std::shared_ptr<Dockerfile> tree;
    std::size_t text_size = 0;
    WalkTrace trace;
    std::size_t reparsed = 0;
    // How many of each kept list's elements each top-level instruction gave, parallel to
    // tree->instructions (the lists hold them in instruction order).
    struct Contribution {
        std::uint32_t diagnostics = 0, bodies = 0, copies = 0, assignments = 0, labels = 0;
    };
    std::vector<Contribution> contributions;
    std::vector<Diagnostic> local; // the instruction rules' findings
    std::uint64_t revision = 0;    // of the facts of the last result
    std::size_t line_count = 0;    // of the last text, when the caller gave its line index
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::reparsed_instructions() const { return cache_ ? cache_->reparsed : 0; }

namespace {

// Index of the first element whose range begins at or after `offset`.
template <class V, class Begin>
std::size_t first_at_or_after(const V& items, Offset offset, Begin begin) {
    auto it = std::partition_point(items.begin(), items.end(), [&](const auto& x) { return begin(x) < offset; });
    return static_cast<std::size_t>(it - items.begin());
}

} // namespace

// How the last tree became the new one: top-level instructions [keep, keep + removed) of the
// old tree, the old text's [restart, resume_old), were replaced by [keep, keep + inserted) and
// everything after moved by `delta` bytes.
// `from_top`: the walk began at the top (directives included); `to_end`: it never caught up
// with the old walk, so everything from `restart` on is new; `stages_changed`: a FROM was
// removed or inserted (otherwise the stages only moved).
struct Splice {
    std::size_t keep = 0, removed = 0, inserted = 0;
    Offset restart = 0, resume_old = 0;
    std::ptrdiff_t delta = 0;
    bool from_top = false, to_end = false, stages_changed = false;
    // A removed or inserted instruction has flags or ONBUILD children (what unknown-stage reads).
    bool flags_touched = false;
};

struct Analyzer::Access {
    // The tree of `text` from the last call's, or nullptr when it has to be parsed whole.
    static std::shared_ptr<Dockerfile> reparse(Cache& cache, std::string_view text, const TextChange& change,
                                               Splice& splice);
    static Result analyze(Cache& cache, std::string_view text, const LineIndex* lines, ContainerFacts&& previous,
                          const TextChange* change, bool assemble);
    // Every finding of the cached tree, sorted (all_diagnostics()).
    static void all_diagnostics(const Cache& cache, std::string_view text, const LineIndex* lines,
                                std::vector<Diagnostic>& out);
};

std::shared_ptr<Dockerfile> Analyzer::Access::reparse(Cache& cache, std::string_view text, const TextChange& change,
                                                     Splice& done) {
    if (!cache.tree || !cache.tree->encoding_error.empty() || is_utf16_or_32(text)) return nullptr;
    if (!fits(change, cache.text_size, text.size())) return nullptr;
    if (change.identical()) {
        cache.reparsed = 0;
        done = Splice{};
        return cache.tree;
    }
    const Dockerfile& old = *cache.tree;
    const std::ptrdiff_t delta = change.delta();
    const Offset prefix = static_cast<Offset>(change.prefix);
    const auto old_size = static_cast<Offset>(change.old_size);
    const auto old_changed_end = static_cast<Offset>(change.old_changed_end());
    auto ins_begin = [](const Instruction& i) { return i.range.begin; };
    auto range_begin = [](const TextRange& r) { return r.begin; };
    // The old text is gone: its bytes before the change are the new text's, those after it the
    // new text's `delta` further on, and those in between unknown (nullopt).
    auto old_byte = [&](Offset at) -> std::optional<char> {
        if (at < prefix) return text[at];
        if (at >= old_changed_end && at < old_size) return text[static_cast<std::size_t>(at + delta)];
        return std::nullopt;
    };
    // Where the old line holding `at` ended (the next line's start), unless unknown bytes lie in
    // the way.
    auto old_next_line = [&](Offset at) -> std::optional<Offset> {
        if (at >= old_changed_end) {
            std::size_t nl = text.find('\n', static_cast<std::size_t>(at + delta));
            if (nl == std::string_view::npos) return old_size;
            return static_cast<Offset>(static_cast<std::ptrdiff_t>(nl) + 1 - delta);
        }
        std::size_t nl = text.substr(0, prefix).find('\n', at);
        if (nl == std::string_view::npos) return std::nullopt;
        return static_cast<Offset>(nl + 1);
    };
    // block_end() of an old instruction: the line of its range's end ends the block.
    auto old_block_end = [&](const Instruction& i) { return old_next_line(std::max(i.range.begin, i.range.end)); };

    // Old instructions kept as they are: their lines, final newline included, lie before the
    // change, and the old walk ended them before the end of the text (one that runs to the end
    // may be an open continuation or heredoc the new text goes on with). A change in the byte
    // order mark, among the directives or on the line after them re-walks from the top (both
    // texts are known not to be UTF-16/32).
    std::size_t keep = 0;
    Offset restart = 0;
    // The line after the directives must end before the change (where both texts agree).
    bool from_top = prefix < 3 || cache.trace.header_end >= prefix ||
                    text.substr(0, prefix).find('\n', cache.trace.header_end) == std::string_view::npos;
    if (!from_top) {
        keep = first_at_or_after(old.instructions, prefix, ins_begin);
        while (keep > 0) {
            std::optional<Offset> end = old_block_end(old.instructions[keep - 1]);
            if (end && *end <= prefix && *end < old_size) { // ends in a line break before the change
                restart = *end;
                break;
            }
            --keep;
        }
        if (keep == 0) from_top = true;
    }

    Dockerfile middle;
    WalkTrace trace;
    Offset resume_old = 0; // where the old walk stood when the new one caught up (old offsets)
    bool resynced = false;
    auto caught_up = [&](Offset pos) {
        if (pos < change.new_changed_end() || middle.escape != old.escape) return false;
        auto at = static_cast<std::ptrdiff_t>(pos) - delta;
        if (at < static_cast<std::ptrdiff_t>(cache.trace.header_end)) return false;
        auto old_pos = static_cast<Offset>(at);
        if (old_pos != cache.trace.header_end && old_byte(old_pos - 1) != '\n') return false;
        std::size_t k = first_at_or_after(old.instructions, old_pos, ins_begin);
        if (k > 0) {
            std::optional<Offset> end = old_block_end(old.instructions[k - 1]);
            if (!end || *end > old_pos) return false;
        }
        const auto& skipped = cache.trace.skipped;
        std::size_t s = first_at_or_after(skipped, old_pos, range_begin);
        if (s > 0 && skipped[s - 1].end > old_pos) return false;
        resume_old = old_pos;
        resynced = true;
        return true;
    };
    if (from_top) {
        if (text.substr(0, 3) == "\xEF\xBB\xBF") middle.content_begin = 3;
        walk_dockerfile(text, middle, middle.content_begin, false, trace, caught_up);
    } else {
        middle.escape = old.escape;
        trace.header_end = cache.trace.header_end;
        walk_dockerfile(text, middle, restart, true, trace, caught_up);
    }
    if (!resynced) resume_old = old_size + 1; // nothing after the walk is old

    // Edit the old tree in place when nobody else holds it; otherwise a copy.
    std::shared_ptr<Dockerfile> file =
        cache.tree.use_count() == 1 ? cache.tree : std::make_shared<Dockerfile>(*cache.tree);
    std::size_t tail = first_at_or_after(file->instructions, resume_old, ins_begin);
    auto is_from = [](const Instruction& i) { return i.keyword() == "FROM"; };
    bool stages_changed =
        from_top || std::any_of(file->instructions.begin() + static_cast<std::ptrdiff_t>(keep),
                                file->instructions.begin() + static_cast<std::ptrdiff_t>(tail), is_from) ||
        std::any_of(middle.instructions.begin(), middle.instructions.end(), is_from);
    auto has_flags = [](const Instruction& i) { return !i.flags.empty() || !i.onbuild().empty(); };
    bool flags_touched =
        std::any_of(file->instructions.begin() + static_cast<std::ptrdiff_t>(keep),
                    file->instructions.begin() + static_cast<std::ptrdiff_t>(tail), has_flags) ||
        std::any_of(middle.instructions.begin(), middle.instructions.end(), has_flags);
    done = Splice{keep, tail - keep, middle.instructions.size(), restart, resume_old, delta, from_top, !resynced,
                  stages_changed, flags_touched};
    splice_moved(file->instructions, keep, tail, std::move(middle.instructions), delta,
           [](Instruction& i, std::ptrdiff_t d) { shift_instruction(i, d); });
    std::size_t comments_kept = first_at_or_after(file->comments, restart, range_begin);
    std::size_t comments_tail = first_at_or_after(file->comments, resume_old, range_begin);
    splice_moved(file->comments, comments_kept, comments_tail, std::move(middle.comments), delta, shift_range);
    std::vector<TextRange> skipped = std::move(cache.trace.skipped);
    std::size_t skipped_kept = first_at_or_after(skipped, restart, range_begin);
    std::size_t skipped_tail = first_at_or_after(skipped, resume_old, range_begin);
    splice_moved(skipped, skipped_kept, skipped_tail, std::move(trace.skipped), delta, shift_range);
    trace.skipped = std::move(skipped);
    if (from_top) {
        file->content_begin = middle.content_begin;
        file->directives = std::move(middle.directives);
        file->escape = middle.escape;
    }
    if (stages_changed) {
        collect_stages(*file);
    } else {
        // The same stages (names included): those after the change moved.
        for (Stage& stage : file->stages) {
            if (stage.instruction < keep) continue;
            stage.instruction = stage.instruction + done.inserted - done.removed;
            shift_range(stage.image_range, delta);
            if (stage.name_range != TextRange{}) shift_range(stage.name_range, delta); // {} when unnamed
        }
    }
    cache.reparsed = trace.parsed;
    cache.trace = std::move(trace);
    return file;
}

Result Analyzer::analyze(std::string_view text, const LineIndex* lines, ContainerFacts&& previous,
                         const TextChange* change, bool assemble) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    return Access::analyze(*cache_, text, lines, std::move(previous), change, assemble);
}

namespace {

// The document rules' findings, marked as theirs.
void document_diagnostics(const CheckContext& context, std::vector<Diagnostic>& out) {
    const std::size_t from = out.size();
    run_document_checks(context, out);
    set_origin(out, from, Origin::KindDocument);
}

} // namespace

void Analyzer::all_diagnostics(std::string_view text, const LineIndex* lines, std::vector<Diagnostic>& out) const {
    if (cache_ && cache_->tree) Access::all_diagnostics(*cache_, text, lines, out);
}

void Analyzer::Access::all_diagnostics(const Cache& cache, std::string_view text, const LineIndex* lines,
                                       std::vector<Diagnostic>& out) {
    const CheckContext context{text, *cache.tree, lines};
    if (!cache.tree->encoding_error.empty()) {
        run_checks(context, out);
        return;
    }
    document_diagnostics(context, out);
    out.insert(out.end(), cache.local.begin(), cache.local.end());
    sort_diagnostics(out);
}

Result Analyzer::Access::analyze(Cache& cache, std::string_view text, const LineIndex* lines,
                                 ContainerFacts&& previous, const TextChange* change, bool assemble) {
    Splice splice_done;
    std::shared_ptr<Dockerfile> file = change ? reparse(cache, text, *change, splice_done) : nullptr;
    const bool incremental = file != nullptr;
    if (!file) {
        cache.tree.reset(); // the old tree is not needed while the new one is parsed
        file = std::make_shared<Dockerfile>(parse_dockerfile(text, &cache.trace));
        cache.reparsed = cache.trace.parsed;
    }
    cache.tree = file;
    cache.text_size = text.size();

    Result result;
    const CheckContext context{text, *file, lines};
    if (!file->encoding_error.empty()) {
        run_checks(context, result.diagnostics);
        result.facts = collect_facts(text, *file);
        cache.contributions.clear();
        cache.local.clear();
        cache.revision = 0;
        result.syntax = std::move(file);
        return result;
    }

    // The re-walked instructions: their rule findings and facts.
    const Splice& sp = splice_done;
    const std::size_t first = incremental ? sp.keep : 0;
    const std::size_t count = incremental ? sp.inserted : file->instructions.size();
    std::vector<Cache::Contribution> contributions(count);
    std::vector<Diagnostic> local;
    ContainerFacts fresh;
    for (std::size_t i = 0; i < count; ++i) {
        const Instruction& ins = file->instructions[first + i];
        std::size_t d = local.size(), b = fresh.shell_bodies.size(), c = fresh.copies.size(),
                    a = fresh.assignments.size(), l = fresh.labels.size();
        run_instruction_checks(context, ins, local);
        collect_instruction_facts(text, ins, file->escape, fresh);
        contributions[i] = {static_cast<std::uint32_t>(local.size() - d),
                            static_cast<std::uint32_t>(fresh.shell_bodies.size() - b),
                            static_cast<std::uint32_t>(fresh.copies.size() - c),
                            static_cast<std::uint32_t>(fresh.assignments.size() - a),
                            static_cast<std::uint32_t>(fresh.labels.size() - l)};
    }

    // What is kept describes the old tree instruction by instruction: the splice applies to it.
    const bool spliced = incremental && cache.contributions.size() + sp.inserted == file->instructions.size() + sp.removed;
    if (spliced && !assemble) result.pieces.fresh = local;
    if (spliced) {
        auto [d_first, d_size] =
            span_of(cache.contributions, sp.keep, sp.removed, [](const auto& c) { return c.diagnostics; });
        splice_moved(cache.local, d_first, d_first + d_size, std::move(local), sp.delta,
                     [](Diagnostic& d, std::ptrdiff_t delta) { shift_diagnostic(d, delta); });
    } else {
        cache.local = std::move(local);
    }
    // Facts of the last result handed back: edited in place. Otherwise collected whole.
    PieceChange& pieces = result.pieces;
    if (spliced && cache.revision != 0 && previous.revision == cache.revision) {
        ContainerFacts& facts = previous;
        auto splice_list = [&](auto& list, auto& middle, auto count_of, PieceChange::Span& span) {
            auto [at, size] = span_of(cache.contributions, sp.keep, sp.removed, count_of);
            span = {at, size, middle.size()};
            splice_moved(list, at, at + size, std::move(middle), sp.delta,
                         [](auto& fact, std::ptrdiff_t d) { shift_fact(fact, d); });
        };
        splice_list(facts.shell_bodies, fresh.shell_bodies, [](const auto& c) { return c.bodies; }, pieces.bodies);
        splice_list(facts.copies, fresh.copies, [](const auto& c) { return c.copies; }, pieces.copies);
        splice_list(facts.assignments, fresh.assignments, [](const auto& c) { return c.assignments; },
                    pieces.assignments);
        splice_list(facts.labels, fresh.labels, [](const auto& c) { return c.labels; }, pieces.labels);
        // Comments (directives first) by position: those the walk passed over are collected anew.
        auto comment_begin = [](const CommentFact& c) { return c.range.begin; };
        std::size_t c_first = first_at_or_after(facts.comments, sp.restart, comment_begin);
        std::size_t c_last = first_at_or_after(facts.comments, sp.resume_old, comment_begin);
        std::vector<CommentFact> comments;
        if (sp.from_top)
            for (const auto& d : file->directives) comments.push_back(comment_fact(text, d.range, true));
        const Offset span_end = sp.to_end ? static_cast<Offset>(text.size()) + 1
                                          : static_cast<Offset>(sp.resume_old + sp.delta);
        collect_comments(text, *file, first, first + count, {sp.restart, span_end}, comments);
        splice_moved(facts.comments, c_first, c_last, std::move(comments), sp.delta,
                     [](CommentFact& c, std::ptrdiff_t d) { shift_fact(c, d); });
        // The images depend on the stages and on the ARGs before the first FROM: when neither
        // changed, only their places moved.
        const bool images_moved =
            !(sp.stages_changed || file->stages.empty() || file->stages.front().instruction >= sp.keep);
        // The region the walk re-derived, and whether the document rules read any of it: they
        // read the directives (from_top), the stages and the instructions before the first FROM
        // (images_moved), and the flags of COPY/ADD/RUN (flags_touched).
        pieces.valid = true;
        pieces.begin = sp.restart;
        pieces.old_end = sp.to_end ? static_cast<Offset>(change->old_size) + 1 : sp.resume_old;
        pieces.delta = sp.delta;
        pieces.images_same = images_moved;
        // duplicate-stage-name's message names a line: the line count must not have changed.
        const std::size_t line_count = lines ? lines->line_count() : 0;
        pieces.document_same = images_moved && !sp.from_top && !sp.flags_touched && line_count != 0 &&
                               line_count == cache.line_count;
        if (!images_moved) {
            collect_images(*file, facts);
        } else {
            std::size_t j = 0;
            for (const Stage& stage : file->stages)
                if (!stage.image.empty() && j < facts.images.size()) facts.images[j++].range = stage.image_range;
        }
        place_document_facts(text, *file, facts);
        result.facts = std::move(facts);
    } else if (!incremental) {
        result.facts = std::move(fresh); // every instruction was collected above
        collect_document_facts(text, *file, result.facts);
    } else {
        result.facts = collect_facts(text, *file);
    }
    if (spliced) replace_range(cache.contributions, sp.keep, sp.keep + sp.removed, std::move(contributions));
    else cache.contributions = std::move(contributions);
    result.facts.revision = cache.revision = cache.revision + 1;

    cache.line_count = lines ? lines->line_count() : 0;
    if (!pieces.valid) assemble = true; // the caller cannot patch: the whole list
    if (assemble) {
        pieces = {};
        all_diagnostics(cache, text, lines, result.diagnostics);
    } else if (!pieces.document_same) {
        document_diagnostics(context, result.diagnostics);
    }
    result.syntax = std::move(file);
    return result;
}

} // namespace cdls::dockerfile
