// `cdls check PATH...`: finds definition files and Dockerfiles, reads their configuration,
// analyses them in parallel, prints findings in a stable order, optionally fixes them.
#include "server/check_command.hpp"
#include "server/user_catalogue.hpp"

#include "analysis/core/ascii.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/document_kind.hpp"
#include "server/check_report.hpp"
#include "server/config.hpp"
#include "server/registry/service.hpp"
#include "server/rule_docs.hpp"

#include <asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
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
    "  --format FORMAT          text (default), json, sarif, github, checkstyle or junit\n"
    "  --fail-on SEVERITY       exit 1 when a finding is at least this severe (default error)\n"
    "  --rule ID=SEVERITY       override a rule: error, warning, information, hint or off\n"
    "  --config FILE            use this configuration instead of the nearest .cdls.json\n"
    "  --fix                    apply every safe fix in place and report what changed\n"
    "  --resolve                look base images up in their registries: image-unknown-tag\n"
    "  --dry-run                with --fix: print a unified diff instead of writing\n"
    "  --kind definition|dockerfile   how to read standard input (default: detect)\n"
    "  --jobs N                 files checked in parallel (default: all cores)\n"
    "  --list-rules             list every rule with its default severity and exit\n"
    "  --explain ID             print the documentation of a rule and exit\n"
    "  --no-color               plain output (also when NO_COLOR is set)\n"
    "  -h, --help               this text\n"
    "\n"
    "exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or I/O errors\n";

struct Options {
    std::vector<std::string> paths;
    std::string format = "text";
    std::optional<Severity> fail_on;
    std::map<std::string, std::optional<Severity>, std::less<>> rule_overrides;
    std::optional<fs::path> config;
    std::optional<DocumentKind> stdin_kind;
    bool fix = false;
    bool dry_run = false;
    bool resolve = false; // look base images up in their registries (image-unknown-tag)
    bool color = false;
    unsigned jobs = 0;
};

struct Input {
    std::string display;
    // A string, not an fs::path: a path splits itself into components (an allocation each) when
    // made, ~3 000 instructions a file of a run where only its text is needed.
    std::string path;
    bool from_stdin = false;
    // A file named on the command line was stat()ed to tell it from a folder: read_input takes
    // its type and size from that instead of an fstat of its own (a system call a file).
    bool stated = false;
    bool regular = false;
    std::uintmax_t size = 0;
};

bool is_candidate(const fs::path& p) { return kind_from_name(p.filename().string()).has_value(); }

// Finds and caches the configuration of each folder.
class ConfigCache {
public:
    explicit ConfigCache(std::optional<fs::path> forced) {
        if (forced) forced_ = std::make_shared<ProjectConfig>(load_config_with_catalogue(*forced));
    }
    std::shared_ptr<const ProjectConfig> for_file(const fs::path& file) {
        if (forced_) return forced_;
        std::error_code ec;
        fs::path dir = fs::absolute(file, ec).parent_path();
        std::lock_guard lock(mutex_);
        auto it = by_dir_.find(dir);
        if (it != by_dir_.end()) return it->second;
        std::shared_ptr<const ProjectConfig> config;
        if (auto found = find_config_file(dir)) {
            auto loaded = by_file_.find(*found);
            if (loaded == by_file_.end()) loaded = by_file_.emplace(*found, std::make_shared<ProjectConfig>(load_config_with_catalogue(*found))).first;
            config = loaded->second;
        } else {
            config = std::make_shared<ProjectConfig>();
        }
        by_dir_.emplace(dir, config);
        return config;
    }
    // The same for a file named by a string: files of one folder share a configuration, found
    // by the folder as written (up to the last '/', which decides the file's parent_path) without
    // building and comparing fs::paths for each.
    std::shared_ptr<const ProjectConfig> for_named_file(const std::string& file) {
        if (forced_) return forced_;
        std::size_t slash = file.rfind('/');
        std::string_view folder(file.data(), slash == std::string::npos ? 0 : slash + 1);
        {
            std::lock_guard lock(mutex_);
            auto it = by_folder_name_.find(folder);
            if (it != by_folder_name_.end()) return it->second;
        }
        std::shared_ptr<const ProjectConfig> config = for_file(fs::path(file));
        std::lock_guard lock(mutex_);
        by_folder_name_.emplace(folder, config);
        return config;
    }
    // Every configuration used, for reporting their problems once each.
    std::vector<std::shared_ptr<const ProjectConfig>> used() {
        std::vector<std::shared_ptr<const ProjectConfig>> out;
        if (forced_) out.push_back(forced_);
        for (auto& [file, config] : by_file_) out.push_back(config);
        return out;
    }

private:
    std::shared_ptr<const ProjectConfig> forced_;
    std::mutex mutex_;
    std::map<fs::path, std::shared_ptr<const ProjectConfig>> by_dir_;
    std::map<fs::path, std::shared_ptr<const ProjectConfig>> by_file_;
    std::map<std::string, std::shared_ptr<const ProjectConfig>, std::less<>> by_folder_name_;
};

void collect(const std::string& arg, ConfigCache& configs, std::vector<Input>& inputs, std::vector<std::string>& errors) {
    if (arg == "-") {
        inputs.push_back({"<stdin>", {}, true});
        return;
    }
    // stat() itself rather than fs::status: its size is kept for reading the file.
    struct stat st {};
    if (::stat(arg.c_str(), &st) != 0) {
        errors.push_back(arg + ": no such file or directory");
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        // Named explicitly: checked even if ignorePaths match.
        inputs.push_back(
            {arg, arg, false, true, S_ISREG(st.st_mode), static_cast<std::uintmax_t>(st.st_size)});
        return;
    }
    std::error_code ec;
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const auto& entry = *it;
        std::string name = entry.path().filename().string();
        if (entry.is_directory(ec) && (name == ".git" || name == "node_modules")) {
            it.disable_recursion_pending();
            continue;
        }
        if (entry.is_regular_file(ec) && is_candidate(entry.path()) && !configs.for_file(entry.path())->ignores(entry.path()))
            found.push_back(entry.path().string());
    }
    if (ec) errors.push_back(arg + ": " + ec.message());
    std::sort(found.begin(), found.end());
    for (auto& f : found) inputs.push_back({f, f, false});
}

std::optional<std::string> read_input(const Input& input, std::string& error) {
    if (input.from_stdin) {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    // open + fstat + read into a string of the file's size + close: no stream buffers, and
    // half the system calls of file_size + ifstream (a syscall costs ~7 µs on a VM).
    int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = errno == ENOENT ? "no such file or directory" : "cannot be read";
        return std::nullopt;
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    bool regular = input.regular;
    std::uintmax_t size = input.size;
    if (!input.stated) {
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            error = std::strerror(errno);
            return std::nullopt;
        }
        regular = S_ISREG(st.st_mode);
        size = static_cast<std::uintmax_t>(st.st_size);
    }
    if (size > max_file_size) {
        error = "larger than 16 MiB; not checked";
        return std::nullopt;
    }
    // A size of 0 may be a pipe or a /proc file: read until the end then.
    bool sized = regular && size > 0;
    std::string text(sized ? static_cast<std::size_t>(size) : 4096, '\0');
    std::size_t used = 0;
    for (;;) {
        if (used == text.size()) {
            if (sized) break; // all of its size: no second read for the end
            if (text.size() > max_file_size) {
                error = "larger than 16 MiB; not checked";
                return std::nullopt;
            }
            text.resize(text.size() * 2);
        }
        ssize_t n = ::read(fd, text.data() + used, text.size() - used);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = "read error";
            return std::nullopt;
        }
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    text.resize(used);
    return text;
}

// UTF-16/32 text with a byte-order mark: the analyzers explain those themselves.
bool has_wide_bom(std::string_view text) {
    auto bom = [&](std::string_view b) { return text.substr(0, b.size()) == b; };
    return bom(std::string_view("\xFF\xFE", 2)) || bom(std::string_view("\xFE\xFF", 2)) ||
           bom(std::string_view("\x00\x00\xFE\xFF", 4));
}

// Binary content: a NUL byte in the first 8 KiB of a file that is not wide text.
bool looks_binary(std::string_view text) {
    return !has_wide_bom(text) && text.substr(0, 8192).find('\0') != std::string_view::npos;
}

bool valid_utf8(std::string_view s) {
    if (is_ascii(s)) return true; // most files: eight bytes at a time
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

void list_rules() {
    for (const RuleInfo* rule : all_rules())
        std::printf("%-28s %-12s %s\n", std::string(rule->id).c_str(), std::string(severity_name(rule->severity)).c_str(),
                    std::string(rule->summary).c_str());
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "cdls check: %s\n\n%s", message.c_str(), usage_text);
    return 2;
}

// --resolve: looks up the tags of every base image (all registries at once, each request
// bounded by its timeout), then re-analyses the files that name one with the tag lists.
std::shared_ptr<const registry::TagSnapshot> resolve_registry_tags(
    std::vector<FileReport>& reports, const std::vector<DocumentKind>& kinds,
    const std::vector<std::shared_ptr<const ProjectConfig>>& configs,
    const std::map<std::string, std::optional<Severity>, std::less<>>& overrides) {
    asio::io_context io;
    fs::path cache;
    if (const char* dir = std::getenv("CDLS_REGISTRY_CACHE"); dir && *dir) cache = dir;
    else cache = registry::default_cache_directory();
    registry::RegistryService service(io, cache);
    std::vector<bool> names_image(reports.size(), false);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (!reports[i].error.empty() || !configs[i]->registry.enabled) continue;
        AnalysisResult result = analyze_text(kinds[i], reports[i].text, configs[i]->settings);
        for (const ImageReferenceFact& fact : result.facts.images) {
            if (fact.names_stage || (fact.has_variables && fact.resolved.empty())) continue;
            auto reference = catalogue::parse_image_reference(fact.resolved.empty() ? fact.text : fact.resolved);
            if (!reference.valid || !reference.has_tag || reference.has_digest) continue;
            names_image[i] = true;
            service.ensure_tags(reference, configs[i]->registry, [](bool) {});
        }
    }
    io.run();
    auto live = service.snapshot();
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (!names_image[i]) continue;
        AnalysisSettings settings = configs[i]->settings;
        for (const auto& [id, sev] : overrides) settings.overrides[id] = sev;
        settings.registry_tags = live;
        reports[i].diagnostics = analyze_text(kinds[i], reports[i].text, settings).diagnostics;
    }
    return live;
}

// A batch run allocates and frees each file's trees in turn: with glibc's defaults the top of
// the heap is given back after a file and faulted in again for the next. Keep what was grown
// (the process is short). What remains of its page faults is the heap's high-water mark; with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (2 MiB pages) a corpus run takes ~30 % less CPU on a
// VM where faults are dear (docs/performance.md).
void prepare_batch_heap() {
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // glibc's maximum
}

} // namespace

int run_check(const std::vector<std::string>& args) {
    prepare_batch_heap();
    Options opt;
    const char* no_color_env = std::getenv("NO_COLOR");
    bool no_color = no_color_env != nullptr && *no_color_env != '\0';
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::optional<std::string> {
            std::string prefix = std::string(name) + "=";
            if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
            if (a == name && i + 1 < args.size()) return args[++i];
            return std::nullopt;
        };
        auto is = [&](const char* name) { return a == name || a.rfind(std::string(name) + "=", 0) == 0; };
        if (a == "-h" || a == "--help") {
            std::printf("%s", usage_text);
            return 0;
        } else if (a == "--list-rules") {
            list_rules();
            return 0;
        } else if (a == "--rules-index") {
            std::printf("%s", rule_index_markdown().c_str());
            return 0;
        } else if (is("--explain")) {
            auto v = value("--explain");
            if (!v) return usage_error("--explain takes a rule id");
            auto doc = rule_doc(*v);
            if (!doc) {
                std::fprintf(stderr, "cdls check: no rule `%s` (see --list-rules)\n", v->c_str());
                return 2;
            }
            std::printf("%.*s", static_cast<int>(doc->size()), doc->data());
            return 0;
        } else if (a == "--no-color") {
            no_color = true;
        } else if (a == "--fix") {
            opt.fix = true;
        } else if (a == "--resolve") {
            opt.resolve = true;
        } else if (a == "--dry-run") {
            opt.dry_run = true;
        } else if (is("--format")) {
            auto v = value("--format");
            static const std::vector<std::string> formats{"text", "json", "sarif", "github", "checkstyle", "junit"};
            if (!v || std::find(formats.begin(), formats.end(), *v) == formats.end())
                return usage_error("--format takes text, json, sarif, github, checkstyle or junit");
            opt.format = *v;
        } else if (is("--fail-on")) {
            auto v = value("--fail-on");
            Severity s;
            if (!v || !parse_severity(*v, s)) return usage_error("--fail-on takes error, warning, information or hint");
            opt.fail_on = s;
        } else if (is("--kind")) {
            auto v = value("--kind");
            if (v && *v == "definition") opt.stdin_kind = DocumentKind::Definition;
            else if (v && *v == "dockerfile") opt.stdin_kind = DocumentKind::Dockerfile;
            else return usage_error("--kind takes definition or dockerfile");
        } else if (is("--config")) {
            auto v = value("--config");
            if (!v) return usage_error("--config takes a file");
            opt.config = *v;
        } else if (is("--jobs")) {
            auto v = value("--jobs");
            try {
                opt.jobs = v ? static_cast<unsigned>(std::stoul(*v)) : 0;
            } catch (...) {
                return usage_error("--jobs takes a number");
            }
        } else if (is("--rule")) {
            auto v = value("--rule");
            std::size_t eq = v ? v->find('=') : std::string::npos;
            if (eq == std::string::npos) return usage_error("--rule takes ID=SEVERITY");
            std::string id = v->substr(0, eq), sev = v->substr(eq + 1);
            if (!find_rule(id)) return usage_error("unknown rule `" + id + "` (see --list-rules)");
            Severity s;
            if (sev == "off") opt.rule_overrides[id] = std::nullopt;
            else if (parse_severity(sev, s)) opt.rule_overrides[id] = s;
            else return usage_error("--rule " + id + ": severity must be error, warning, information, hint or off");
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option " + a);
        } else {
            opt.paths.push_back(a);
        }
    }
    if (opt.paths.empty()) return usage_error("no PATH given");
    if (opt.dry_run && !opt.fix) return usage_error("--dry-run goes with --fix");
    if (opt.config) {
        std::error_code ec;
        if (!fs::is_regular_file(*opt.config, ec)) {
            std::fprintf(stderr, "cdls check: %s: configuration file not found\n", opt.config->string().c_str());
            return 2;
        }
    }
    opt.color = !no_color && opt.format == "text" && ::isatty(STDOUT_FILENO);

    ConfigCache configs(opt.config);
    std::vector<Input> inputs;
    std::vector<std::string> errors;
    for (const auto& p : opt.paths) collect(p, configs, inputs, errors);
    bool failed_io = !errors.empty();
    for (const auto& e : errors) std::fprintf(stderr, "cdls check: %s\n", e.c_str());

    // Read stdin up front (it is not thread-safe to share).
    std::vector<FileReport> reports(inputs.size());
    std::vector<std::shared_ptr<const ProjectConfig>> file_configs(inputs.size());
    std::vector<std::optional<std::string>> texts(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        reports[i].display = inputs[i].display;
        file_configs[i] = inputs[i].from_stdin ? configs.for_file(fs::current_path() / "stdin") : configs.for_named_file(inputs[i].path);
        if (inputs[i].from_stdin) texts[i] = read_input(inputs[i], reports[i].error);
    }

    std::vector<DocumentKind> kinds(inputs.size(), DocumentKind::Definition);
    std::shared_ptr<const registry::TagSnapshot> live; // --resolve: the registries' tag lists
    // The text report of each file is written by the worker that checked it: formatting is
    // ~15 % of a run and would otherwise be serial.
    bool text_format = opt.format != "json" && opt.format != "sarif" && opt.format != "github" &&
                       opt.format != "checkstyle" && opt.format != "junit";
    bool format_in_workers = text_format && !opt.fix && !opt.resolve; // --resolve re-analyses later
    std::vector<std::string> formatted(format_in_workers ? inputs.size() : 0);
    std::vector<std::optional<Severity>> most_severe(inputs.size()); // when formatted in workers
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < inputs.size();) {
            FileReport& report = reports[i];
            std::optional<std::string> text = inputs[i].from_stdin ? std::move(texts[i]) : read_input(inputs[i], report.error);
            if (text && looks_binary(*text)) {
                text.reset();
                report.error = "binary file; not checked";
            } else if (text && !has_wide_bom(*text) && !valid_utf8(*text)) {
                text.reset();
                report.error = "not valid UTF-8; save it as UTF-8";
            }
            if (!text) continue;
            AnalysisSettings settings = file_configs[i]->settings;
            for (const auto& [id, sev] : opt.rule_overrides) settings.overrides[id] = sev;
            std::string name = inputs[i].from_stdin ? std::string("-") : inputs[i].path;
            DocumentKind kind = inputs[i].from_stdin && opt.stdin_kind ? *opt.stdin_kind : detect_kind(name, "", *text);
            report.text = std::move(*text);
            kinds[i] = kind;
            report.diagnostics = analyze_text(kind, report.text, settings).diagnostics;
            if (format_in_workers) {
                append_text_report(formatted[i], report, ReportOptions{opt.color, Severity::Error});
                // Written: what is left to do is the exit status, from the most severe problem.
                // Keeping every file's text and diagnostics to the end made a corpus run grow to
                // 32 MB (7 000 page faults, a quarter of its time on a VM).
                for (const Diagnostic& d : report.diagnostics)
                    if (!most_severe[i] || static_cast<int>(d.severity) < static_cast<int>(*most_severe[i]))
                        most_severe[i] = d.severity;
                std::string().swap(report.text);
                std::vector<Diagnostic>().swap(report.diagnostics);
            }
        }
    };
    unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (opt.resolve) live = resolve_registry_tags(reports, kinds, file_configs, opt.rule_overrides);

    // Problems in configuration files are errors of the run (exit 2), named with their file.
    bool config_error = false;
    for (const auto& config : configs.used()) {
        for (const auto& problem : config->problems) {
            std::fprintf(stderr, "cdls check: %s: error: %s\n", config->file.string().c_str(), problem.message.c_str());
            config_error = true;
        }
    }
    for (const auto& r : reports) {
        if (r.error.empty()) continue;
        std::fprintf(stderr, "cdls check: %s: %s\n", r.display.c_str(), r.error.c_str());
        failed_io = true;
    }

    Severity fail_on = opt.fail_on.value_or(Severity::Error);
    if (!opt.fail_on && !configs.used().empty())
        for (const auto& c : configs.used())
            if (c->fail_on) fail_on = *c->fail_on;

    if (opt.fix) {
        std::size_t total = 0;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            FileReport& r = reports[i];
            if (!r.error.empty()) continue;
            auto [fixed, count] = apply_safe_fixes(r.text, r.diagnostics);
            if (count == 0) continue;
            total += count;
            if (opt.dry_run) {
                std::printf("%s", unified_diff(r.display, r.text, fixed).c_str());
            } else if (inputs[i].from_stdin) {
                std::printf("%s", fixed.c_str());
            } else {
                std::ofstream out(inputs[i].path, std::ios::binary | std::ios::trunc);
                out << fixed;
                if (!out) {
                    std::fprintf(stderr, "cdls check: %s: cannot write the fixed file\n", r.display.c_str());
                    failed_io = true;
                    continue;
                }
                std::fprintf(stderr, "cdls check: %s: applied %zu fix(es)\n", r.display.c_str(), count);
            }
            // Report what is left after fixing.
            AnalysisSettings settings = file_configs[i]->settings;
            for (const auto& [id, sev] : opt.rule_overrides) settings.overrides[id] = sev;
            if (live && file_configs[i]->registry.enabled) settings.registry_tags = live;
            DocumentKind kind = detect_kind(inputs[i].from_stdin ? std::string("-") : inputs[i].path, "", fixed);
            r.text = std::move(fixed);
            r.diagnostics = analyze_text(kind, r.text, settings).diagnostics;
        }
        if (opt.dry_run || total == 0) std::fprintf(stderr, "cdls check: %zu fix(es) %s\n", total, opt.dry_run ? "would be applied" : "applied");
    }

    ReportOptions report_options{opt.color, fail_on};
    if (!(opt.fix && opt.dry_run)) {
        std::string out;
        if (opt.format == "json") out = format_json(reports, report_options);
        else if (opt.format == "sarif") out = format_sarif(reports, report_options);
        else if (opt.format == "github") out = format_github(reports, report_options);
        else if (opt.format == "checkstyle") out = format_checkstyle(reports, report_options);
        else if (opt.format == "junit") out = format_junit(reports, report_options);
        else if (format_in_workers) {
            // Written in batches of ~64 KiB: stdio would write a file's part at each 4 KiB
            // (~900 system calls a corpus run); the batch is small, the report is not copied whole.
            constexpr std::size_t batch_size = 64 * 1024;
            std::string batch;
            batch.reserve(batch_size);
            for (std::string& part : formatted) {
                if (!batch.empty() && batch.size() + part.size() > batch_size) {
                    std::fwrite(batch.data(), 1, batch.size(), stdout);
                    batch.clear();
                }
                if (part.size() >= batch_size) std::fwrite(part.data(), 1, part.size(), stdout);
                else batch += part;
                std::string().swap(part);
            }
            std::fwrite(batch.data(), 1, batch.size(), stdout);
        } else {
            out = format_text(reports, report_options);
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    }

    if (failed_io || config_error) return 2;
    for (const auto& r : reports)
        for (const auto& d : r.diagnostics)
            if (static_cast<int>(d.severity) <= static_cast<int>(fail_on)) return 1;
    for (const auto& severity : most_severe)
        if (severity && static_cast<int>(*severity) <= static_cast<int>(fail_on)) return 1;
    return 0;
}

} // namespace cdls::server
