// apt-unpinned: `apt-get install curl` installs whatever the archive has on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo apt_unpinned{"apt-unpinned", Severity::Information, Habit::BeSpecific, RuleScope::Both,
                            "apt/apt-get install of a package without a version (pkg=version)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_apt_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        std::string_view tool = cmd.basename;
        if (tool != "apt-get" && tool != "apt" && tool != "aptitude") continue;
        auto args = cmd.args();
        std::initializer_list<std::string_view> with_value{
            "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release"};
        std::size_t sub = find_subcommand(args, with_value);
        if (sub >= args.size() || args[sub].text != "install") continue;
        // Options may also come after the subcommand, and before it (apt-get -y install).
        auto parsed = parse_arguments(args.subspan(sub + 1), with_value);
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || looks_like_path(text) || has_file_extension(text, {".deb"}))
                continue;
            if (text.find('=') != std::string_view::npos) continue;
            std::string_view name = text.substr(0, text.find('/'));
            // Written into one allocation: a chain of `+` grew the message three times.
            constexpr std::string_view pin = "pin a version: ", install = " install ",
                                       policy = "=<version> (`apt-cache policy ", lists = "` lists the candidates)";
            std::string message;
            message.reserve(pin.size() + tool.size() + install.size() + policy.size() + lists.size() + 2 * name.size());
            message.append(pin).append(tool).append(install).append(name).append(policy).append(name).append(lists);
            report_word(rules::apt_unpinned, view, *operand, std::move(message), out);
        }
    }
}

} // namespace cdls::shell
