// Finds suppression pragmas in comments and filters diagnostics with them.
#include "analysis/suppression.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/core/rule.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace cdls {

namespace rules {
extern const RuleInfo unused_suppression;
}

const std::vector<std::pair<std::string_view, std::string_view>>& hadolint_mapping() {
    static const std::vector<std::pair<std::string_view, std::string_view>> map = {
        {"DL3000", "workdir-relative"},   {"DL3006", "image-untagged"},
        {"DL3007", "image-latest-tag"},   {"DL3008", "apt-unpinned"},
        {"DL3013", "pip-unpinned"},       {"DL3016", "npm-unpinned"},
        {"DL3018", "apk-unpinned"},       {"DL3022", "unknown-stage"},
        {"DL3024", "duplicate-stage-name"}, {"DL3028", "gem-unpinned"},
        {"DL3033", "dnf-unpinned"},       {"DL3037", "zypper-unpinned"},
        {"DL3041", "dnf-unpinned"},       {"DL3062", "go-unpinned"},
        {"DL4000", "maintainer-deprecated"},
    };
    return map;
}

std::optional<std::string_view> rule_for_hadolint_code(std::string_view code) {
    for (const auto& [c, rule] : hadolint_mapping())
        if (c.size() == code.size() &&
            std::equal(c.begin(), c.end(), code.begin(), [](char a, char b) { return a == std::toupper(static_cast<unsigned char>(b)); }))
            return rule;
    return std::nullopt;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

// The lines a pragma on its own line covers: the next line that is not blank or a comment,
// and its continuation lines (ending in a backslash or backtick).
TextRange covered_lines(const LineIndex& index, std::string_view text, std::uint32_t comment_line) {
    std::uint32_t line = comment_line + 1;
    while (line < index.line_count()) {
        std::string_view content = trim(slice(text, {index.line_start(line), index.line_end(line)}));
        if (!content.empty() && content.front() != '#') break;
        ++line;
    }
    if (line >= index.line_count()) return {static_cast<Offset>(text.size()), static_cast<Offset>(text.size())};
    Offset begin = index.line_start(line);
    std::uint32_t last = line;
    while (last + 1 < index.line_count()) {
        std::string_view content = trim(slice(text, {index.line_start(last), index.line_end(last)}));
        if (content.empty() || (content.back() != '\\' && content.back() != '`')) break;
        ++last;
    }
    return {begin, index.line_end(last)};
}

} // namespace

std::vector<Suppression> find_suppressions(const ContainerFacts& facts, std::string_view text,
                                           const LineIndex* lines) {
    std::vector<Suppression> out;
    LineIndexOnDemand lines_on_demand(text, lines);
    for (const CommentFact& comment : facts.comments) {
        // Every pragma starts with "cdls-ignore" or "hadolint ", which the fact knows
        // (starts_like_pragma): prose comments, nearly all of them, are not read.
        if (!comment.may_be_pragma) continue;
        std::string_view body = slice(text, comment.range);
        Offset body_offset = comment.range.begin;
        // Strip the '#' and leading blanks, keeping track of offsets for the id ranges.
        std::size_t skip = 0;
        while (skip < body.size() && (body[skip] == '#' || body[skip] == ' ' || body[skip] == '\t')) ++skip;
        std::string_view rest = body.substr(skip);
        Suppression s;
        s.comment = comment.range;
        bool hadolint = false;
        if (consume(rest, "cdls-ignore-file:")) {
            s.whole_file = true;
        } else if (consume(rest, "cdls-ignore:")) {
        } else if (consume(rest, "hadolint global ignore=")) {
            s.whole_file = hadolint = true;
        } else if (consume(rest, "hadolint ignore=")) {
            hadolint = true;
        } else {
            continue;
        }
        // Ids separated by commas and/or blanks; stop at anything that is not an id.
        std::size_t pos = body.size() - rest.size();
        while (pos < body.size()) {
            while (pos < body.size() && (body[pos] == ',' || body[pos] == ' ' || body[pos] == '\t')) ++pos;
            std::size_t start = pos;
            while (pos < body.size() && (std::isalnum(static_cast<unsigned char>(body[pos])) || body[pos] == '-' || body[pos] == '_')) ++pos;
            if (pos == start) break;
            std::string_view id = body.substr(start, pos - start);
            TextRange range{static_cast<Offset>(body_offset + start), static_cast<Offset>(body_offset + pos)};
            if (hadolint) {
                auto rule = rule_for_hadolint_code(id);
                if (!rule) continue; // hadolint codes cdls has no rule for are hadolint's business
                id = *rule;
            }
            s.rules.emplace_back(id);
            s.rule_ranges.push_back(range);
        }
        if (s.rules.empty()) continue;
        if (s.whole_file) {
            s.applies_to = {0, static_cast<Offset>(text.size())};
        } else {
            const LineIndex& index = lines_on_demand.get();
            std::uint32_t line = index.line_of(comment.range.begin);
            s.applies_to = comment.own_line ? covered_lines(index, text, line)
                                            : TextRange{index.line_start(line), index.line_end(line)};
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::vector<bool>> suppression_marks(const std::vector<Suppression>& pragmas) {
    std::vector<std::vector<bool>> used(pragmas.size());
    for (std::size_t i = 0; i < pragmas.size(); ++i) used[i].assign(pragmas[i].rules.size(), false);
    return used;
}

bool mark_suppressing(const std::vector<Suppression>& pragmas, const Diagnostic& d,
                      std::vector<std::vector<bool>>& used) {
    bool suppressed = false;
    for (std::size_t i = 0; i < pragmas.size(); ++i) {
        const Suppression& s = pragmas[i];
        bool inside = s.whole_file || (d.range.begin >= s.applies_to.begin && d.range.begin <= s.applies_to.end);
        if (!inside) continue;
        for (std::size_t r = 0; r < s.rules.size(); ++r) {
            if (s.rules[r] == d.rule) {
                used[i][r] = true;
                suppressed = true;
            }
        }
    }
    return suppressed;
}

void report_unused_suppressions(const std::vector<Suppression>& pragmas, const std::vector<std::vector<bool>>& used,
                                Severity severity, std::vector<Diagnostic>& out) {
    for (std::size_t i = 0; i < pragmas.size(); ++i) {
        for (std::size_t r = 0; r < pragmas[i].rules.size(); ++r) {
            if (used[i][r]) continue;
            const std::string& id = pragmas[i].rules[r];
            std::string message = find_rule(id)
                                      ? "`" + id + "` is suppressed here but nothing reports it; remove the suppression"
                                      : "unknown rule `" + id + "` in a suppression; see `cdls check --list-rules`";
            Diagnostic d = make_diagnostic(rules::unused_suppression, pragmas[i].rule_ranges[r], std::move(message));
            d.severity = severity;
            d.unnecessary = true;
            d.origin = Origin::Suppression;
            out.push_back(std::move(d));
        }
    }
}

void apply_suppressions(const std::vector<Suppression>& pragmas, std::vector<Diagnostic>& diagnostics,
                        std::optional<Severity> unused_severity, std::vector<Diagnostic>* suppressed) {
    if (pragmas.empty()) return;
    std::vector<std::vector<bool>> used = suppression_marks(pragmas);
    // The rule ids any pragma names: a diagnostic of another rule (nearly all of them) is kept
    // without looking at each pragma's lines.
    std::vector<std::string_view> named;
    for (const Suppression& s : pragmas)
        for (const std::string& id : s.rules)
            if (std::find(named.begin(), named.end(), id) == named.end()) named.push_back(id);
    std::erase_if(diagnostics, [&](const Diagnostic& d) {
        if (std::find(named.begin(), named.end(), std::string_view(d.rule)) == named.end()) return false;
        if (!mark_suppressing(pragmas, d, used)) return false;
        if (suppressed) suppressed->push_back(d);
        return true;
    });
    if (unused_severity) report_unused_suppressions(pragmas, used, *unused_severity, diagnostics);
}

} // namespace cdls
