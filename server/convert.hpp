// Analysis results (byte ranges) to LSP structures (positions in the negotiated encoding).
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/line_index.hpp"
#include "protocol/lsp.hpp"

#include <array>
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
// The JSON of a diagnostic before its message, `{"code":...,"codeDescription":...,"message":`,
// written once per rule. Looked up for every diagnostic of every publish: first in a slot by the
// address of the rule id (a RuleInfo's, static: one comparison of the address and the bytes),
// else by the id.
class RulePrefixes {
public:
    // `rule` is a Diagnostic's: a view of static storage, so the address and size name it.
    const std::string& get(std::string_view rule) {
        // Fibonacci hashing of the address: the ids' addresses are a few bytes apart, and their
        // low bits alone put two frequent rules in one slot, depending on the link's layout.
        auto address = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(rule.data()));
        Slot& slot = slots_[(address * 0x9E3779B97F4A7C15ull) >> (64 - kSlotBits)];
        if (slot.id == rule.data() && slot.size == rule.size()) return *slot.prefix;
        return find(rule, slot);
    }
    bool empty() const { return by_rule_.empty(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view id) const noexcept { return std::hash<std::string_view>{}(id); }
    };
    // Elements of an unordered_map stay where they are until erased (nothing is): the slots
    // point at them.
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> by_rule_;
    struct Slot {
        const char* id = nullptr;
        std::size_t size = 0;
        const std::string* prefix = nullptr;
    };
    const std::string& find(std::string_view rule, Slot& slot);
    static constexpr int kSlotBits = 8;
    std::array<Slot, std::size_t{1} << kSlotBits> slots_{};
};
// One diagnostic's JSON object, as the array of append_publish_diagnostics holds it, with
// `range` as its LSP range, at the end of `out`.
void append_diagnostic_json(std::string& out, const Diagnostic& d, const LineRange& range,
                            RulePrefixes& rule_prefixes);
// The room the JSON of `diagnostics` takes, to reserve a message's string once: each one's rule
// prefix, its message (escapes rarely add more than a few bytes) and at most ≈ 120 bytes of
// range, severity, source and tags.
std::size_t diagnostics_json_size(const std::vector<Diagnostic>& diagnostics, RulePrefixes& rule_prefixes);
void append_publish_diagnostics(std::string& out, std::string_view uri, std::optional<std::int64_t> version,
                                const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                PositionEncoding encoding, RulePrefixes& rule_prefixes);
// What follows the diagnostics array of those params: the uri, the version and the closing brace.
void append_publish_end(std::string& out, std::string_view uri, std::optional<std::int64_t> version);
std::string publish_diagnostics_text(std::string_view uri, std::optional<std::int64_t> version,
                                     const std::vector<Diagnostic>& diagnostics, const LineIndex& index,
                                     PositionEncoding encoding, RulePrefixes& rule_prefixes);

} // namespace cdls::server
