// LogicalText mapping and the syntax-tree queries (what is at an offset).
#include "analysis/dockerfile/syntax.hpp"

#include "analysis/core/ascii.hpp"
#include "analysis/core/piece_map.hpp"

#include <algorithm>
#include <cctype>

namespace cdls::dockerfile {

void LogicalText::append(std::string_view piece, Offset document_offset) {
    if (piece.empty()) return;
    pieces.push_back({static_cast<Offset>(text.size()), document_offset, static_cast<Offset>(piece.size())});
    text.append(piece);
}

Offset LogicalText::to_document(Offset logical) const { return piece_map::to_document(pieces, logical); }

TextRange LogicalText::to_document(TextRange logical) const {
    return piece_map::range_to_document(logical, [&](Offset at) { return piece_map::to_document(pieces, at); });
}

TextRange LogicalText::to_document(TextRange logical, std::size_t& hint) const {
    return piece_map::range_to_document(logical, [&](Offset at) { return piece_map::to_document(pieces, at, hint); });
}

MappedText LogicalText::mapped() const {
    MappedText out;
    out.reserve(text.size(), pieces.size());
    for (const auto& p : pieces) out.append(std::string_view(text).substr(p.logical, p.length), p.document);
    return out;
}

Instruction::Instruction() = default;
Instruction::Instruction(Instruction&&) noexcept = default;
Instruction& Instruction::operator=(Instruction&&) noexcept = default;
Instruction::~Instruction() = default;

Instruction::Instruction(const Instruction& other)
    : range(other.range), keyword_range(other.keyword_range),
      arguments_range(other.arguments_range), keyword_index(other.keyword_index),
      known(other.known), form(other.form), json_like(other.json_like),
      json_single_quotes(other.json_single_quotes), json_not_strings(other.json_not_strings),
      flags(other.flags), arguments(other.arguments), words(other.words), pairs(other.pairs),
      extras_(other.extras_ ? std::make_unique<Extras>(*other.extras_) : nullptr) {}

Instruction& Instruction::operator=(const Instruction& other) {
    if (this != &other) *this = Instruction(other);
    return *this;
}

namespace {
const Instruction::Extras& no_extras() {
    static const Instruction::Extras empty;
    return empty;
}
} // namespace

bool operator==(const Instruction& a, const Instruction& b) {
    // No extras and empty ones are the same tree.
    return a.range == b.range && a.keyword_range == b.keyword_range &&
           a.arguments_range == b.arguments_range && a.keyword_index == b.keyword_index &&
           a.known == b.known && a.form == b.form && a.json_like == b.json_like &&
           a.json_single_quotes == b.json_single_quotes &&
           a.json_not_strings == b.json_not_strings && a.flags == b.flags &&
           a.arguments == b.arguments && a.words == b.words && a.pairs == b.pairs &&
           a.extras_or_none() == b.extras_or_none();
}

void Instruction::set_keyword(std::string_view upper_keyword) {
    const auto& all = instruction_keywords;
    auto it = std::find(all.begin(), all.end(), upper_keyword);
    known = it != all.end();
    keyword_index = known ? static_cast<std::uint8_t>(it - all.begin()) : 0;
    if (!known && !upper_keyword.empty()) extras().keyword = upper_keyword;
    else if (extras_) extras_->keyword.clear();
}

std::string_view Instruction::text_of(const Word& word) const {
    return slice(arguments.text, word.logical);
}

TextRange Instruction::range_of(const Word& word) const {
    return arguments.to_document(word.logical);
}

// Without extras each accessor answers with the empty ones.
const Instruction::Extras& Instruction::extras_or_none() const { return extras_ ? *extras_ : no_extras(); }
std::span<const JsonString> Instruction::json() const { return extras_or_none().json; }
std::string_view Instruction::pair_error() const { return extras_or_none().pair_error; }
TextRange Instruction::pair_error_range() const { return extras_or_none().pair_error_range; }
std::span<const Heredoc> Instruction::heredocs() const { return extras_or_none().heredocs; }
std::span<const TextRange> Instruction::comments() const { return extras_or_none().comments; }
std::span<const TextRange> Instruction::empty_continuation_lines() const {
    return extras_or_none().empty_continuation_lines;
}

Instruction::Extras& Instruction::extras() {
    if (!extras_) extras_ = std::make_unique<Extras>();
    return *extras_;
}

const Flag* Instruction::find_flag(std::string_view name) const {
    for (const auto& f : flags)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `--mount=type=cache,from=builder,...`: the range of the `from=` value.
std::optional<TextRange> mount_from(const Flag& flag) {
    if (flag.name != "mount" || flag.value_range.empty()) return std::nullopt;
    std::string_view v = flag.value;
    std::size_t pos = 0;
    while (pos <= v.size()) {
        std::size_t comma = v.find(',', pos);
        std::string_view field = v.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        if (field.substr(0, 5) == "from=" && flag.value.size() == flag.value_range.length()) {
            Offset b = flag.value_range.begin + static_cast<Offset>(pos + 5);
            return TextRange{b, b + static_cast<Offset>(field.size() - 5)};
        }
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return std::nullopt;
}

NodeAt instruction_node(const Dockerfile& file, const Instruction& ins, Offset offset) {
    NodeAt node;
    node.instruction = &ins;
    if (auto child = ins.onbuild(); !child.empty() && child.front().range.touches(offset) &&
                                    offset >= child.front().keyword_range.begin)
        return instruction_node(file, child.front(), offset);
    if (ins.keyword_range.touches(offset)) {
        node.kind = NodeKind::Keyword;
        node.range = ins.keyword_range;
        node.text = ins.keyword();
        return node;
    }
    for (const auto& f : ins.flags) {
        if (!f.range.touches(offset)) continue;
        node.flag = &f;
        if (auto from = mount_from(f); from && from->touches(offset)) {
            node.kind = NodeKind::StageReference;
            node.range = *from;
            node.text = f.value.substr(from->begin - f.value_range.begin, from->length());
        } else if (f.has_value && offset > f.name_range.end) {
            node.kind = f.name == "from" ? NodeKind::StageReference : NodeKind::FlagValue;
            node.range = f.value_range;
            node.text = f.value;
        } else {
            node.kind = NodeKind::FlagName;
            node.range = f.name_range;
            node.text = f.name;
        }
        return node;
    }
    for (const auto& h : ins.heredocs()) {
        if (h.body_range.contains(offset)) {
            node.kind = NodeKind::HeredocBody;
            node.range = h.body_range;
            return node;
        }
    }
    for (const auto& ref : variable_references(ins, file.escape)) {
        if (ref.range.touches(offset)) {
            node.kind = NodeKind::Variable;
            node.range = ref.range;
            node.text = ref.name;
            return node;
        }
    }
    if (ins.keyword() == "FROM") {
        for (std::size_t i = 0; i < ins.words.size(); ++i) {
            TextRange range = ins.range_of(ins.words[i]);
            if (!range.touches(offset)) continue;
            node.range = range;
            node.text = ins.text_of(ins.words[i]);
            if (i == 0) {
                std::size_t index = 0;
                while (index < file.stages.size() && &file.instructions[file.stages[index].instruction] != &ins) ++index;
                node.kind = file.find_stage(node.text, index) ? NodeKind::StageReference : NodeKind::Image;
            } else {
                node.kind = i == 2 ? NodeKind::StageName : NodeKind::Argument;
            }
            return node;
        }
    }
    for (const auto& j : ins.json()) {
        if (j.range.touches(offset)) {
            node.kind = NodeKind::Argument;
            node.range = j.range;
            node.text = j.value;
            return node;
        }
    }
    std::size_t piece = 0; // the words come in order
    for (const auto& w : ins.words) {
        TextRange range = ins.arguments.to_document(w.logical, piece);
        if (range.begin > offset) break;
        if (range.touches(offset)) {
            node.kind = NodeKind::Argument;
            node.range = range;
            node.text = ins.text_of(w);
            return node;
        }
    }
    return node;
}

} // namespace

std::string lower_stage_name(std::string_view name) { return ascii_lower(name); }

// The first stage with the name is the one a reference means (BuildKit), so one index lookup
// answers for any `before`: a later stage of the same name is never the answer.
const Stage* Dockerfile::find_stage(std::string_view name, std::size_t before) const {
    if (name.empty()) return nullptr;
    auto it = stage_index.find(lower_stage_name(name));
    if (it == stage_index.end() || it->second >= before || it->second >= stages.size()) return nullptr;
    return &stages[it->second];
}

const Instruction* instruction_at(const Dockerfile& file, Offset offset) {
    auto it = std::partition_point(file.instructions.begin(), file.instructions.end(),
                                   [&](const Instruction& i) { return i.range.end < offset; });
    if (it != file.instructions.end() && it->range.touches(offset)) return &*it;
    return nullptr;
}

NodeAt node_at(const Dockerfile& file, Offset offset) {
    for (const auto& d : file.directives) {
        if (d.range.touches(offset)) return {NodeKind::Directive, d.range, d.name, nullptr, nullptr};
    }
    for (const auto& c : file.comments)
        if (c.touches(offset)) return {NodeKind::Comment, c, {}, nullptr, nullptr};
    const Instruction* ins = instruction_at(file, offset);
    if (!ins) return {};
    for (const auto& c : ins->comments())
        if (c.touches(offset)) return {NodeKind::Comment, c, {}, ins, nullptr};
    return instruction_node(file, *ins, offset);
}

std::vector<VariableReference> variable_references(const Instruction& ins, char escape) {
    std::vector<VariableReference> out;
    auto scan = [&](const LogicalText& text) {
        const std::string& s = text.text;
        bool single = false, dbl = false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if (c == escape && !single) {
                ++i;
                continue;
            }
            if (c == '\'' && !dbl) single = !single;
            else if (c == '"' && !single) dbl = !dbl;
            if (c != '$' || single || i + 1 >= s.size()) continue;
            std::size_t start = i;
            std::string name;
            if (s[i + 1] == '{') {
                std::size_t j = i + 2;
                while (j < s.size() && is_name_char(s[j])) ++j;
                name = s.substr(i + 2, j - i - 2);
                std::size_t close = s.find('}', j);
                if (name.empty() || close == std::string::npos) continue;
                i = close;
            } else {
                std::size_t j = i + 1;
                while (j < s.size() && is_name_char(s[j])) ++j;
                name = s.substr(i + 1, j - i - 1);
                if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) continue;
                i = j - 1;
            }
            out.push_back({name, text.to_document(TextRange{static_cast<Offset>(start), static_cast<Offset>(i + 1)})});
        }
    };
    for (const auto& f : ins.flags) {
        if (!f.has_value || f.value_range.length() != f.value.size()) continue;
        scan(LogicalText{f.value, {{0, f.value_range.begin, static_cast<Offset>(f.value.size())}}});
    }
    if (ins.keyword() == "ONBUILD") return out;
    scan(ins.arguments);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.range.begin < b.range.begin; });
    return out;
}

} // namespace cdls::dockerfile
