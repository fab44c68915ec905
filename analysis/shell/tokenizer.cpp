// The shell tokenizer: a single recursive-descent scan over the text (see tokenizer.hpp).
#include "analysis/shell/tokenizer.hpp"

#include <algorithm>
#include <array>

namespace cdls::shell {

namespace {

// Substitutions nested deeper than this are skipped (balanced) rather than tokenized.
constexpr unsigned kMaxDepth = 32;

// The capacity of the per-thread word stack kept from one script to the next (128 KiB).
constexpr std::size_t kKeptWords = 4096;

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
// A table: scan_word asks for each byte that is not plain (~150 000 calls a corpus run).
constexpr std::array<bool, 256> metachar_table = [] {
    std::array<bool, 256> table{};
    for (char c : std::string_view(" \t\r\f\v\n;&|<>()"))
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();
inline bool is_metachar(char c) { return metachar_table[static_cast<unsigned char>(c)]; }

// Characters scan_word copies as they are: not a metacharacter, and not the start of a quote,
// escape, expansion or {{ argument }}. Runs of them are appended at once.
const std::array<bool, 256> plain_word_char = [] {
    std::array<bool, 256> table{};
    for (int i = 0; i < 256; ++i) {
        char c = static_cast<char>(i);
        table[static_cast<std::size_t>(i)] = !is_metachar(c) && c != '\\' && c != '\'' && c != '"' && c != '$' &&
                                             c != '`' && c != '{';
    }
    return table;
}();

bool is_reserved_word(std::string_view w) {
    // By length first: most command names miss at once, without a scan of the keyword table.
    switch (w.size()) {
    case 1: return w == "{" || w == "}" || w == "!";
    case 2: return w == "if" || w == "fi" || w == "do";
    case 4: return w == "then" || w == "else" || w == "elif" || w == "done";
    case 5: return w == "while" || w == "until";
    default: return false;
    }
}

bool is_shell_interpreter(std::string_view name) {
    return name == "sh" || name == "bash" || name == "dash" || name == "zsh" || name == "ksh" ||
           name == "ash";
}

// Where a heredoc body is still to be read: command `command` (npos until it is pushed),
// heredoc `heredoc` of that command.
struct PendingHeredoc {
    const void* owner; // the ListState building the command
    std::size_t command;
    std::size_t heredoc;
};

enum class Stop { End, Paren };

// The words of the commands being built, a stack: the commands of a substitution are built
// while the command holding it is (their words follow its own) and end first. Kept per thread
// so that its capacity serves every body tokenized.
std::vector<Word>& word_stack() {
    static thread_local std::vector<Word> words;
    return words;
}

class Scanner {
public:
    Scanner(std::string_view text, Script& out)
        : s_(text), out_(out), words_(word_stack()), words_base_(words_.size()) {}
    ~Scanner() {
        words_.resize(words_base_);
        // A huge command (a generated script) is not kept per thread for the server's lifetime.
        if (words_base_ == 0 && words_.capacity() > kKeptWords) std::vector<Word>().swap(words_);
    }

    void run() { parse_list(0, s_.size(), Stop::End, 0); }

private:
    std::string_view s_;
    Script& out_;
    std::vector<Word>& words_;
    std::size_t words_base_;
    std::vector<PendingHeredoc> pending_;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    Offset off(std::size_t p) const { return static_cast<Offset>(p); }

    // The text of the word being scanned at each depth (scan_word at one depth holds the
    // substitutions it contains, scanned one depth further): a slice of s_ while its pieces
    // follow each other in s_, else a copy in scratch_, kept in the Script's storage at its end.
    struct Building {
        const char* start = nullptr;
        std::size_t size = 0;
        bool copied = false;
    };
    std::array<Building, kMaxDepth + 1> building_{};
    std::array<std::string, kMaxDepth + 1> scratch_;

    // Adds `piece` (a slice of s_) to the text of the word scanned at `depth`.
    void append(unsigned depth, std::string_view piece) {
        Building& b = building_[depth];
        if (!b.copied) {
            if (b.size == 0) {
                b.start = piece.data();
                b.size = piece.size();
                return;
            }
            if (b.start + b.size == piece.data()) {
                b.size += piece.size();
                return;
            }
            scratch_[depth].assign(b.start, b.size);
            b.copied = true;
        }
        scratch_[depth].append(piece);
    }
    std::string_view text_so_far(unsigned depth) const {
        const Building& b = building_[depth];
        return b.copied ? std::string_view(scratch_[depth]) : std::string_view(b.start, b.size);
    }
    std::string_view end_text(unsigned depth) {
        return building_[depth].copied ? out_.storage.store(scratch_[depth]) : text_so_far(depth);
    }

    // Skips a balanced (...) region starting after `count` opening parentheses. Linear.
    std::size_t skip_balanced(std::size_t p, std::size_t end, int count = 1) const {
        while (p < end) {
            char c = s_[p];
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '\'') {
                auto q = s_.find('\'', p + 1);
                p = (q == std::string_view::npos || q >= end) ? end : q + 1;
                continue;
            }
            if (c == '(') ++count;
            else if (c == ')' && --count == 0) return p + 1;
            ++p;
        }
        return end;
    }

    // Skips ${...}, starting after "${". Linear.
    std::size_t skip_braces(std::size_t p, std::size_t end) const {
        int count = 1;
        while (p < end) {
            char c = s_[p];
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '{') ++count;
            else if (c == '}' && --count == 0) return p + 1;
            ++p;
        }
        return end;
    }

    // The closing backtick of a backtick substitution whose body starts at p.
    std::size_t find_backtick(std::size_t p, std::size_t end) const {
        while (p < end) {
            if (s_[p] == '\\') p += 2;
            else if (s_[p] == '`') return p;
            else ++p;
        }
        return end;
    }

    // A `$...` expansion at p (s_[p] == '$'). Appends its raw text to `word`.
    std::size_t scan_dollar(std::size_t p, std::size_t end, unsigned depth, Word& word) {
        std::size_t start = p;
        std::size_t q = p + 1;
        if (q >= end) {
            append(depth, s_.substr(p, 1));
            return q;
        }
        char c = s_[q];
        if (c == '(') {
            if (q + 1 < end && s_[q + 1] == '(') q = skip_balanced(q + 2, end, 2);
            else q = substitution(q + 1, end, depth);
            word.expands = true;
        } else if (c == '{') {
            q = skip_braces(q + 1, end);
            word.expands = true;
        } else if (c == '\'') { // $'...' ANSI-C quoting
            ++q;
            while (q < end && s_[q] != '\'') q += (s_[q] == '\\') ? 2 : 1;
            std::size_t close = std::min(q, end);
            append(depth, s_.substr(p + 2, close - (p + 2)));
            word.quoted = true;
            return std::min(close + 1, end);
        } else if (is_name_start(c)) {
            while (q < end && is_name_char(s_[q])) ++q;
            word.expands = true;
        } else if (is_digit(c) || c == '@' || c == '*' || c == '#' || c == '?' || c == '$' ||
                   c == '!' || c == '-') {
            ++q;
            word.expands = true;
        } else {
            append(depth, s_.substr(p, 1));
            return q;
        }
        q = std::min(q, end);
        append(depth, s_.substr(start, q - start));
        return q;
    }

    // Records the first substitution left unanalysed because of the nesting cap.
    void mark_truncated(std::size_t begin, std::size_t end) {
        if (!out_.truncated) out_.truncated_at = TextRange{static_cast<Offset>(begin), static_cast<Offset>(end)};
        out_.truncated = true;
    }

    // `$(` body at p: tokenized (or skipped beyond the depth cap). Returns after the ')'.
    std::size_t substitution(std::size_t p, std::size_t end, unsigned depth) {
        if (depth + 1 >= kMaxDepth) {
            std::size_t after = skip_balanced(p, end);
            mark_truncated(p >= 2 ? p - 2 : 0, after); // from the `$(`
            return after;
        }
        return parse_list(p, end, Stop::Paren, depth + 1, true);
    }

    // A backtick substitution at p (s_[p] == '`'). Returns after the closing backtick.
    std::size_t backtick(std::size_t p, std::size_t end, unsigned depth, Word& word) {
        std::size_t close = find_backtick(p + 1, end);
        if (depth + 1 >= kMaxDepth) mark_truncated(p, std::min(close + 1, end));
        else parse_list(p + 1, close, Stop::End, depth + 1, true);
        std::size_t after = std::min(close + 1, end);
        append(depth, s_.substr(p, after - p));
        word.expands = true;
        return after;
    }

    // The inside of "..." starting after the opening quote.
    std::size_t scan_double(std::size_t p, std::size_t end, unsigned depth, Word& word) {
        word.quoted = true;
        while (p < end) {
            char c = s_[p];
            if (c == '"') return p + 1;
            if (c == '\\' && p + 1 < end) {
                char n = s_[p + 1];
                if (n == '\n') {
                    p += 2;
                } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    append(depth, s_.substr(p + 1, 1));
                    p += 2;
                } else {
                    append(depth, s_.substr(p, 1));
                    ++p;
                }
                continue;
            }
            if (c == '$') {
                p = scan_dollar(p, end, depth, word);
                continue;
            }
            if (c == '`') {
                p = backtick(p, end, depth, word);
                continue;
            }
            std::size_t run = p + 1;
            while (run < end && s_[run] != '"' && s_[run] != '\\' && s_[run] != '$' && s_[run] != '`') ++run;
            append(depth, s_.substr(p, run - p));
            p = run;
        }
        return end;
    }

    // A word starting at p (not a metacharacter, or a process substitution <( >( ).
    std::size_t scan_word(std::size_t p, std::size_t end, unsigned depth, Word& word) {
        std::size_t start = p;
        word.range.begin = off(p);
        building_[depth] = {};
        while (p < end) {
            char c = s_[p];
            // Most of a word is plain bytes: copy the run before testing for anything else.
            if (plain_word_char[static_cast<unsigned char>(c)]) {
                std::size_t run = p + 1;
                while (run < end && plain_word_char[static_cast<unsigned char>(s_[run])]) ++run;
                append(depth, s_.substr(p, run - p));
                p = run;
                continue;
            }
            if (is_metachar(c)) {
                // Process substitution <(...) / >(...) at the start of a word.
                if ((c == '<' || c == '>') && p == start && p + 1 < end && s_[p + 1] == '(') {
                    std::size_t q = substitution(p + 2, end, depth);
                    append(depth, s_.substr(p, q - p));
                    word.expands = true;
                    p = q;
                    continue;
                }
                // An array assignment NAME=( ... ) keeps its list in the word.
                if (c == '(' && p > start && s_[p - 1] == '=') {
                    std::size_t name_length = 0;
                    if (is_assignment_word(text_so_far(depth), name_length)) {
                        std::size_t q = skip_balanced(p + 1, end);
                        append(depth, s_.substr(p, q - p));
                        p = q;
                        continue;
                    }
                }
                break;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    ++p;
                    continue;
                }
                char n = s_[p + 1];
                if (n == '\n') {
                    p += 2;
                } else if (n == '\r' && p + 2 < end && s_[p + 2] == '\n') {
                    p += 3;
                } else {
                    append(depth, s_.substr(p + 1, 1));
                    word.quoted = true;
                    p += 2;
                }
                continue;
            }
            if (c == '\'') {
                auto q = s_.find('\'', p + 1);
                std::size_t close = (q == std::string_view::npos || q >= end) ? end : q;
                append(depth, s_.substr(p + 1, close - (p + 1)));
                word.quoted = true;
                p = std::min(close + 1, end);
                continue;
            }
            if (c == '"') {
                p = scan_double(p + 1, end, depth, word);
                continue;
            }
            if (c == '$') {
                p = scan_dollar(p, end, depth, word);
                continue;
            }
            if (c == '`') {
                p = backtick(p, end, depth, word);
                continue;
            }
            // An Apptainer build argument {{ NAME }} is replaced before the shell runs: one word.
            if (c == '{' && p + 1 < end && s_[p + 1] == '{') {
                auto close = s_.find("}}", p + 2);
                auto line_end = s_.find('\n', p);
                if (close != std::string_view::npos && close + 2 <= end && close < line_end) {
                    append(depth, s_.substr(p, close + 2 - p));
                    word.expands = true;
                    p = close + 2;
                    continue;
                }
            }
            std::size_t run = p + 1;
            while (run < end && plain_word_char[static_cast<unsigned char>(s_[run])]) ++run;
            append(depth, s_.substr(p, run - p));
            p = run;
        }
        word.range.end = off(std::min(p, end));
        word.text = end_text(depth);
        return std::min(p, end);
    }

    // Reads the bodies of heredocs whose operator was on the line that just ended. p is the
    // start of the next line.
    std::size_t read_heredocs(std::size_t p, std::size_t end) {
        for (const PendingHeredoc& pending : pending_) {
            if (pending.command >= out_.commands.size()) continue;
            auto& heredocs = out_.commands[pending.command].heredocs;
            if (pending.heredoc >= heredocs.size()) continue;
            Heredoc& h = heredocs[pending.heredoc];
            std::size_t body_start = p;
            h.body = {off(p), off(end)};
            while (p < end) {
                std::size_t line_end = s_.find('\n', p);
                if (line_end == std::string_view::npos || line_end > end) line_end = end;
                std::string_view line = s_.substr(p, line_end - p);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                if (h.strip_tabs) {
                    while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
                }
                if (line == h.delimiter) {
                    h.body = {off(body_start), off(p)};
                    h.terminated = true;
                    p = std::min(line_end + 1, end);
                    break;
                }
                p = std::min(line_end + 1, end);
            }
        }
        pending_.clear();
        return p;
    }

    // Where the command proper starts after wrappers; `env NAME=value` adds assignments.
    static void find_name(Command& cmd) {
        auto& w = cmd.words;
        std::size_t i = 0;
        auto takes = [&](std::initializer_list<std::string_view> options) {
            return std::find(options.begin(), options.end(), std::string_view(w[i].text)) !=
                   options.end();
        };
        auto is_option = [&] { return i < w.size() && w[i].text.size() > 1 && w[i].text[0] == '-'; };
        while (i < w.size() && !w[i].expands) {
            std::string_view name = command_basename(w[i].text);
            std::size_t next = i + 1;
            std::string_view after = next < w.size() ? std::string_view(w[next].text) : "";
            if (name == "sudo" || name == "doas") {
                i = next;
                while (is_option()) {
                    if (std::string_view(w[i].text) == "--") {
                        ++i;
                        break;
                    }
                    i += takes({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"}) ? 2 : 1;
                }
            } else if (name == "env") {
                i = next;
                std::size_t name_length = 0;
                while (i < w.size()) {
                    if (is_option()) {
                        i += takes({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"}) ? 2 : 1;
                    } else if (is_assignment_word(w[i].text, name_length)) {
                        Assignment a;
                        a.name = w[i].text.substr(0, name_length);
                        a.value = w[i].text.substr(name_length + 1);
                        a.name_range = {w[i].range.begin, static_cast<Offset>(w[i].range.begin + name_length)};
                        a.value_range = {static_cast<Offset>(w[i].range.begin + name_length + 1), w[i].range.end};
                        a.literal = !w[i].expands;
                        cmd.assignments.push_back(std::move(a));
                        ++i;
                    } else {
                        break;
                    }
                }
            } else if (name == "nohup" || name == "eatmydata" || name == "fakeroot") {
                i = next;
            } else if (name == "time") {
                i = next;
                while (is_option()) ++i;
            } else if (name == "command") {
                if (after == "-v" || after == "-V") break; // a lookup, not a run
                i = next;
                while (is_option()) ++i;
            } else if (name == "exec") {
                i = next;
                while (is_option()) i += takes({"-a"}) ? 2 : 1;
            } else if (name == "nice") {
                i = next;
                while (is_option()) i += takes({"-n", "--adjustment"}) ? 2 : 1;
            } else if (name == "timeout") {
                i = next;
                while (is_option()) i += takes({"-s", "--signal", "-k", "--kill-after"}) ? 2 : 1;
                if (i < w.size()) ++i; // the duration
            } else if (name == "xargs") {
                i = next;
                while (is_option()) {
                    i += takes({"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file",
                                "--delimiter", "--max-args", "--max-procs", "--max-lines"})
                             ? 2
                             : 1;
                }
            } else if ((name == "conda" || name == "mamba" || name == "micromamba") &&
                       after == "run") {
                i = next + 1;
                while (is_option()) i += takes({"-n", "--name", "-p", "--prefix", "--cwd"}) ? 2 : 1;
            } else {
                break;
            }
        }
        cmd.name_index = std::min(i, w.size());
        cmd.basename =
            cmd.has_name() ? command_basename(w[cmd.name_index].text) : std::string_view();
    }

    // The state of one command list (a script, a $(...) body, a sh -c string).
    struct ListState {
        Command current;
        std::size_t words_begin = 0; // where the current command's words start in words_
        bool has_tokens = false;
        std::size_t first_child = 0; // out_.commands index where this command's nested ones start
        std::optional<std::size_t> pipe_from;
        int group_parens = 0;
        enum class Header { None, For, CaseSubject, CaseIn } header = Header::None;
        std::size_t skip_words = 0;
        std::vector<bool> case_patterns; // a stack: true while reading `pattern)` of a case
        bool substituted = false;
    };

    void note_token(ListState& st, TextRange range) {
        if (!st.has_tokens) st.current.range.begin = range.begin;
        st.current.range.end = std::max(st.current.range.end, range.end);
        st.has_tokens = true;
    }

    void finish(ListState& st, unsigned depth, bool pipe) {
        if (st.header == ListState::Header::For) st.header = ListState::Header::None;
        if (!st.has_tokens) return;
        // Built in place and moved once into the script: each Command move costs ~90 Ir.
        Command& cmd = st.current;
        st.has_tokens = false;
        // Views out_.words until it grows: tokenize() points every command at its words last.
        std::size_t first_word = out_.words.size();
        auto own_words = words_.begin() + static_cast<std::ptrdiff_t>(st.words_begin);
        out_.words.insert(out_.words.end(), own_words, words_.end());
        words_.resize(st.words_begin);
        cmd.words = std::span<const Word>(out_.words).subspan(first_word);
        find_name(cmd);
        cmd.depth = depth;
        cmd.substituted = st.substituted;
        std::size_t index = out_.commands.size();
        if (st.pipe_from && *st.pipe_from < index) {
            out_.commands[*st.pipe_from].piped_to = index;
            cmd.piped_from = true;
        }
        for (std::size_t j = st.first_child; j < index; ++j) {
            Command& child = out_.commands[j];
            if (!child.enclosing && child.depth == depth + 1) child.enclosing = index;
        }
        for (PendingHeredoc& pending : pending_) {
            if (pending.owner == &st && pending.command == npos) pending.command = index;
        }
        out_.commands.push_back(std::move(cmd));
        st.current = Command{};
        st.pipe_from = pipe ? std::optional<std::size_t>(index) : std::nullopt;
        parse_shell_string(index, depth);
        st.first_child = out_.commands.size();
    }

    // `sh -c '...'`: the string is a script too, when it is one quoted word.
    void parse_shell_string(std::size_t index, unsigned depth) {
        const Command& cmd = out_.commands[index];
        if (!cmd.has_name() || !is_shell_interpreter(cmd.basename)) return;
        auto args = cmd.args();
        for (std::size_t i = 0; i + 1 < args.size(); ++i) {
            std::string_view a = args[i].text;
            if (a.empty() || a[0] != '-') return;
            if (a.size() < 2 || a[1] == '-' || a.find('c') == std::string_view::npos) continue;
            TextRange r = args[i + 1].range;
            if (r.length() < 2 || depth + 1 >= kMaxDepth) return;
            char q = s_[r.begin];
            if ((q != '\'' && q != '"') || s_[r.end - 1] != q) return;
            std::size_t first = out_.commands.size();
            parse_list(r.begin + 1, r.end - 1, Stop::End, depth + 1);
            for (std::size_t j = first; j < out_.commands.size(); ++j) {
                if (!out_.commands[j].enclosing && out_.commands[j].depth == depth + 1)
                    out_.commands[j].enclosing = index;
            }
            return;
        }
    }

    // A redirection at p. Returns the position after its target.
    std::size_t redirection(std::size_t p, std::size_t end, unsigned depth, ListState& st) {
        std::size_t start = p;
        while (p < end && is_digit(s_[p])) ++p;
        static constexpr std::array<std::string_view, 12> ops{
            "<<-", "<<<", "&>>", "<<", "<>", "<&", ">>", ">|", ">&", "&>", "<", ">"};
        std::string_view op;
        for (std::string_view candidate : ops) {
            if (s_.substr(p, candidate.size()) == candidate) {
                op = candidate;
                break;
            }
        }
        if (op.empty()) op = s_.substr(p, 1);
        p += op.size();
        while (p < end && is_blank(s_[p])) ++p;
        Redirection r;
        r.op = op;
        std::optional<Word> target;
        if (p < end && (!is_metachar(s_[p]) || ((s_[p] == '<' || s_[p] == '>') && p + 1 < end && s_[p + 1] == '('))) {
            Word w;
            p = scan_word(p, end, depth, w);
            target = std::move(w);
        }
        note_token(st, {off(start), off(p)});
        if ((op == "<<" || op == "<<-") && target) {
            Heredoc h;
            h.delimiter = target->text;
            h.quoted_delimiter = target->quoted;
            h.strip_tabs = op == "<<-";
            st.current.heredocs.push_back(std::move(h));
            pending_.push_back({&st, npos, st.current.heredocs.size() - 1});
            return p;
        }
        r.target = std::move(target);
        st.current.redirections.push_back(std::move(r));
        return p;
    }

    void handle_word(ListState& st, Word&& word) {
        if (!keep_word(st, word) && !st.has_tokens) {
            // A discarded word (keyword, `for` list, case subject): its substitutions belong to
            // no command.
            st.first_child = out_.commands.size();
        }
    }

    // Adds `word` to the current command; false when it is a keyword or header word.
    bool keep_word(ListState& st, Word& word) {
        using Header = ListState::Header;
        if (st.header == Header::For) return false;
        if (st.header == Header::CaseSubject) {
            st.header = Header::CaseIn;
            return false;
        }
        if (st.header == Header::CaseIn) {
            st.header = Header::None;
            st.case_patterns.push_back(true);
            if (word.text == "in") return false;
        }
        if (st.skip_words > 0) {
            --st.skip_words;
            return false;
        }
        bool no_words = words_.size() == st.words_begin;
        bool command_position = no_words && st.current.assignments.empty() &&
                                st.current.redirections.empty();
        // Compared as views: std::string == "literal" calls strlen and compare for each.
        std::string_view text = word.text;
        if (command_position && !word.quoted && !word.expands && text.size() <= 8) {
            if (is_reserved_word(text)) return false;
            if (text == "esac") {
                if (!st.case_patterns.empty()) st.case_patterns.pop_back();
                return false;
            }
            if (text == "for" || text == "select") {
                st.header = Header::For;
                return false;
            }
            if (text == "case") {
                st.header = Header::CaseSubject;
                return false;
            }
            if (text == "function") {
                st.skip_words = 1;
                return false;
            }
        }
        std::size_t name_length = 0;
        if (no_words && is_assignment_word(word.text, name_length) &&
            s_.substr(word.range.begin, name_length + 1) == word.text.substr(0, name_length + 1)) {
            note_token(st, word.range);
            Assignment a;
            a.name = word.text.substr(0, name_length);
            a.value = word.text.substr(name_length + 1);
            a.name_range = {word.range.begin, static_cast<Offset>(word.range.begin + name_length)};
            a.value_range = {static_cast<Offset>(word.range.begin + name_length + 1), word.range.end};
            a.literal = !word.expands;
            st.current.assignments.push_back(std::move(a));
            return true;
        }
        note_token(st, word.range);
        words_.push_back(word);
        return true;
    }

    // Parses commands from p until `end`, or until the unmatched ')' when stop is Paren.
    // Returns the position after the last byte consumed.
    std::size_t parse_list(std::size_t p, std::size_t end, Stop stop, unsigned depth,
                           bool substituted = false) {
        ListState st;
        st.words_begin = words_.size();
        st.substituted = substituted;
        st.first_child = out_.commands.size();
        while (p < end) {
            char c = s_[p];
            if (is_blank(c)) {
                ++p;
                continue;
            }
            if (c == '\\' && p + 1 < end && s_[p + 1] == '\n') {
                p += 2;
                continue;
            }
            if (c == '\\' && p + 2 < end && s_[p + 1] == '\r' && s_[p + 2] == '\n') {
                p += 3;
                continue;
            }
            if (c == '#') {
                auto q = s_.find('\n', p);
                p = (q == std::string_view::npos || q > end) ? end : q;
                continue;
            }
            if (c == '\n') {
                finish(st, depth, false);
                p = read_heredocs(p + 1, end);
                continue;
            }
            // Inside `case ... in`, patterns up to ')' are not commands.
            if (!st.case_patterns.empty() && st.case_patterns.back()) {
                if (c == ')') {
                    st.case_patterns.back() = false;
                    ++p;
                    continue;
                }
                if (is_metachar(c)) {
                    ++p;
                    continue;
                }
                Word w;
                p = scan_word(p, end, depth, w);
                if (w.text == "esac" && !w.quoted) st.case_patterns.pop_back();
                continue;
            }
            if (c == ';') {
                finish(st, depth, false);
                if (p + 1 < end && (s_[p + 1] == ';' || s_[p + 1] == '&')) {
                    p += 2;
                    if (p < end && s_[p] == '&') ++p;
                    if (!st.case_patterns.empty()) st.case_patterns.back() = true;
                    continue;
                }
                ++p;
                continue;
            }
            if (c == '&') {
                if (p + 1 < end && s_[p + 1] == '>') {
                    p = redirection(p, end, depth, st);
                    continue;
                }
                finish(st, depth, false);
                p += (p + 1 < end && s_[p + 1] == '&') ? 2 : 1;
                continue;
            }
            if (c == '|') {
                if (p + 1 < end && s_[p + 1] == '|') {
                    finish(st, depth, false);
                    p += 2;
                    continue;
                }
                finish(st, depth, true);
                p += (p + 1 < end && s_[p + 1] == '&') ? 2 : 1;
                continue;
            }
            if (c == ')') {
                if (st.group_parens > 0) {
                    --st.group_parens;
                    finish(st, depth, false);
                    ++p;
                    continue;
                }
                if (stop == Stop::Paren) {
                    finish(st, depth, false);
                    return p + 1;
                }
                ++p;
                continue;
            }
            if (c == '(') {
                bool empty = !st.has_tokens;
                if (empty && p + 1 < end && s_[p + 1] == '(') { // (( arithmetic ))
                    p = skip_balanced(p + 2, end, 2);
                    continue;
                }
                std::size_t q = p + 1;
                while (q < end && is_blank(s_[q])) ++q;
                if (!empty && q < end && s_[q] == ')') { // name() { ... }: a definition
                    st.current = Command{};
                    words_.resize(st.words_begin);
                    st.has_tokens = false;
                    p = q + 1;
                    continue;
                }
                finish(st, depth, false);
                ++st.group_parens;
                ++p;
                continue;
            }
            if (c == '<' || c == '>' || is_digit(c)) {
                bool redirect = c != '>' && c != '<' ? false : !(p + 1 < end && s_[p + 1] == '(');
                if (is_digit(c)) {
                    std::size_t q = p;
                    while (q < end && is_digit(s_[q])) ++q;
                    redirect = q < end && (s_[q] == '<' || s_[q] == '>');
                }
                if (redirect) {
                    p = redirection(p, end, depth, st);
                    continue;
                }
            }
            Word w;
            p = scan_word(p, end, depth, w);
            if (w.range.empty()) { // defensive: always make progress
                ++p;
                continue;
            }
            handle_word(st, std::move(w));
        }
        finish(st, depth, false);
        return std::min(p, end);
    }
};

} // namespace

bool is_assignment_word(std::string_view text, std::size_t& name_length) {
    if (text.empty() || !is_name_start(text[0])) return false;
    std::size_t i = 1;
    while (i < text.size() && is_name_char(text[i])) ++i;
    name_length = i;
    if (i < text.size() && text[i] == '+' && i + 1 < text.size() && text[i + 1] == '=') {
        return false; // NAME+=value: an append, rare in definitions; treat as a word
    }
    return i < text.size() && text[i] == '=';
}

std::string_view WordStorage::store(std::string_view text) {
    if (text.size() > left_) {
        // Chunks grow with the script (a long body has many quoted words), from 1 KiB.
        std::size_t size = std::max<std::size_t>({text.size(), 1024, chunks_.size() * 4096});
        chunks_.push_back(std::make_unique_for_overwrite<char[]>(size));
        free_ = chunks_.back().get();
        left_ = size;
    }
    std::copy(text.begin(), text.end(), free_);
    std::string_view kept(free_, text.size());
    free_ += text.size();
    left_ -= text.size();
    return kept;
}

Script tokenize(std::string_view text) {
    Script script;
    if (text.size() >= static_cast<std::size_t>(static_cast<Offset>(-1))) return script;
    // Most bodies hold a few commands; reserving by line count measured slower (large blocks).
    script.commands.reserve(8);
    script.words.reserve(32);
    Scanner(text, script).run();
    // The commands' words were added in the order of the commands: each one's are the next.
    const Word* next = script.words.data();
    for (Command& command : script.commands) {
        command.words = {next, command.words.size()};
        next += command.words.size();
    }
    return script;
}

} // namespace cdls::shell
