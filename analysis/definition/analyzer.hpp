// Entry point of the definition-file (Apptainer/Singularity) analyzer.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/piece_change.hpp"
#include "analysis/core/text_diff.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace cdls::definition {

struct DefinitionFile; // the lossless syntax tree, analysis/definition/syntax.hpp

struct Result {
    std::shared_ptr<const DefinitionFile> syntax;
    std::vector<Diagnostic> diagnostics; // definition-specific rules only
    ContainerFacts facts;                // for the shared rules
    PieceChange pieces;                  // what an incremental analysis re-derived (stages)
};

// Keeps the last tree between calls so that re-analysing an edited text re-parses only the
// blocks the edit touched (splice.hpp); analyze(t) always equals a fresh Analyzer().analyze(t).
class Analyzer {
public:
    Analyzer();
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;
    // `previous`: the facts of the last result, when the caller no longer needs them; those of
    // the stages the edit did not touch are kept (moved) instead of collected anew.
    // `change`: how `text` differs from the last call's text (the union of the edits since:
    // EditedSpan); without it (or when it does not fit) the texts are compared.
    // `assemble` false: `diagnostics` holds only the whole-file rules' findings, and only when
    // pieces.document_same is false (the caller patches the last result with `pieces`);
    // all_diagnostics() gives the whole list when that fails.
    Result analyze(std::string_view text, ContainerFacts&& previous = {}, const TextChange* change = nullptr,
                   bool assemble = true);
    // What analyze() returns when assembling: every finding of the last analyzed text (whose
    // facts are `facts`), sorted.
    void all_diagnostics(std::string_view text, const ContainerFacts& facts, std::vector<Diagnostic>& out);

    // Whether analyze() reports what it re-derived (Result::pieces, for patching the last
    // result): on by default; off for one analysis of one text (`cdls check`), where keeping
    // each stage's shape would be wasted.
    void report_pieces(bool on);

    // How many blocks (headers, sections) the last analyze() parsed instead of keeping them
    // from the last tree; for tests of incrementality.
    std::size_t last_parsed_blocks() const;

private:
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

// A one-off analysis (a fresh Analyzer).
Result analyze_definition(std::string_view text);

} // namespace cdls::definition
