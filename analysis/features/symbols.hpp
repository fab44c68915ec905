// Document symbols: the outline of a definition file (stages, header, sections, apps) or a
// Dockerfile (stages and their instructions), with byte ranges.
#pragma once

#include "analysis/document_analysis.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::features {

// The LSP SymbolKind values cdls uses (numbers as the protocol defines them).
enum class SymbolKind {
    File = 1,
    Module = 2,
    Namespace = 3,
    Class = 5,
    Property = 7,
    Field = 8,
    Function = 12,
    Variable = 13,
    Constant = 14,
    Key = 20,
    Event = 24,
};

struct DocumentSymbol {
    std::string name;
    std::string detail;
    SymbolKind kind = SymbolKind::Module;
    TextRange range;           // the whole thing (a stage, a section with its body)
    TextRange selection_range; // what names it (the `%post`, the stage name), inside `range`
    std::vector<DocumentSymbol> children;
};

// The symbol tree, in document order; every child's range lies inside its parent's.
std::vector<DocumentSymbol> document_symbols(const AnalysisResult& analysis, std::string_view text);

// The tree flattened depth-first, each symbol with the name of its parent (for clients
// without hierarchical symbol support).
struct FlatSymbol {
    std::string name;
    SymbolKind kind = SymbolKind::Module;
    TextRange range;
    std::string container; // empty at the top level
};
std::vector<FlatSymbol> flatten_symbols(const std::vector<DocumentSymbol>& symbols);

} // namespace cdls::features
