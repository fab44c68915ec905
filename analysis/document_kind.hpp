// Which analyzer serves a document: by language id, then file name, then content.
#pragma once

#include "analysis/core/facts.hpp"

#include <optional>
#include <string_view>

namespace cdls {

// By file name alone (a path or a URI): nullopt when the name says nothing.
std::optional<DocumentKind> kind_from_name(std::string_view path_or_uri);
// By LSP language id alone ("dockerfile", "containerfile", "apptainer", "singularity").
std::optional<DocumentKind> kind_from_language(std::string_view language_id);
// Language id, then name, then content (a `Bootstrap:` line or a FROM instruction).
DocumentKind detect_kind(std::string_view path_or_uri, std::string_view language_id, std::string_view text);

} // namespace cdls
