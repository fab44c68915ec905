// The vocabulary of definition files: bootstrap agents, header keywords and which keywords each
// agent needs, as apptainer (and SingularityCE) accept them.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace cdls::definition {

// Every bootstrap agent, as written (agents are case-sensitive).
std::span<const std::string_view> bootstrap_agents();
bool is_bootstrap_agent(std::string_view agent);

// Every header keyword, lower case (`otherurl<N>` listed as "otherurl0").
std::span<const std::string_view> header_keywords();
// Keys are case-insensitive; `key_lower` must be lower case. Accepts otherurl<digits>.
bool is_header_keyword(std::string_view key_lower);

// Agents whose `From:` names an image or a file to start from.
bool agent_uses_from(std::string_view agent);

// The header keywords an agent needs (lower case), given whether %{OSVERSION} is in MirrorURL.
std::vector<std::string_view> required_header_keywords(std::string_view agent, bool mirror_has_osversion);

// The spelling of a keyword to show and insert ("mirrorurl" -> "MirrorURL").
std::string_view header_keyword_spelling(std::string_view key_lower);

} // namespace cdls::definition
