// zypper-unpinned: `zypper install gcc` installs whatever the repositories have today.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo zypper_unpinned{"zypper-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                               "zypper install of a package without a version (name=version or name-version)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_zypper_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        if (cmd.basename != "zypper") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, {"--root", "-R", "--reposd-dir", "-D", "--cache-dir",
                                                 "-C", "--raw-cache-dir", "--config", "-c"});
        if (sub >= args.size() || (args[sub].text != "install" && args[sub].text != "in")) continue;
        auto parsed = parse_arguments(args.subspan(sub + 1),
                                      {"-t", "--type", "-r", "--repo", "--from", "--download"});
        if (const ParsedOption* type = parsed.find({"-t", "--type"}); type && type->value != "package")
            continue; // patterns, patches, products
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || is_url(text) || looks_like_path(text) ||
                has_file_extension(text, {".rpm"}) || text.find(':') != std::string_view::npos)
                continue;
            bool pinned = text.find_first_of("=<>") != std::string_view::npos;
            for (std::size_t i = 0; !pinned && i + 1 < text.size(); ++i)
                pinned = text[i] == '-' && text[i + 1] >= '0' && text[i + 1] <= '9';
            if (pinned) continue;
            report_word(rules::zypper_unpinned, view, *operand,
                        "pin a version: zypper install " + std::string(text) + "=<version>", out);
        }
    }
}

} // namespace cdls::shell
