// npm-unpinned: `npm install -g typescript` installs whatever is newest on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo npm_unpinned{"npm-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                            "npm install/yarn add/pnpm add of a package without a version (name@version)."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {
// The arguments after the install subcommand, or nullopt when `cmd` installs nothing by name.
std::optional<std::span<const Word>> install_arguments(const Command& cmd, std::string& tool) {
    std::string_view name = cmd.basename;
    // Most commands are none of the three: not looked into (nor copied) at all.
    if (name != "npm" && name != "pnpm" && name != "yarn") return std::nullopt;
    tool.assign(name);
    auto args = cmd.args();
    std::size_t sub = find_subcommand(args, {"--prefix", "--registry", "--cache", "--userconfig"});
    if (sub >= args.size()) return std::nullopt;
    std::string_view s = args[sub].text;
    if (tool == "npm" && (s == "install" || s == "i" || s == "add" || s == "isntall" || s == "in"))
        return args.subspan(sub + 1);
    if (tool == "pnpm" && (s == "add" || s == "install" || s == "i")) return args.subspan(sub + 1);
    if (tool == "yarn") {
        if (s == "add") return args.subspan(sub + 1);
        if (s == "global" && sub + 1 < args.size() && args[sub + 1].text == "add")
            return args.subspan(sub + 2);
    }
    return std::nullopt;
}
} // namespace

void check_npm_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    std::string tool;
    for (const Command& cmd : view.script.commands) {
        auto args = install_arguments(cmd, tool);
        if (!args) continue;
        auto parsed = parse_arguments(*args, {"--prefix", "--registry", "--cache", "-w", "--workspace",
                                              "--tag", "--userconfig", "--loglevel", "--omit",
                                              "--include", "--install-strategy"});
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand)) continue;
            bool scoped = starts_with(text, "@");
            if (!scoped && (is_url(text) || looks_like_path(text) || text.find(':') != std::string_view::npos ||
                            has_file_extension(text, {".tgz", ".tar.gz"})))
                continue; // paths, tarballs, git+..., github:user/repo, user/repo
            auto at = text.find('@', scoped ? 1 : 0);
            std::string_view name = text.substr(0, at);
            std::string_view version = at == std::string_view::npos ? "" : text.substr(at + 1);
            if (!version.empty() && version != "latest" && version != "next" && version != "*" &&
                version != "x")
                continue;
            report_word(rules::npm_unpinned, view, *operand,
                        "pin a version: " + tool + " " + std::string(tool == "npm" ? "install" : "add") +
                            " " + std::string(name) + "@<version>",
                        out);
        }
    }
}

} // namespace cdls::shell
