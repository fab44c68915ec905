// Helpers the completion of both kinds share: the line around the cursor, words, catalogue items.
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/features/completion.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::features::detail {

// The physical line holding the cursor, and the part of it before the cursor.
struct CursorLine {
    Offset begin = 0; // line start
    Offset end = 0;   // line end, before the line break
    Offset cursor = 0;
    std::string_view before; // [begin, cursor)
    std::string_view after;  // [cursor, end)
};

CursorLine cursor_line(std::string_view text, Offset offset);

bool is_blank(char c);
// The range of the non-blank word holding the cursor (it may be empty at the cursor).
TextRange word_around(std::string_view text, const CursorLine& line);
// [begin, cursor) extended right while `keep(c)`.
TextRange extend_right(std::string_view text, const CursorLine& line, Offset begin,
                       bool (*keep)(char));
bool is_name_char(char c); // [A-Za-z0-9_]

std::string numbered(std::size_t index); // "000042": sort keys that keep an order

// Base images or tags for an image reference being typed in `word` (a `From:` value or a FROM
// image); the edit replaces only the name or only the tag.
void complete_image_reference(std::string_view text, TextRange word, Offset cursor,
                              const catalogue::Catalogue& catalogue,
                              std::vector<CompletionItem>& out);

} // namespace cdls::features::detail

namespace cdls::dockerfile {
struct Dockerfile;
}

namespace cdls::features::detail {

// A variable a Dockerfile line can use: ARG/ENV of the stage before it, global ARGs, the
// automatic platform ARGs.
struct VisibleVariable {
    std::string name;
    std::string value;  // default / value as written; empty when none
    std::string origin; // "ARG", "ENV", "global ARG", "automatic ARG"
    TextRange range;    // the definition's name ({0,0} for automatic ARGs)
    bool has_value = false;
};

// What is visible at `offset`, the nearest definition of each name first (later definitions
// shadow earlier ones), then automatic ARGs.
std::vector<VisibleVariable> visible_variables(const dockerfile::Dockerfile& file, Offset offset);

// 1-based line number of `offset` (for "defined on line N").
std::size_t line_number(std::string_view text, Offset offset);

} // namespace cdls::features::detail
