// Turns a definition syntax tree into the neutral ContainerFacts the shared and image rules read.
#include "analysis/definition/facts_builder.hpp"

#include "analysis/definition/keywords.hpp"
#include "analysis/definition/placeholders.hpp"

#include <algorithm>
#include <map>

namespace cdls::definition {
namespace {

using Defaults = std::map<std::string, std::string, std::less<>>;

Defaults stage_defaults(const Stage& stage) {
    Defaults defaults;
    for (const Section& s : stage.sections)
        for (const ArgumentLine& a : s.arguments_lines)
            if (a.valid) defaults[a.name_text] = a.value_text;
    return defaults;
}

// `value` with its placeholders replaced by their defaults; empty when one has none.
std::string resolve(std::string_view value, const Defaults& defaults) {
    std::string out;
    Offset at = 0;
    for (const Placeholder& p : find_placeholders(value)) {
        if (p.in_comment) continue;
        auto it = defaults.find(p.name);
        if (it == defaults.end()) return {};
        out.append(value.substr(at, p.range.begin - at));
        out.append(it->second);
        at = p.range.end;
    }
    out.append(value.substr(at));
    return out;
}

ShellContext context_of(SectionKind kind) {
    switch (kind) {
    case SectionKind::Pre:
    case SectionKind::Setup: return ShellContext::Setup;
    case SectionKind::Post:
    case SectionKind::AppInstall: return ShellContext::Build;
    case SectionKind::Environment:
    case SectionKind::AppEnv: return ShellContext::Environment;
    default: return ShellContext::Runtime;
    }
}

std::string origin_of(std::string_view text, const Section& section) {
    // Built by appending: GCC 12 reports a false -Wrestrict for `"%" + std::string(...)` at -O3.
    std::string origin = "%";
    origin.append(section_keyword(section.kind));
    if (!section.app_name.empty()) {
        origin += ' ';
        origin.append(slice(text, section.app_name));
    }
    return origin;
}

// The range of a %files source without its quotes.
TextRange unquoted(std::string_view text, TextRange r) {
    while (r.begin < r.end && (text[r.begin] == '"' || text[r.begin] == '\'')) ++r.begin;
    while (r.end > r.begin && (text[r.end - 1] == '"' || text[r.end - 1] == '\'')) --r.end;
    return r;
}

void add_image(const Stage& stage, const HeaderLine* bootstrap, std::string_view text, ContainerFacts& facts) {
    const HeaderLine* from = stage.header_entry("from");
    if (!bootstrap || !from || from->value_text.empty()) return;
    std::string agent(slice(text, bootstrap->value));
    if (!agent_uses_from(agent)) return;
    ImageReferenceFact image;
    image.text = from->value_text;
    image.range = from->value;
    image.agent = std::move(agent);
    image.has_variables = image.text.find("{{") != std::string::npos;
    if (image.has_variables) image.resolved = resolve(image.text, stage_defaults(stage));
    facts.images.push_back(std::move(image));
}

// Reserves each list of facts for the whole file: they are filled one item at a time.
void reserve(const DefinitionFile& file, ContainerFacts& facts) {
    std::size_t bodies = 0, copies = 0, assignments = 0, labels = 0, comments = 0;
    for (const Stage& stage : file.stages) {
        for (const HeaderLine& line : stage.header.lines) comments += line.comments.size();
        for (const Section& section : stage.sections) {
            bodies += is_script_section(section.kind) ? 1 : 0;
            copies += section.files.size();
            assignments += section.arguments_lines.size();
            labels += section.labels.size();
            comments += section.comments.size();
        }
    }
    facts.images.reserve(file.stages.size());
    facts.shell_bodies.reserve(bodies);
    facts.copies.reserve(copies);
    facts.assignments.reserve(assignments);
    facts.labels.reserve(labels);
    facts.comments.reserve(comments);
}

void add_section(const Section& section, std::string_view text, ContainerFacts& facts) {
    if (is_script_section(section.kind)) {
        ShellBodyFact body;
        body.script = MappedText::contiguous(slice(text, section.body), section.body.begin);
        body.context = context_of(section.kind);
        body.origin = origin_of(text, section);
        body.range = section.body;
        body.stamp = new_fact_stamp();
        facts.shell_bodies.push_back(std::move(body));
    }
    for (const FileLine& f : section.files) {
        CopiedSourceFact copy;
        copy.path = f.source_text;
        copy.range = unquoted(text, f.source);
        copy.origin = origin_of(text, section);
        copy.from_stage = !section.from_stage.empty();
        facts.copies.push_back(std::move(copy));
    }
    for (const ArgumentLine& a : section.arguments_lines) {
        if (!a.valid) continue;
        AssignmentFact assignment;
        assignment.name = a.name_text;
        assignment.value = a.value_text;
        assignment.name_range = a.name;
        assignment.value_range = a.value;
        assignment.origin = "%arguments";
        assignment.literal = a.value_text.find("{{") == std::string::npos &&
                             a.value_text.find('$') == std::string::npos;
        assignment.stamp = new_fact_stamp();
        facts.assignments.push_back(std::move(assignment));
    }
    for (const LabelLine& l : section.labels) {
        facts.labels.push_back(
            {std::string(slice(text, l.key)), std::string(slice(text, l.value)), l.key, l.value, new_fact_stamp()});
    }
    for (const BodyComment& c : section.comments)
        facts.comments.push_back(comment_fact(text, c.range, c.own_line));
}

} // namespace

void add_stage_facts(const Stage& stage, std::string_view text, ContainerFacts& facts) {
    const HeaderLine* bootstrap = stage.header_entry("bootstrap");
    add_image(stage, bootstrap, text, facts);
    for (const HeaderLine& line : stage.header.lines) {
        for (TextRange c : line.comments) {
            bool own_line = line.kind == HeaderLineKind::Comment;
            facts.comments.push_back(comment_fact(text, c, own_line));
        }
    }
    for (const Section& section : stage.sections) add_section(section, text, facts);
}

bool place_file_facts(const DefinitionFile& file, ContainerFacts& facts) {
    facts.kind = DocumentKind::Definition;
    facts.label_insertion_point = static_cast<Offset>(file.text_size);
    facts.has_labels_section = false;
    facts.document_anchor = {};
    for (const Stage& stage : file.stages) {
        for (const Section& section : stage.sections) {
            if (section.kind != SectionKind::Labels) continue;
            facts.has_labels_section = true;
            facts.label_insertion_point = section.body.end;
        }
        const HeaderLine* bootstrap = stage.header_entry("bootstrap");
        if (facts.document_anchor.empty() && bootstrap)
            facts.document_anchor = {bootstrap->key.begin, std::max(bootstrap->value.end, bootstrap->colon.end)};
    }
    // Blocks come in document order and each lists its comments in order, so this is sorted
    // already; the check keeps it so (and costs one pass, not a sort).
    auto by_start = [](const CommentFact& a, const CommentFact& b) { return a.range.begin < b.range.begin; };
    if (std::is_sorted(facts.comments.begin(), facts.comments.end(), by_start)) return true;
    std::stable_sort(facts.comments.begin(), facts.comments.end(), by_start);
    return false;
}

ContainerFacts build_facts(const DefinitionFile& file, std::string_view text) {
    ContainerFacts facts;
    reserve(file, facts);
    for (const Stage& stage : file.stages) add_stage_facts(stage, text, facts);
    place_file_facts(file, facts);
    return facts;
}

void reserve_facts(const DefinitionFile& file, ContainerFacts& facts) { reserve(file, facts); }

} // namespace cdls::definition
