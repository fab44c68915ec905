// The exec form's JSON array of strings, with the position of every string.
#pragma once

#include "analysis/core/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::dockerfile {

enum class JsonStatus { Strings, NotStrings, Invalid };

struct JsonArray {
    struct String {
        std::string value;
        Offset begin = 0; // of the opening quote
        Offset end = 0;   // past the closing quote
    };
    JsonStatus status = JsonStatus::Invalid;
    std::vector<String> strings;
};

// Parses the first JSON value of `text` (like Go's json.Decoder: trailing text is ignored).
JsonArray parse_json_array(std::string_view text);

// `[ "a", ...` that was meant as an exec form but is broken (unterminated string or bracket),
// as opposed to a shell command that starts with `[` (`[ -f x ] && ...`).
bool looks_like_json_array(std::string_view text);

// `['a', 'b']`: valid once single quotes are replaced by double quotes.
bool is_single_quoted_json_array(std::string_view text);

} // namespace cdls::dockerfile
