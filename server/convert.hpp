// Analysis results (byte ranges) to LSP structures (positions in the negotiated encoding).
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "protocol/lsp.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cdls::server {

lsp::Position to_lsp(LinePosition p);
lsp::Range to_lsp_range(const LineIndex& index, TextRange range, PositionEncoding encoding);
lsp::Diagnostic to_lsp(const Diagnostic& d, const LineIndex& index, PositionEncoding encoding);
LinePosition from_lsp(const lsp::Position& p);

// The params of textDocument/publishDiagnostics as JSON text, byte for byte what nlohmann's
// dump of {uri, version, to_lsp(d)...} writes, without a DOM or intermediate copies: the
// part of each diagnostic that depends on its rule only (code and documentation link) is written
// once per rule into `rule_prefixes` and reused (thousands of diagnostics per keystroke in a
// large file, docs/performance.md).
// append_publish_diagnostics writes the same at the end of `out` (the server writes it behind
// the notification's head, so the message is one string with no copy of the params).
using RulePrefixes = std::unordered_map<std::string, std::string>;
void append_publish_diagnostics(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                                const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                PositionEncoding encoding, RulePrefixes& rule_prefixes);
std::string publish_diagnostics_text(std::string_view uri, std::optional<std::int64_t> version,
                                     const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                     PositionEncoding encoding, RulePrefixes& rule_prefixes);

} // namespace cdls::server
