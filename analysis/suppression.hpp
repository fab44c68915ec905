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

// Drops the diagnostics a pragma covers (`pragmas`: find_suppressions) and appends an
// `unused-suppression` hint, at `unused_severity`, for every id that suppressed nothing (none
// when that rule is off: nullopt). `suppressed`, when given, gets a copy of each diagnostic
// dropped.
void apply_suppressions(const std::vector<Suppression>& pragmas, std::vector<Diagnostic>& diagnostics,
                        std::optional<Severity> unused_severity, std::vector<Diagnostic>* suppressed = nullptr);

// One flag per id of each pragma, none set: what mark_suppressing sets.
std::vector<std::vector<bool>> suppression_marks(const std::vector<Suppression>& pragmas);
// Whether a pragma covers `d`; marks in `used` (suppression_marks) each id that does.
bool mark_suppressing(const std::vector<Suppression>& pragmas, const Diagnostic& d,
                      std::vector<std::vector<bool>>& used);
// The `unused-suppression` hints, at `severity`, for the ids `used` does not mark, in pragma
// order.
void report_unused_suppressions(const std::vector<Suppression>& pragmas, const std::vector<std::vector<bool>>& used,
                                Severity severity, std::vector<Diagnostic>& out);

} // namespace cdls
