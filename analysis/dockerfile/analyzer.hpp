// Entry point of the Dockerfile and Containerfile analyzer.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/line_index.hpp"
#include "analysis/core/piece_change.hpp"
#include "analysis/core/text_diff.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace cdls::dockerfile {

struct Dockerfile; // the lossless syntax tree, analysis/dockerfile/syntax.hpp

struct Result {
    std::shared_ptr<const Dockerfile> syntax;
    std::vector<Diagnostic> diagnostics; // Dockerfile-specific rules only
    ContainerFacts facts;                // for the shared rules
    PieceChange pieces;                  // what an incremental analysis re-derived
};

// Keeps what it needs between calls so that re-analysing an edited text re-parses only what
// changed; analyze(t, ...) always equals a fresh Analyzer().analyze(t).
class Analyzer {
public:
    Analyzer();
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;
    // `lines`, when given, is the line index of `text` (used instead of building one).
    // `previous`: the facts of the last result, when the caller no longer needs them; they are
    // edited into the new facts instead of collecting every instruction's anew.
    // `change`: how `text` differs from the last call's text (diff_texts, or the union of the
    // edits since: EditedSpan). The analyzer keeps no copy of the old text, so without it (or
    // when it does not fit the last text's size) the text is parsed whole.
    // `assemble` false: `diagnostics` holds only the document rules' findings, and only when
    // pieces.document_same is false (the caller patches the last result with `pieces`);
    // all_diagnostics() gives the whole list when that fails.
    Result analyze(std::string_view text, const LineIndex* lines = nullptr, ContainerFacts&& previous = {},
                   const TextChange* change = nullptr, bool assemble = true);
    // What analyze() returns when assembling: every finding of the last analyzed text, sorted.
    void all_diagnostics(std::string_view text, const LineIndex* lines, std::vector<Diagnostic>& out) const;
    // How many instructions the last analyze() parsed anew (the rest came from the cache).
    std::size_t reparsed_instructions() const;

private:
    struct Cache;
    struct Access; // the re-parse, in analyzer.cpp
    std::unique_ptr<Cache> cache_;
};

} // namespace cdls::dockerfile
