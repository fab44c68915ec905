// Internal to navigation: the symbol tables of each document kind.
#pragma once

#include "analysis/features/navigation.hpp"

#include <map>
#include <string>

namespace cdls::features::detail {

// Symbols keyed by what identifies them (kind, scope, name); occurrences are added in any order.
class SymbolTable {
  public:
    void add(const std::string& key, SymbolKind kind, std::string_view name, TextRange range,
             bool declaration);
    std::vector<Symbol> take(); // occurrences sorted, `name` from the first declaration (or use)

  private:
    std::map<std::string, Symbol> symbols_;
};

void collect_definition_symbols(const definition::DefinitionFile& file, std::string_view text,
                                SymbolTable& table);
void collect_dockerfile_symbols(const dockerfile::Dockerfile& file, std::string_view text,
                                SymbolTable& table);

} // namespace cdls::features::detail
