// `{{ name }}` build-argument placeholders in a block of definition text.
#pragma once

#include "analysis/definition/syntax.hpp"

#include <string_view>
#include <vector>

namespace cdls::definition {

// Every placeholder in `text` (offsets relative to it), in order; `text` must start at a line
// start. Placeholders after `#` on their line are marked in_comment, as apptainer skips them.
std::vector<Placeholder> find_placeholders(std::string_view text);

} // namespace cdls::definition
