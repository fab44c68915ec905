// The rule documentation pages (docs/rules/<id>.md), embedded at build time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdls::server {

const std::vector<std::pair<std::string_view, std::string_view>>& rule_docs();
std::optional<std::string_view> rule_doc(std::string_view id);
// docs/rules/README.md as generated from the registry (a test keeps the file in sync).
std::string rule_index_markdown();

} // namespace cdls::server
