// Completion in definition files: sections, header keys and values, base images and tags,
// `%files from` stages, `{{ build arguments }}`, `%post -c` shells.
#include "analysis/definition/keywords.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/syntax.hpp"
#include "analysis/features/completion_context.hpp"
#include "analysis/features/hover_docs.hpp"

#include <algorithm>
#include <array>

namespace cdls::features {

using namespace detail;
using definition::Section;
using definition::Stage;

namespace {

// The header keys that mean something for an agent (Bootstrap and Stage apart).
std::vector<std::string_view> keys_for_agent(std::string_view agent) {
    if (agent == "docker") return {"from", "registry", "namespace", "includecmd"};
    if (agent == "docker-archive" || agent == "docker-daemon" || agent == "oci" ||
        agent == "oci-archive" || agent == "shub")
        return {"from"};
    if (agent == "library") return {"from", "library", "fingerprints"};
    if (agent == "oras" || agent == "localimage") return {"from", "fingerprints"};
    if (agent == "yum" || agent == "dnf")
        return {"mirrorurl", "osversion", "updateurl", "include", "setopt"};
    if (agent == "debootstrap") return {"osversion", "mirrorurl", "include"};
    if (agent == "zypper")
        return {"mirrorurl", "osversion",  "updateurl",   "include", "product",  "user",
                "regcode",   "productpgp", "registerurl", "modules", "otherurl0"};
    if (agent == "busybox") return {"mirrorurl"};
    if (agent == "buildkit" || agent == "dockerfile")
        return {"from", "target", "frontend", "filename", "buildargs"};
    if (agent == "arch" || agent == "scratch") return {};
    std::vector<std::string_view> all;
    for (std::string_view key : definition::header_keywords())
        if (key != "bootstrap" && key != "stage") all.push_back(key);
    return all;
}

bool agent_takes_docker_image(std::string_view agent) {
    return agent == "docker" || agent == "docker-daemon";
}

std::string section_snippet(std::string_view name) {
    std::string head = "%" + std::string(name);
    if (definition::is_app_section(definition::section_kind(name))) head += " ${1:app}";
    return head + "\n    $0";
}

void complete_sections(std::string_view text, const CursorLine& line, Offset percent,
                       std::vector<CompletionItem>& out) {
    TextRange range = extend_right(text, line, percent, is_name_char);
    bool rest_blank = std::all_of(text.begin() + range.end, text.begin() + line.end,
                                  [](char c) { return is_blank(c); });
    std::size_t index = 0;
    for (const KeywordDoc& doc : section_docs()) {
        CompletionItem item;
        item.label = "%" + std::string(doc.name);
        item.kind = CompletionKind::Keyword;
        std::string_view summary = doc.summary;
        item.detail = std::string(summary.substr(0, summary.find(". ") == std::string_view::npos
                                                        ? summary.size()
                                                        : summary.find(". ") + 1));
        item.documentation = keyword_markdown(doc, item.label, "singularity");
        item.sort_text = numbered(index++);
        item.edit = {range, item.label};
        if (rest_blank) item.snippet = section_snippet(doc.name);
        out.push_back(std::move(item));
    }
}

const Stage* stage_at(const definition::DefinitionFile& file, Offset offset) {
    int index = definition::stage_index_at(file, offset);
    if (index < 0 || static_cast<std::size_t>(index) >= file.stages.size()) return nullptr;
    return &file.stages[static_cast<std::size_t>(index)];
}

bool in_header(const Stage& stage, Offset line_begin) {
    return stage.sections.empty() || line_begin < stage.sections.front().range.begin;
}

void complete_header_keys(std::string_view text, const Stage* stage, const CursorLine& line,
                          TextRange word, std::vector<CompletionItem>& out) {
    std::string_view agent = stage ? stage->agent(text) : std::string_view{};
    std::vector<std::string_view> keys;
    if (!stage || !stage->header_entry("bootstrap") ||
        line.begin <= stage->header_entry("bootstrap")->range.begin)
        keys.push_back("bootstrap");
    else {
        auto required = definition::required_header_keywords(agent, false);
        for (std::string_view key : keys_for_agent(agent))
            keys.push_back(key);
        std::stable_partition(keys.begin(), keys.end(), [&](std::string_view k) {
            return std::find(required.begin(), required.end(), k) != required.end();
        });
        keys.push_back("stage");
    }
    // A key already written (on another line) is not offered again.
    if (stage)
        std::erase_if(keys, [&](std::string_view key) {
            const definition::HeaderLine* entry = stage->header_entry(key);
            return entry && !(entry->range.begin <= line.begin && line.begin < entry->range.end);
        });
    Offset after_word = word.end;
    while (after_word < line.end && is_blank(text[after_word]))
        ++after_word;
    bool has_colon = after_word < line.end && text[after_word] == ':';
    std::size_t index = 0;
    for (std::string_view key : keys) {
        std::string spelling(definition::header_keyword_spelling(key));
        CompletionItem item;
        item.label = spelling;
        item.kind = CompletionKind::Property;
        if (const KeywordDoc* doc = header_key_doc(key)) {
            item.documentation = keyword_markdown(*doc, spelling, "singularity");
            item.detail = "header keyword";
        }
        item.sort_text = numbered(index++);
        item.edit = {word, has_colon ? spelling : spelling + ": "};
        item.retrigger = !has_colon && (key == "bootstrap" || key == "from");
        out.push_back(std::move(item));
    }
}

void complete_agents(TextRange word, std::vector<CompletionItem>& out) {
    std::size_t index = 0;
    for (std::string_view agent : definition::bootstrap_agents()) {
        CompletionItem item;
        item.label = std::string(agent);
        item.kind = CompletionKind::Value;
        if (const KeywordDoc* doc = agent_doc(agent)) {
            item.detail = std::string(doc->summary);
            item.documentation = keyword_markdown(*doc, "Bootstrap: " + item.label, "singularity");
        }
        // The agents that reuse published images first: that is the habit to teach.
        item.sort_text =
            (agent == "docker" || agent == "library" || agent == "oras" || agent == "localimage"
                 ? "0"
                 : "1") +
            numbered(index++);
        item.edit = {word, item.label};
        out.push_back(std::move(item));
    }
}

void complete_build_arguments(std::string_view text, const Stage* stage, const CursorLine& line,
                              Offset name_begin, std::vector<CompletionItem>& out) {
    if (!stage) return;
    TextRange range = extend_right(text, line, name_begin, is_name_char);
    std::string_view rest = text.substr(range.end, line.end - range.end);
    std::size_t first = rest.find_first_not_of(" \t");
    bool closed = first != std::string_view::npos && rest.substr(first, 2) == "}}";
    std::vector<std::string> seen;
    auto add = [&](std::string name, std::string detail, std::string documentation) {
        if (name.empty() || std::find(seen.begin(), seen.end(), name) != seen.end()) return;
        seen.push_back(name);
        CompletionItem item;
        item.label = name;
        item.kind = CompletionKind::Variable;
        item.detail = std::move(detail);
        item.documentation = std::move(documentation);
        item.sort_text = numbered(seen.size());
        item.edit = {range, closed ? name : name + " }}"};
        out.push_back(std::move(item));
    };
    for (const Section& section : stage->sections)
        for (const definition::ArgumentLine& argument : section.arguments_lines)
            if (argument.valid)
                add(argument.name_text, "= " + argument.value_text,
                    "Build argument `" + argument.name_text + "`: default `" + argument.value_text +
                        "` (%arguments, line " +
                        std::to_string(line_number(text, argument.name.begin)) +
                        "); `apptainer build --build-arg " + argument.name_text +
                        "=<value>` overrides it.");
    for (const definition::Placeholder* placeholder : definition::stage_placeholders(*stage))
        if (!placeholder->range.touches(line.cursor))
            add(placeholder->name, "no default",
                "Build argument `" + placeholder->name +
                    "` has no default in %arguments: the build needs `--build-arg " +
                    placeholder->name + "=<value>`.");
}

// `%name args` header lines: shells after `-c`, stages after `%files from`, app names.
void complete_section_arguments(std::string_view text, const definition::DefinitionFile& file,
                                const Stage* stage, const CursorLine& line, std::string_view name,
                                std::vector<CompletionItem>& out) {
    std::string name_lower = ascii_lower(name);
    definition::SectionKind kind = definition::section_kind(name_lower);
    TextRange word = word_around(text, line);
    std::string_view typed = text.substr(word.begin, line.cursor - word.begin);
    // The words between the section name and the current word.
    std::string_view head = line.before.substr(0, word.begin - line.begin);
    std::size_t name_end = head.find(name) + name.size();
    std::string_view between = head.substr(std::min(name_end, head.size()));
    std::vector<std::string_view> previous;
    for (std::size_t i = 0; i < between.size();) {
        while (i < between.size() && is_blank(between[i]))
            ++i;
        std::size_t j = i;
        while (j < between.size() && !is_blank(between[j]))
            ++j;
        if (j > i) previous.push_back(between.substr(i, j - i));
        i = j;
    }
    auto value = [&](std::string label, CompletionKind item_kind, std::string detail) {
        CompletionItem item;
        item.label = label;
        item.kind = item_kind;
        item.detail = std::move(detail);
        item.sort_text = numbered(out.size());
        item.edit = {word, std::move(label)};
        out.push_back(std::move(item));
    };
    if (definition::is_script_section(kind)) {
        if (!previous.empty() && previous.back() == "-c") {
            for (std::string_view shell : {"/bin/bash", "/bin/sh", "/bin/ash", "/bin/zsh"})
                value(std::string(shell), CompletionKind::Value, "shell that runs the section");
            return;
        }
        bool app = definition::is_app_section(kind);
        if ((!app || !previous.empty()) &&
            std::find(previous.begin(), previous.end(), "-c") == previous.end() &&
            (typed.empty() || typed.front() == '-')) {
            CompletionItem item;
            item.label = "-c";
            item.kind = CompletionKind::Property;
            item.detail = "run the section with another shell";
            item.documentation =
                "`%" + name_lower + " -c /bin/bash` runs the section with bash instead of /bin/sh.";
            item.edit = {word, "-c "};
            item.retrigger = true;
            out.push_back(std::move(item));
        }
    }
    if (!stage) return;
    if (definition::is_app_section(kind) && previous.empty()) {
        for (const Section& section : stage->sections) {
            if (section.app_name.empty() || section.app_name.touches(line.cursor)) continue;
            std::string app(slice(text, section.app_name));
            if (std::none_of(out.begin(), out.end(),
                             [&](const CompletionItem& i) { return i.label == app; }))
                value(app, CompletionKind::Reference, "app");
        }
        return;
    }
    if (kind == definition::SectionKind::Files || kind == definition::SectionKind::AppFiles) {
        std::size_t skip = kind == definition::SectionKind::AppFiles ? 1 : 0;
        std::vector<std::string> stages;
        for (const Stage& other : file.stages)
            if (&other != stage && !other.stage_name(text).empty())
                stages.emplace_back(other.stage_name(text));
        if (previous.size() == skip + 1 && ascii_lower(previous.back()) == "from") {
            for (const std::string& s : stages)
                value(s, CompletionKind::Reference, "stage");
        } else if (previous.size() == skip && !stages.empty()) {
            CompletionItem item;
            item.label = "from";
            item.kind = CompletionKind::Keyword;
            item.detail = "copy from another stage";
            item.edit = {word, "from "};
            item.retrigger = true;
            out.push_back(std::move(item));
        }
    }
}

} // namespace

std::vector<CompletionItem> complete_definition(const AnalysisResult& analysis,
                                                std::string_view text, Offset offset,
                                                const catalogue::Catalogue& catalogue) {
    const definition::DefinitionFile& file = *analysis.definition;
    std::vector<CompletionItem> out;
    CursorLine line = cursor_line(text, offset);
    const Stage* stage = stage_at(file, offset);

    // `{{ name` not yet closed on this line: build arguments.
    if (std::size_t open = line.before.rfind("{{");
        open != std::string_view::npos && line.before.find("}}", open) == std::string_view::npos) {
        std::string_view inside = line.before.substr(open + 2);
        std::size_t name_start = inside.find_first_not_of(" \t");
        if (name_start == std::string_view::npos) name_start = inside.size();
        if (std::all_of(inside.begin() + static_cast<std::ptrdiff_t>(name_start), inside.end(),
                        is_name_char)) {
            complete_build_arguments(text, stage, line,
                                     line.begin + static_cast<Offset>(open + 2 + name_start), out);
            return out;
        }
    }

    std::size_t indent = line.before.find_first_not_of(" \t");
    std::string_view trimmed =
        indent == std::string_view::npos ? std::string_view{} : line.before.substr(indent);
    if (!trimmed.empty() && trimmed.front() == '%') {
        std::string_view rest = trimmed.substr(1);
        if (std::all_of(rest.begin(), rest.end(), is_name_char)) {
            complete_sections(text, line, line.begin + static_cast<Offset>(indent), out);
            return out;
        }
        std::size_t name_length = 0;
        while (name_length < rest.size() && is_name_char(rest[name_length]))
            ++name_length;
        complete_section_arguments(text, file, stage, line, rest.substr(0, name_length), out);
        return out;
    }

    if (stage && !in_header(*stage, line.begin))
        return out; // a section body: shell, files, labels ...
    if (!trimmed.empty() && trimmed.front() == '#') return out;

    std::size_t colon = trimmed.find(':');
    if (colon == std::string_view::npos) {
        if (!std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return is_name_char(c); }))
            return out;
        Offset key_begin =
            line.begin +
            static_cast<Offset>(indent == std::string_view::npos ? line.before.size() : indent);
        complete_header_keys(text, stage, line, extend_right(text, line, key_begin, is_name_char),
                             out);
        return out;
    }
    std::string key = ascii_lower(trimmed.substr(0, colon));
    while (!key.empty() && is_blank(key.back()))
        key.pop_back();
    TextRange word = word_around(text, line);
    if (word.begin < line.begin + indent + colon + 1)
        word.begin = line.begin + static_cast<Offset>(indent + colon + 1);
    if (word.begin > line.cursor) return out;
    if (key == "bootstrap") {
        complete_agents(word, out);
    } else if (key == "from") {
        std::string_view agent = stage ? stage->agent(text) : std::string_view{};
        if (agent_takes_docker_image(agent))
            complete_image_reference(text, word, line.cursor, catalogue, out);
    }
    return out;
}

} // namespace cdls::features
