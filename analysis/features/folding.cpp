// Folding ranges of definition files and Dockerfiles.
#include "analysis/features/folding.hpp"

#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/shell/tokenizer.hpp"

#include <algorithm>

namespace cdls::features {
namespace {

struct Collector {
    std::string_view text;
    std::vector<FoldingRange> out;

    // Adds [begin, end) with trailing blanks dropped, when it spans two lines or more.
    void add(TextRange range, FoldingKind kind = FoldingKind::Region) {
        Offset end = std::min<Offset>(range.end, static_cast<Offset>(text.size()));
        while (end > range.begin && definition::is_blank(text[end - 1])) --end;
        if (end <= range.begin) return;
        if (text.substr(range.begin, end - range.begin).find('\n') == std::string_view::npos) return;
        out.push_back({{range.begin, end}, kind});
    }

    // Own-line comments (sorted) merged into blocks of consecutive lines.
    void add_comment_blocks(std::vector<TextRange> comments) {
        std::sort(comments.begin(), comments.end(), [](TextRange a, TextRange b) { return a.begin < b.begin; });
        for (std::size_t i = 0; i < comments.size();) {
            std::size_t j = i;
            while (j + 1 < comments.size() && one_line_break_between(comments[j].end, comments[j + 1].begin)) ++j;
            if (j > i) add({comments[i].begin, comments[j].end}, FoldingKind::Comment);
            i = j + 1;
        }
    }

    bool one_line_break_between(Offset a, Offset b) const {
        if (a > b || b > text.size()) return false;
        std::string_view between = text.substr(a, b - a);
        if (std::count(between.begin(), between.end(), '\n') != 1) return false;
        return std::all_of(between.begin(), between.end(), [](char c) { return definition::is_blank(c); });
    }
};

bool runs_posix_shell(const definition::Section& section, std::string_view text) {
    if (section.shell.empty()) return true;
    std::string_view base = shell::command_basename(slice(text, section.shell));
    return base == "sh" || base == "bash" || base == "dash" || base == "ash" || base == "ksh" || base == "zsh" ||
           base == "busybox";
}

void fold_script(Collector& c, const definition::Section& section) {
    std::string_view body = slice(c.text, section.body);
    shell::Script script = shell::tokenize(body);
    const Offset base = section.body.begin;
    for (const auto& command : script.commands) {
        if (command.depth == 0) c.add({base + command.range.begin, base + command.range.end});
        for (const auto& heredoc : command.heredocs) {
            Offset end = heredoc.body.end;
            if (heredoc.terminated) end = definition::line_at(body, heredoc.body.end).content_end;
            // From the command holding the operator to the terminator.
            c.add({base + command.range.begin, base + end});
        }
    }
}

void fold_definition(Collector& c, const definition::DefinitionFile& file) {
    int stages = static_cast<int>(std::count_if(file.stages.begin(), file.stages.end(),
                                                [](const auto& s) { return s.has_content(); }));
    std::vector<TextRange> comments;
    for (const auto& stage : file.stages) {
        if (stages > 1 && stage.has_content()) c.add(stage.range);
        for (const auto& line : stage.header.lines) {
            if (line.kind == definition::HeaderLineKind::Comment) comments.push_back(line.content);
            if (line.kind == definition::HeaderLineKind::Entry) c.add(line.content);
        }
        for (const auto& section : stage.sections) {
            c.add(section.range);
            for (const auto& comment : section.comments)
                if (comment.own_line) comments.push_back(comment.range);
            if (definition::is_script_section(section.kind) && runs_posix_shell(section, c.text))
                fold_script(c, section);
        }
    }
    c.add_comment_blocks(std::move(comments));
}

void fold_dockerfile(Collector& c, const dockerfile::Dockerfile& file) {
    const auto& instructions = file.instructions;
    if (file.stages.size() > 1) {
        for (std::size_t k = 0; k < file.stages.size(); ++k) {
            std::size_t first = file.stages[k].instruction;
            std::size_t end = k + 1 < file.stages.size() ? file.stages[k + 1].instruction : instructions.size();
            if (first < end && end <= instructions.size())
                c.add({instructions[first].range.begin, instructions[end - 1].range.end});
        }
    }
    std::vector<TextRange> comments = file.comments;
    for (const auto& instruction : instructions) {
        c.add(instruction.range);
        Offset first_line_end = definition::line_at(c.text, instruction.range.begin).end;
        for (const auto& heredoc : instruction.heredocs()) {
            // A heredoc opened on the instruction's first line folds with the instruction.
            if (heredoc.marker_range.begin < first_line_end) continue;
            Offset end = heredoc.terminated ? heredoc.terminator_range.end : heredoc.body_range.end;
            c.add({heredoc.marker_range.begin, end});
        }
        auto inside = instruction.comments();
        comments.insert(comments.end(), inside.begin(), inside.end());
    }
    c.add_comment_blocks(std::move(comments));
}

} // namespace

std::vector<FoldingRange> folding_ranges(const AnalysisResult& analysis, std::string_view text) {
    Collector c{text, {}};
    if (analysis.definition) fold_definition(c, *analysis.definition);
    else if (analysis.dockerfile) fold_dockerfile(c, *analysis.dockerfile);
    std::sort(c.out.begin(), c.out.end(), [](const FoldingRange& a, const FoldingRange& b) {
        if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
        return a.range.end > b.range.end;
    });
    c.out.erase(std::unique(c.out.begin(), c.out.end(),
                            [](const FoldingRange& a, const FoldingRange& b) { return a.range == b.range; }),
                c.out.end());
    return c.out;
}

} // namespace cdls::features
