// Conversion of analysis results to LSP structures.
#include "server/convert.hpp"

#include "analysis/core/rule.hpp"
#include "protocol/json_text.hpp"

#include <charconv>
#include <cstring>

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

const std::string& RulePrefixes::find(std::string_view rule, Slot& slot) {
    auto found = by_rule_.find(rule);
    if (found == by_rule_.end()) {
        // Keys in nlohmann's (sorted) order, as json(lsp::Diagnostic).dump() writes them.
        std::string text = R"({"code":)";
        protocol::append_json_string(text, rule);
        text += R"(,"codeDescription":{"href":)";
        protocol::append_json_string(text, rule_doc_url(rule));
        text += R"(},"message":)";
        found = by_rule_.emplace(std::string(rule), std::move(text)).first;
    }
    slot = {rule.data(), rule.size(), &found->second};
    return found->second;
}

namespace {

// What follows a diagnostic's message: `,"range":{...}` with its four numbers, the severity,
// the source, the tags and the closing brace, at `p` (kTailRoom bytes at most); returns its end.
constexpr std::size_t kTailRoom = 200;
char* write_tail(char* p, const Diagnostic& d, const LineRange& range) {
    auto put = [&p](std::string_view text) {
        std::memcpy(p, text.data(), text.size());
        p += text.size();
    };
    put(R"(,"range":)");
    p = lsp::write_json_text(p, lsp::Range{to_lsp(range.start), to_lsp(range.end)});
    put(R"(,"severity":)");
    p = std::to_chars(p, p + 10, static_cast<int>(d.severity)).ptr;
    put(R"(,"source":"cdls")");
    if (d.unnecessary || d.deprecated) {
        put(R"(,"tags":[)");
        if (d.unnecessary) *p++ = '1';
        if (d.deprecated) put(d.unnecessary ? ",2" : "2");
        *p++ = ']';
    }
    *p++ = '}';
    return p;
}

} // namespace

void append_diagnostic_json(std::string& out, const Diagnostic& d, const LineRange& range,
                            RulePrefixes& rule_prefixes) {
    const std::string& prefix = rule_prefixes.get(d.rule);
    // Nearly every message is ASCII and short: the whole object is written into one buffer and
    // appended once (thousands a publish). A printable message is copied as it is; another ASCII
    // one escaped; any other is appended by append_json_string, which checks its UTF-8, and
    // only the tail goes through the buffer.
    char buffer[4096];
    char* p = buffer;
    if (d.message.ascii() && prefix.size() + 2 + 6 * d.message.size() + kTailRoom <= sizeof buffer) {
        std::memcpy(p, prefix.data(), prefix.size());
        p += prefix.size();
        if (d.message.printable()) {
            *p++ = '"';
            std::memcpy(p, d.message.data(), d.message.size());
            p += d.message.size();
            *p++ = '"';
        } else {
            p = protocol::write_json_string(p, d.message.view());
        }
    } else {
        out += prefix;
        protocol::append_json_string(out, d.message);
    }
    p = write_tail(p, d, range);
    out.append(buffer, static_cast<std::size_t>(p - buffer));
}

std::size_t diagnostics_json_size(const std::vector<Diagnostic>& diagnostics, RulePrefixes& rule_prefixes) {
    std::size_t size = 0;
    for (const Diagnostic& d : diagnostics) size += rule_prefixes.get(d.rule).size() + d.message.size() + 120;
    return size;
}

void append_publish_diagnostics(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                                const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                PositionEncoding encoding, RulePrefixes& rule_prefixes) {
    out += R"({"diagnostics":[)";
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        if (i) out += ',';
        append_diagnostic_json(out, diagnostics[i], index.range(diagnostics[i].range, encoding), rule_prefixes);
    }
    append_publish_end(out, uri, version);
}

void append_publish_end(std::string& out, std::string_view uri, std::optional<std::int64_t> version) {
    out += R"(],"uri":)";
    protocol::append_json_string(out, uri);
    if (version) {
        out += R"(,"version":)";
        protocol::append_json_number(out, *version);
    }
    out += '}';
}

std::string publish_diagnostics_text(std::string_view uri, std::optional<std::int64_t> version,
                                     const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                     PositionEncoding encoding, RulePrefixes& rule_prefixes) {
    std::string out;
    out.reserve(64 + uri.size() + diagnostics.size() * 224);
    append_publish_diagnostics(out, uri, version, diagnostics, index, encoding, rule_prefixes);
    return out;
}

} // namespace cdls::server
