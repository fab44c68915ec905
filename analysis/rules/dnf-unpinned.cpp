// dnf-unpinned: `dnf install gcc` installs whatever the repositories have on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo dnf_unpinned{"dnf-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                            "yum/dnf/microdnf install of a package without a version (name-version)."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {
// gcc-11.3.1, python3-3.9*, pkg-$VERSION: a '-' followed by a digit or an expansion.
bool names_version(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == '-' && ((text[i + 1] >= '0' && text[i + 1] <= '9') || text[i + 1] == '$'))
            return true;
    }
    return text.find_first_of("=<>") != std::string_view::npos;
}
} // namespace

void check_dnf_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        std::string_view tool = cmd.basename;
        if (tool != "dnf" && tool != "yum" && tool != "microdnf" && tool != "tdnf" && tool != "dnf5")
            continue;
        auto args = cmd.args();
        std::initializer_list<std::string_view> with_value{
            "-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo", "-x",
            "--exclude", "--repo", "--repoid", "--setopt", "-d", "--debuglevel", "-e", "--errorlevel",
            "--forcearch", "--downloaddir", "--destdir"};
        std::size_t sub = find_subcommand(args, with_value);
        if (sub >= args.size() || args[sub].text != "install") continue;
        auto parsed = parse_arguments(args.subspan(sub + 1), with_value);
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || starts_with(text, "@") || is_url(text) ||
                looks_like_path(text) || has_file_extension(text, {".rpm"}))
                continue;
            if (names_version(text)) continue;
            report_word(rules::dnf_unpinned, view, *operand,
                        "pin a version: " + std::string(tool) + " install " + std::string(text) +
                            "-<version> (`" + std::string(tool) + " list --showduplicates " +
                            std::string(text) + "` lists them)",
                        out);
        }
    }
}

} // namespace cdls::shell
