// Output formats of `cdls check`: text, json, sarif, github, checkstyle, junit.
#pragma once

#include "analysis/core/diagnostic.hpp"

#include <string>
#include <vector>

namespace cdls::server {

struct FileReport {
    std::string display; // the path as printed (relative as given on the command line)
    std::string error;   // why the file was not checked (I/O, binary, too large); empty if checked
    std::string text;
    std::vector<Diagnostic> diagnostics;
};

struct ReportOptions {
    bool color = false;
    Severity fail_on = Severity::Error;
};

std::string format_text(const std::vector<FileReport>& reports, const ReportOptions& options);
// The text lines of one file, appended to `out` (format_text is these in order; `cdls check`
// writes them in its worker threads).
void append_text_report(std::string& out, const FileReport& report, const ReportOptions& options);
std::string format_json(const std::vector<FileReport>& reports, const ReportOptions& options);
std::string format_sarif(const std::vector<FileReport>& reports, const ReportOptions& options);
std::string format_github(const std::vector<FileReport>& reports, const ReportOptions& options);
std::string format_checkstyle(const std::vector<FileReport>& reports, const ReportOptions& options);
std::string format_junit(const std::vector<FileReport>& reports, const ReportOptions& options);

// Applies the fixes `source.fixAll.cdls` would: the preferred fix of each diagnostic, skipping
// any that overlaps one already taken. Returns the new text and how many fixes were applied.
std::pair<std::string, std::size_t> apply_safe_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics);

// A unified diff of two texts (for --fix --dry-run).
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

} // namespace cdls::server
