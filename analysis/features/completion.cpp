// Completion entry point and the helpers both document kinds share.
#include "analysis/features/completion.hpp"

#include "analysis/dockerfile/syntax.hpp"
#include "analysis/features/completion_context.hpp"

#include <algorithm>
#include <cstdio>

namespace cdls::features {

std::vector<CompletionItem> complete_definition(const AnalysisResult& analysis,
                                                std::string_view text, Offset offset,
                                                const catalogue::Catalogue& catalogue);
std::vector<CompletionItem> complete_dockerfile(const AnalysisResult& analysis,
                                                std::string_view text, Offset offset,
                                                const catalogue::Catalogue& catalogue);

std::optional<ImageTagContext> image_tag_at(const AnalysisResult& analysis, std::string_view text,
                                           Offset offset) {
    if (offset > text.size()) return std::nullopt;
    for (const ImageReferenceFact& fact : analysis.facts.images) {
        if (fact.names_stage || fact.has_variables || offset < fact.range.begin ||
            offset > fact.range.end)
            continue;
        catalogue::ImageReference written = catalogue::parse_image_reference(fact.text);
        if (!written.valid || !written.has_tag || written.has_variables) return std::nullopt;
        TextRange tag{fact.range.begin + written.tag_range.begin,
                      fact.range.begin + written.tag_range.end};
        if (offset < tag.begin || offset > tag.end) return std::nullopt;
        return ImageTagContext{written, tag};
    }
    return std::nullopt;
}

namespace {

// Live tags the catalogue does not list, newest first, after the catalogue's items.
void add_registry_tags(const AnalysisResult& analysis, std::string_view text, Offset offset,
                       const CompletionOptions& options, std::vector<CompletionItem>& out) {
    if (!options.registry_tags) return;
    auto context = image_tag_at(analysis, text, offset);
    if (!context) return;
    auto known = options.registry_tags->find(context->reference.name);
    if (known == options.registry_tags->end()) return;
    std::string_view prefix = text.substr(context->tag_range.begin, offset - context->tag_range.begin);
    std::vector<std::string> tags;
    for (const std::string& tag : known->second) {
        if (tag.rfind(prefix, 0) != 0) continue;
        bool listed = std::any_of(out.begin(), out.end(), [&](const CompletionItem& item) {
            return item.kind == CompletionKind::Constant && item.label == tag;
        });
        if (!listed) tags.push_back(tag);
    }
    std::sort(tags.begin(), tags.end(), [](const std::string& a, const std::string& b) {
        return catalogue::tag_newer_first(a, b);
    });
    for (std::size_t i = 0; i < tags.size(); ++i) {
        CompletionItem item;
        item.label = tags[i];
        item.kind = CompletionKind::Constant;
        item.detail = "registry tag";
        item.sort_text = "~registry " + detail::numbered(i);
        item.edit = {context->tag_range, tags[i]};
        out.push_back(std::move(item));
    }
}

} // namespace

std::string documentation_of(const CompletionItem& item) {
    if (item.documentation.empty() && item.lazy_documentation) return item.lazy_documentation();
    return item.documentation;
}

std::vector<CompletionItem> complete(const AnalysisResult& analysis, std::string_view text,
                                     Offset offset, const CompletionOptions& options) {
    if (offset > text.size()) return {};
    const catalogue::Catalogue& catalogue =
        options.catalogue ? *options.catalogue : catalogue::Catalogue::builtin();
    std::vector<CompletionItem> items;
    if (analysis.kind == DocumentKind::Definition) {
        if (!analysis.definition) return {};
        items = complete_definition(analysis, text, offset, catalogue);
    } else {
        if (!analysis.dockerfile) return {};
        items = complete_dockerfile(analysis, text, offset, catalogue);
    }
    add_registry_tags(analysis, text, offset, options, items);
    return items;
}

namespace detail {

CursorLine cursor_line(std::string_view text, Offset offset) {
    CursorLine line;
    line.cursor = offset;
    std::size_t begin = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    line.begin = begin == std::string_view::npos ? 0 : static_cast<Offset>(begin + 1);
    std::size_t end = text.find('\n', offset);
    line.end =
        end == std::string_view::npos ? static_cast<Offset>(text.size()) : static_cast<Offset>(end);
    if (line.end > line.begin && line.end > offset && text[line.end - 1] == '\r') --line.end;
    if (line.end < offset) line.end = offset;
    line.before = text.substr(line.begin, offset - line.begin);
    line.after = text.substr(offset, line.end - offset);
    return line;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

TextRange word_around(std::string_view text, const CursorLine& line) {
    Offset begin = line.cursor;
    while (begin > line.begin && !is_blank(text[begin - 1]))
        --begin;
    Offset end = line.cursor;
    while (end < line.end && !is_blank(text[end]))
        ++end;
    return {begin, end};
}

TextRange extend_right(std::string_view text, const CursorLine& line, Offset begin,
                       bool (*keep)(char)) {
    Offset end = line.cursor;
    while (end < line.end && keep(text[end]))
        ++end;
    return {begin, end};
}

std::string numbered(std::size_t index) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%06zu", index);
    return buffer;
}

std::size_t line_number(std::string_view text, Offset offset) {
    offset = std::min<Offset>(offset, static_cast<Offset>(text.size()));
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n')) + 1;
}

void complete_image_reference(std::string_view text, TextRange word, Offset cursor,
                              const catalogue::Catalogue& catalogue,
                              std::vector<CompletionItem>& out) {
    Offset start = word.begin;
    std::string_view typed = text.substr(start, cursor - start);
    for (std::string_view scheme : {"docker://"}) {
        if (typed.substr(0, scheme.size()) == scheme) {
            start += static_cast<Offset>(scheme.size());
            typed.remove_prefix(scheme.size());
        }
    }
    if (typed.find('@') != std::string_view::npos) return; // a digest: nothing to offer
    std::size_t slash = typed.rfind('/');
    std::size_t colon = typed.find(':', slash == std::string_view::npos ? 0 : slash + 1);
    auto stop_at = [&](Offset from, std::string_view stops) {
        Offset end = cursor;
        while (end < word.end && stops.find(text[end]) == std::string_view::npos)
            ++end;
        return TextRange{from, end};
    };
    if (colon != std::string_view::npos) {
        auto reference = catalogue::parse_image_reference(typed.substr(0, colon));
        if (!reference.valid || reference.has_variables) return;
        std::string_view tag_prefix = typed.substr(colon + 1);
        TextRange range = stop_at(start + static_cast<Offset>(colon + 1), "@");
        for (auto& tag : catalogue::complete_tags(reference.name, tag_prefix, catalogue)) {
            CompletionItem item;
            item.label = tag.tag;
            item.kind = CompletionKind::Constant;
            item.detail = tag.detail;
            item.sort_text = tag.sort_key;
            item.edit = {range, tag.tag};
            out.push_back(std::move(item));
        }
        return;
    }
    // Docker Hub spellings of an official image complete on the short name.
    for (std::string_view hub : {"index.docker.io/library/", "docker.io/library/", "library/"}) {
        if (typed.substr(0, hub.size()) == hub) {
            start += static_cast<Offset>(hub.size());
            typed.remove_prefix(hub.size());
            break;
        }
    }
    if (typed.find('$') != std::string_view::npos || typed.find('{') != std::string_view::npos)
        return;
    TextRange range = stop_at(start, ":@");
    // `catalogue` outlives the items: the built-in one is static, a user's is kept by the
    // settings the caller holds (the server keeps them with the list it resolves from).
    for (auto& image : catalogue::complete_images(typed, catalogue)) {
        CompletionItem item;
        item.label = image.name;
        item.kind = CompletionKind::Module;
        item.detail = image.detail;
        item.lazy_documentation = [&catalogue, name = image.name] { return catalogue::image_documentation(name, catalogue); };
        item.sort_text = "1" + image.sort_key; // after stage names ("0...")
        item.edit = {range, image.name};
        out.push_back(std::move(item));
    }
}

std::vector<VisibleVariable> visible_variables(const dockerfile::Dockerfile& file, Offset offset) {
    std::vector<VisibleVariable> found;
    auto add = [&](const dockerfile::KeyValue& pair, std::string origin) {
        if (pair.key.empty()) return;
        std::erase_if(found, [&](const VisibleVariable& v) { return v.name == pair.key; });
        found.push_back({pair.key, pair.value, std::move(origin), pair.key_range,
                         !pair.value_range.empty() || pair.has_equals});
    };
    // Which instruction holds the cursor, and where its stage starts.
    std::size_t current = file.instructions.size();
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        if (file.instructions[i].range.begin > offset) break;
        current = i;
    }
    bool in_from = current < file.instructions.size() &&
                   file.instructions[current].keyword() == "FROM" &&
                   file.instructions[current].range.touches(offset);
    std::size_t first_from = file.instructions.size();
    for (std::size_t i = 0; i < file.instructions.size(); ++i)
        if (file.instructions[i].keyword() == "FROM") {
            first_from = i;
            break;
        }
    for (std::size_t i = 0; i < first_from && i < file.instructions.size(); ++i)
        if (file.instructions[i].keyword() == "ARG" &&
            (i != current || !file.instructions[i].range.touches(offset)))
            for (const auto& pair : file.instructions[i].pairs)
                add(pair, "global ARG");
    if (!in_from && current < file.instructions.size() && current >= first_from) {
        std::size_t stage_begin = current;
        while (stage_begin > 0 && file.instructions[stage_begin].keyword() != "FROM")
            --stage_begin;
        bool cursor_inside = file.instructions[current].range.touches(offset);
        std::size_t stop = cursor_inside ? current : current + 1;
        for (std::size_t i = stage_begin + 1; i < stop; ++i) {
            const auto& ins = file.instructions[i];
            if (ins.keyword() == "ARG" || ins.keyword() == "ENV")
                for (const auto& pair : ins.pairs)
                    add(pair, std::string(ins.keyword()));
        }
    }
    std::reverse(found.begin(), found.end());
    for (std::string_view name : {"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
                                  "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"}) {
        if (std::any_of(found.begin(), found.end(),
                        [&](const VisibleVariable& v) { return v.name == name; }))
            continue;
        found.push_back({std::string(name), {}, "automatic ARG", {}, false});
    }
    return found;
}

} // namespace detail

} // namespace cdls::features
