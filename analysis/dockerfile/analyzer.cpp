// The Dockerfile analyzer: parse (re-walking only the changed lines), check, collect facts.
#include "analysis/dockerfile/analyzer.hpp"

#include "analysis/core/text_diff.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/facts.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::dockerfile {

// The last call's tree, the text it was parsed from and what the walk saw besides the tree.
// The next call compares texts, keeps the instructions before the change, re-walks from there
// until the walk reaches a line the old walk also stood on past the change, and moves the rest
// by the size difference. When the last result is no longer held elsewhere (the server drops
// it before asking for the next one) the tree is edited in place: no copy of the untouched
// instructions is made.
struct Analyzer::Cache {
    std::shared_ptr<Dockerfile> tree;
    std::string text;
    WalkTrace trace;
    std::size_t reparsed = 0;
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

// Replaces items[from, to) by `middle` and moves items[to, end) by `delta`.
template <class T, class Shift>
void splice(std::vector<T>& items, std::size_t from, std::size_t to, std::vector<T>&& middle, std::ptrdiff_t delta,
            Shift shift_item) {
    if (delta != 0)
        for (std::size_t i = to; i < items.size(); ++i) shift_item(items[i], delta);
    if (to - from == middle.size()) {
        std::move(middle.begin(), middle.end(), items.begin() + static_cast<std::ptrdiff_t>(from));
        return;
    }
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(from), items.begin() + static_cast<std::ptrdiff_t>(to));
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(from), std::make_move_iterator(middle.begin()),
                 std::make_move_iterator(middle.end()));
}

} // namespace

struct Analyzer::Access {
    // The tree of `text` from the last call's, or nullptr when it has to be parsed whole.
    static std::shared_ptr<Dockerfile> reparse(Cache& cache, std::string_view text);
};

std::shared_ptr<Dockerfile> Analyzer::Access::reparse(Cache& cache, std::string_view text) {
    const std::string_view old_text = cache.text;
    if (!cache.tree || !cache.tree->encoding_error.empty() || is_utf16_or_32(text)) return nullptr;
    const TextChange change = diff_texts(old_text, text);
    if (change.identical()) {
        cache.reparsed = 0;
        return cache.tree;
    }
    const Dockerfile& old = *cache.tree;
    const std::ptrdiff_t delta = change.delta();
    const Offset prefix = static_cast<Offset>(change.prefix);
    auto ins_begin = [](const Instruction& i) { return i.range.begin; };
    auto range_begin = [](const TextRange& r) { return r.begin; };

    // Old instructions kept as they are: their lines, final newline included, lie before the
    // change, and the old walk ended them before the end of the text (one that runs to the end
    // may be an open continuation or heredoc the new text goes on with). A change in the byte
    // order mark, among the directives or on the line after them re-walks from the top (both
    // texts are known not to be UTF-16/32).
    std::size_t keep = 0;
    Offset restart = 0;
    std::size_t header_line_end = old_text.find('\n', cache.trace.header_end);
    bool from_top = prefix < 3 || header_line_end == std::string_view::npos || prefix <= header_line_end;
    if (!from_top) {
        keep = first_at_or_after(old.instructions, prefix, ins_begin);
        while (keep > 0) {
            Offset end = block_end(old_text, old.instructions[keep - 1]);
            if (end <= prefix && end < old_text.size() && old_text[end - 1] == '\n') break;
            --keep;
        }
        if (keep == 0) from_top = true;
        else restart = block_end(old_text, old.instructions[keep - 1]);
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
        if (old_pos != cache.trace.header_end && old_text[old_pos - 1] != '\n') return false;
        std::size_t k = first_at_or_after(old.instructions, old_pos, ins_begin);
        if (k > 0 && block_end(old_text, old.instructions[k - 1]) > old_pos) return false;
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
    if (!resynced) resume_old = static_cast<Offset>(old_text.size() + 1); // nothing after the walk is old

    // Edit the old tree in place when nobody else holds it; otherwise a copy.
    std::shared_ptr<Dockerfile> file =
        cache.tree.use_count() == 1 ? cache.tree : std::make_shared<Dockerfile>(*cache.tree);
    std::size_t tail = first_at_or_after(file->instructions, resume_old, ins_begin);
    splice(file->instructions, keep, tail, std::move(middle.instructions), delta,
           [](Instruction& i, std::ptrdiff_t d) { shift_instruction(i, d); });
    std::size_t comments_kept = first_at_or_after(file->comments, restart, range_begin);
    std::size_t comments_tail = first_at_or_after(file->comments, resume_old, range_begin);
    splice(file->comments, comments_kept, comments_tail, std::move(middle.comments), delta, shift_range);
    std::vector<TextRange> skipped = std::move(cache.trace.skipped);
    std::size_t skipped_kept = first_at_or_after(skipped, restart, range_begin);
    std::size_t skipped_tail = first_at_or_after(skipped, resume_old, range_begin);
    splice(skipped, skipped_kept, skipped_tail, std::move(trace.skipped), delta, shift_range);
    trace.skipped = std::move(skipped);
    if (from_top) {
        file->content_begin = middle.content_begin;
        file->directives = std::move(middle.directives);
        file->escape = middle.escape;
    }
    collect_stages(*file);
    cache.reparsed = trace.parsed;
    cache.trace = std::move(trace);
    return file;
}

Result Analyzer::analyze(std::string_view text, const LineIndex* lines) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    std::shared_ptr<Dockerfile> file = Access::reparse(cache, text);
    if (!file) {
        cache.tree.reset(); // the old tree is not needed while the new one is parsed
        file = std::make_shared<Dockerfile>(parse_dockerfile(text, &cache.trace));
        cache.reparsed = cache.trace.parsed;
    }
    cache.tree = file;
    cache.text.assign(text);

    Result result;
    run_checks(CheckContext{text, *file, lines}, result.diagnostics);
    sort_diagnostics(result.diagnostics);
    result.facts = collect_facts(text, *file);
    result.syntax = std::move(file);
    return result;
}

} // namespace cdls::dockerfile
