// Conversion of analysis results to LSP structures.
#include "server/convert.hpp"

#include "analysis/core/rule.hpp"

namespace cdls::server {

lsp::Position to_lsp(LinePosition p) { return {p.line, p.character}; }
LinePosition from_lsp(const lsp::Position& p) { return {p.line, p.character}; }

lsp::Range to_lsp_range(const LineIndex& index, TextRange range, PositionEncoding encoding) {
    LineRange r = index.range(range, encoding);
    return {to_lsp(r.start), to_lsp(r.end)};
}

lsp::Diagnostic to_lsp(const Diagnostic& d, const LineIndex& index, PositionEncoding encoding) {
    lsp::Diagnostic out;
    out.range = to_lsp_range(index, d.range, encoding);
    out.severity = static_cast<int>(d.severity);
    out.code = d.rule;
    out.codeHref = rule_doc_url(d.rule);
    out.message = d.message;
    if (d.unnecessary) out.tags.push_back(1);
    if (d.deprecated) out.tags.push_back(2);
    return out;
}

} // namespace cdls::server
