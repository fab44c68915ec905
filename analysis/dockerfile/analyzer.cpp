// The Dockerfile analyzer: parse (reusing unchanged instructions), check, collect facts.
#include "analysis/dockerfile/analyzer.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/facts.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cdls::dockerfile {

// Parsed instructions keyed by instruction text, one map per escape character. Only what the
// last call used is kept, so memory follows the document's size. Lookups take the text as a
// string_view (no key is built for a hit), and a hit moves its node from `previous` to
// `current`, so an unchanged instruction costs one copy of its parse.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using InstructionMap = std::unordered_map<std::string, Instruction, TextHash, std::equal_to<>>;

struct Analyzer::Cache {
    InstructionMap previous[2]; // [0]: escape '\\', [1]: escape '`'
    InstructionMap current[2];
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
    for (auto& map : cache.current) map.clear();
    cache.reparsed = 0;
    auto lookup = [&](Offset begin, Offset end, char escape, Instruction& out) {
        std::size_t which = escape == '`' ? 1 : 0;
        InstructionMap& current = cache.current[which];
        InstructionMap& previous = cache.previous[which];
        std::string_view key = text.substr(begin, end - begin);
        if (auto found = current.find(key); found != current.end()) {
            out = found->second; // the same text twice in this document
        } else if (found = previous.find(key); found != previous.end()) {
            auto node = previous.extract(found);
            out = node.mapped();
            current.insert(std::move(node));
        } else {
            out = parse_instruction(text, begin, escape);
            ++cache.reparsed;
            current.emplace(std::string(key), out);
            return true;
        }
        shift_instruction(out, static_cast<std::int64_t>(begin) - static_cast<std::int64_t>(out.range.begin));
        return true;
    };
    auto file = std::make_shared<Dockerfile>(parse_dockerfile(text, lookup));
    for (std::size_t i = 0; i < 2; ++i) {
        cache.previous[i].swap(cache.current[i]);
        cache.current[i].clear();
    }

    Result result;
    LineIndex lines(text);
    run_checks(CheckContext{text, *file, lines}, result.diagnostics);
    sort_diagnostics(result.diagnostics);
    result.facts = collect_facts(text, *file);
    result.syntax = std::move(file);
    return result;
}

} // namespace cdls::dockerfile
