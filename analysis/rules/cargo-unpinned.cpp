// cargo-unpinned: `cargo install ripgrep` builds whatever is newest on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo cargo_unpinned{"cargo-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                              "cargo install without --version (or crate@version), or --git without --rev/--tag."};
} // namespace cdls::rules

namespace cdls::shell {

void check_cargo_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        if (cmd.basename != "cargo") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, {"--color", "--config", "-Z"});
        if (sub >= args.size() || args[sub].text != "install") continue;
        auto parsed = parse_arguments(
            args.subspan(sub + 1),
            {"--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root", "--index",
             "--registry", "--features", "-F", "--jobs", "-j", "--target", "--target-dir", "--profile",
             "--bin", "--example", "--config", "-Z", "--color"});
        if (parsed.has({"--path"})) continue;
        if (const ParsedOption* git = parsed.find({"--git"})) {
            if (parsed.has({"--rev", "--tag"})) continue;
            const Word* where = git->value_word ? git->value_word : git->word;
            report_word(rules::cargo_unpinned, view, *where,
                        "pin the revision: cargo install --git <url> --rev <commit> (or --tag <tag>)", out);
            continue;
        }
        if (parsed.has({"--version", "--vers"})) continue;
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || text.find('@') != std::string_view::npos) continue;
            report_word(rules::cargo_unpinned, view, *operand,
                        "pin a version: cargo install " + std::string(text) + "@<version> --locked", out);
        }
    }
}

} // namespace cdls::shell
