// Argument splitting and operand classification for the pinning rules.
#include "analysis/shell/arguments.hpp"

#include "analysis/core/ascii.hpp"

#include <algorithm>

namespace cdls::shell {

namespace {
bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}
} // namespace

bool ParsedArguments::has(std::initializer_list<std::string_view> names) const {
    return find(names) != nullptr;
}

const ParsedOption* ParsedArguments::find(std::initializer_list<std::string_view> names) const {
    for (const ParsedOption& option : options) {
        if (contains(names, option.name)) return &option;
    }
    return nullptr;
}

ParsedArguments parse_arguments(std::span<const Word> args,
                                std::initializer_list<std::string_view> with_value) {
    ParsedArguments out;
    // Each list sized at once for the words (left): one allocation, not one per doubling.
    out.operands.reserve(args.size());
    bool options_done = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const Word& w = args[i];
        std::string_view text = w.text;
        if (options_done || text.size() < 2 || text[0] != '-') {
            out.operands.push_back(&w);
            continue;
        }
        if (text == "--") {
            options_done = true;
            continue;
        }
        if (out.options.empty()) out.options.reserve(args.size() - i);
        ParsedOption option;
        option.word = &w;
        if (text[1] == '-') {
            auto eq = text.find('=');
            if (eq != std::string_view::npos) {
                option.name = std::string(text.substr(0, eq));
                option.value = std::string(text.substr(eq + 1));
            } else {
                option.name = std::string(text);
                if (contains(with_value, text) && i + 1 < args.size()) {
                    option.value_word = &args[++i];
                    option.value = option.value_word->text;
                }
            }
        } else if (contains(with_value, text)) { // -r file, or a single-dash long option (-ldflags x)
            option.name = std::string(text);
            if (i + 1 < args.size()) {
                option.value_word = &args[++i];
                option.value = option.value_word->text;
            }
        } else {
            // A getopt cluster: -fsSL, -fsSLo file, -rreq.txt
            for (std::size_t k = 1; k < text.size(); ++k) {
                std::string flag{'-', text[k]};
                if (contains(with_value, flag)) {
                    option.name = flag;
                    if (k + 1 < text.size()) {
                        option.value = std::string(text.substr(text[k + 1] == '=' ? k + 2 : k + 1));
                    } else if (i + 1 < args.size()) {
                        option.value_word = &args[++i];
                        option.value = option.value_word->text;
                    }
                    break;
                }
                if (k + 1 == text.size()) {
                    option.name = flag;
                    break;
                }
                ParsedOption single;
                single.name = flag;
                single.word = &w;
                out.options.push_back(std::move(single));
            }
        }
        out.options.push_back(std::move(option));
    }
    return out;
}

std::size_t find_subcommand(std::span<const Word> args,
                            std::initializer_list<std::string_view> global_with_value) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view text = args[i].text;
        if (text.empty() || text[0] != '-') return i;
        if (text.find('=') == std::string_view::npos && contains(global_with_value, text)) ++i;
    }
    return args.size();
}

bool is_unknown_word(const Word& word) {
    return word.text.empty() || word.text[0] == '$' || word.text[0] == '`' ||
           (word.expands && word.text.find("${") == 0);
}

bool is_url(std::string_view text) {
    auto scheme = text.find("://");
    return scheme != std::string_view::npos && scheme > 0 && scheme < 16;
}

bool looks_like_path(std::string_view text) {
    return text == "." || text == ".." || starts_with(text, "./") || starts_with(text, "../") ||
           starts_with(text, "/") || starts_with(text, "~") ||
           text.find('/') != std::string_view::npos;
}

bool has_file_extension(std::string_view text, std::initializer_list<std::string_view> extensions) {
    // The end of the text compared lower-cased in place: a lower-cased copy allocated for each
    // longer operand.
    for (std::string_view ext : extensions) {
        if (text.size() < ext.size()) continue;
        std::string_view tail = text.substr(text.size() - ext.size());
        bool same = true;
        for (std::size_t i = 0; same && i < ext.size(); ++i) same = ascii_lower(tail[i]) == ext[i];
        if (same) return true;
    }
    return false;
}

VersionPin classify_constraint(std::string_view constraint) {
    while (!constraint.empty() && (constraint.front() == ' ' || constraint.front() == '\t'))
        constraint.remove_prefix(1);
    if (constraint.empty()) return VersionPin::None;
    if (constraint.find("==") != std::string_view::npos || constraint.find("~=") != std::string_view::npos ||
        constraint.find('<') != std::string_view::npos)
        return VersionPin::Pinned;
    char first = constraint.front();
    if (first == '=' || (first >= '0' && first <= '9') || first == '$') return VersionPin::Pinned;
    return VersionPin::OpenRange;
}

} // namespace cdls::shell
