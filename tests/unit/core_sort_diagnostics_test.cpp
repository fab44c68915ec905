// sort_diagnostics orders by range, rule and message, keeping the input order of equal ones
// (a stable sort), whether the input is sorted, a few sorted runs or shuffled.
#include "analysis/core/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>

using namespace cdls;

namespace {

bool less(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.range.begin, a.range.end, a.rule, a.message) < std::tie(b.range.begin, b.range.end, b.rule, b.message);
}

Diagnostic random_diagnostic(std::mt19937& rng, std::size_t serial) {
    Diagnostic d;
    d.range.begin = static_cast<Offset>(rng() % 40);
    d.range.end = d.range.begin + static_cast<Offset>(rng() % 3);
    d.rule = rng() % 2 ? "pip-unpinned" : "apt-unpinned";
    d.message = "m";
    d.fixes.push_back({std::to_string(serial), {}, false}); // tells equal diagnostics apart
    return d;
}

// 1 to 24 runs of up to 30 diagnostics, three in four of them sorted (up to 16 runs are
// merged, more are sorted).
std::vector<Diagnostic> random_runs(std::mt19937& rng) {
    std::size_t runs = 1 + rng() % 24;
    std::vector<Diagnostic> input;
    for (std::size_t r = 0; r < runs; ++r) {
        std::vector<Diagnostic> run;
        std::size_t n = rng() % 30;
        for (std::size_t i = 0; i < n; ++i) run.push_back(random_diagnostic(rng, input.size() + i));
        if (rng() % 4) std::stable_sort(run.begin(), run.end(), less);
        for (auto& d : run) input.push_back(std::move(d));
    }
    return input;
}

} // namespace

TEST_CASE("sort_diagnostics equals a stable sort for sorted runs and shuffled input") {
    std::mt19937 rng(7);
    for (int round = 0; round < 400; ++round) {
        std::vector<Diagnostic> input = random_runs(rng);
        std::vector<Diagnostic> expected = input;
        std::stable_sort(expected.begin(), expected.end(), less);
        sort_diagnostics(input);
        REQUIRE(input == expected);
    }
}

TEST_CASE("append_sorted appends what a stable sort gives, after what the target held") {
    std::mt19937 rng(13);
    for (int round = 0; round < 300; ++round) {
        std::vector<Diagnostic> input = random_runs(rng);
        std::vector<Diagnostic> out;
        for (std::size_t i = rng() % 5; i > 0; --i) out.push_back(random_diagnostic(rng, 1000 + i)); // kept as they are
        std::vector<Diagnostic> expected = out;
        std::vector<Diagnostic> sorted = input;
        std::stable_sort(sorted.begin(), sorted.end(), less);
        expected.insert(expected.end(), sorted.begin(), sorted.end());
        append_sorted(input, out);
        REQUIRE(out == expected);
        REQUIRE(input.empty());
    }
}

TEST_CASE("sort_diagnostics merges one long run with short runs spread through it, ties in order") {
    std::mt19937 rng(11);
    for (int round = 0; round < 200; ++round) {
        std::vector<Diagnostic> input;
        std::size_t runs = 2 + rng() % 15;
        for (std::size_t r = 0; r < runs; ++r) {
            std::vector<Diagnostic> run;
            std::size_t n = r == 0 ? 200 + rng() % 200 : rng() % 6; // the kind analyzer's, then the rules'
            for (std::size_t i = 0; i < n; ++i) run.push_back(random_diagnostic(rng, input.size() + i));
            std::stable_sort(run.begin(), run.end(), less);
            for (auto& d : run) input.push_back(std::move(d));
        }
        std::vector<Diagnostic> expected = input;
        std::stable_sort(expected.begin(), expected.end(), less);
        sort_diagnostics(input);
        REQUIRE(input == expected);
    }
}
