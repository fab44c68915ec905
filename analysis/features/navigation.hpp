// Navigation over the names a document declares and uses: stage names, build arguments and app
// names. Go to definition, references, highlights and rename are all answers about one
// `Symbol`: every occurrence of the name the cursor is on, each marked declaration or use.
#pragma once

#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/document_analysis.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::features {

enum class SymbolKind { Stage, BuildArgument, App };

struct SymbolOccurrence {
    TextRange range; // the name only (no `$`, braces or `{{ }}`)
    bool declaration = false;
    friend bool operator==(const SymbolOccurrence&, const SymbolOccurrence&) = default;
};

struct Symbol {
    SymbolKind kind = SymbolKind::Stage;
    std::string name;                          // as written at the cursor
    TextRange at;                              // the occurrence under the cursor
    std::vector<SymbolOccurrence> occurrences; // document order
};

// The symbol whose occurrence touches `offset`, if any.
std::optional<Symbol> symbol_at(const AnalysisResult& analysis, std::string_view text,
                                Offset offset);

// Declarations of the symbol at `offset` (empty when there is none, e.g. an undefined argument).
std::vector<TextRange> find_definitions(const AnalysisResult& analysis, std::string_view text,
                                        Offset offset);
std::vector<TextRange> find_references(const AnalysisResult& analysis, std::string_view text,
                                       Offset offset, bool include_declaration);

struct Highlight {
    TextRange range;
    bool write = false; // a declaration
};
std::vector<Highlight> document_highlights(const AnalysisResult& analysis, std::string_view text,
                                           Offset offset);

struct RenameTarget {
    TextRange range;
    std::string placeholder;
};
std::optional<RenameTarget> prepare_rename(const AnalysisResult& analysis, std::string_view text,
                                           Offset offset);

struct RenameResult {
    std::vector<TextEdit> edits;
    std::string error; // set when nothing can be renamed or the new name is invalid
};
RenameResult rename_symbol(const AnalysisResult& analysis, std::string_view text, Offset offset,
                           std::string_view new_name);

// Why `name` cannot be the new name of a symbol of this kind (empty when it can).
std::string invalid_name_reason(DocumentKind document, SymbolKind kind, std::string_view name);

// Every symbol of the document (for tests and tools); each lists all its occurrences.
std::vector<Symbol> document_symbols_for_navigation(const AnalysisResult& analysis,
                                                    std::string_view text);

} // namespace cdls::features
