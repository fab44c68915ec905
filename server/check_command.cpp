// `cdls check PATH...`: finds definition files and Dockerfiles, analyses each, prints findings.
#include "server/check_command.hpp"

#include "analysis/core/line_index.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/document_kind.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace cdls::server {

namespace {

constexpr std::uintmax_t max_file_size = 16 * 1024 * 1024;

const char* usage_text =
    "usage: cdls check [options] PATH...\n"
    "\n"
    "Checks Apptainer/Singularity definition files and Dockerfiles. PATH may be a file, a\n"
    "folder (searched for *.def, Singularity*, Apptainer*, Dockerfile*, Containerfile*,\n"
    "*.dockerfile, *.containerfile) or - for standard input.\n"
    "\n"
    "options:\n"
    "  --format text|json       output format (default text)\n"
    "  --fail-on SEVERITY       exit 1 when a finding is at least this severe (default error)\n"
    "  --rule ID=SEVERITY       override a rule: error, warning, information, hint or off\n"
    "  --kind definition|dockerfile   how to read standard input (default: detect)\n"
    "  --list-rules             list every rule with its default severity and exit\n"
    "  --no-color               plain output (also when NO_COLOR is set)\n"
    "  -h, --help               this text\n"
    "\n"
    "exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O errors\n";

struct Options {
    std::vector<std::string> paths;
    std::string format = "text";
    Severity fail_on = Severity::Error;
    RuleSettings settings;
    std::optional<DocumentKind> stdin_kind;
    bool color = false;
};

struct Input {
    std::string display; // the path as printed
    std::string name;    // for kind detection
    bool from_stdin = false;
};

struct FileReport {
    std::string display;
    std::string error; // I/O problem, when the file could not be checked
    std::string text;
    std::vector<Diagnostic> diagnostics;
};

bool is_candidate(const fs::path& p) { return kind_from_name(p.filename().string()).has_value(); }

void collect(const std::string& arg, std::vector<Input>& inputs, std::vector<std::string>& errors) {
    if (arg == "-") {
        inputs.push_back({"<stdin>", "-", true});
        return;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
        errors.push_back(arg + ": no such file or directory");
        return;
    }
    if (fs::is_directory(st)) {
        std::vector<std::string> found;
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const auto& entry = *it;
            std::string name = entry.path().filename().string();
            if (entry.is_directory() && (name == ".git" || name == "node_modules")) {
                it.disable_recursion_pending();
                continue;
            }
            if (entry.is_regular_file() && is_candidate(entry.path())) found.push_back(entry.path().string());
        }
        if (ec) errors.push_back(arg + ": " + ec.message());
        std::sort(found.begin(), found.end());
        for (auto& f : found) inputs.push_back({f, f, false});
        return;
    }
    inputs.push_back({arg, arg, false});
}

std::optional<std::string> read_input(const Input& input, std::string& error) {
    if (input.from_stdin) {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::error_code ec;
    auto size = fs::file_size(input.name, ec);
    if (ec) {
        error = ec.message();
        return std::nullopt;
    }
    if (size > max_file_size) {
        error = "file is larger than 16 MiB; not checked";
        return std::nullopt;
    }
    std::ifstream in(input.name, std::ios::binary);
    if (!in) {
        error = "cannot be read";
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A NUL byte in the first few KiB marks a binary file (or UTF-16/32, which the Dockerfile
// analyzer reports itself).
bool looks_binary(std::string_view text) {
    std::string_view head = text.substr(0, 8192);
    if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF')))
        return false;
    if (head.size() >= 4 && head[0] == 0 && head[1] == 0 && head[2] == '\xFE' && head[3] == '\xFF') return false;
    return head.find('\0') != std::string_view::npos;
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

void print_text(const std::vector<FileReport>& reports, bool color) {
    for (const auto& r : reports) {
        if (!r.error.empty()) continue;
        LineIndex index(r.text);
        for (const auto& d : r.diagnostics) {
            LinePosition p = index.position(d.range.begin, PositionEncoding::Utf16);
            if (color) {
                std::printf("\033[1m%s:%u:%u:\033[0m %s%s\033[0m: %s \033[2m[%s]\033[0m\n", r.display.c_str(),
                            p.line + 1, p.character + 1, colour_of(d.severity),
                            std::string(severity_name(d.severity)).c_str(), d.message.c_str(), d.rule.c_str());
            } else {
                std::printf("%s:%u:%u: %s: %s [%s]\n", r.display.c_str(), p.line + 1, p.character + 1,
                            std::string(severity_name(d.severity)).c_str(), d.message.c_str(), d.rule.c_str());
            }
        }
    }
}

void print_json(const std::vector<FileReport>& reports) {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : reports) {
        nlohmann::json f = {{"path", r.display}};
        if (!r.error.empty()) {
            f["error"] = r.error;
        } else {
            LineIndex index(r.text);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& d : r.diagnostics) {
                LineRange lr = index.range(d.range, PositionEncoding::Utf16);
                list.push_back({{"rule", d.rule},
                                {"severity", severity_name(d.severity)},
                                {"message", d.message},
                                {"start", {{"line", lr.start.line + 1}, {"column", lr.start.character + 1}}},
                                {"end", {{"line", lr.end.line + 1}, {"column", lr.end.character + 1}}},
                                {"fixable", !d.fixes.empty()}});
            }
            f["diagnostics"] = std::move(list);
        }
        files.push_back(std::move(f));
    }
    nlohmann::json out = {{"version", 1}, {"tool", {{"name", "cdls"}, {"version", CDLS_VERSION}}}, {"files", files}};
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void list_rules() {
    for (const RuleInfo* rule : all_rules()) {
        std::printf("%-28s %-12s %s\n", std::string(rule->id).c_str(), std::string(severity_name(rule->severity)).c_str(),
                    std::string(rule->summary).c_str());
    }
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "cdls check: %s\n\n%s", message.c_str(), usage_text);
    return 2;
}

} // namespace

int run_check(const std::vector<std::string>& args) {
    Options opt;
    bool no_color = std::getenv("NO_COLOR") != nullptr && *std::getenv("NO_COLOR") != '\0';
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::optional<std::string> {
            std::string prefix = std::string(name) + "=";
            if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
            if (a == name && i + 1 < args.size()) return args[++i];
            return std::nullopt;
        };
        if (a == "-h" || a == "--help") {
            std::printf("%s", usage_text);
            return 0;
        } else if (a == "--list-rules") {
            list_rules();
            return 0;
        } else if (a == "--no-color") {
            no_color = true;
        } else if (a.rfind("--format", 0) == 0) {
            auto v = value("--format");
            if (!v || (*v != "text" && *v != "json")) return usage_error("--format takes text or json");
            opt.format = *v;
        } else if (a.rfind("--fail-on", 0) == 0) {
            auto v = value("--fail-on");
            if (!v || !parse_severity(*v, opt.fail_on)) return usage_error("--fail-on takes error, warning, information or hint");
        } else if (a.rfind("--kind", 0) == 0) {
            auto v = value("--kind");
            if (v && *v == "definition") opt.stdin_kind = DocumentKind::Definition;
            else if (v && *v == "dockerfile") opt.stdin_kind = DocumentKind::Dockerfile;
            else return usage_error("--kind takes definition or dockerfile");
        } else if (a.rfind("--rule", 0) == 0) {
            auto v = value("--rule");
            std::size_t eq = v ? v->find('=') : std::string::npos;
            if (eq == std::string::npos) return usage_error("--rule takes ID=SEVERITY");
            std::string id = v->substr(0, eq), sev = v->substr(eq + 1);
            if (!find_rule(id)) return usage_error("unknown rule `" + id + "` (see --list-rules)");
            Severity s;
            if (sev == "off") opt.settings.overrides[id] = std::nullopt;
            else if (parse_severity(sev, s)) opt.settings.overrides[id] = s;
            else return usage_error("--rule " + id + ": severity must be error, warning, information, hint or off");
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage_error("unknown option " + a);
        } else {
            opt.paths.push_back(a);
        }
    }
    if (opt.paths.empty()) return usage_error("no PATH given");
    opt.color = !no_color && opt.format == "text" && ::isatty(STDOUT_FILENO);

    std::vector<Input> inputs;
    std::vector<std::string> errors;
    for (const auto& p : opt.paths) collect(p, inputs, errors);

    std::vector<FileReport> reports;
    bool io_error = !errors.empty();
    for (const auto& e : errors) std::fprintf(stderr, "cdls check: %s\n", e.c_str());
    for (const auto& input : inputs) {
        FileReport report;
        report.display = input.display;
        std::string error;
        auto text = read_input(input, error);
        if (text && looks_binary(*text)) {
            text.reset();
            error = "binary file; not checked";
        }
        if (!text) {
            report.error = error;
            std::fprintf(stderr, "cdls check: %s: %s\n", input.display.c_str(), error.c_str());
            io_error = true;
            reports.push_back(std::move(report));
            continue;
        }
        DocumentKind kind = input.from_stdin && opt.stdin_kind ? *opt.stdin_kind : detect_kind(input.name, "", *text);
        report.text = std::move(*text);
        report.diagnostics = analyze_text(kind, report.text, opt.settings).diagnostics;
        reports.push_back(std::move(report));
    }
    if (opt.format == "json") print_json(reports);
    else print_text(reports, opt.color);

    bool failing = false;
    for (const auto& r : reports)
        for (const auto& d : r.diagnostics)
            if (static_cast<int>(d.severity) <= static_cast<int>(opt.fail_on)) failing = true;
    if (io_error) return 2;
    return failing ? 1 : 0;
}

} // namespace cdls::server
