// The definition-file parser: document layout (stages, header, sections), block parsers and the
// assembly of the blocks into one tree. Follows apptainer's pkg/build/types/parser.
#include "analysis/definition/parser.hpp"

#include "analysis/definition/lines.hpp"
#include "analysis/definition/placeholders.hpp"
#include "analysis/definition/shell_scan.hpp"

namespace cdls::definition {
namespace {

bool is_bootstrap_line(std::string_view text, Offset at) {
    return starts_with_ignore_case(text.substr(at), "bootstrap:");
}

// bufio.ScanWords' first word of the line starts with `%`.
bool is_section_line(std::string_view text, const PhysicalLine& line) {
    TextRange word = next_word(text, line.begin, line.content_end);
    return !word.empty() && text[word.begin] == '%';
}

void shift_all(std::vector<Placeholder>& placeholders, std::ptrdiff_t delta) {
    for (Placeholder& p : placeholders) {
        shift_range(p.range, delta);
        shift_range(p.name_range, delta);
    }
}

std::string_view view(std::string_view text, TextRange r) { return text.substr(r.begin, r.length()); }

} // namespace

DocumentLayout layout_document(std::string_view text) {
    DocumentLayout layout;
    Offset start = 0;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        layout.bom = {0, 3};
        start = 3;
    }
    // Stage starts: column-0 `bootstrap:` lines (apptainer's `(?mi)^bootstrap:`).
    std::vector<Offset> starts;
    for (Offset pos = start; pos < text.size();) {
        if (is_bootstrap_line(text, pos)) starts.push_back(pos);
        PhysicalLine line = line_at(text, pos);
        pos = line.end;
    }
    std::vector<std::pair<TextRange, bool>> stage_ranges;
    Offset first = starts.empty() ? static_cast<Offset>(text.size()) : starts.front();
    if (first > start || starts.empty()) stage_ranges.push_back({{start, first}, false});
    for (std::size_t i = 0; i < starts.size(); ++i) {
        Offset stop = i + 1 < starts.size() ? starts[i + 1] : static_cast<Offset>(text.size());
        stage_ranges.push_back({{starts[i], stop}, true});
    }
    for (auto [range, at_bootstrap] : stage_ranges) {
        StageLayout stage;
        stage.range = range;
        stage.starts_at_bootstrap = at_bootstrap;
        Offset section_start = range.end;
        std::vector<Offset> section_starts;
        for (Offset pos = range.begin; pos < range.end;) {
            PhysicalLine line = line_at(text.substr(0, range.end), pos);
            if (is_section_line(text, line)) {
                if (section_starts.empty()) section_start = pos;
                section_starts.push_back(pos);
            }
            pos = line.end;
        }
        stage.header = {range.begin, section_start};
        for (std::size_t i = 0; i < section_starts.size(); ++i) {
            Offset stop = i + 1 < section_starts.size() ? section_starts[i + 1] : range.end;
            stage.sections.push_back({section_starts[i], stop});
        }
        layout.stages.push_back(std::move(stage));
    }
    return layout;
}

Header parse_header_block(std::string_view block) {
    Header header;
    header.range = {0, static_cast<Offset>(block.size())};
    int continued = -1; // index of the entry a trailing `\` continues
    for (Offset pos = 0; pos < block.size();) {
        PhysicalLine line = line_at(block, pos);
        pos = line.end;
        TextRange content = trim(block, line.begin, line.content_end);
        if (content.empty() || block[content.begin] == '#') {
            HeaderLine h;
            h.kind = content.empty() ? HeaderLineKind::Blank : HeaderLineKind::Comment;
            h.range = {line.begin, line.end};
            h.content = content;
            if (!content.empty()) h.comments.push_back(content);
            header.lines.push_back(std::move(h));
            continued = -1;
            continue;
        }
        // Everything from the first `#` on is a comment (apptainer cuts the line there).
        Offset hash = content.end;
        for (Offset i = content.begin; i < content.end; ++i) {
            if (block[i] == '#') {
                hash = i;
                break;
            }
        }
        TextRange code = trim(block, content.begin, hash);
        TextRange comment = hash < content.end ? TextRange{hash, content.end} : TextRange{};
        auto ends_continued = [&](TextRange value) {
            return !value.empty() && block[value.end - 1] == '\\';
        };
        if (continued >= 0) {
            HeaderLine& h = header.lines[static_cast<std::size_t>(continued)];
            h.range.end = line.end;
            h.content.end = content.end;
            if (!comment.empty()) h.comments.push_back(comment);
            TextRange piece = code;
            bool more = ends_continued(piece);
            if (more) --piece.end;
            if (!code.empty()) {
                if (h.value.empty()) h.value.begin = code.begin;
                h.value.end = code.end;
                h.value_pieces.push_back(piece);
                h.value_text.append(view(block, piece));
            }
            continued = more ? continued : -1;
            continue;
        }
        HeaderLine h;
        h.range = {line.begin, line.end};
        h.content = content;
        if (!comment.empty()) h.comments.push_back(comment);
        std::size_t colon = view(block, code).find(':');
        if (colon == std::string_view::npos) {
            h.kind = HeaderLineKind::Invalid;
            h.key = code;
            h.key_lower = ascii_lower(view(block, code));
            header.lines.push_back(std::move(h));
            continue;
        }
        h.kind = HeaderLineKind::Entry;
        Offset colon_at = code.begin + static_cast<Offset>(colon);
        h.key = trim(block, code.begin, colon_at);
        h.key_lower = ascii_lower(view(block, h.key));
        h.colon = {colon_at, colon_at + 1};
        h.value = trim(block, colon_at + 1, code.end);
        if (h.value.empty()) h.value = {colon_at + 1, colon_at + 1};
        TextRange piece = h.value;
        bool more = ends_continued(piece);
        if (more) --piece.end;
        h.value_pieces.push_back(piece);
        h.value_text = std::string(view(block, piece));
        header.lines.push_back(std::move(h));
        if (more) continued = static_cast<int>(header.lines.size() - 1);
    }
    header.placeholders = find_placeholders(block);
    return header;
}

namespace {

void parse_labels(std::string_view block, Section& section) {
    for (Offset pos = section.body.begin; pos < block.size();) {
        PhysicalLine line = line_at(block, pos);
        pos = line.end;
        TextRange t = trim(block, line.begin, line.content_end);
        if (t.empty()) continue;
        if (block[t.begin] == '#') {
            section.comments.push_back({t, true});
            continue;
        }
        LabelLine label;
        label.range = t;
        label.key = next_word(block, t.begin, t.end);
        label.value = trim(block, label.key.end, t.end);
        if (label.value.empty()) label.value = {label.key.end, label.key.end};
        section.labels.push_back(label);
    }
}

// One %files token: "quoted", 'quoted' or a run of non-blank, non-quote characters.
TextRange file_token(std::string_view block, Offset from, Offset end) {
    while (from < end && is_blank(block[from])) ++from;
    if (from >= end) return {end, end};
    char c = block[from];
    if (c == '"' || c == '\'') {
        std::size_t close = block.find(c, from + 1);
        Offset stop = (close == std::string_view::npos || close >= end) ? end : static_cast<Offset>(close + 1);
        return {from, stop};
    }
    Offset stop = from;
    while (stop < end && !is_blank(block[stop]) && block[stop] != '"' && block[stop] != '\'') ++stop;
    return {from, stop};
}

void parse_files(std::string_view block, Section& section) {
    for (Offset pos = section.body.begin; pos < block.size();) {
        PhysicalLine line = line_at(block, pos);
        pos = line.end;
        TextRange t = trim(block, line.begin, line.content_end);
        if (t.empty()) continue;
        if (block[t.begin] == '#') {
            section.comments.push_back({t, true});
            continue;
        }
        FileLine file;
        file.range = t;
        file.source = file_token(block, t.begin, t.end);
        file.destination = file_token(block, file.source.end, t.end);
        std::string_view source = view(block, file.source);
        while (!source.empty() && (source.front() == '"' || source.front() == '\'')) source.remove_prefix(1);
        while (!source.empty() && (source.back() == '"' || source.back() == '\'')) source.remove_suffix(1);
        file.source_text = std::string(source);
        section.files.push_back(std::move(file));
    }
}

void parse_arguments(std::string_view block, Section& section) {
    for (Offset pos = section.body.begin; pos < block.size();) {
        PhysicalLine line = line_at(block, pos);
        pos = line.end;
        TextRange t = trim(block, line.begin, line.content_end);
        if (t.empty()) continue;
        if (block[t.begin] == '#') {
            section.comments.push_back({t, true});
            continue;
        }
        ArgumentLine argument;
        argument.range = t;
        std::size_t equals = view(block, t).find('=');
        if (equals == std::string_view::npos) {
            argument.valid = false;
            argument.name = t;
        } else {
            Offset at = t.begin + static_cast<Offset>(equals);
            argument.name = trim(block, t.begin, at);
            argument.value = trim(block, at + 1, t.end);
            if (argument.value.empty()) argument.value = {at + 1, at + 1};
            argument.valid = !argument.name.empty();
        }
        argument.name_text = std::string(view(block, argument.name));
        argument.value_text = std::string(view(block, argument.value));
        section.arguments_lines.push_back(std::move(argument));
    }
}

} // namespace

Section parse_section_block(std::string_view block) {
    Section section;
    section.range = {0, static_cast<Offset>(block.size())};
    PhysicalLine first = line_at(block, 0);
    section.header_line = {first.begin, first.content_end};
    section.body = {first.end, static_cast<Offset>(block.size())};
    section.name = next_word(block, first.begin, first.content_end);
    section.indented = section.name.begin > first.begin;
    std::string_view name = view(block, section.name);
    while (!name.empty() && name.front() == '%') name.remove_prefix(1);
    section.name_lower = ascii_lower(name);
    section.kind = section_kind(section.name_lower);
    section.arguments = trim(block, section.name.end, first.content_end);
    if (section.arguments.empty()) section.arguments = {section.name.end, section.name.end};

    const Offset args_end = section.arguments.end;
    TextRange word = next_word(block, section.arguments.begin, args_end);
    if (is_app_section(section.kind) && !word.empty()) section.app_name = word;
    if (section.kind == SectionKind::Files && view(block, word) == "from") {
        TextRange stage = next_word(block, word.end, args_end);
        if (!stage.empty()) section.from_stage = stage;
    }
    if (is_script_section(section.kind)) {
        for (TextRange w = word; !w.empty() && block[w.begin] != '#'; w = next_word(block, w.end, args_end)) {
            if (view(block, w) != "-c") continue;
            section.shell_flag = w;
            TextRange shell = next_word(block, w.end, args_end);
            if (!shell.empty() && block[shell.begin] != '#') section.shell = shell;
            break;
        }
    }

    switch (section.kind) {
    case SectionKind::Labels:
    case SectionKind::AppLabels: parse_labels(block, section); break;
    case SectionKind::Files:
    case SectionKind::AppFiles: parse_files(block, section); break;
    case SectionKind::Arguments: parse_arguments(block, section); break;
    default:
        if (is_script_section(section.kind)) {
            ShellScan scan = scan_shell(block, section.body.begin, section.body.end);
            section.comments = std::move(scan.comments);
            section.open_heredocs = std::move(scan.open_heredocs);
            section.heredoc_terminators = std::move(scan.heredoc_terminators);
        }
        break;
    }
    section.placeholders = find_placeholders(block);
    return section;
}

void shift(Header& header, std::ptrdiff_t delta) {
    shift_range(header.range, delta);
    for (HeaderLine& h : header.lines) {
        for (TextRange* r : {&h.range, &h.content, &h.key, &h.colon, &h.value}) shift_range(*r, delta);
        for (TextRange& r : h.value_pieces) shift_range(r, delta);
        for (TextRange& r : h.comments) shift_range(r, delta);
    }
    shift_all(header.placeholders, delta);
}

void shift(Section& s, std::ptrdiff_t delta) {
    for (TextRange* r : {&s.range, &s.header_line, &s.name, &s.arguments, &s.app_name, &s.from_stage,
                         &s.shell_flag, &s.shell, &s.body})
        shift_range(*r, delta);
    for (LabelLine& l : s.labels)
        for (TextRange* r : {&l.range, &l.key, &l.value}) shift_range(*r, delta);
    for (FileLine& f : s.files)
        for (TextRange* r : {&f.range, &f.source, &f.destination}) shift_range(*r, delta);
    for (ArgumentLine& a : s.arguments_lines)
        for (TextRange* r : {&a.range, &a.name, &a.value}) shift_range(*r, delta);
    for (BodyComment& c : s.comments) shift_range(c.range, delta);
    for (OpenHeredoc& h : s.open_heredocs) shift_range(h.operator_range, delta);
    for (TextRange& r : s.heredoc_terminators) shift_range(r, delta);
    shift_all(s.placeholders, delta);
}

DefinitionFile parse_definition(std::string_view text) {
    DefinitionFile file;
    file.text_size = text.size();
    DocumentLayout layout = layout_document(text);
    file.bom = layout.bom;
    for (const StageLayout& sl : layout.stages) {
        Stage stage;
        stage.range = sl.range;
        stage.starts_at_bootstrap = sl.starts_at_bootstrap;
        stage.header = parse_header_block(view(text, sl.header));
        shift(stage.header, sl.header.begin);
        for (TextRange r : sl.sections) {
            Section section = parse_section_block(view(text, r));
            shift(section, r.begin);
            stage.sections.push_back(std::move(section));
        }
        file.stages.push_back(std::move(stage));
    }
    return file;
}

} // namespace cdls::definition
