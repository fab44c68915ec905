// The Dockerfile analyzer: parse (reusing unchanged instructions), check, collect facts.
#include "analysis/dockerfile/analyzer.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/facts.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <string>
#include <unordered_map>

namespace cdls::dockerfile {

// Parsed instructions keyed by (escape character, instruction text). Only what the last call
// used is kept, so memory follows the document's size.
struct Analyzer::Cache {
    std::unordered_map<std::string, Instruction> previous;
    std::unordered_map<std::string, Instruction> current;
    std::size_t reparsed = 0;
};

Analyzer::Analyzer() : cache_(std::make_unique<Cache>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::size_t Analyzer::reparsed_instructions() const { return cache_ ? cache_->reparsed : 0; }

Result Analyzer::analyze(std::string_view text) {
    if (!cache_) cache_ = std::make_unique<Cache>();
    Cache& cache = *cache_;
    cache.current.clear();
    cache.reparsed = 0;
    auto lookup = [&](Offset begin, Offset end, char escape, Instruction& out) {
        std::string key(1, escape);
        key.append(text.substr(begin, end - begin));
        auto found = cache.current.find(key);
        bool hit = found != cache.current.end();
        if (!hit) {
            found = cache.previous.find(key);
            hit = found != cache.previous.end();
        }
        if (hit) {
            out = found->second;
            shift_instruction(out, static_cast<std::int64_t>(begin) - static_cast<std::int64_t>(out.range.begin));
        } else {
            out = parse_instruction(text, begin, escape);
            ++cache.reparsed;
        }
        cache.current.emplace(std::move(key), out);
        return true;
    };
    auto file = std::make_shared<Dockerfile>(parse_dockerfile(text, lookup));
    cache.previous.swap(cache.current);
    cache.current.clear();

    Result result;
    LineIndex lines(text);
    run_checks(CheckContext{text, *file, lines}, result.diagnostics);
    sort_diagnostics(result.diagnostics);
    result.facts = collect_facts(text, *file);
    result.syntax = std::move(file);
    return result;
}

} // namespace cdls::dockerfile
