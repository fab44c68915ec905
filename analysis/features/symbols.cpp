// Document symbols of definition files and Dockerfiles.
#include "analysis/features/symbols.hpp"

#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"

#include <algorithm>

namespace cdls::features {
namespace {

std::string_view view(std::string_view text, TextRange range) { return slice(text, range); }

// `range` without trailing blanks (a stage or section "ends" at its last visible character).
TextRange trim_end(std::string_view text, TextRange range) {
    Offset end = std::min<Offset>(range.end, static_cast<Offset>(text.size()));
    while (end > range.begin && definition::is_blank(text[end - 1])) --end;
    return {range.begin, end};
}

// A one-line summary of a value: its first line, shortened.
std::string summary(std::string_view value) {
    std::size_t newline = value.find_first_of("\r\n");
    std::string out(value.substr(0, newline));
    constexpr std::size_t limit = 60;
    if (out.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut; // whole UTF-8 characters
        out = out.substr(0, cut) + "…";
    }
    return out;
}

DocumentSymbol leaf(std::string name, std::string detail, SymbolKind kind, TextRange range, TextRange selection) {
    DocumentSymbol s;
    s.name = std::move(name);
    s.detail = std::move(detail);
    s.kind = kind;
    s.range = range;
    s.selection_range = selection;
    return s;
}

// ---- definition files ----

DocumentSymbol section_symbol(const definition::Section& section, std::string_view text) {
    using definition::SectionKind;
    SymbolKind kind = definition::is_script_section(section.kind) ? SymbolKind::Function : SymbolKind::Namespace;
    if (section.kind == SectionKind::Unknown) kind = SymbolKind::Key;
    DocumentSymbol s = leaf(std::string(view(text, section.name)), summary(view(text, section.arguments)), kind,
                            trim_end(text, section.range), section.name);
    for (const auto& label : section.labels)
        s.children.push_back(leaf(std::string(view(text, label.key)), summary(view(text, label.value)),
                                  SymbolKind::Property, label.range, label.key));
    for (const auto& argument : section.arguments_lines)
        if (argument.valid)
            s.children.push_back(leaf(argument.name_text, summary(argument.value_text), SymbolKind::Constant,
                                      argument.range, argument.name));
    return s;
}

DocumentSymbol stage_symbol(const definition::Stage& stage, std::string_view text, int number) {
    std::string_view name = stage.stage_name(text);
    std::string_view agent = stage.agent(text);
    DocumentSymbol s;
    s.name = name.empty() ? "stage " + std::to_string(number) : std::string(name);
    s.kind = SymbolKind::Module;
    s.range = trim_end(text, stage.range);
    if (const auto* from = stage.header_entry("from")) s.detail = summary(std::string(agent) + " " + from->value_text);
    else s.detail = std::string(agent);
    if (const auto* entry = stage.header_entry("stage"); entry && !entry->value.empty()) s.selection_range = entry->value;
    else if (const auto* boot = stage.header_entry("bootstrap")) s.selection_range = boot->content;
    else if (!stage.sections.empty()) s.selection_range = stage.sections.front().name;
    else s.selection_range = {s.range.begin, s.range.begin};

    for (const auto& line : stage.header.lines)
        if (line.kind == definition::HeaderLineKind::Entry)
            s.children.push_back(leaf(std::string(view(text, line.key)), summary(line.value_text), SymbolKind::Property,
                                      line.content, line.key));

    // App sections gather under one symbol per app, placed where the app first appears.
    std::vector<std::pair<std::string, std::size_t>> apps; // name -> index in s.children
    for (const auto& section : stage.sections) {
        DocumentSymbol child = section_symbol(section, text);
        if (!definition::is_app_section(section.kind) || section.app_name.empty()) {
            s.children.push_back(std::move(child));
            continue;
        }
        std::string app(view(text, section.app_name));
        auto it = std::find_if(apps.begin(), apps.end(), [&](const auto& a) { return a.first == app; });
        if (it == apps.end()) {
            apps.emplace_back(app, s.children.size());
            DocumentSymbol group = leaf("app " + app, "", SymbolKind::Class, child.range, section.app_name);
            group.children.push_back(std::move(child));
            s.children.push_back(std::move(group));
        } else {
            DocumentSymbol& group = s.children[it->second];
            group.range.end = std::max(group.range.end, child.range.end);
            group.children.push_back(std::move(child));
        }
    }
    return s;
}

std::vector<DocumentSymbol> definition_symbols(const definition::DefinitionFile& file, std::string_view text) {
    std::vector<DocumentSymbol> out;
    int number = 0;
    for (const auto& stage : file.stages) {
        if (!stage.has_content()) continue;
        out.push_back(stage_symbol(stage, text, ++number));
    }
    return out;
}

// ---- Dockerfiles ----

SymbolKind instruction_kind(std::string_view keyword, bool known) {
    if (!known) return SymbolKind::Key;
    if (keyword == "FROM") return SymbolKind::Class;
    if (keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT" || keyword == "SHELL" ||
        keyword == "HEALTHCHECK" || keyword == "ONBUILD")
        return SymbolKind::Function;
    if (keyword == "ENV" || keyword == "ARG") return SymbolKind::Variable;
    if (keyword == "LABEL") return SymbolKind::Property;
    return SymbolKind::Field;
}

DocumentSymbol instruction_symbol(const dockerfile::Instruction& instruction) {
    const std::string_view keyword = instruction.keyword();
    DocumentSymbol s = leaf(std::string(keyword), summary(instruction.arguments.text),
                            instruction_kind(keyword, instruction.known), instruction.range,
                            instruction.keyword_range);
    SymbolKind pair_kind = keyword == "LABEL" ? SymbolKind::Property : SymbolKind::Variable;
    for (const auto& pair : instruction.pairs) {
        if (pair.key_range.empty()) continue;
        TextRange range{pair.key_range.begin, std::max(pair.key_range.end, pair.value_range.end)};
        s.children.push_back(leaf(pair.key, summary(pair.value), pair_kind, range, pair.key_range));
    }
    return s;
}

std::vector<DocumentSymbol> dockerfile_symbols(const dockerfile::Dockerfile& file) {
    std::vector<DocumentSymbol> out;
    const auto& instructions = file.instructions;
    std::size_t first_stage = file.stages.empty() ? instructions.size() : file.stages.front().instruction;
    for (std::size_t i = 0; i < first_stage && i < instructions.size(); ++i)
        out.push_back(instruction_symbol(instructions[i]));
    for (std::size_t k = 0; k < file.stages.size(); ++k) {
        const auto& stage = file.stages[k];
        std::size_t end = k + 1 < file.stages.size() ? file.stages[k + 1].instruction : instructions.size();
        if (stage.instruction >= instructions.size() || end <= stage.instruction) continue;
        DocumentSymbol s;
        s.name = stage.name.empty() ? "stage " + std::to_string(k + 1) : stage.name;
        s.detail = summary(stage.image);
        s.kind = SymbolKind::Module;
        s.range = {instructions[stage.instruction].range.begin, instructions[end - 1].range.end};
        if (!stage.name.empty()) s.selection_range = stage.name_range;
        else if (!stage.image_range.empty()) s.selection_range = stage.image_range;
        else s.selection_range = instructions[stage.instruction].keyword_range;
        for (std::size_t i = stage.instruction; i < end; ++i) s.children.push_back(instruction_symbol(instructions[i]));
        out.push_back(std::move(s));
    }
    return out;
}

void flatten_into(const std::vector<DocumentSymbol>& symbols, const std::string& container, std::vector<FlatSymbol>& out) {
    for (const auto& s : symbols) {
        out.push_back({s.name, s.kind, s.range, container});
        flatten_into(s.children, s.name, out);
    }
}

} // namespace

std::vector<DocumentSymbol> document_symbols(const AnalysisResult& analysis, std::string_view text) {
    if (analysis.definition) return definition_symbols(*analysis.definition, text);
    if (analysis.dockerfile) return dockerfile_symbols(*analysis.dockerfile);
    return {};
}

std::vector<FlatSymbol> flatten_symbols(const std::vector<DocumentSymbol>& symbols) {
    std::vector<FlatSymbol> out;
    flatten_into(symbols, "", out);
    return out;
}

} // namespace cdls::features
