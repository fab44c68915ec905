// Section keywords, stage accessors and the offset queries of the definition syntax tree.
#include "analysis/definition/syntax.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace cdls::definition {
namespace {

constexpr std::array<std::pair<std::string_view, SectionKind>, 19> kSectionKeywords{{
    {"arguments", SectionKind::Arguments},   {"pre", SectionKind::Pre},
    {"setup", SectionKind::Setup},           {"files", SectionKind::Files},
    {"post", SectionKind::Post},             {"test", SectionKind::Test},
    {"environment", SectionKind::Environment}, {"startscript", SectionKind::Startscript},
    {"runscript", SectionKind::Runscript},   {"labels", SectionKind::Labels},
    {"help", SectionKind::Help},             {"appinstall", SectionKind::AppInstall},
    {"apphelp", SectionKind::AppHelp},       {"applabels", SectionKind::AppLabels},
    {"appenv", SectionKind::AppEnv},         {"appfiles", SectionKind::AppFiles},
    {"apprun", SectionKind::AppRun},         {"appstart", SectionKind::AppStart},
    {"apptest", SectionKind::AppTest},
}};

std::string_view view(std::string_view text, TextRange r) {
    if (r.end > text.size() || r.begin > r.end) return {};
    return text.substr(r.begin, r.length());
}

bool touches(TextRange r, Offset offset) { return !r.empty() && r.touches(offset); }

} // namespace

SectionKind section_kind(std::string_view name_lower) {
    for (auto [keyword, kind] : kSectionKeywords)
        if (keyword == name_lower) return kind;
    return SectionKind::Unknown;
}

std::string_view section_keyword(SectionKind kind) {
    for (auto [keyword, k] : kSectionKeywords)
        if (k == kind) return keyword;
    return {};
}

bool is_app_section(SectionKind kind) {
    switch (kind) {
    case SectionKind::AppInstall:
    case SectionKind::AppHelp:
    case SectionKind::AppLabels:
    case SectionKind::AppEnv:
    case SectionKind::AppFiles:
    case SectionKind::AppRun:
    case SectionKind::AppStart:
    case SectionKind::AppTest: return true;
    default: return false;
    }
}

bool is_script_section(SectionKind kind) {
    switch (kind) {
    case SectionKind::Pre:
    case SectionKind::Setup:
    case SectionKind::Post:
    case SectionKind::Test:
    case SectionKind::Environment:
    case SectionKind::Startscript:
    case SectionKind::Runscript:
    case SectionKind::AppInstall:
    case SectionKind::AppEnv:
    case SectionKind::AppRun:
    case SectionKind::AppStart:
    case SectionKind::AppTest: return true;
    default: return false;
    }
}

const HeaderLine* Stage::header_entry(std::string_view key_lower) const {
    const HeaderLine* found = nullptr;
    for (const HeaderLine& line : header.lines)
        if (line.kind == HeaderLineKind::Entry && line.key_lower == key_lower) found = &line;
    return found;
}

std::string_view Stage::agent(std::string_view text) const {
    const HeaderLine* line = header_entry("bootstrap");
    return line ? view(text, line->value) : std::string_view{};
}

std::string_view Stage::stage_name(std::string_view text) const {
    const HeaderLine* line = header_entry("stage");
    return line ? view(text, line->value) : std::string_view{};
}

bool Stage::has_content() const {
    if (!sections.empty()) return true;
    return std::any_of(header.lines.begin(), header.lines.end(), [](const HeaderLine& l) {
        return l.kind == HeaderLineKind::Entry || l.kind == HeaderLineKind::Invalid;
    });
}

bool DefinitionFile::is_empty() const {
    return std::none_of(stages.begin(), stages.end(), [](const Stage& s) { return s.has_content(); });
}

int stage_index_at(const DefinitionFile& file, Offset offset) {
    for (std::size_t i = 0; i < file.stages.size(); ++i) {
        const TextRange& r = file.stages[i].range;
        bool last = i + 1 == file.stages.size();
        if (r.contains(offset) || (last && offset == r.end)) return static_cast<int>(i);
    }
    return -1;
}

SyntaxAt syntax_at(const DefinitionFile& file, Offset offset) {
    SyntaxAt at;
    at.stage_index = stage_index_at(file, offset);
    if (at.stage_index < 0) return at;
    const Stage& stage = file.stages[static_cast<std::size_t>(at.stage_index)];
    at.stage = &stage;
    auto found = [&](SyntaxRole role, TextRange range) {
        at.role = role;
        at.range = range;
        return at;
    };
    auto placeholder_at = [&](const std::vector<Placeholder>& list) -> const Placeholder* {
        for (const Placeholder& p : list)
            if (p.range.touches(offset)) return &p;
        return nullptr;
    };
    if (stage.header.range.contains(offset) ||
        (offset == stage.header.range.end && stage.sections.empty() && !stage.header.range.empty())) {
        for (const HeaderLine& line : stage.header.lines) {
            if (!line.range.contains(offset) && !(offset == line.range.end && offset == file.text_size))
                continue;
            at.header_line = &line;
            if (const Placeholder* p = placeholder_at(stage.header.placeholders)) {
                at.placeholder = p;
                return found(SyntaxRole::Placeholder, p->name_range);
            }
            if (touches(line.key, offset)) return found(SyntaxRole::HeaderKey, line.key);
            if (line.kind == HeaderLineKind::Entry && line.value.touches(offset) &&
                offset > line.colon.begin) {
                bool is_stage = line.key_lower == "stage";
                return found(is_stage ? SyntaxRole::StageName : SyntaxRole::HeaderValue, line.value);
            }
            for (TextRange c : line.comments)
                if (c.touches(offset)) return found(SyntaxRole::HeaderComment, c);
            return at;
        }
        return at;
    }
    for (const Section& section : stage.sections) {
        bool last = &section == &stage.sections.back();
        if (!section.range.contains(offset) && !(last && offset == section.range.end)) continue;
        at.section = &section;
        if (const Placeholder* p = placeholder_at(section.placeholders)) {
            at.placeholder = p;
            return found(SyntaxRole::Placeholder, p->name_range);
        }
        if (touches(section.name, offset)) return found(SyntaxRole::SectionName, section.name);
        if (touches(section.app_name, offset)) return found(SyntaxRole::AppName, section.app_name);
        if (touches(section.from_stage, offset)) return found(SyntaxRole::FilesFromStage, section.from_stage);
        if (section.arguments.touches(offset) && offset <= section.header_line.end)
            return found(SyntaxRole::SectionArguments, section.arguments);
        for (const ArgumentLine& a : section.arguments_lines)
            if (touches(a.name, offset)) return found(SyntaxRole::ArgumentName, a.name);
        for (const LabelLine& l : section.labels)
            if (touches(l.key, offset)) return found(SyntaxRole::LabelKey, l.key);
        if (section.body.touches(offset)) return found(SyntaxRole::SectionBody, section.body);
        return at;
    }
    return at;
}

std::vector<const Placeholder*> stage_placeholders(const Stage& stage) {
    std::vector<const Placeholder*> all;
    for (const Placeholder& p : stage.header.placeholders) all.push_back(&p);
    for (const Section& s : stage.sections)
        for (const Placeholder& p : s.placeholders) all.push_back(&p);
    return all;
}

std::vector<TextRange> build_argument_occurrences(const Stage& stage, std::string_view name) {
    std::vector<TextRange> ranges;
    for (const Placeholder* p : stage_placeholders(stage))
        if (p->name == name) ranges.push_back(p->name_range);
    for (const Section& s : stage.sections)
        for (const ArgumentLine& a : s.arguments_lines)
            if (a.valid && a.name_text == name) ranges.push_back(a.name);
    std::sort(ranges.begin(), ranges.end(),
              [](TextRange a, TextRange b) { return a.begin < b.begin; });
    return ranges;
}

} // namespace cdls::definition
