// r-unpinned: install.packages() in `R -e`/`Rscript -e` installs whatever CRAN has today.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo r_unpinned{"r-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                          "install.packages() from R -e/Rscript -e without a version or dated snapshot."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

// A dated snapshot repository (https://packagemanager.posit.co/cran/2024-01-15) pins every
// package; so does installing a local file (repos = NULL).
bool pins_repository(std::string_view code) {
    for (std::size_t i = 0; i + 10 <= code.size(); ++i) {
        auto d = [&](std::size_t k) { return code[i + k] >= '0' && code[i + k] <= '9'; };
        if (d(0) && d(1) && d(2) && d(3) && code[i + 4] == '-' && d(5) && d(6) && code[i + 7] == '-' &&
            d(8) && d(9))
            return true;
    }
    std::string compact;
    for (char c : code) {
        if (c != ' ') compact += c;
    }
    return compact.find("repos=NULL") != std::string::npos;
}

// Reports each install.packages in the logical range `code` of the body.
void check_code(const BodyView& view, TextRange code, std::vector<Diagnostic>& out) {
    std::string_view raw = view.raw(code);
    if (pins_repository(raw)) return;
    constexpr std::string_view call = "install.packages";
    for (auto at = raw.find(call); at != std::string_view::npos; at = raw.find(call, at + call.size())) {
        Offset begin = static_cast<Offset>(code.begin + at);
        TextRange range{begin, static_cast<Offset>(begin + call.size())};
        out.push_back(make_diagnostic(
            rules::r_unpinned, view.to_document(range),
            "install a fixed version: remotes::install_version(\"<package>\", version = \"<version>\"), "
            "or install from a dated snapshot (repos = \"https://packagemanager.posit.co/cran/<YYYY-MM-DD>\")"));
    }
}

} // namespace

void check_r_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        std::string_view tool = cmd.basename;
        if (tool != "R" && tool != "Rscript") continue;
        auto args = cmd.args();
        for (std::size_t i = 0; i + 1 < args.size(); ++i) {
            if (args[i].text == "-e" || args[i].text == "--expr") check_code(view, args[i + 1].range, out);
        }
        for (const Heredoc& heredoc : cmd.heredocs) check_code(view, heredoc.body, out);
    }
}

} // namespace cdls::shell
