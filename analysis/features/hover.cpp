// Hover: keyword docs, base images (catalogue), stages, build arguments and variables.
#include "analysis/features/hover.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/definition/keywords.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/dockerfile/syntax.hpp"
#include "analysis/features/completion_context.hpp"
#include "analysis/features/hover_docs.hpp"

#include <algorithm>

namespace cdls::features {

using detail::line_number;

namespace {

bool docker_family(std::string_view agent) {
    return agent == "docker" || agent == "docker-daemon" || agent == "FROM";
}

std::string image_markdown(const ImageReferenceFact& fact, const catalogue::Catalogue& catalogue) {
    std::string text = fact.resolved.empty() ? fact.text : fact.resolved;
    std::string out;
    if (!fact.resolved.empty() && fact.resolved != fact.text)
        out += "`" + fact.text + "` resolves to `" + fact.resolved +
               "` with the default build arguments.\n\n";
    std::string described = catalogue::describe_image_markdown(text, catalogue);
    if (!described.empty()) return out + described;
    auto reference = catalogue::parse_image_reference(text);
    if (!reference.valid) return {};
    out += "**" + reference.name + "** — not in the cdls catalogue.\n\n";
    if (reference.has_digest)
        out += "Pinned by digest `" + reference.digest + "`.\n";
    else if (!reference.has_tag)
        out += "No tag: Docker uses `latest`, which moves. Pin a version.\n";
    else if (catalogue::tag_floats_by_pattern(reference.tag))
        out += "Tag `" + reference.tag +
               "` looks floating (it names no full version). Pin a version or a digest.\n";
    else
        out += "Tag `" + reference.tag + "`.\n";
    return out;
}

const ImageReferenceFact* image_fact_at(const ContainerFacts& facts, Offset offset) {
    for (const auto& image : facts.images)
        if (image.range.touches(offset) && !image.range.empty()) return &image;
    return nullptr;
}

std::string build_argument_markdown(std::string_view text, const definition::Stage& stage,
                                    const std::string& name) {
    std::string out = "**{{ " + name + " }}** — build argument\n\n";
    const definition::ArgumentLine* found = nullptr;
    for (const auto& section : stage.sections)
        for (const auto& argument : section.arguments_lines)
            if (argument.valid && argument.name_text == name) found = &argument;
    if (found) {
        out += "Default `" + found->value_text + "` (%arguments, line " +
               std::to_string(line_number(text, found->name.begin)) +
               ").\n\nOverride it with `apptainer build --build-arg " + name + "=<value>`.\n";
    } else {
        out += "No default in %arguments: the build needs `--build-arg " + name + "=<value>`.\n";
    }
    std::size_t uses = definition::build_argument_occurrences(stage, name).size() - (found ? 1 : 0);
    out +=
        "\nUsed " + std::to_string(uses) + (uses == 1 ? " time" : " times") + " in this stage.\n";
    return out;
}

std::string definition_stage_markdown(std::string_view text, const definition::DefinitionFile& file,
                                      std::string_view name) {
    for (const auto& stage : file.stages) {
        if (stage.stage_name(text) != name) continue;
        std::string out = "**Stage `" + std::string(name) + "`** (line " +
                          std::to_string(line_number(text, stage.range.begin)) + ")\n\n";
        if (auto agent = stage.agent(text); !agent.empty())
            out += "Bootstrap: `" + std::string(agent) + "`\n\n";
        if (const auto* from = stage.header_entry("from"))
            out += "From: `" + from->value_text + "`\n";
        return out;
    }
    return "**Stage `" + std::string(name) +
           "`** — no stage of this file has `Stage: " + std::string(name) + "`.\n";
}

std::optional<HoverResult> hover_definition(const AnalysisResult& analysis, std::string_view text,
                                            Offset offset, const catalogue::Catalogue& catalogue) {
    const definition::DefinitionFile& file = *analysis.definition;
    definition::SyntaxAt at = definition::syntax_at(file, offset);
    auto result = [&](std::string markdown) -> std::optional<HoverResult> {
        if (markdown.empty()) return std::nullopt;
        return HoverResult{std::move(markdown), at.range};
    };
    switch (at.role) {
    case definition::SyntaxRole::SectionName:
        if (const KeywordDoc* doc = section_doc(at.section->name_lower))
            return result(keyword_markdown(*doc, "%" + std::string(doc->name), "singularity"));
        return std::nullopt;
    case definition::SyntaxRole::HeaderKey:
        if (const KeywordDoc* doc = header_key_doc(at.header_line->key_lower)) {
            std::string markdown = keyword_markdown(
                *doc, definition::header_keyword_spelling(at.header_line->key_lower),
                "singularity");
            return result(std::move(markdown));
        }
        return std::nullopt;
    case definition::SyntaxRole::HeaderValue: {
        const std::string& key = at.header_line->key_lower;
        if (key == "bootstrap") {
            if (const KeywordDoc* doc = agent_doc(at.header_line->value_text))
                return result(keyword_markdown(*doc, "Bootstrap: " + at.header_line->value_text,
                                               "singularity"));
            return std::nullopt;
        }
        if (key == "from") {
            const ImageReferenceFact* fact = image_fact_at(analysis.facts, offset);
            if (fact && docker_family(fact->agent)) {
                at.range = fact->range;
                return result(image_markdown(*fact, catalogue));
            }
        }
        return std::nullopt;
    }
    case definition::SyntaxRole::Placeholder:
    case definition::SyntaxRole::ArgumentName:
        if (!at.stage) return std::nullopt;
        return result(build_argument_markdown(text, *at.stage, std::string(slice(text, at.range))));
    case definition::SyntaxRole::FilesFromStage:
        return result(definition_stage_markdown(text, file, slice(text, at.range)));
    default:
        return std::nullopt;
    }
}

std::string dockerfile_stage_markdown(std::string_view text, const dockerfile::Dockerfile& file,
                                      std::string_view name) {
    const dockerfile::Stage* stage = file.find_stage(name);
    if (!stage) return {};
    const auto& from = file.instructions[stage->instruction];
    std::string out = "**Stage `" + stage->name + "`** (line " +
                      std::to_string(line_number(text, from.range.begin)) + ")\n\n";
    Offset end = std::max(from.keyword_range.end, from.arguments_range.end);
    out +=
        "```dockerfile\n" + std::string(slice(text, {from.keyword_range.begin, end})) + "\n```\n";
    return out;
}

std::string variable_markdown(std::string_view text, const dockerfile::Dockerfile& file,
                              const std::string& name, Offset offset) {
    for (const auto& variable : detail::visible_variables(file, offset)) {
        if (variable.name != name) continue;
        if (variable.origin == "automatic ARG")
            return "**$" + name +
                   "** — automatic platform ARG, set by BuildKit. Inside a stage declare `ARG " +
                   name + "` before using it.\n";
        std::string out = "**$" + name + "** — " + variable.origin + " (line " +
                          std::to_string(line_number(text, variable.range.begin)) + ")\n\n";
        out += variable.has_value ? "Value: `" + variable.value + "`\n"
                                  : "No default: set it with `--build-arg " + name + "=<value>`.\n";
        if (variable.origin == "global ARG")
            out += "\nA global ARG is usable in FROM; inside a stage only after `ARG " + name +
                   "` there.\n";
        return out;
    }
    return "**$" + name +
           "** — not defined by an ARG or ENV before this line (it may come from the base "
           "image).\n";
}

std::optional<HoverResult> hover_dockerfile(const AnalysisResult& analysis, std::string_view text,
                                            Offset offset, const catalogue::Catalogue& catalogue) {
    const dockerfile::Dockerfile& file = *analysis.dockerfile;
    dockerfile::NodeAt node = dockerfile::node_at(file, offset);
    auto result = [&](std::string markdown, TextRange range) -> std::optional<HoverResult> {
        if (markdown.empty()) return std::nullopt;
        return HoverResult{std::move(markdown), range};
    };
    switch (node.kind) {
    case dockerfile::NodeKind::Keyword:
        if (const KeywordDoc* doc =
                instruction_doc(node.instruction ? node.instruction->keyword()
                                                 : std::string_view(node.text)))
            return result(keyword_markdown(*doc, doc->name, "dockerfile"), node.range);
        return std::nullopt;
    case dockerfile::NodeKind::FlagName:
        if (node.instruction && node.flag)
            if (const KeywordDoc* doc = flag_doc(node.instruction->keyword(), node.flag->name))
                return result(keyword_markdown(
                                  *doc,
                                  std::string(node.instruction->keyword()) + " --" +
                                      std::string(doc->name),
                                  "dockerfile"),
                              node.range);
        return std::nullopt;
    case dockerfile::NodeKind::Directive:
        if (const KeywordDoc* doc = directive_doc(node.text))
            return result(keyword_markdown(*doc, "# " + std::string(doc->name), "dockerfile"),
                          node.range);
        return std::nullopt;
    case dockerfile::NodeKind::Image: {
        const ImageReferenceFact* fact = image_fact_at(analysis.facts, offset);
        if (!fact) return std::nullopt;
        return result(image_markdown(*fact, catalogue), fact->range);
    }
    case dockerfile::NodeKind::StageReference:
    case dockerfile::NodeKind::StageName: {
        std::string markdown = dockerfile_stage_markdown(text, file, node.text);
        if (markdown.empty() && node.kind == dockerfile::NodeKind::StageReference) {
            // `COPY --from=<image>`: not a stage but an image.
            ImageReferenceFact fact;
            fact.text = node.text;
            fact.agent = "FROM";
            markdown = image_markdown(fact, catalogue);
        }
        return result(std::move(markdown), node.range);
    }
    case dockerfile::NodeKind::Variable:
        return result(variable_markdown(text, file, node.text, offset), node.range);
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<HoverResult> hover(const AnalysisResult& analysis, std::string_view text,
                                 Offset offset, const HoverOptions& options) {
    if (offset > text.size()) return std::nullopt;
    const catalogue::Catalogue& catalogue =
        options.catalogue ? *options.catalogue : catalogue::Catalogue::builtin();
    if (analysis.kind == DocumentKind::Definition)
        return analysis.definition ? hover_definition(analysis, text, offset, catalogue)
                                   : std::nullopt;
    return analysis.dockerfile ? hover_dockerfile(analysis, text, offset, catalogue) : std::nullopt;
}

std::string markdown_to_plain(std::string_view markdown) {
    std::string out;
    out.reserve(markdown.size());
    std::size_t i = 0;
    bool line_start = true;
    while (i < markdown.size()) {
        if (line_start && markdown.substr(i, 3) == "```") {
            std::size_t end = markdown.find('\n', i);
            i = end == std::string_view::npos ? markdown.size() : end + 1;
            continue;
        }
        char c = markdown[i];
        if (c == '*' && i + 1 < markdown.size() && markdown[i + 1] == '*') {
            i += 2;
            line_start = false;
            continue;
        }
        if (c == '`') {
            ++i;
            line_start = false;
            continue;
        }
        if (c == '[') {
            std::size_t close = markdown.find("](", i);
            std::size_t paren = close == std::string_view::npos ? close : markdown.find(')', close);
            std::size_t newline = markdown.find('\n', i);
            if (paren != std::string_view::npos &&
                (newline == std::string_view::npos || paren < newline)) {
                out.append(markdown.substr(i + 1, close - i - 1));
                out += " (";
                out.append(markdown.substr(close + 2, paren - close - 2));
                out += ")";
                i = paren + 1;
                line_start = false;
                continue;
            }
        }
        out += c;
        line_start = c == '\n';
        ++i;
    }
    return out;
}

} // namespace cdls::features
