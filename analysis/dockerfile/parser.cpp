// The Dockerfile parser: physical lines, parser directives, continuations, comment and empty
// lines inside continuations, heredoc bodies, and per-instruction argument parsing.
#include "analysis/dockerfile/parser.hpp"

#include "analysis/dockerfile/json_array.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

namespace cdls::dockerfile {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }
bool is_space(char c) { return is_blank(c) || c == '\n'; }

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// One physical line: [begin, content_end) without the line break; `next` starts the next line.
struct Line {
    Offset begin = 0;
    Offset content_end = 0;
    Offset next = 0;
};

Line line_at(std::string_view text, Offset begin) {
    std::size_t nl = text.find('\n', begin);
    Offset next = nl == std::string_view::npos ? static_cast<Offset>(text.size()) : static_cast<Offset>(nl + 1);
    Offset end = nl == std::string_view::npos ? static_cast<Offset>(text.size()) : static_cast<Offset>(nl);
    while (end > begin && (text[end - 1] == '\r' || text[end - 1] == '\n')) --end;
    return {begin, end, next};
}

Offset skip_blanks(std::string_view text, Offset from, Offset to) {
    while (from < to && is_blank(text[from])) ++from;
    return from;
}

// BuildKit's continuation test: the escape character is the last non-blank byte and is not
// itself escaped (or stands alone). Returns the offset of that escape character.
std::optional<Offset> continuation_at(std::string_view text, Offset begin, Offset end, char escape) {
    Offset e = end;
    while (e > begin && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    if (e == begin || text[e - 1] != escape) return std::nullopt;
    Offset at = e - 1;
    if (at > begin && text[at - 1] == escape) return std::nullopt;
    return at;
}

bool is_comment_line(std::string_view text, const Line& line) {
    Offset p = skip_blanks(text, line.begin, line.content_end);
    return p < line.content_end && text[p] == '#';
}

// Quote-aware words (BuildKit's parseWords): quotes stay in the word; the escape character
// keeps the next byte in the word.
struct RawWord {
    Offset begin = 0;
    Offset end = 0;
};

// The logical line of an instruction starting at `begin`: every continuation line appended.
struct LogicalLine {
    LogicalText text;
    std::vector<TextRange> comments;
    std::vector<TextRange> empty_lines;
    Offset end = 0;  // end of the last line's content
    Offset next = 0; // start of the line after it
    std::vector<RawWord> words; // scratch of parse_logical: the words before they are copied
};

// Fills `out` (emptied first: a walk reuses one, so its text's memory is allocated once, not
// once per instruction).
void scan_logical_line(std::string_view text, Offset begin, char escape, LogicalLine& out) {
    out.text.text.clear();
    out.text.pieces.clear();
    out.comments.clear();
    out.empty_lines.clear();
    out.end = out.next = 0;
    Line line = line_at(text, begin);
    Offset content_begin = begin;
    bool first = true;
    while (true) {
        if (!first) {
            content_begin = line.begin;
            if (is_comment_line(text, line)) {
                Offset p = skip_blanks(text, line.begin, line.content_end);
                out.comments.push_back({p, line.content_end});
                out.end = line.content_end;
                out.next = line.next;
                if (line.next >= text.size()) break;
                line = line_at(text, line.next);
                continue;
            }
            if (skip_blanks(text, line.begin, line.content_end) == line.content_end) {
                out.empty_lines.push_back({line.begin, line.next});
                out.end = line.content_end;
                out.next = line.next;
                if (line.next >= text.size()) break;
                line = line_at(text, line.next);
                continue;
            }
        }
        first = false;
        auto escape_at = continuation_at(text, content_begin, line.content_end, escape);
        Offset piece_end = escape_at ? *escape_at : line.content_end;
        out.text.append(text.substr(content_begin, piece_end - content_begin), content_begin);
        out.end = line.content_end;
        out.next = line.next;
        if (!escape_at || line.next >= text.size()) break;
        line = line_at(text, line.next);
    }
}

LogicalText sub_text(const LogicalText& from, Offset begin, Offset end) {
    LogicalText out;
    // One allocation each, not one per doubling for an instruction of many lines.
    out.text.reserve(end > begin ? end - begin : 0);
    out.pieces.reserve(from.pieces.size());
    for (const auto& p : from.pieces) {
        Offset b = std::max(begin, p.logical);
        Offset e = std::min(end, p.logical + p.length);
        if (b >= e) continue;
        out.append(std::string_view(from.text).substr(b, e - b), p.document + (b - p.logical));
    }
    return out;
}

// The bytes where an unquoted word's scan has to look closer: spaces, quotes, the escape.
struct WordStops {
    std::array<bool, 256> stop{};
    explicit WordStops(char escape) {
        for (int c = 0; c < 256; ++c) stop[static_cast<std::size_t>(c)] = is_space(static_cast<char>(c));
        stop['\''] = stop['"'] = true;
        stop[static_cast<unsigned char>(escape)] = true;
    }
    bool operator()(char c) const { return stop[static_cast<unsigned char>(c)]; }
};

// Fills `words` (emptied first: a walk reuses one, so it is allocated once, not per instruction).
void split_words(std::string_view s, char escape, bool quote_aware, std::vector<RawWord>& words) {
    static const WordStops backslash('\\'), backtick('`'); // the only escape characters (walk_dockerfile)
    const WordStops& stops = escape == '`' ? backtick : backslash;
    words.clear();
    words.reserve(s.size() / 8 + 4); // about one word per 8 bytes: rarely grown
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        if (i >= s.size()) break;
        std::size_t start = i;
        char quote = 0;
        while (i < s.size()) {
            char c = s[i];
            if (quote == 0) {
                if (!stops(c)) { // a run of ordinary bytes
                    while (i + 1 < s.size() && !stops(s[i + 1])) ++i;
                    ++i;
                    continue;
                }
                if (is_space(c)) break;
                if (!quote_aware) {
                    ++i;
                    continue;
                }
                if (c == '\'' || c == '"') quote = c;
                else if (c == escape && i + 1 < s.size()) ++i;
            } else if (c == quote) {
                quote = 0;
            } else if (c == escape && quote != '\'' && i + 1 < s.size()) {
                ++i;
            }
            ++i;
        }
        words.push_back({static_cast<Offset>(start), static_cast<Offset>(i)});
    }
}

bool is_heredoc_capable(std::string_view keyword) {
    return keyword == "RUN" || keyword == "COPY" || keyword == "ADD";
}

bool is_json_capable(std::string_view keyword) {
    return keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT" || keyword == "SHELL" ||
           keyword == "COPY" || keyword == "ADD" || keyword == "VOLUME";
}

// `[<digits>]<<[-]NAME` (BuildKit's reHeredoc) -> the heredoc it opens.
std::optional<Heredoc> heredoc_marker(std::string_view word, TextRange range, char escape) {
    std::size_t i = 0;
    while (i < word.size() && std::isdigit(static_cast<unsigned char>(word[i]))) ++i;
    if (word.substr(i, 2) != "<<") return std::nullopt;
    i += 2;
    Heredoc h;
    if (i < word.size() && word[i] == '-') {
        h.strip_tabs = true;
        ++i;
    }
    std::string_view rest = word.substr(i);
    if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;
    h.delimiter = unquote(rest, escape);
    if (h.delimiter.empty()) return std::nullopt;
    h.quoted = rest.find_first_of("'\"") != std::string_view::npos;
    h.marker_range = range;
    return h;
}

// Splits the arguments of ENV/LABEL (name=value or legacy `name value`) and ARG, from their
// words (split quote-aware already).
void parse_pairs(Instruction& ins, char escape) {
    const std::string& s = ins.arguments.text;
    const std::vector<Word>& words = ins.words;
    if (words.empty()) return;
    auto doc = [&](Offset b, Offset e) { return ins.arguments.to_document(TextRange{b, e}); };
    auto empty_at = [&](Offset logical) {
        Offset d = ins.arguments.to_document(logical);
        return TextRange{d, d};
    };
    std::string_view first(s.data() + words[0].logical.begin, words[0].logical.length());
    const std::string_view keyword = ins.keyword();
    if (keyword != "ARG" && first.find('=') == std::string_view::npos) {
        // Legacy form: the key is the first blank-delimited part, the value the rest as written.
        Offset key_end = 0;
        while (key_end < s.size() && !is_space(s[key_end])) ++key_end;
        Offset value_begin = key_end;
        while (value_begin < s.size() && is_space(s[value_begin])) ++value_begin;
        KeyValue kv;
        kv.key = s.substr(0, key_end);
        kv.key_range = doc(0, key_end);
        if (value_begin >= s.size()) {
            ins.extras().pair_error = kv.key + " has no value";
            ins.extras().pair_error_range = kv.key_range;
            kv.value_range = empty_at(key_end);
        } else {
            kv.value = unquote(std::string_view(s).substr(value_begin), escape);
            kv.value_range = doc(value_begin, static_cast<Offset>(s.size()));
        }
        ins.pairs.push_back(std::move(kv));
        return;
    }
    ins.pairs.reserve(words.size()); // a pair a word: exactly sized, not doubled
    for (const Word& word_range : words) {
        const TextRange& w = word_range.logical;
        std::string_view word(s.data() + w.begin, w.length());
        std::size_t eq = word.find('=');
        KeyValue kv;
        if (eq == std::string_view::npos) {
            if (keyword != "ARG") {
                if (ins.pair_error().empty()) {
                    ins.extras().pair_error = "can't find = in \"" + std::string(word) + "\"";
                    ins.extras().pair_error_range = doc(w.begin, w.end);
                }
                continue;
            }
            kv.key = unquote(word, escape);
            kv.key_range = doc(w.begin, w.end);
            kv.value_range = empty_at(w.end);
        } else {
            Offset eq_at = w.begin + static_cast<Offset>(eq);
            kv.has_equals = true;
            kv.key = unquote(word.substr(0, eq), escape);
            kv.key_range = eq == 0 ? empty_at(w.begin) : doc(w.begin, eq_at);
            kv.value = unquote(word.substr(eq + 1), escape);
            kv.value_range = eq_at + 1 == w.end ? empty_at(w.end) : doc(eq_at + 1, w.end);
        }
        ins.pairs.push_back(std::move(kv));
    }
}

// Fills keyword, flags and arguments from a logical line (also used for ONBUILD's instruction).
// `raw_words` is scratch space, reused from one instruction to the next.
void parse_logical(Instruction& ins, const LogicalText& line, char escape,
                   std::vector<RawWord>& raw_words) {
    const std::string& s = line.text;
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t kw_begin = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    ins.set_keyword(upper(std::string_view(s).substr(kw_begin, i - kw_begin)));
    const std::string_view keyword = ins.keyword();
    ins.keyword_range = line.to_document(TextRange{static_cast<Offset>(kw_begin), static_cast<Offset>(i)});

    // Flags: leading words starting with `--` (BuildKit's extractBuilderFlags).
    while (true) {
        while (i < s.size() && is_space(s[i])) ++i;
        if (i + 1 >= s.size() || s[i] != '-' || s[i + 1] != '-') break;
        std::size_t start = i;
        std::string word;
        std::size_t eq = std::string::npos;
        char quote = 0;
        while (i < s.size() && (quote != 0 || !is_space(s[i]))) {
            char c = s[i];
            if (quote == 0 && (c == '\'' || c == '"')) quote = c;
            else if (quote != 0 && c == quote) quote = 0;
            else {
                if (c == '\\' && i + 1 < s.size() && quote != '\'') c = s[++i];
                else if (c == '=' && quote == 0 && eq == std::string::npos) eq = i;
                word.push_back(c);
            }
            ++i;
        }
        if (i - start == 2) break; // `--` ends the flags
        Flag f;
        f.range = line.to_document(TextRange{static_cast<Offset>(start), static_cast<Offset>(i)});
        std::size_t word_eq = word.find('=');
        f.name = word.substr(2, word_eq == std::string::npos ? std::string::npos : word_eq - 2);
        std::size_t name_end = eq == std::string::npos ? i : eq;
        f.name_range = name_end > start + 2
                           ? line.to_document(TextRange{static_cast<Offset>(start + 2), static_cast<Offset>(name_end)})
                           : TextRange{f.range.begin + 2, f.range.begin + 2};
        if (word_eq != std::string::npos) {
            f.has_value = true;
            f.value = word.substr(word_eq + 1);
            if (eq != std::string::npos && eq + 1 < i)
                f.value_range = line.to_document(TextRange{static_cast<Offset>(eq + 1), static_cast<Offset>(i)});
            else
                f.value_range = {f.range.end, f.range.end};
        } else {
            f.value_range = {f.range.end, f.range.end};
        }
        ins.flags.push_back(std::move(f));
    }
    std::size_t end = s.size();
    while (end > i && is_space(s[end - 1])) --end;
    ins.arguments = sub_text(line, static_cast<Offset>(i), static_cast<Offset>(end));
    if (ins.arguments.text.empty()) {
        Offset at = i < s.size() ? line.to_document(static_cast<Offset>(i)) : ins.keyword_range.end;
        if (!ins.flags.empty()) at = std::max(at, ins.flags.back().range.end);
        ins.arguments_range = {at, at};
        ins.form = ArgumentForm::None;
    } else {
        ins.arguments_range = ins.arguments.to_document(
            TextRange{0, static_cast<Offset>(ins.arguments.text.size())});
        ins.form = ArgumentForm::Shell;
    }
    if (ins.form == ArgumentForm::None) return;

    std::string_view args = ins.arguments.text;
    if (keyword == "ONBUILD") {
        Instruction child;
        parse_logical(child, ins.arguments, escape, raw_words);
        child.range = {child.keyword_range.begin, ins.range.end};
        ins.extras().onbuild.push_back(std::move(child));
        return;
    }
    std::string_view json_part = args;
    Offset json_offset = 0;
    if (keyword == "HEALTHCHECK") {
        // HEALTHCHECK CMD <command>: the command after the type may be JSON.
        std::size_t sep = 0;
        while (sep < args.size() && !is_space(args[sep])) ++sep;
        while (sep < args.size() && is_space(args[sep])) ++sep;
        json_part = args.substr(sep);
        json_offset = static_cast<Offset>(sep);
    }
    if ((is_json_capable(keyword) || keyword == "HEALTHCHECK") && !json_part.empty() &&
        json_part.front() == '[') {
        JsonArray parsed = parse_json_array(json_part);
        if (parsed.status == JsonStatus::Strings) {
            ins.form = ArgumentForm::Json;
            auto& json = ins.extras().json;
            json.reserve(parsed.strings.size());
            for (auto& str : parsed.strings) {
                json.push_back({std::move(str.value),
                                    ins.arguments.to_document(TextRange{json_offset + str.begin, json_offset + str.end})});
            }
        } else {
            ins.json_like = parsed.status == JsonStatus::NotStrings || looks_like_json_array(json_part);
            ins.json_single_quotes = parsed.status == JsonStatus::Invalid && is_single_quoted_json_array(json_part);
            if (ins.json_single_quotes) ins.json_like = false;
            ins.json_not_strings = parsed.status == JsonStatus::NotStrings;
        }
    }
    // FROM, COPY, ADD, EXPOSE and VOLUME split on blanks only (parseStringsWhitespaceDelimited).
    const bool quote_aware = !(keyword == "FROM" || keyword == "COPY" || keyword == "ADD" ||
                               keyword == "EXPOSE" || keyword == "VOLUME");
    split_words(args, escape, quote_aware, raw_words);
    ins.words.reserve(raw_words.size());
    for (const auto& w : raw_words) ins.words.push_back({TextRange{w.begin, w.end}});
    if (keyword == "ENV" || keyword == "LABEL" || keyword == "ARG") parse_pairs(ins, escape);
}

// Heredoc markers of an instruction's shell-form words.
std::vector<Heredoc> heredoc_markers(const Instruction& ins, char escape) {
    std::vector<Heredoc> out;
    if (!is_heredoc_capable(ins.keyword()) || ins.form != ArgumentForm::Shell) return out;
    if (ins.arguments.text.find("<<") == std::string::npos) return out;
    for (const auto& w : ins.words)
        if (auto h = heredoc_marker(ins.text_of(w), ins.range_of(w), escape))
            out.push_back(std::move(*h));
    return out;
}

// Reads the heredoc bodies after the instruction line; returns the end of the last one.
Offset read_heredocs(std::string_view text, std::vector<Heredoc>& heredocs, Offset from, Offset end) {
    Offset pos = from;
    for (auto& h : heredocs) {
        Offset body_begin = pos;
        h.terminated = false;
        while (pos < text.size()) {
            Line line = line_at(text, pos);
            Offset p = line.begin;
            if (h.strip_tabs)
                while (p < line.content_end && text[p] == '\t') ++p;
            if (text.substr(p, line.content_end - p) == h.delimiter) {
                h.terminated = true;
                h.body_range = {body_begin, line.begin};
                h.terminator_range = {line.begin, line.content_end};
                end = line.content_end;
                pos = line.next;
                break;
            }
            pos = line.next;
        }
        if (!h.terminated) {
            h.body_range = {body_begin, static_cast<Offset>(text.size())};
            h.terminator_range = {static_cast<Offset>(text.size()), static_cast<Offset>(text.size())};
            end = static_cast<Offset>(text.size());
        }
    }
    return end;
}

std::optional<Directive> parse_directive(std::string_view text, Offset begin, Offset end) {
    // ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
    if (begin >= end || text[begin] != '#') return std::nullopt;
    Offset p = skip_blanks(text, begin + 1, end);
    Offset name_begin = p;
    if (p >= end || !std::isalpha(static_cast<unsigned char>(text[p]))) return std::nullopt;
    while (p < end && std::isalnum(static_cast<unsigned char>(text[p]))) ++p;
    Offset name_end = p;
    p = skip_blanks(text, p, end);
    if (p >= end || text[p] != '=') return std::nullopt;
    p = skip_blanks(text, p + 1, end);
    Offset value_end = end;
    while (value_end > p && is_blank(text[value_end - 1])) --value_end;
    if (p >= value_end) return std::nullopt;
    Directive d;
    std::string name(text.substr(name_begin, name_end - name_begin));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    d.name = name;
    d.value = std::string(text.substr(p, value_end - p));
    d.range = {begin, end};
    d.name_range = {name_begin, name_end};
    d.value_range = {p, value_end};
    return d;
}

} // namespace

bool is_utf16_or_32(std::string_view text) {
    auto b = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u; };
    if (b(0) == 0xFF && b(1) == 0xFE) return true; // UTF-16LE / UTF-32LE
    if (b(0) == 0xFE && b(1) == 0xFF) return true; // UTF-16BE
    if (b(0) == 0 && b(1) == 0 && b(2) == 0xFE && b(3) == 0xFF) return true; // UTF-32BE
    // No BOM but NUL bytes in the first characters: UTF-16 or UTF-32 text.
    std::size_t n = std::min<std::size_t>(text.size(), 64);
    return n >= 2 && std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(n), '\0') * 4 >=
                         static_cast<std::ptrdiff_t>(n);
}

std::span<const std::string_view> known_instructions() { return instruction_keywords; }

bool is_known_instruction(std::string_view upper_keyword) {
    const auto& all = instruction_keywords;
    return std::find(all.begin(), all.end(), upper_keyword) != all.end();
}

std::string unquote(std::string_view word, char escape) {
    // Most words have no quote nor escape: copied at once.
    std::size_t plain = 0;
    auto special = [escape](char c) { return c == '\'' || c == '"' || c == escape; };
    while (plain < word.size() && !special(word[plain])) ++plain;
    if (plain == word.size()) return std::string(word);
    std::string out;
    out.reserve(word.size()); // never longer: one allocation, not one per doubling
    out.append(word.substr(0, plain));
    char quote = 0;
    for (std::size_t i = plain; i < word.size(); ++i) {
        char c = word[i];
        if (quote == 0) {
            if (c == '\'' || c == '"') quote = c;
            else if (c == escape && i + 1 < word.size()) out.push_back(word[++i]);
            else out.push_back(c);
        } else if (c == quote) {
            quote = 0;
        } else if (quote == '"' && c == escape && i + 1 < word.size() &&
                   (word[i + 1] == '"' || word[i + 1] == escape || word[i + 1] == '$')) {
            out.push_back(word[++i]);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

namespace {

Instruction parse_instruction(std::string_view text, Offset begin, char escape, LogicalLine& line) {
    scan_logical_line(text, begin, escape, line);
    Instruction ins;
    ins.range = {begin, line.end};
    parse_logical(ins, line.text, escape, line.words);
    // The scratch line's vectors are reused: copied (exactly sized) only when not empty.
    if (!line.comments.empty()) ins.extras().comments = line.comments;
    if (!line.empty_lines.empty()) ins.extras().empty_continuation_lines = line.empty_lines;
    Instruction& target = ins.onbuild().empty() ? ins : ins.extras().onbuild.front();
    std::vector<Heredoc> heredocs = heredoc_markers(target, escape);
    if (!heredocs.empty()) {
        ins.range.end = read_heredocs(text, heredocs, line.next, line.end);
        target.extras().heredocs = std::move(heredocs);
    }
    if (!ins.onbuild().empty()) ins.extras().onbuild.front().range.end = ins.range.end;
    return ins;
}

} // namespace

Instruction parse_instruction(std::string_view text, Offset begin, char escape) {
    LogicalLine line;
    return parse_instruction(text, begin, escape, line);
}

void shift_instruction(Instruction& ins, std::int64_t delta) {
    if (delta == 0) return;
    shift_range(ins.range, delta);
    shift_range(ins.keyword_range, delta);
    for (auto& f : ins.flags) {
        shift_range(f.range, delta);
        shift_range(f.name_range, delta);
        shift_range(f.value_range, delta);
    }
    for (auto& p : ins.arguments.pieces) p.document = static_cast<Offset>(p.document + delta);
    shift_range(ins.arguments_range, delta);
    for (auto& kv : ins.pairs) {
        shift_range(kv.key_range, delta);
        shift_range(kv.value_range, delta);
    }
    if (!ins.extras_if_any()) return;
    Instruction::Extras& extras = ins.extras();
    for (auto& j : extras.json) shift_range(j.range, delta);
    if (!extras.pair_error.empty()) shift_range(extras.pair_error_range, delta);
    for (auto& h : extras.heredocs) {
        shift_range(h.marker_range, delta);
        shift_range(h.body_range, delta);
        shift_range(h.terminator_range, delta);
    }
    for (auto& c : extras.comments) shift_range(c, delta);
    for (auto& e : extras.empty_continuation_lines) shift_range(e, delta);
    for (auto& child : extras.onbuild) shift_instruction(child, delta);
}

Offset walk_dockerfile(std::string_view text, Dockerfile& file, Offset pos, bool directives_done, WalkTrace& trace,
                       const std::function<bool(Offset)>& stop) {
    LogicalLine scratch; // each instruction's logical line, in one buffer
    while (pos < text.size()) {
        if (directives_done && stop && stop(pos)) return pos;
        Line line = line_at(text, pos);
        Offset first = skip_blanks(text, line.begin, line.content_end);
        if (!directives_done) {
            auto directive = parse_directive(text, first, line.content_end);
            bool valid = directive && (directive->name == "syntax" || directive->name == "escape" ||
                                       directive->name == "check");
            if (valid) {
                for (const auto& d : file.directives)
                    if (d.name == directive->name) directive->duplicate = true;
                if (directive->name == "escape" && !directive->duplicate &&
                    (directive->value == "`" || directive->value == "\\"))
                    file.escape = directive->value[0];
                file.directives.push_back(std::move(*directive));
                pos = line.next;
                continue;
            }
            directives_done = true;
            trace.header_end = pos;
        }
        if (first == line.content_end) {
            pos = line.next;
            continue;
        }
        if (text[first] == '#') {
            file.comments.push_back({first, line.content_end});
            pos = line.next;
            continue;
        }
        Instruction ins = parse_instruction(text, first, file.escape, scratch);
        ++trace.parsed;
        Offset next = block_end(text, ins);
        // A lone escape character followed by blank lines yields no instruction (BuildKit skips it).
        if (ins.keyword().empty()) trace.skipped.push_back({line.begin, next});
        else file.instructions.push_back(std::move(ins));
        pos = next;
    }
    if (!directives_done) trace.header_end = pos;
    return pos;
}

Offset block_end(std::string_view text, const Instruction& instruction) {
    return std::max(line_at(text, instruction.range.end).next, line_at(text, instruction.range.begin).next);
}

Dockerfile parse_dockerfile(std::string_view text, WalkTrace* trace) {
    Dockerfile file;
    WalkTrace local;
    WalkTrace& t = trace ? *trace : local;
    t = WalkTrace{};
    if (is_utf16_or_32(text)) {
        file.encoding_error = "file is UTF-16 or UTF-32: save it as UTF-8";
        return file;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") file.content_begin = 3;
    walk_dockerfile(text, file, file.content_begin, false, t);
    // The walk grew the list by doubling: up to half of it (168 bytes an instruction) unused.
    std::size_t n = file.instructions.size();
    if (file.instructions.capacity() > n + n / 8 + 16) {
        std::vector<Instruction> tight;
        tight.reserve(n + n / 16 + 16);
        std::move(file.instructions.begin(), file.instructions.end(), std::back_inserter(tight));
        file.instructions.swap(tight);
    }
    collect_stages(file);
    return file;
}

void collect_stages(Dockerfile& file) {
    file.stages.clear();
    file.stage_index.clear();
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const Instruction& ins = file.instructions[i];
        if (ins.keyword() != "FROM") continue;
        Stage stage;
        stage.instruction = i;
        if (!ins.words.empty()) {
            stage.image = ins.text_of(ins.words[0]);
            stage.image_range = ins.range_of(ins.words[0]);
        } else {
            stage.image_range = ins.arguments_range;
        }
        if (ins.words.size() >= 3 && upper(ins.text_of(ins.words[1])) == "AS") {
            stage.name = ins.text_of(ins.words[2]);
            stage.name_range = ins.range_of(ins.words[2]);
            file.stage_index.try_emplace(lower_stage_name(stage.name), file.stages.size());
        }
        file.stages.push_back(std::move(stage));
    }
}

} // namespace cdls::dockerfile
