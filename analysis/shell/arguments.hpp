// Helpers the pinning rules share: splitting a command's arguments into options and operands,
// and recognising what a package operand is (a path, a URL, a variable).
#pragma once

#include "analysis/shell/tokenizer.hpp"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::shell {

struct ParsedOption {
    std::string name;                // "-r", "--requirement" (without "=value")
    std::string value;               // the option's value, when it takes one
    const Word* word = nullptr;      // the option word
    const Word* value_word = nullptr; // the separate value word, if any
};

struct ParsedArguments {
    std::vector<ParsedOption> options;
    std::vector<const Word*> operands; // in order
    bool has(std::initializer_list<std::string_view> names) const;
    const ParsedOption* find(std::initializer_list<std::string_view> names) const;
};

// Splits `args` into options and operands. `with_value` lists the options that take a value
// (`-r file`, `-rfile`, `--requirement file`, `--requirement=file`); `--` ends the options.
ParsedArguments parse_arguments(std::span<const Word> args,
                                std::initializer_list<std::string_view> with_value);

// The first operand (the subcommand) after global options, its index in `args`; args.size()
// when there is none.
std::size_t find_subcommand(std::span<const Word> args,
                            std::initializer_list<std::string_view> global_with_value);

// Inline: the rules call them ~100 000 times a corpus run, mostly with a literal whose size the
// compiler then knows (a call and a memcmp each otherwise).
inline bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}
inline bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A word whose value is not known: it starts with an expansion ($PKGS, "${list[@]}", $(...)).
bool is_unknown_word(const Word& word);
// A URL (scheme://...), a path (./x, ../x, /x, ~/x, x/y) or an archive/package file.
bool is_url(std::string_view text);
bool looks_like_path(std::string_view text);
bool has_file_extension(std::string_view text, std::initializer_list<std::string_view> extensions);

// How a version constraint (the text after a package name: "==1.2", ">=1", "=3.9", "") pins.
// Exact pins and bounded ranges (==, ===, ~=, =, <, <=) pin; a lower bound alone (>=, >, !=)
// still takes whatever is newest.
enum class VersionPin { None, OpenRange, Pinned };
VersionPin classify_constraint(std::string_view constraint);

} // namespace cdls::shell
