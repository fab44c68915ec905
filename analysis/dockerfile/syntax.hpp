// The lossless Dockerfile syntax tree: directives, comments and instructions with the range of
// every token, plus a small query API (what is at an offset) for editor features.
#pragma once

#include "analysis/core/facts.hpp"
#include "analysis/core/text.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace cdls::dockerfile {

// Text joined from pieces of the document (continuation lines without the escape character,
// comment lines dropped), with the map back to document offsets. Unlike MappedText its pieces
// are public, so a cached instruction can be moved to a new place in the document.
struct LogicalText {
    struct Piece {
        Offset logical = 0;
        Offset document = 0;
        Offset length = 0;
        friend bool operator==(const Piece&, const Piece&) = default;
    };
    std::string text;
    std::vector<Piece> pieces;

    void append(std::string_view piece, Offset document_offset);
    Offset to_document(Offset logical) const;
    // A logical range to the document range from its first to its last byte.
    TextRange to_document(TextRange logical) const;
    // The same for ranges mapped in increasing order: `hint` (0 at first) keeps the piece
    // reached, so the words of a long RUN do not each search the pieces from the start.
    TextRange to_document(TextRange logical, std::size_t& hint) const;
    MappedText mapped() const;
    friend bool operator==(const LogicalText&, const LogicalText&) = default;
};

// `--name=value` or a boolean `--name` before the arguments.
struct Flag {
    std::string name;  // without the dashes
    std::string value; // quotes removed
    bool has_value = false;
    TextRange range;       // the whole flag
    TextRange name_range;  // `name`
    TextRange value_range; // after `=`; empty at the end of the flag when there is no value
    friend bool operator==(const Flag&, const Flag&) = default;
};

// A whitespace-separated argument of the shell form, as written (quotes kept): a slice of the
// instruction's logical arguments. Instruction::text_of and range_of give its bytes and its
// document range (a word keeps no copy: a long RUN has thousands).
struct Word {
    TextRange logical; // into Instruction::arguments.text
    friend bool operator==(const Word&, const Word&) = default;
};

// One string of an exec-form (JSON array) argument list.
struct JsonString {
    std::string value; // decoded
    TextRange range;   // including the quotes
    friend bool operator==(const JsonString&, const JsonString&) = default;
};

struct Heredoc {
    std::string delimiter;  // unquoted name, e.g. EOF
    bool strip_tabs = false; // <<-
    bool quoted = false;     // <<"EOF" / <<'EOF': no expansion
    bool terminated = false;
    TextRange marker_range;     // `<<-EOF` in the instruction line
    TextRange body_range;       // every line between the instruction and the terminator
    TextRange terminator_range; // the terminator line (empty when unterminated)
    friend bool operator==(const Heredoc&, const Heredoc&) = default;
};

// The Dockerfile instructions, upper-case (Instruction::keyword_index indexes them).
inline constexpr std::array<std::string_view, 18> instruction_keywords = {
    "ADD",   "ARG",        "CMD",     "COPY", "ENTRYPOINT", "ENV",        "EXPOSE", "FROM",
    "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
    "VOLUME", "WORKDIR"};

enum class ArgumentForm : std::uint8_t { None, Shell, Json };

// The pairs of ENV/LABEL/ARG: `name=value` (value_range empty for `ARG name`), or the legacy
// `ENV name value`.
struct KeyValue {
    std::string key;   // quotes removed
    std::string value; // quotes removed (legacy form: the rest of the line as written)
    TextRange key_range;
    TextRange value_range;
    bool has_equals = false;
    friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

// Compact: what most instructions have is held in place, the rest (JSON strings, heredocs,
// comments and empty lines inside continuations, ONBUILD's instruction, an unknown keyword, a
// pair error) in Extras, allocated only when one of them is present.
struct Instruction {
    struct Extras;

    TextRange range;           // keyword to the end of the last line (heredoc terminators included)
    TextRange keyword_range;
    TextRange arguments_range; // first to last byte of the arguments in the document
    std::uint8_t keyword_index = 0; // into known_instructions() when `known`
    bool known = false;             // one of the Dockerfile instructions
    ArgumentForm form = ArgumentForm::None;
    bool json_like = false;          // starts with `[` but is not a JSON string array
    bool json_single_quotes = false; // a JSON array written with single quotes
    bool json_not_strings = false;   // valid JSON, but not an array of strings (BuildKit fails)
    std::vector<Flag> flags;
    LogicalText arguments;       // after the flags, continuations and comment lines removed
    std::vector<Word> words;     // shell-form words of `arguments` (quote-aware)
    std::vector<KeyValue> pairs; // ENV, LABEL, ARG

    Instruction();
    Instruction(const Instruction& other);
    Instruction(Instruction&&) noexcept;
    Instruction& operator=(const Instruction& other);
    Instruction& operator=(Instruction&&) noexcept;
    ~Instruction();

    // Upper-case, e.g. "RUN"; as written upper-cased when unknown; empty for a lone escape.
    std::string_view keyword() const;
    void set_keyword(std::string_view upper_keyword);

    std::string_view text_of(const Word& word) const;
    TextRange range_of(const Word& word) const;

    std::span<const JsonString> json() const; // form == Json
    // ENV/LABEL word without `=` in the key=value form, and where it is.
    std::string_view pair_error() const;
    TextRange pair_error_range() const;
    std::span<const Heredoc> heredocs() const;
    std::span<const TextRange> comments() const; // comment lines inside continuations
    // Whole lines, line break included.
    std::span<const TextRange> empty_continuation_lines() const;
    std::span<const Instruction> onbuild() const; // ONBUILD's instruction (0 or 1)
    // The rarely present members, allocated on first use (for the parser).
    Extras& extras();
    const Extras* extras_if_any() const { return extras_.get(); }

    bool has_flag(std::string_view name) const { return find_flag(name) != nullptr; }
    const Flag* find_flag(std::string_view name) const;
    friend bool operator==(const Instruction& a, const Instruction& b);

private:
    const Extras& extras_or_none() const; // the empty ones when there are none
    std::unique_ptr<Extras> extras_;
};

struct Instruction::Extras {
    std::string keyword; // an unknown keyword, upper-cased
    std::vector<JsonString> json;
    std::string pair_error;
    TextRange pair_error_range;
    std::vector<Heredoc> heredocs;
    std::vector<TextRange> comments;
    std::vector<TextRange> empty_continuation_lines;
    std::vector<Instruction> onbuild;
    friend bool operator==(const Extras&, const Extras&) = default;
};

inline std::string_view Instruction::keyword() const {
    if (known) return instruction_keywords[keyword_index];
    return extras_ ? std::string_view(extras_->keyword) : std::string_view();
}

// Inline: asked of every instruction by each pass over a file's instructions (~110 000 times a
// corpus run), and most have no extras.
inline std::span<const Instruction> Instruction::onbuild() const {
    if (!extras_) return {};
    return extras_->onbuild;
}

struct Directive {
    std::string name;  // lower-case: syntax, escape, check
    std::string value;
    TextRange range;
    TextRange name_range;
    TextRange value_range;
    bool duplicate = false; // BuildKit accepts each directive once
    friend bool operator==(const Directive&, const Directive&) = default;
};

// A FROM instruction and the stage it begins.
struct Stage {
    std::size_t instruction = 0; // index into Dockerfile::instructions
    std::string image;           // as written
    TextRange image_range;
    std::string name;            // `AS name` as written; empty when unnamed
    TextRange name_range;
    friend bool operator==(const Stage&, const Stage&) = default;
};

struct Dockerfile {
    std::string encoding_error; // non-empty when the file is UTF-16/UTF-32: nothing was parsed
    Offset content_begin = 0;   // past a UTF-8 byte order mark
    char escape = '\\';
    std::vector<Directive> directives;
    std::vector<TextRange> comments; // own-line comments outside instructions (not directives)
    std::vector<Instruction> instructions;
    std::vector<Stage> stages;
    // Lower-case stage name -> index of the first stage with that name (collect_stages).
    std::unordered_map<std::string, std::size_t> stage_index;

    // The stage named `name` (case-insensitive) among the first `before` stages.
    const Stage* find_stage(std::string_view name, std::size_t before = SIZE_MAX) const;
    friend bool operator==(const Dockerfile&, const Dockerfile&) = default;
};

// ---- Queries for editor features ------------------------------------------------------------

enum class NodeKind {
    None,
    Directive,
    Comment,
    Keyword,
    FlagName,
    FlagValue,
    Argument,  // a shell-form word or JSON string
    StageName, // FROM x AS <name>
    StageReference, // FROM <stage>, COPY --from=<stage>, --mount=from=<stage>
    Image,     // FROM <image>
    Variable,  // $NAME / ${NAME...}
    HeredocBody,
};

struct NodeAt {
    NodeKind kind = NodeKind::None;
    TextRange range;
    std::string text;                      // the variable's name for Variable
    const Instruction* instruction = nullptr; // innermost (ONBUILD's child when inside it)
    const Flag* flag = nullptr;
};

struct VariableReference {
    std::string name;
    TextRange range; // `$NAME` or `${NAME...}`
};

// The top-level instruction whose range touches `offset`.
const Instruction* instruction_at(const Dockerfile& file, Offset offset);
// A stage name as Dockerfile::stage_index keys it (ASCII lower case).
std::string lower_stage_name(std::string_view name);
NodeAt node_at(const Dockerfile& file, Offset offset);
// `$NAME` and `${NAME...}` references in an instruction's arguments and flag values (not in
// single quotes, not escaped), in document order.
std::vector<VariableReference> variable_references(const Instruction& instruction, char escape);

} // namespace cdls::dockerfile
