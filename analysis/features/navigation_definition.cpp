// The symbols of a definition file: `Stage:` names and `%files from` references, %arguments
// names and their `{{ placeholders }}` (per stage), app names across a stage's %app* sections.
#include "analysis/features/navigation_symbols.hpp"

namespace cdls::features::detail {

void collect_definition_symbols(const definition::DefinitionFile& file, std::string_view text,
                                SymbolTable& table) {
    for (std::size_t s = 0; s < file.stages.size(); ++s) {
        const definition::Stage& stage = file.stages[s];
        const std::string scope = std::to_string(s) + ":";
        if (const definition::HeaderLine* line = stage.header_entry("stage")) {
            std::string_view name = slice(text, line->value);
            if (!name.empty() && name.find("{{") == std::string_view::npos &&
                name.find_first_of(" \t\\") == std::string_view::npos)
                table.add("stage:" + std::string(name), SymbolKind::Stage, name, line->value, true);
        }
        for (const definition::Section& section : stage.sections) {
            if (!section.from_stage.empty()) {
                std::string_view name = slice(text, section.from_stage);
                if (name.find("{{") == std::string_view::npos)
                    table.add("stage:" + std::string(name), SymbolKind::Stage, name,
                              section.from_stage, false);
            }
            if (!section.app_name.empty()) {
                std::string_view name = slice(text, section.app_name);
                // The first section naming the app declares it; the others use it.
                table.add("app:" + scope + std::string(name), SymbolKind::App, name,
                          section.app_name, false);
            }
            for (const definition::ArgumentLine& argument : section.arguments_lines)
                if (argument.valid)
                    table.add("arg:" + scope + argument.name_text, SymbolKind::BuildArgument,
                              argument.name_text, argument.name, true);
        }
        for (const definition::Placeholder* p : definition::stage_placeholders(stage))
            table.add("arg:" + scope + p->name, SymbolKind::BuildArgument, p->name, p->name_range,
                      false);
    }
}

} // namespace cdls::features::detail
