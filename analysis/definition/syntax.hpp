// The lossless syntax tree of a definition file: stages, their headers and sections, with the
// byte range of every part, and a query API to find what lies at an offset.
#pragma once

#include "analysis/core/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::definition {

// A `{{ name }}` build-argument placeholder.
struct Placeholder {
    TextRange range;      // `{{ name }}`
    TextRange name_range; // `name`
    std::string name;
    // After a `#` on its line (apptainer leaves such placeholders alone).
    bool in_comment = false;
    friend bool operator==(const Placeholder&, const Placeholder&) = default;
};

enum class HeaderLineKind {
    Blank,   // only whitespace
    Comment, // first non-blank character is `#`
    Entry,   // `Key: value`
    Invalid, // text without a `:` (a parse error node)
};

// One logical header line; a value ending in `\` continues on the next physical line.
struct HeaderLine {
    HeaderLineKind kind = HeaderLineKind::Blank;
    TextRange range;   // every physical line of it, line breaks included
    TextRange content; // the text without leading/trailing blanks and the final line break
    TextRange key;     // Entry: the key; Invalid: the trimmed text before any `#`
    TextRange colon;   // Entry: the `:`
    TextRange value;   // Entry: first to last byte of the value (before `#`, trimmed)
    std::string key_lower;
    std::string value_text;              // the logical value, continuations joined
    std::vector<TextRange> value_pieces; // one per physical line, in order
    std::vector<TextRange> comments;     // `#...` on the line(s) (whole line for Comment)
    friend bool operator==(const HeaderLine&, const HeaderLine&) = default;
};

struct Header {
    TextRange range; // from the stage start to the first section (may be empty)
    std::vector<HeaderLine> lines;
    std::vector<Placeholder> placeholders;
    friend bool operator==(const Header&, const Header&) = default;
};

enum class SectionKind {
    Unknown,
    Arguments,
    Pre,
    Setup,
    Files,
    Post,
    Test,
    Environment,
    Startscript,
    Runscript,
    Labels,
    Help,
    AppInstall,
    AppHelp,
    AppLabels,
    AppEnv,
    AppFiles,
    AppRun,
    AppStart,
    AppTest,
};

// A `Name value` line of %labels / %applabels.
struct LabelLine {
    TextRange range; // the trimmed line
    TextRange key;
    TextRange value; // empty (at the key's end) when there is no value
    friend bool operator==(const LabelLine&, const LabelLine&) = default;
};

// A `source [destination]` line of %files / %appfiles.
struct FileLine {
    TextRange range;
    TextRange source;       // as written, quotes included
    std::string source_text; // quotes removed
    TextRange destination;  // empty when absent
    friend bool operator==(const FileLine&, const FileLine&) = default;
};

// A `KEY=VALUE` line of %arguments (Invalid when there is no `=`).
struct ArgumentLine {
    TextRange range;
    TextRange name;
    TextRange value;
    std::string name_text;
    std::string value_text;
    bool valid = true;
    friend bool operator==(const ArgumentLine&, const ArgumentLine&) = default;
};

// A comment found in a section body.
struct BodyComment {
    TextRange range;
    bool own_line = true;
    friend bool operator==(const BodyComment&, const BodyComment&) = default;
};

// A heredoc still open when the section body ends (the next `%` line cut it off).
struct OpenHeredoc {
    std::string delimiter;
    TextRange operator_range; // `<<EOF` where it was opened
    bool strip_tabs = false;  // `<<-`
    friend bool operator==(const OpenHeredoc&, const OpenHeredoc&) = default;
};

struct Section {
    SectionKind kind = SectionKind::Unknown;
    TextRange range;       // header line and body, through the final line break
    TextRange header_line; // the `%name args` line without its line break
    TextRange name;        // `%name`, leading `%` included
    std::string name_lower; // without `%`
    TextRange arguments;   // the rest of the header line, trimmed (may be empty)
    TextRange app_name;    // app sections: the first word of the arguments
    TextRange from_stage;  // %files from <stage>: the stage name
    TextRange shell_flag;  // `-c` in the arguments of a script section
    TextRange shell;       // the word after `-c`
    TextRange body;        // after the header line's break to the end of the section
    bool indented = false; // whitespace before the `%`
    std::vector<LabelLine> labels;
    std::vector<FileLine> files;
    std::vector<ArgumentLine> arguments_lines;
    std::vector<BodyComment> comments;
    std::vector<Placeholder> placeholders;
    std::vector<OpenHeredoc> open_heredocs;
    std::vector<TextRange> heredoc_terminators; // lines closing a heredoc (trimmed)
    friend bool operator==(const Section&, const Section&) = default;
};

struct Stage {
    TextRange range;
    // The stage begins at a column-0 `Bootstrap:` line; false for text before the first one.
    bool starts_at_bootstrap = false;
    Header header;
    std::vector<Section> sections;

    // The last header entry with this (lower-case) key, as apptainer keeps the last one.
    const HeaderLine* header_entry(std::string_view key_lower) const;
    // Trimmed `Bootstrap:` value and `Stage:` value (empty when absent).
    std::string_view agent(std::string_view text) const;
    std::string_view stage_name(std::string_view text) const;
    bool has_content() const; // a header entry, an invalid header line or a section
    friend bool operator==(const Stage&, const Stage&) = default;
};

// The tree holds no copy of the text (readers are given it): a 20 000-line file's would be
// ≈ 0.6 MB kept and moved at every keystroke (docs/performance.md).
struct DefinitionFile {
    std::size_t text_size = 0; // of the text it was parsed from
    TextRange bom; // the UTF-8 byte order mark, {0, 3}, or empty
    std::vector<Stage> stages;

    // True when the file holds nothing but blanks and comments.
    bool is_empty() const;
    // Every field of every node: the incremental tests compare a spliced tree with a fresh one.
    friend bool operator==(const DefinitionFile&, const DefinitionFile&) = default;
};

SectionKind section_kind(std::string_view name_lower); // "post" -> Post; Unknown otherwise
bool is_app_section(SectionKind kind);
bool is_script_section(SectionKind kind); // a body run by a shell
std::string_view section_keyword(SectionKind kind); // "post", "appinstall", ...

// ---- Queries for features (completion, hover, symbols, rename) ----

enum class SyntaxRole {
    None,
    HeaderKey,
    HeaderValue,
    HeaderComment,
    SectionName,
    SectionArguments,
    AppName,
    FilesFromStage, // `X` in `%files from X`
    StageName,      // the value of `Stage:`
    Placeholder,    // `{{ name }}` (range: the name)
    ArgumentName,   // `NAME` in %arguments `NAME=value`
    LabelKey,
    SectionBody,
};

struct SyntaxAt {
    SyntaxRole role = SyntaxRole::None;
    TextRange range; // of the thing found (a word, a value, a name)
    int stage_index = -1;
    const Stage* stage = nullptr;
    const Section* section = nullptr;       // when inside a section
    const HeaderLine* header_line = nullptr; // when inside the header
    const Placeholder* placeholder = nullptr;
};

// What is at `offset` (a cursor touching the end of a word counts as on it).
SyntaxAt syntax_at(const DefinitionFile& file, Offset offset);

int stage_index_at(const DefinitionFile& file, Offset offset);

// Every occurrence of build argument `name` in a stage: its %arguments definitions and its
// `{{ name }}` placeholders (name ranges only), in document order; for rename and references.
std::vector<TextRange> build_argument_occurrences(const Stage& stage, std::string_view name);

// Every placeholder of a stage (header and sections), in document order.
std::vector<const Placeholder*> stage_placeholders(const Stage& stage);

} // namespace cdls::definition
