// Inline suppressions: `# cdls-ignore: id[, id]`, `# cdls-ignore-file: id[, id]`, and
// hadolint's `# hadolint ignore=DL3007,...` / `# hadolint global ignore=...` pragmas.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/line_index.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdls {

// The cdls rule a hadolint code stands for, if any (DL3007 -> image-latest-tag, ...).
std::optional<std::string_view> rule_for_hadolint_code(std::string_view code);
// Every hadolint code cdls understands, with its rule (for the docs and tests).
const std::vector<std::pair<std::string_view, std::string_view>>& hadolint_mapping();

// One pragma found in a comment.
struct Suppression {
    std::vector<std::string> rules; // cdls rule ids (hadolint codes already mapped)
    std::vector<TextRange> rule_ranges; // range of each id/code in the comment
    TextRange comment;
    bool whole_file = false;
    TextRange applies_to; // the lines it covers (whole text for file-wide ones)
};

// `lines`, when given, is the line index of `text` (else one is built if a pragma needs it).
std::vector<Suppression> find_suppressions(const ContainerFacts& facts, std::string_view text,
                                           const LineIndex* lines = nullptr);

// Drops the diagnostics a pragma covers and adds an `unused-suppression` hint for every id
// that suppressed nothing (unless that hint is itself turned off by `report_unused`). Returns
// where the added hints begin (they are appended).
std::size_t apply_suppressions(const ContainerFacts& facts, std::string_view text,
                               std::vector<Diagnostic>& diagnostics, bool report_unused = true,
                               const LineIndex* lines = nullptr);
// The same with the pragmas found (find_suppressions); `suppressed`, when given, gets a copy of
// each diagnostic dropped.
std::size_t apply_suppressions(const std::vector<Suppression>& pragmas, std::vector<Diagnostic>& diagnostics,
                               bool report_unused, std::vector<Diagnostic>* suppressed = nullptr);

// Which of the ids of each pragma suppress something among `diagnostics` (as apply_suppressions
// marks them): used[pragma][id] is set, never cleared. Returns whether any pragma covers d.
bool mark_suppressing(const std::vector<Suppression>& pragmas, const Diagnostic& d,
                      std::vector<std::vector<bool>>& used);
// The `unused-suppression` hints for the ids `used` does not mark, in pragma order.
void report_unused_suppressions(const std::vector<Suppression>& pragmas, const std::vector<std::vector<bool>>& used,
                                std::vector<Diagnostic>& out);

} // namespace cdls
