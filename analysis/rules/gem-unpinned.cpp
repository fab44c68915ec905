// gem-unpinned: `gem install bundler` installs whatever is newest on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo gem_unpinned{"gem-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                            "gem install without -v/--version (or name:version)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_gem_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        if (cmd.basename != "gem") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, {});
        if (sub >= args.size() || args[sub].text != "install") continue;
        auto parsed = parse_arguments(args.subspan(sub + 1),
                                      {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s",
                                       "--source", "-P", "--trust-policy", "--platform", "-g", "--file",
                                       "--build-root", "--document"});
        if (parsed.has({"-v", "--version", "-g", "--file"})) continue;
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || looks_like_path(text) || has_file_extension(text, {".gem"}) ||
                text.find(':') != std::string_view::npos)
                continue;
            report_word(rules::gem_unpinned, view, *operand,
                        "pin a version: gem install " + std::string(text) + " -v <version>", out);
        }
    }
}

} // namespace cdls::shell
