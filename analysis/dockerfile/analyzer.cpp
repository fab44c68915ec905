// The Dockerfile analyzer: parse (reusing unchanged instructions), check, collect facts.
#include "analysis/dockerfile/analyzer.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/facts.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cdls::dockerfile {

// The last call's tree and its text, with each instruction's text (one map per escape
// character) pointing at its instruction in that tree. An unchanged instruction is copied from
// the previous tree and shifted; the cache holds no copy of its own, so memory is the tree
// plus one copy of the text. Lookups take the text as a string_view: no key is built.
struct Analyzer::Cache {
    std::shared_ptr<const Dockerfile> tree;
    std::string text; // the keys below view it
    std::unordered_map<std::string_view, std::size_t> index[2]; // [0]: escape '\\', [1]: escape '`'
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
    cache.reparsed = 0;
    struct Parsed {
        Offset begin, end;
        std::size_t which;
    };
    std::vector<Parsed> parsed; // the lookups that became instructions, in order
    auto lookup = [&](Offset begin, Offset end, char escape, Instruction& out) {
        std::size_t which = escape == '`' ? 1 : 0;
        const auto& index = cache.index[which];
        if (auto found = index.find(text.substr(begin, end - begin)); found != index.end()) {
            out = cache.tree->instructions[found->second];
            shift_instruction(out, static_cast<std::int64_t>(begin) - static_cast<std::int64_t>(out.range.begin));
        } else {
            out = parse_instruction(text, begin, escape);
            ++cache.reparsed;
        }
        // parse_dockerfile keeps every instruction with a keyword, in order.
        if (!out.keyword.empty()) parsed.push_back({begin, end, which});
        return true;
    };
    auto file = std::make_shared<Dockerfile>(parse_dockerfile(text, lookup));
    cache.text.assign(text);
    for (auto& index : cache.index) index.clear();
    if (parsed.size() == file->instructions.size()) {
        std::string_view kept = cache.text;
        for (std::size_t i = 0; i < parsed.size(); ++i)
            cache.index[parsed[i].which].emplace(kept.substr(parsed[i].begin, parsed[i].end - parsed[i].begin), i);
    }
    cache.tree = file;

    Result result;
    LineIndex lines(text);
    run_checks(CheckContext{text, *file, lines}, result.diagnostics);
    sort_diagnostics(result.diagnostics);
    result.facts = collect_facts(text, *file);
    result.syntax = std::move(file);
    return result;
}

} // namespace cdls::dockerfile
