// Definition, references, highlights and rename over the symbol tables of navigation_*.cpp.
#include "analysis/features/navigation_symbols.hpp"

#include <algorithm>
#include <cctype>

namespace cdls::features {

namespace detail {

void SymbolTable::add(const std::string& key, SymbolKind kind, std::string_view name,
                      TextRange range, bool declaration) {
    auto [it, fresh] = symbols_.try_emplace(key);
    Symbol& symbol = it->second;
    if (fresh) {
        symbol.kind = kind;
        symbol.name = std::string(name);
    }
    SymbolOccurrence occurrence{range, declaration};
    if (std::find(symbol.occurrences.begin(), symbol.occurrences.end(), occurrence) ==
        symbol.occurrences.end())
        symbol.occurrences.push_back(occurrence);
}

std::vector<Symbol> SymbolTable::take() {
    std::vector<Symbol> out;
    for (auto& [key, symbol] : symbols_) {
        auto& list = symbol.occurrences;
        std::sort(list.begin(), list.end(),
                  [](const SymbolOccurrence& a, const SymbolOccurrence& b) {
                      return a.range.begin < b.range.begin;
                  });
        bool declared = std::any_of(list.begin(), list.end(),
                                    [](const SymbolOccurrence& o) { return o.declaration; });
        // An app has no declaration of its own: its first section stands for it.
        if (symbol.kind == SymbolKind::App && !declared && !list.empty())
            list.front().declaration = true;
        out.push_back(std::move(symbol));
    }
    symbols_.clear();
    return out;
}

} // namespace detail

std::vector<Symbol> document_symbols_for_navigation(const AnalysisResult& analysis,
                                                    std::string_view text) {
    detail::SymbolTable table;
    if (analysis.definition) detail::collect_definition_symbols(*analysis.definition, text, table);
    if (analysis.dockerfile && analysis.dockerfile->encoding_error.empty()) {
        detail::collect_dockerfile_symbols(*analysis.dockerfile, text, table);
    }
    return table.take();
}

std::optional<Symbol> symbol_at(const AnalysisResult& analysis, std::string_view text,
                                Offset offset) {
    std::optional<Symbol> touching;
    for (Symbol& symbol : document_symbols_for_navigation(analysis, text)) {
        for (const SymbolOccurrence& o : symbol.occurrences) {
            if (o.range.contains(offset)) {
                symbol.at = o.range;
                return std::move(symbol);
            }
            if (!touching && o.range.touches(offset)) {
                touching = symbol;
                touching->at = o.range;
            }
        }
    }
    return touching;
}

std::vector<TextRange> find_definitions(const AnalysisResult& analysis, std::string_view text,
                                        Offset offset) {
    std::vector<TextRange> out;
    if (auto symbol = symbol_at(analysis, text, offset))
        for (const SymbolOccurrence& o : symbol->occurrences)
            if (o.declaration) out.push_back(o.range);
    return out;
}

std::vector<TextRange> find_references(const AnalysisResult& analysis, std::string_view text,
                                       Offset offset, bool include_declaration) {
    std::vector<TextRange> out;
    if (auto symbol = symbol_at(analysis, text, offset))
        for (const SymbolOccurrence& o : symbol->occurrences)
            if (include_declaration || !o.declaration) out.push_back(o.range);
    return out;
}

std::vector<Highlight> document_highlights(const AnalysisResult& analysis, std::string_view text,
                                           Offset offset) {
    std::vector<Highlight> out;
    if (auto symbol = symbol_at(analysis, text, offset))
        for (const SymbolOccurrence& o : symbol->occurrences)
            out.push_back({o.range, o.declaration});
    return out;
}

std::optional<RenameTarget> prepare_rename(const AnalysisResult& analysis, std::string_view text,
                                           Offset offset) {
    auto symbol = symbol_at(analysis, text, offset);
    if (!symbol) return std::nullopt;
    return RenameTarget{symbol->at, std::string(slice(text, symbol->at))};
}

namespace {

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

} // namespace

std::string invalid_name_reason(DocumentKind document, SymbolKind kind, std::string_view name) {
    if (name.empty()) return "the new name is empty";
    switch (kind) {
    case SymbolKind::BuildArgument:
        if (!std::all_of(name.begin(), name.end(), word_char))
            return "`" + std::string(name) +
                   "` is not a valid build argument name: use letters, digits and _";
        if (document == DocumentKind::Dockerfile &&
            std::isdigit(static_cast<unsigned char>(name[0])))
            return "`" + std::string(name) +
                   "` is not a valid build argument name: it must not start with a digit";
        return {};
    case SymbolKind::Stage:
        if (document == DocumentKind::Dockerfile) {
            // BuildKit: ^[a-z][a-z0-9-_.]*$ after lower-casing.
            bool ok = std::isalpha(static_cast<unsigned char>(name[0])) &&
                      std::all_of(name.begin(), name.end(),
                                  [](char c) { return word_char(c) || c == '-' || c == '.'; });
            if (!ok)
                return "`" + std::string(name) +
                       "` is not a valid stage name: start with a letter and use only letters, "
                       "digits, -, _ and .";
            return {};
        }
        [[fallthrough]];
    case SymbolKind::App:
        // One word apptainer can keep in a path (/scif/apps/<name>) or a `%files from` line.
        if (!std::all_of(name.begin(), name.end(),
                         [](char c) { return word_char(c) || c == '-' || c == '.'; }) ||
            name == "." || name == "..")
            return "`" + std::string(name) + "` is not a valid " +
                   (kind == SymbolKind::App ? "app" : "stage") +
                   " name: use letters, digits, -, _ and .";
        return {};
    }
    return {};
}

RenameResult rename_symbol(const AnalysisResult& analysis, std::string_view text, Offset offset,
                           std::string_view new_name) {
    RenameResult result;
    auto symbol = symbol_at(analysis, text, offset);
    if (!symbol) {
        result.error =
            "nothing to rename here: place the cursor on a stage, build argument or app name";
        return result;
    }
    result.error = invalid_name_reason(analysis.kind, symbol->kind, new_name);
    if (!result.error.empty()) return result;
    for (const SymbolOccurrence& o : symbol->occurrences)
        result.edits.push_back({o.range, std::string(new_name)});
    return result;
}

} // namespace cdls::features
