// A light scan of a shell script body: its comments and heredocs, enough to tell a comment from
// a `#` in a string and to see a heredoc left open where a `%` line ends the section.
#pragma once

#include "analysis/definition/syntax.hpp"

#include <string_view>
#include <vector>

namespace cdls::definition {

struct ShellScan {
    std::vector<BodyComment> comments;
    std::vector<OpenHeredoc> open_heredocs;     // still open at the end of the range
    std::vector<TextRange> heredoc_terminators; // trimmed terminator lines
};

// Scans text[begin, end), which starts at a line start. Offsets are those of `text`.
ShellScan scan_shell(std::string_view text, Offset begin, Offset end);

// True when `line` closes a heredoc opened with `delimiter`. Leading and trailing blanks are
// tolerated (definition bodies are usually indented), as a reader of the file would expect.
bool closes_heredoc(std::string_view line, std::string_view delimiter);

} // namespace cdls::definition
