// The cdls executable: the language server over stdio, and `cdls check` for CI.
#include "server/check_command.hpp"
#include "server/stdio_loop.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "analysis/core/rule.hpp"
#include "server/session.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

const char* help_text =
    "cdls " CDLS_VERSION " — the container definition language server\n"
    "\n"
    "usage:\n"
    "  cdls [--stdio] [--log-file FILE] [--log-level LEVEL]   serve LSP over stdin/stdout\n"
    "  cdls check [options] PATH...                           check files for CI (cdls check --help)\n"
    "  cdls --version | --help\n"
    "\n"
    "Serves Apptainer/Singularity definition files and Dockerfiles/Containerfiles. Logs go to\n"
    "stderr (or FILE); stdout carries only LSP messages. LEVEL: trace, debug, info, warn, error.\n";

// Points rule documentation links at a local copy of docs/rules when there is one: installed
// (<prefix>/share/doc/cdls/rules) or in the source tree of a build (build/<preset>/cdls).
void use_local_rule_docs() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return;
    fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / "../share/doc/cdls/rules", dir / "../../docs/rules", dir / "../docs/rules"}) {
        if (fs::exists(candidate / "README.md", ec)) {
            cdls::set_rule_doc_base(cdls::server::path_to_uri(fs::weakly_canonical(candidate, ec)));
            return;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // `check` output (SARIF helpUri, ...) is read elsewhere: keep the published doc links there.
    if (!args.empty() && args[0] == "check") {
        // Log lines (registry look-ups of --resolve) go to stderr: stdout carries the report.
        spdlog::set_default_logger(spdlog::stderr_color_mt("cdls"));
        spdlog::set_pattern("cdls check: %v");
        return cdls::server::run_check({args.begin() + 1, args.end()});
    }
    use_local_rule_docs();

    std::string log_file;
    std::string log_level = "info";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--version" || a == "-V") {
            std::printf("cdls %s\n", CDLS_VERSION);
            return 0;
        } else if (a == "--help" || a == "-h") {
            std::printf("%s", help_text);
            return 0;
        } else if (a == "--stdio") {
        } else if (a == "--log-file" && i + 1 < args.size()) {
            log_file = args[++i];
        } else if (a.rfind("--log-file=", 0) == 0) {
            log_file = a.substr(11);
        } else if (a == "--log-level" && i + 1 < args.size()) {
            log_level = args[++i];
        } else if (a.rfind("--log-level=", 0) == 0) {
            log_level = a.substr(12);
        } else if (a.rfind("--clientProcessId", 0) == 0) {
            // Passed by some clients (vscode-languageclient); processId in initialize is used.
            if (a.find('=') == std::string::npos && i + 1 < args.size()) ++i;
        } else {
            std::fprintf(stderr, "cdls: unknown argument %s\n\n%s", a.c_str(), help_text);
            return 2;
        }
    }
    try {
        auto logger = log_file.empty() ? spdlog::stderr_color_mt("cdls")
                                       : spdlog::basic_logger_mt("cdls", log_file, /*truncate=*/false);
        spdlog::set_default_logger(logger);
    } catch (const spdlog::spdlog_ex& e) {
        std::fprintf(stderr, "cdls: cannot open log file %s: %s\n", log_file.c_str(), e.what());
        return 2;
    }
    spdlog::set_level(spdlog::level::from_str(log_level));
    spdlog::flush_on(spdlog::level::info);
    return cdls::server::run_stdio_server();
}
