// Small text helpers of the definition parser: physical lines, blanks, words.
#pragma once

#include "analysis/core/ascii.hpp"
#include "analysis/core/text.hpp"

#include <string>
#include <string_view>

namespace cdls::definition {

// A physical line: [begin, content_end) is its text without "\n" or "\r\n"; end is past the
// line break (or the text end).
struct PhysicalLine {
    Offset begin = 0;
    Offset content_end = 0;
    Offset end = 0;
};

inline PhysicalLine line_at(std::string_view text, Offset begin) {
    PhysicalLine line{begin, begin, begin};
    std::size_t newline = text.find('\n', begin);
    if (newline == std::string_view::npos) {
        line.content_end = line.end = static_cast<Offset>(text.size());
    } else {
        line.content_end = static_cast<Offset>(newline);
        line.end = static_cast<Offset>(newline + 1);
    }
    if (line.content_end > line.begin && text[line.content_end - 1] == '\r') --line.content_end;
    return line;
}

// Blanks as Go's strings.TrimSpace and bufio.ScanWords see them (ASCII part).
inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

inline bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// [begin, end) without leading and trailing blanks.
inline TextRange trim(std::string_view text, Offset begin, Offset end) {
    while (begin < end && is_blank(text[begin])) ++begin;
    while (end > begin && is_blank(text[end - 1])) --end;
    return {begin, end};
}

// The next blank-separated word at or after `from`, before `end`; empty at `end` when none.
inline TextRange next_word(std::string_view text, Offset from, Offset end) {
    while (from < end && is_blank(text[from])) ++from;
    Offset stop = from;
    while (stop < end && !is_blank(text[stop])) ++stop;
    return {from, stop};
}

inline bool starts_with_ignore_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
    return true;
}

} // namespace cdls::definition
