// apk-unpinned: `apk add curl` installs whatever the Alpine index has on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo apk_unpinned{"apk-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                            "apk add of a package without a version (pkg=version or pkg~version)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_apk_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        if (cmd.basename != "apk") continue;
        auto args = cmd.args();
        std::initializer_list<std::string_view> with_value{
            "-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir",
            "--keys-dir", "--repositories-file"};
        std::size_t sub = find_subcommand(args, with_value);
        if (sub >= args.size() || args[sub].text != "add") continue;
        auto parsed = parse_arguments(args.subspan(sub + 1), with_value);
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || looks_like_path(text) || has_file_extension(text, {".apk"}))
                continue;
            if (text.find_first_of("=~<>") != std::string_view::npos) continue;
            std::string name(text.substr(0, text.find('@')));
            report_word(rules::apk_unpinned, view, *operand,
                        "pin a version: apk add " + name + "=<version> (or " + name +
                            "~<major.minor> to follow patch releases)",
                        out);
        }
    }
}

} // namespace cdls::shell
