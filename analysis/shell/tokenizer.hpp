// A shell-aware tokenizer: finds the simple commands of a script body and their words, with
// exact ranges. Not an interpreter: nothing is expanded, but quotes, escapes, continuations,
// command substitutions, heredocs, pipelines and wrappers (sudo, env, ...) are understood.
#pragma once

#include "analysis/core/text.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::shell {

// One word of a command. Ranges are logical offsets into the tokenized text (map them with
// MappedText::to_document). Texts are views: into the tokenized text, or into the Script's
// storage when quotes or escapes were removed; they live as long as both.
struct Word {
    std::string_view text;  // quotes removed, escapes resolved; $VAR and $(...) kept as written
    TextRange range;        // the raw word, quotes included
    bool quoted = false;    // some part was quoted or escaped
    bool expands = false;   // contains a $ or ` expansion (so `text` is not the final value)
};

// NAME=value before a command (or the whole of an assignment-only line).
struct Assignment {
    std::string_view name;
    std::string_view value; // unquoted
    TextRange name_range;
    TextRange value_range; // raw, quotes included; empty for NAME=
    bool literal = true;   // value has no expansion
};

// A redirection: `> file`, `2>&1`, `< in`, `>> log`, `<<< word`. Heredocs are in Heredoc.
struct Redirection {
    std::string_view op; // the operator without the file descriptor: ">", ">>", ">&", "<", "<<<" ...
    std::optional<Word> target;
};

// A heredoc fed to a command. Its body is data: it is recorded but not tokenized.
struct Heredoc {
    std::string_view delimiter;
    bool quoted_delimiter = false; // <<'EOF': no expansion in the body
    bool strip_tabs = false;       // <<-EOF
    TextRange body;                // the lines between the operator line and the delimiter line
    bool terminated = false;       // the delimiter line was found
};

struct Command {
    std::vector<Assignment> assignments; // leading NAME=value words (and `env NAME=value`)
    std::span<const Word> words;         // every word, wrappers included (in Script::words)
    std::size_t name_index = 0;          // first word after wrappers (sudo, env, nohup, ...)
    // command_basename(name()), found once with the name: every rule compares it, and finding the
    // last '/' again in each rule for each command was ~3 % of a corpus run.
    std::string_view basename;
    std::vector<Redirection> redirections;
    std::vector<Heredoc> heredocs;
    // The command that reads this one's stdout through `|`, as an index into Script::commands.
    std::optional<std::size_t> piped_to;
    bool piped_from = false;
    // The command holding this one in a word: `$(...)`, backticks, `<(...)`, `sh -c '...'`.
    std::optional<std::size_t> enclosing;
    bool substituted = false; // inside $(...), backticks or <(...): its output is a value
    unsigned depth = 0;       // nesting level of substitutions and sh -c strings
    TextRange range;    // from its first to its last token (logical)

    bool has_name() const { return name_index < words.size(); }
    // The command name after wrappers ("" when the command is only assignments/redirections).
    std::string_view name() const {
        return has_name() ? words[name_index].text : std::string_view();
    }
    // The words after the name.
    std::span<const Word> args() const {
        if (!has_name()) return {};
        return words.subspan(name_index + 1);
    }
};

// Where the texts of words that are not a slice of the tokenized text are kept: chunks that
// never move, so that the views stay valid when the Script moves.
class WordStorage {
public:
    std::string_view store(std::string_view text);

private:
    std::vector<std::unique_ptr<char[]>> chunks_;
    char* free_ = nullptr;
    std::size_t left_ = 0;
};

struct Script {
    // Every simple command. A command nested in a substitution comes before the command that
    // holds it; compare `range.begin` for source order.
    std::vector<Command> commands;
    bool truncated = false; // nesting deeper than the cap: the innermost commands were skipped
    TextRange truncated_at; // the first substitution skipped (logical), when truncated
    WordStorage storage;    // the words' texts that quotes or escapes changed
    // Every command's words, in the order of `commands` (each Command::words views its own):
    // one buffer instead of a vector per command, a tenth of the tokenizer's cost in malloc.
    std::vector<Word> words;

    // Moved, not copied: a copy's commands would view the original's words.
    Script() = default;
    Script(Script&&) noexcept = default;
    Script& operator=(Script&&) noexcept = default;
    Script(const Script&) = delete;
    Script& operator=(const Script&) = delete;
};

// Never throws; linear in the text size (substitution nesting is capped). The script's words
// view `text`, which must outlive it.
Script tokenize(std::string_view text);

// The last path component of a command word ("/usr/bin/pip3" -> "pip3").
inline std::string_view command_basename(std::string_view word) {
    auto slash = word.rfind('/');
    return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

// NAME=value with a valid shell name; sets `name_length` to the length of NAME.
bool is_assignment_word(std::string_view text, std::size_t& name_length);

} // namespace cdls::shell
