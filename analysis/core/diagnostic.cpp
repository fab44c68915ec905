// Severity names and the canonical order of diagnostics.
#include "analysis/core/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <tuple>

namespace cdls {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Information: return "information";
    case Severity::Hint: return "hint";
    }
    return "warning";
}

bool parse_severity(std::string_view name, Severity& out) {
    if (name == "error") out = Severity::Error;
    else if (name == "warning") out = Severity::Warning;
    else if (name == "information" || name == "info") out = Severity::Information;
    else if (name == "hint") out = Severity::Hint;
    else return false;
    return true;
}

void shift_diagnostic(Diagnostic& diagnostic, std::int64_t delta) {
    shift_range(diagnostic.range, delta);
    for (Fix& fix : diagnostic.fixes)
        for (TextEdit& edit : fix.edits) shift_range(edit.range, delta);
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.range.begin, a.range.end, a.rule, a.message) <
           std::tie(b.range.begin, b.range.end, b.rule, b.message);
}

namespace {

// At most this many runs are merged (more are sorted): their bounds fit in arrays, not vectors.
constexpr std::size_t kMaxRuns = 16;

// The bounds of sorted runs: count - 1 runs, empty when there are too many.
struct RunBounds {
    std::array<std::size_t, kMaxRuns + 1> at;
    std::size_t count = 0;
    bool empty() const { return count == 0; }
};

// Appends the sorted runs [bounds.at[r], bounds.at[r + 1]) of `in` to `out` in order, as a
// stable sort would: of equal diagnostics, the earlier run's first. Each diagnostic is moved
// once, and a stretch of one run that goes before every other run's head is moved with one
// comparison each (the runs are typically one long one and a few short ones spread through it).
void merge_runs(std::vector<Diagnostic>& in, const RunBounds& bounds, std::vector<Diagnostic>& out) {
    struct Run {
        std::size_t next, end;
    };
    std::array<Run, kMaxRuns> runs;
    const std::size_t run_count = bounds.count - 1;
    for (std::size_t r = 0; r < run_count; ++r) runs[r] = {bounds.at[r], bounds.at[r + 1]};
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    // The run whose head goes first (the earliest of equal heads), other than `except`.
    auto first_run = [&](std::size_t except) {
        std::size_t best = none;
        for (std::size_t r = 0; r < run_count; ++r) {
            if (r == except || runs[r].next == runs[r].end) continue;
            if (best == none || diagnostic_less(in[runs[r].next], in[runs[best].next])) best = r;
        }
        return best;
    };
    for (std::size_t best = first_run(none); best != none; best = first_run(none)) {
        Run& run = runs[best];
        std::size_t second = first_run(best);
        if (second == none) {
            for (; run.next < run.end; ++run.next) out.push_back(std::move(in[run.next]));
            break;
        }
        const Diagnostic& bound = in[runs[second].next];
        do {
            out.push_back(std::move(in[run.next++]));
        } while (run.next < run.end && (best < second ? !diagnostic_less(bound, in[run.next])
                                                      : diagnostic_less(in[run.next], bound)));
    }
}

// Where the sorted runs of `diagnostics` begin, and its end: merging them is what a stable sort
// gives, in linear time. Empty when there are more than 16 (then they are sorted instead).
RunBounds sorted_runs(const std::vector<Diagnostic>& diagnostics) {
    RunBounds runs;
    runs.at[runs.count++] = 0;
    for (std::size_t i = 1; i < diagnostics.size(); ++i) {
        if (!diagnostic_less(diagnostics[i], diagnostics[i - 1])) continue;
        if (runs.count == kMaxRuns) return {};
        runs.at[runs.count++] = i;
    }
    runs.at[runs.count++] = diagnostics.size();
    return runs;
}

// A stable sort of positions, not of the diagnostics themselves: each one is moved once.
void sort_by_position(std::vector<Diagnostic>& diagnostics) {
    std::vector<std::size_t> order(diagnostics.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return diagnostic_less(diagnostics[a], diagnostics[b]); });
    std::vector<Diagnostic> sorted;
    sorted.reserve(diagnostics.size());
    for (std::size_t i : order) sorted.push_back(std::move(diagnostics[i]));
    diagnostics = std::move(sorted);
}

} // namespace

void append_sorted(std::vector<Diagnostic>& diagnostics, std::vector<Diagnostic>& out) {
    if (RunBounds runs = sorted_runs(diagnostics); !runs.empty()) {
        out.reserve(out.size() + diagnostics.size());
        merge_runs(diagnostics, runs, out);
    } else {
        sort_by_position(diagnostics);
        out.insert(out.end(), std::make_move_iterator(diagnostics.begin()), std::make_move_iterator(diagnostics.end()));
    }
    diagnostics.clear();
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    // Often already in order (one analyzer's output).
    if (std::is_sorted(diagnostics.begin(), diagnostics.end(), diagnostic_less)) return;
    // Or a few sorted runs (the kind analyzer's, then the shared and image rules' appended).
    if (RunBounds runs = sorted_runs(diagnostics); !runs.empty()) {
        std::vector<Diagnostic> merged;
        merged.reserve(diagnostics.size());
        merge_runs(diagnostics, runs, merged);
        diagnostics = std::move(merged);
        return;
    }
    sort_by_position(diagnostics);
}

} // namespace cdls
