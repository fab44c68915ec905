// Glob patterns for paths and image names: `*` (within one path segment), `**` (across
// segments), `?`, and `[abc]`/`[a-z]`/`[!x]` classes.
#pragma once

#include <string_view>

namespace cdls {

bool glob_match(std::string_view pattern, std::string_view text);

} // namespace cdls
