// Analysis results (byte ranges) to LSP structures (positions in the negotiated encoding).
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "protocol/lsp.hpp"

namespace cdls::server {

lsp::Position to_lsp(LinePosition p);
lsp::Range to_lsp_range(const LineIndex& index, TextRange range, PositionEncoding encoding);
lsp::Diagnostic to_lsp(const Diagnostic& d, const LineIndex& index, PositionEncoding encoding);
LinePosition from_lsp(const lsp::Position& p);

} // namespace cdls::server
