// ContainerFacts of a parsed Dockerfile: images, shell bodies, copies, assignments, labels.
#pragma once

#include "analysis/core/facts.hpp"
#include "analysis/dockerfile/syntax.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cdls::dockerfile {

ContainerFacts collect_facts(std::string_view text, const Dockerfile& file);

// The ARGs declared before the first FROM: name -> default (nullopt when it has none).
std::map<std::string, std::optional<std::string>> global_arguments(const Dockerfile& file);

// `word` with $NAME, ${NAME}, ${NAME:-x}, ${NAME-x}, ${NAME:+x}, ${NAME+x} substituted and
// quotes removed; nullopt when a variable has no known value.
std::optional<std::string> expand_variables(std::string_view word,
                                            const std::map<std::string, std::optional<std::string>>& variables,
                                            char escape);

} // namespace cdls::dockerfile
