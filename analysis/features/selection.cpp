// Selection ranges of definition files and Dockerfiles.
#include "analysis/features/selection.hpp"

#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <algorithm>

namespace cdls::features {
namespace {

struct Chain {
    std::string_view text;
    Offset offset;
    std::vector<TextRange> ranges;

    // Keeps `range` when it holds the offset and grows the chain.
    void add(TextRange range) {
        range.end = std::min<Offset>(range.end, static_cast<Offset>(text.size()));
        if (range.empty() || !range.touches(offset) || range.begin > range.end) return;
        if (!ranges.empty()) {
            const TextRange& last = ranges.back();
            if (range == last || range.begin > last.begin || range.end < last.end) return;
        }
        ranges.push_back(range);
    }

    void add_trimmed(TextRange range) {
        add(definition::trim(text, range.begin, std::min<Offset>(range.end, static_cast<Offset>(text.size()))));
    }

    void add_line() {
        definition::PhysicalLine line = definition::line_at(text, line_start(offset));
        add_trimmed({line.begin, line.content_end});
    }

    Offset line_start(Offset at) const {
        std::size_t newline = text.rfind('\n', at == 0 ? 0 : at - 1);
        if (at == 0 || newline == std::string_view::npos) return 0;
        return static_cast<Offset>(newline + 1);
    }
};

// The shell word and command at the offset, innermost command first.
void add_shell(Chain& chain, std::string_view logical, const auto& to_document, Offset logical_offset) {
    shell::Script script = shell::tokenize(logical);
    const shell::Command* best = nullptr;
    for (const auto& command : script.commands)
        if (command.range.touches(logical_offset) && (!best || command.range.length() < best->range.length()))
            best = &command;
    if (!best) return;
    for (const auto& word : best->words)
        if (word.range.touches(logical_offset)) chain.add(to_document(word.range));
    chain.add(to_document(best->range));
}

void definition_chain(Chain& chain, const definition::DefinitionFile& file) {
    definition::SyntaxAt at = definition::syntax_at(file, chain.offset);
    if (!at.stage) return;
    if (at.role == definition::SyntaxRole::Placeholder && at.placeholder) {
        chain.add(at.placeholder->name_range);
        chain.add(at.placeholder->range);
    }
    if (at.header_line) {
        const auto& line = *at.header_line;
        chain.add(at.range);
        chain.add(line.key);
        chain.add(line.value);
        chain.add(line.content);
    } else if (at.section) {
        const auto& section = *at.section;
        bool in_body = section.body.touches(chain.offset) && chain.offset >= section.body.begin;
        if (in_body && definition::is_script_section(section.kind)) {
            const Offset base = section.body.begin;
            add_shell(chain, slice(chain.text, section.body),
                      [base](TextRange r) { return TextRange{base + r.begin, base + r.end}; }, chain.offset - base);
        } else if (at.role != definition::SyntaxRole::SectionBody) {
            chain.add(at.range);
        }
        if (in_body) chain.add_line();
        else chain.add(section.header_line);
        chain.add_trimmed(section.body);
        chain.add_trimmed(section.range);
    }
    chain.add_trimmed(at.stage->range);
}

void dockerfile_chain(Chain& chain, const dockerfile::Dockerfile& file) {
    dockerfile::NodeAt node = dockerfile::node_at(file, chain.offset);
    const dockerfile::Instruction* top = dockerfile::instruction_at(file, chain.offset);
    if (node.kind == dockerfile::NodeKind::Comment || node.kind == dockerfile::NodeKind::Directive) {
        chain.add(node.range);
        return;
    }
    if (!top) return;
    if (node.kind != dockerfile::NodeKind::None) chain.add(node.range);
    if (node.flag) chain.add(node.flag->range);
    const dockerfile::Instruction* inner = node.instruction ? node.instruction : top;
    if (inner->arguments_range.touches(chain.offset)) {
        if (inner->keyword() == "RUN" && inner->form == dockerfile::ArgumentForm::Shell) {
            const auto& arguments = inner->arguments;
            // The logical offset of the position, found through the pieces.
            for (const auto& piece : arguments.pieces) {
                if (chain.offset < piece.document || chain.offset > piece.document + piece.length) continue;
                add_shell(chain, arguments.text,
                          [&arguments](TextRange r) { return r.empty() ? TextRange{} : arguments.to_document(r); },
                          piece.logical + (chain.offset - piece.document));
                break;
            }
        }
        chain.add(inner->arguments_range);
    }
    chain.add(inner->range);
    chain.add(top->range);
    for (std::size_t k = 0; k < file.stages.size(); ++k) {
        std::size_t first = file.stages[k].instruction;
        std::size_t end = k + 1 < file.stages.size() ? file.stages[k + 1].instruction : file.instructions.size();
        if (first >= end || end > file.instructions.size()) continue;
        chain.add({file.instructions[first].range.begin, file.instructions[end - 1].range.end});
    }
}

} // namespace

std::vector<TextRange> selection_chain(const AnalysisResult& analysis, std::string_view text, Offset offset) {
    Chain chain{text, std::min<Offset>(offset, static_cast<Offset>(text.size())), {}};
    if (analysis.definition) definition_chain(chain, *analysis.definition);
    else if (analysis.dockerfile) dockerfile_chain(chain, *analysis.dockerfile);
    TextRange file{0, static_cast<Offset>(text.size())};
    if (chain.ranges.empty() || chain.ranges.back() != file) {
        if (!chain.ranges.empty() && (chain.ranges.back().begin < file.begin || chain.ranges.back().end > file.end))
            chain.ranges.clear();
        chain.ranges.push_back(file);
    }
    return chain.ranges;
}

} // namespace cdls::features
