// Formatting of `cdls check` results, safe-fix application and unified diffs.
#include "server/check_report.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/features/code_actions.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

using json = nlohmann::json;

namespace cdls::server {

namespace {

struct Where {
    std::uint32_t line, column, end_line, end_column; // 1-based, columns in utf-16 units + 1
};

Where where(const LineIndex& index, TextRange range) {
    LineRange r = index.range(range, PositionEncoding::Utf16);
    return {r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1};
}

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
            else out += c;
        }
    }
    return out;
}

const char* colour_of(Severity s) {
    switch (s) {
    case Severity::Error: return "\033[31m";
    case Severity::Warning: return "\033[33m";
    case Severity::Information: return "\033[36m";
    case Severity::Hint: return "\033[2m";
    }
    return "";
}

std::string sarif_level(Severity s) {
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    default: return "note";
    }
}

bool at_or_above(Severity s, Severity threshold) { return static_cast<int>(s) <= static_cast<int>(threshold); }

} // namespace

void append_text_report(std::string& out, const FileReport& r, const ReportOptions& options) {
    if (!r.error.empty()) return;
    // Lines are indexed only through the line holding the last diagnostic's start (its break
    // included, so every line it covers ends as in the whole text): nothing after is printed.
    std::size_t last = 0;
    for (const auto& d : r.diagnostics) last = std::max<std::size_t>(last, d.range.begin);
    std::size_t cut = std::string_view(r.text).find('\n', last);
    LineIndex index(cut == std::string_view::npos ? std::string_view(r.text) : std::string_view(r.text).substr(0, cut + 1));
    // One allocation for the file's lines (the longest severity, two 10-digit numbers, the
    // punctuation and the colour escapes), instead of the string doubling as they are appended.
    std::size_t size = 0;
    for (const auto& d : r.diagnostics) size += r.display.size() + d.message.size() + d.rule.size() + 80;
    out.reserve(out.size() + size);
    // Appended piece by piece: no temporary strings per diagnostic. Literals are appended as
    // string_views (their size known: no strlen), numbers by size (an iterator pair would go
    // through replace()).
    using namespace std::string_view_literals;
    auto append_number = [&out](std::uint32_t n) {
        char digits[10];
        char* end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        out.append(digits, static_cast<std::size_t>(end - digits));
    };
    for (const auto& d : r.diagnostics) {
        // Only where the problem starts is printed: its end is not computed.
        LinePosition start = index.position(d.range.begin, PositionEncoding::Utf16);
        if (options.color) out += "\033[1m"sv;
        out += r.display;
        out += ':';
        append_number(start.line + 1);
        out += ':';
        append_number(start.character + 1);
        out += ':';
        // One layout; colour only adds escapes around the severity and the rule id.
        out += options.color ? "\033[0m "sv : " "sv;
        if (options.color) out += colour_of(d.severity);
        out += severity_name(d.severity);
        out += options.color ? "\033[0m: "sv : ": "sv;
        out += d.message;
        out += options.color ? " \033[2m["sv : " ["sv;
        out += d.rule;
        out += options.color ? "]\033[0m\n"sv : "]\n"sv;
    }
}

std::string format_text(const std::vector<FileReport>& reports, const ReportOptions& options) {
    std::string out;
    for (const auto& r : reports) append_text_report(out, r, options);
    return out;
}

std::string format_json(const std::vector<FileReport>& reports, const ReportOptions&) {
    json files = json::array();
    std::map<std::string, int> totals;
    for (const auto& r : reports) {
        json f = {{"path", r.display}};
        if (!r.error.empty()) {
            f["error"] = r.error;
        } else {
            LineIndex index(r.text);
            json list = json::array();
            for (const auto& d : r.diagnostics) {
                Where w = where(index, d.range);
                json fixes = json::array();
                for (const auto& fix : d.fixes) {
                    json edits = json::array();
                    for (const auto& e : fix.edits) {
                        Where ew = where(index, e.range);
                        edits.push_back({{"start", {{"line", ew.line}, {"column", ew.column}}},
                                         {"end", {{"line", ew.end_line}, {"column", ew.end_column}}},
                                         {"newText", e.new_text}});
                    }
                    fixes.push_back({{"title", fix.title}, {"preferred", fix.preferred}, {"edits", edits}});
                }
                list.push_back({{"rule", d.rule},
                                {"severity", severity_name(d.severity)},
                                {"message", d.message},
                                {"start", {{"line", w.line}, {"column", w.column}}},
                                {"end", {{"line", w.end_line}, {"column", w.end_column}}},
                                {"fixes", fixes}});
                ++totals[std::string(severity_name(d.severity))];
            }
            f["diagnostics"] = std::move(list);
        }
        files.push_back(std::move(f));
    }
    json summary = json::object();
    for (const char* s : {"error", "warning", "information", "hint"}) summary[s] = totals[s];
    return dump({{"version", 1}, {"tool", {{"name", "cdls"}, {"version", CDLS_VERSION}}}, {"files", files}, {"summary", summary}});
}

std::string format_sarif(const std::vector<FileReport>& reports, const ReportOptions&) {
    json rules = json::array();
    std::map<std::string, std::size_t> rule_index;
    for (const RuleInfo* rule : all_rules()) {
        rule_index[std::string(rule->id)] = rules.size();
        rules.push_back({{"id", rule->id},
                         {"name", rule->id},
                         {"shortDescription", {{"text", rule->summary}}},
                         {"helpUri", rule_doc_url(rule->id)},
                         {"help", {{"text", std::string(rule->summary) + " See " + rule_doc_url(rule->id)}}},
                         {"defaultConfiguration", {{"level", sarif_level(rule->severity)}}},
                         {"properties", {{"tags", {habit_name(rule->habit)}}}}});
    }
    json results = json::array();
    json notifications = json::array();
    for (const auto& r : reports) {
        if (!r.error.empty()) {
            notifications.push_back({{"level", "error"},
                                     {"message", {{"text", r.display + ": " + r.error}}},
                                     {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", r.display}}}}}}}}});
            continue;
        }
        LineIndex index(r.text);
        for (const auto& d : r.diagnostics) {
            Where w = where(index, d.range);
            json region = {{"startLine", w.line}, {"startColumn", w.column}, {"endLine", w.end_line}, {"endColumn", w.end_column}};
            json result = {{"ruleId", d.rule},
                           {"level", sarif_level(d.severity)},
                           {"message", {{"text", d.message}}},
                           {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", r.display}}}, {"region", region}}}}}}};
            if (auto it = rule_index.find(std::string(d.rule)); it != rule_index.end()) result["ruleIndex"] = it->second;
            json fixes = json::array();
            for (const auto& fix : d.fixes) {
                json replacements = json::array();
                for (const auto& e : fix.edits) {
                    Where ew = where(index, e.range);
                    replacements.push_back({{"deletedRegion", {{"startLine", ew.line}, {"startColumn", ew.column},
                                                               {"endLine", ew.end_line}, {"endColumn", ew.end_column}}},
                                            {"insertedContent", {{"text", e.new_text}}}});
                }
                fixes.push_back({{"description", {{"text", fix.title}}},
                                 {"artifactChanges", {{{"artifactLocation", {{"uri", r.display}}}, {"replacements", replacements}}}}});
            }
            if (!fixes.empty()) result["fixes"] = fixes;
            results.push_back(std::move(result));
        }
    }
    json run = {{"tool", {{"driver", {{"name", "cdls"},
                                       {"version", CDLS_VERSION},
                                       {"semanticVersion", CDLS_VERSION},
                                       {"informationUri", "https://github.com/cdls-project/cdls"},
                                       {"rules", rules}}}}},
                {"columnKind", "utf16CodeUnits"},
                {"results", results}};
    if (!notifications.empty())
        run["invocations"] = {{{"executionSuccessful", false}, {"toolExecutionNotifications", notifications}}};
    else
        run["invocations"] = {{{"executionSuccessful", true}}};
    return dump({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", {run}}});
}

std::string format_github(const std::vector<FileReport>& reports, const ReportOptions&) {
    auto escape_data = [](std::string_view s) {
        std::string out;
        for (char c : s) {
            if (c == '%') out += "%25";
            else if (c == '\r') out += "%0D";
            else if (c == '\n') out += "%0A";
            else out += c;
        }
        return out;
    };
    auto escape_property = [&](std::string_view s) {
        std::string out;
        for (char c : escape_data(s)) {
            if (c == ':') out += "%3A";
            else if (c == ',') out += "%2C";
            else out += c;
        }
        return out;
    };
    std::string out;
    for (const auto& r : reports) {
        if (!r.error.empty()) {
            out += "::error file=" + escape_property(r.display) + "::" + escape_data(r.error) + "\n";
            continue;
        }
        LineIndex index(r.text);
        for (const auto& d : r.diagnostics) {
            Where w = where(index, d.range);
            const char* command = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
            out += std::string("::") + command + " file=" + escape_property(r.display) + ",line=" + std::to_string(w.line) +
                   ",col=" + std::to_string(w.column) + ",endLine=" + std::to_string(w.end_line) +
                   ",endColumn=" + std::to_string(w.end_column) + ",title=" + escape_property("cdls " + std::string(d.rule)) +
                   "::" + escape_data(d.message) + "\n";
        }
    }
    return out;
}

std::string format_checkstyle(const std::vector<FileReport>& reports, const ReportOptions&) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
    for (const auto& r : reports) {
        out += "  <file name=\"" + xml_escape(r.display) + "\">\n";
        if (!r.error.empty()) {
            out += "    <error line=\"1\" column=\"1\" severity=\"error\" message=\"" + xml_escape(r.error) +
                   "\" source=\"cdls.io-error\"/>\n";
        } else {
            LineIndex index(r.text);
            for (const auto& d : r.diagnostics) {
                Where w = where(index, d.range);
                const char* sev = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "info";
                out += "    <error line=\"" + std::to_string(w.line) + "\" column=\"" + std::to_string(w.column) +
                       "\" severity=\"" + sev + "\" message=\"" + xml_escape(d.message) + "\" source=\"cdls." +
                       xml_escape(d.rule) + "\"/>\n";
            }
        }
        out += "  </file>\n";
    }
    return out + "</checkstyle>\n";
}

std::string format_junit(const std::vector<FileReport>& reports, const ReportOptions& options) {
    std::size_t failures = 0, errors = 0;
    std::string cases;
    for (const auto& r : reports) {
        cases += "    <testcase classname=\"cdls\" name=\"" + xml_escape(r.display) + "\">\n";
        if (!r.error.empty()) {
            ++errors;
            cases += "      <error message=\"" + xml_escape(r.error) + "\"/>\n";
        } else {
            LineIndex index(r.text);
            std::string body;
            std::size_t count = 0;
            for (const auto& d : r.diagnostics) {
                if (!at_or_above(d.severity, options.fail_on)) continue;
                Where w = where(index, d.range);
                body += r.display + ":" + std::to_string(w.line) + ":" + std::to_string(w.column) + ": " +
                        std::string(severity_name(d.severity)) + ": " + d.message + " [" + std::string(d.rule) + "]\n";
                ++count;
            }
            if (count > 0) {
                ++failures;
                cases += "      <failure message=\"" + std::to_string(count) + " finding(s) at or above " +
                         std::string(severity_name(options.fail_on)) + "\" type=\"cdls\">" + xml_escape(body) + "</failure>\n";
            }
        }
        cases += "    </testcase>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"cdls\" tests=\"" +
           std::to_string(reports.size()) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\">\n" + cases + "  </testsuite>\n</testsuites>\n";
}

std::pair<std::string, std::size_t> apply_safe_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics) {
    // One implementation with the editor's source.fixAll.cdls action.
    features::FixAllEdits all = features::fix_all_edits(diagnostics);
    return {features::apply_edits(text, std::move(all.edits)), all.fixes};
}

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) {
            lines.push_back(text.substr(pos));
            break;
        }
        lines.push_back(text.substr(pos, nl + 1 - pos));
        pos = nl + 1;
    }
    return lines;
}

} // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
    auto a = split_lines(before), b = split_lines(after);
    // Longest common subsequence on lines; fine for definition-file sizes (capped below).
    const std::size_t n = a.size(), m = b.size();
    if (n * m > 25'000'000) return "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n(file too large to diff)\n";
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    struct Op {
        char kind;
        std::string_view line;
        std::size_t ai, bi;
    };
    std::vector<Op> ops;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', a[i], i++, j++});
        else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) ops.push_back({'+', b[j], i, j++});
        else ops.push_back({'-', a[i], i++, j});
    }
    std::string out = "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n";
    const std::size_t context = 3;
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        std::size_t start = k >= context ? k - context : 0;
        std::size_t end = k;
        // Extend the hunk while changes are within 2*context lines of each other.
        std::size_t last_change = k;
        for (std::size_t x = k; x < ops.size(); ++x) {
            if (ops[x].kind != ' ') last_change = x;
            else if (x - last_change > 2 * context) break;
            end = x;
        }
        end = std::min(ops.size() - 1, last_change + context);
        std::size_t a_start = ops[start].ai, b_start = ops[start].bi, a_len = 0, b_len = 0;
        std::string body;
        for (std::size_t x = start; x <= end; ++x) {
            body += ops[x].kind;
            body += ops[x].line;
            if (ops[x].line.empty() || ops[x].line.back() != '\n') body += "\n\\ No newline at end of file\n";
            if (ops[x].kind != '+') ++a_len;
            if (ops[x].kind != '-') ++b_len;
        }
        out += "@@ -" + std::to_string(a_len ? a_start + 1 : a_start) + "," + std::to_string(a_len) + " +" +
               std::to_string(b_len ? b_start + 1 : b_start) + "," + std::to_string(b_len) + " @@\n" + body;
        k = end + 1;
    }
    return out;
}

} // namespace cdls::server
