// The definition splice: keep the blocks before an edit, re-walk the lines from the block it
// begins in until the walk stands on a block start the old layout also had, move the rest.
//
// The layout (parser.cpp, layout_document) is a function of each line on its own: a column-0
// `bootstrap:` line starts a stage, a line whose first word starts with `%` starts a section,
// and a block runs to the next such line. So once the walk over the new text reaches, past the
// change, a line that starts a block of the same kind in the old layout, everything from there
// on is the old layout moved by the size difference, and every old block there has the same
// text, hence the same parse.
#include "analysis/definition/splice.hpp"

#include "analysis/core/splice.hpp"
#include "analysis/definition/lines.hpp"
#include "analysis/definition/parser.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

namespace cdls::definition {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class LineKind { Other, Bootstrap, Section };

// What the line at `pos` starts (as layout_document classifies it); `line` receives the line.
LineKind classify(std::string_view text, Offset pos, PhysicalLine& line) {
    line = line_at(text, pos);
    if (starts_with_ignore_case(text.substr(pos), "bootstrap:")) return LineKind::Bootstrap;
    TextRange word = next_word(text, line.begin, line.content_end);
    if (!word.empty() && text[word.begin] == '%') return LineKind::Section;
    return LineKind::Other;
}

// A block of the tree: stage `stage`'s header (block 0) or its section `block - 1`.
struct BlockIndex {
    std::size_t stage = 0;
    std::size_t block = 0;
};

// The last stage beginning at or before `at` (the first one begins at the content start).
std::size_t stage_at(const std::vector<Stage>& stages, Offset at) {
    auto it = std::partition_point(stages.begin(), stages.end(),
                                   [&](const Stage& s) { return s.range.begin <= at; });
    return it == stages.begin() ? 0 : static_cast<std::size_t>(it - stages.begin()) - 1;
}

// Index of the first section beginning after `at`.
std::size_t sections_through(const std::vector<Section>& sections, Offset at) {
    auto it = std::partition_point(sections.begin(), sections.end(),
                                   [&](const Section& s) { return s.range.begin <= at; });
    return static_cast<std::size_t>(it - sections.begin());
}

// The block holding byte `at` (the last one beginning at or before it: an empty header at a
// section's start holds nothing).
BlockIndex block_holding(const std::vector<Stage>& stages, Offset at) {
    std::size_t stage = stage_at(stages, at);
    return {stage, sections_through(stages[stage].sections, at)};
}

// The old block that begins at `old_at` with the kind the new line there has, if any.
std::optional<BlockIndex> old_block_at(const std::vector<Stage>& stages, Offset old_at,
                                       LineKind kind) {
    std::size_t stage = stage_at(stages, old_at);
    const Stage& s = stages[stage];
    if (kind == LineKind::Bootstrap) {
        if (s.starts_at_bootstrap && s.range.begin == old_at) return BlockIndex{stage, 0};
        return std::nullopt;
    }
    std::size_t k = sections_through(s.sections, old_at);
    if (k > 0 && s.sections[k - 1].range.begin == old_at) return BlockIndex{stage, k};
    return std::nullopt;
}

// The new stages and blocks the walk lays out and parses.
struct Walk {
    std::string_view text;
    // The new stages, in order; when the walk starts at a section, the first one stands for the
    // old stage it continues and only its sections are new.
    std::vector<Stage> stages;
    Offset open_begin = 0;
    bool open = false;
    bool open_is_header = false;
    std::size_t parsed = 0;

    void open_block(Offset at, bool header) {
        open_begin = at;
        open_is_header = header;
        open = true;
    }
    void open_stage(Offset at, bool at_bootstrap) {
        Stage stage;
        stage.range = {at, at};
        stage.starts_at_bootstrap = at_bootstrap;
        stages.push_back(std::move(stage));
        open_block(at, true);
    }
    // Parses the open block, which ends at `end`, into the last stage.
    void close(Offset end) {
        if (!open) return;
        std::string_view block = text.substr(open_begin, end - open_begin);
        if (open_is_header) {
            stages.back().header = parse_header_block(block);
            shift(stages.back().header, open_begin);
        } else {
            stages.back().sections.push_back(parse_section_block(block));
            shift(stages.back().sections.back(), open_begin);
        }
        open = false;
        ++parsed;
    }
};

} // namespace

void shift(Stage& stage, std::ptrdiff_t delta) {
    shift_range(stage.range, delta);
    shift(stage.header, delta);
    for (Section& section : stage.sections)
        shift(section, delta);
}

SpliceResult splice_definition(DefinitionFile& file, std::string_view text,
                               const TextChange& change) {
    if (change.identical()) return {};
    std::vector<Stage>& stages = file.stages;
    const std::ptrdiff_t delta = change.delta();
    const auto prefix = static_cast<Offset>(change.prefix);
    const auto new_changed_end = static_cast<Offset>(change.new_changed_end());
    const auto old_changed_end = static_cast<Offset>(change.old_changed_end());
    // The tree keeps no copy of the old text: its bytes before the change are the new text's,
    // those after it the new text's `delta` further on, and those inside it are unknown (the
    // change may be a union of edits, EditedSpan).
    const Offset old_content = prefix >= kBom.size() && text.substr(0, 3) == kBom ? 3 : 0;

    // Restart at the block holding the line break before the changed line: that line is
    // unchanged, so the block still starts where it did, while the changed line may now start a
    // block or no longer start one (which moves the end of the block before it). A change in
    // the byte order mark or on the first line lays out from the top.
    std::size_t line_start = prefix == 0 ? 0 : text.rfind('\n', prefix - 1);
    line_start = line_start == std::string_view::npos || prefix == 0 ? 0 : line_start + 1;
    BlockIndex restart{0, 0};
    bool from_top = prefix < kBom.size() || line_start <= old_content;
    if (!from_top) {
        restart = block_holding(stages, static_cast<Offset>(line_start - 1));
        from_top = restart.stage == 0 && restart.block == 0;
    }
    const bool continues = !from_top && restart.block > 0; // the walk starts at a section

    Walk walk{text};
    Offset restart_at = 0; // where the walk begins (old and new offsets alike)
    Offset pos = 0;        // the line the walk looks at next
    if (from_top) {
        pos = text.substr(0, 3) == kBom ? 3 : 0;
        // Text before the first `bootstrap:` line (or a text without one) is a stage of its own.
        PhysicalLine line;
        if (pos == text.size() || classify(text, pos, line) != LineKind::Bootstrap)
            walk.open_stage(pos, false);
    } else {
        const Stage& old = stages[restart.stage];
        restart_at =
            restart.block == 0 ? old.range.begin : old.sections[restart.block - 1].range.begin;
        if (continues) {
            walk.stages.emplace_back().range = old.range;
            walk.open_block(restart_at, false);
        } else {
            walk.open_stage(restart_at, true);
        }
        pos = line_at(text, restart_at).end; // the restart line itself is unchanged
    }

    // True when the new text from `at` on is the old text from `at - delta` on, which lies at or
    // after the restart point. Past the change it always is; a little before it too when the
    // change could have been placed elsewhere (inserting "%b\n" before "%a" leaves the '%' in
    // the common prefix of a diff). Old bytes inside the change are unknown: no resynchronising
    // on them. The comparison is bounded so that a long paste with many section lines is not
    // compared again at each of them.
    constexpr std::size_t kCompareLimit = 256;
    auto same_tail = [&](Offset at) {
        std::ptrdiff_t old_at = static_cast<std::ptrdiff_t>(at) - delta;
        if (old_at < static_cast<std::ptrdiff_t>(restart_at)) return false;
        if (at >= new_changed_end) return true;
        std::size_t length = new_changed_end - at;
        if (length > kCompareLimit) return false;
        std::size_t old_begin = static_cast<std::size_t>(old_at), old_end = old_begin + length;
        if (old_end <= prefix) return text.substr(at, length) == text.substr(old_begin, length);
        if (old_begin >= old_changed_end)
            return text.substr(at, length) ==
                   text.substr(static_cast<std::size_t>(static_cast<std::ptrdiff_t>(old_begin) + delta), length);
        return false;
    };
    std::optional<BlockIndex> resync;
    Offset resync_at = 0;
    while (pos < text.size()) {
        PhysicalLine line;
        LineKind kind = classify(text, pos, line);
        if (kind != LineKind::Other) {
            if (same_tail(pos)) {
                resync = old_block_at(stages, static_cast<Offset>(pos - delta), kind);
                if (resync) {
                    resync_at = pos;
                    break;
                }
            }
            walk.close(pos);
            if (kind == LineKind::Bootstrap)
                walk.open_stage(pos, true);
            else
                walk.open_block(pos, false);
        }
        pos = line.end;
    }
    walk.close(resync ? resync_at : static_cast<Offset>(text.size()));

    // Old stages [restart.stage, tail_stage) are replaced by the walk's; the old stages from
    // tail_stage on, and the sections of the stage the walk resynchronised in, are moved.
    std::size_t tail_stage = stages.size();
    Offset tail_end = static_cast<Offset>(text.size()); // where the walk's last stage ends
    if (resync) {
        tail_stage = resync->block == 0 ? resync->stage : resync->stage + 1;
        if (delta != 0)
            for (std::size_t s = tail_stage; s < stages.size(); ++s)
                shift(stages[s], delta);
        if (resync->block > 0) {
            Stage& stage = stages[resync->stage];
            if (delta != 0)
                for (std::size_t k = resync->block - 1; k < stage.sections.size(); ++k)
                    shift(stage.sections[k], delta);
            tail_end = static_cast<Offset>(stage.range.end + delta);
        } else {
            tail_end = resync_at;
        }
    }
    std::vector<Stage>& middle = walk.stages;
    SpliceResult result{walk.parsed, restart.stage, tail_stage - restart.stage, middle.size(),
                        delta};

    // The usual keystroke: inside one stage, no stage boundary added or removed.
    if (continues && middle.size() == 1 && resync && resync->block > 0 &&
        resync->stage == restart.stage) {
        Stage& stage = stages[restart.stage];
        replace_range(stage.sections, restart.block - 1, resync->block - 1,
                      std::move(middle.front().sections));
        stage.range.end = tail_end;
    } else {
        std::vector<Section> tail_sections;
        if (resync && resync->block > 0) {
            std::vector<Section>& from = stages[resync->stage].sections;
            auto first = from.begin() + static_cast<std::ptrdiff_t>(resync->block - 1);
            tail_sections.assign(std::make_move_iterator(first),
                                 std::make_move_iterator(from.end()));
            from.erase(first, from.end());
        }
        if (continues) {
            // The old stage's header and sections before the restart, then the walk's sections.
            Stage& old = stages[restart.stage];
            old.sections.erase(old.sections.begin() +
                                   static_cast<std::ptrdiff_t>(restart.block - 1),
                               old.sections.end());
            std::vector<Section>& fresh = middle.front().sections;
            old.sections.insert(old.sections.end(), std::make_move_iterator(fresh.begin()),
                                std::make_move_iterator(fresh.end()));
            middle.front() = std::move(old);
        }
        if (!tail_sections.empty()) {
            std::vector<Section>& into = middle.back().sections;
            into.insert(into.end(), std::make_move_iterator(tail_sections.begin()),
                        std::make_move_iterator(tail_sections.end()));
        }
        for (std::size_t s = 0; s + 1 < middle.size(); ++s)
            middle[s].range.end = middle[s + 1].range.begin;
        if (!middle.empty()) middle.back().range.end = tail_end;
        replace_range(stages, restart.stage, tail_stage, std::move(middle));
    }

    file.text_size = text.size();
    file.bom = text.substr(0, 3) == kBom ? TextRange{0, 3} : TextRange{};
    return result;
}

} // namespace cdls::definition
