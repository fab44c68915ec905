// go-unpinned: `go install example.com/tool@latest` builds whatever is newest today.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo go_unpinned{"go-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                           "go install/get of a module without a version, or at @latest or a branch."};
} // namespace cdls::rules

namespace cdls::shell {

void check_go_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        if (cmd.basename != "go") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, {});
        if (sub >= args.size() || (args[sub].text != "install" && args[sub].text != "get")) continue;
        auto parsed = parse_arguments(
            args.subspan(sub + 1),
            {"-o", "-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-p", "-asmflags", "-buildmode",
             "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-pkgdir", "-toolexec", "-C"});
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || starts_with(text, ".") || starts_with(text, "/")) continue;
            auto at = text.rfind('@');
            std::string_view path = text.substr(0, at);
            std::string_view version = at == std::string_view::npos ? "" : text.substr(at + 1);
            if (!version.empty() && version != "latest" && version != "upgrade" && version != "patch" &&
                version != "master" && version != "main" && version != "HEAD")
                continue;
            std::string message = version.empty()
                                      ? "pin a version: go " + std::string(args[sub].text) + " " + std::string(path) +
                                            "@<version>"
                                      : "`@" + std::string(version) +
                                            "` moves: pin a version, e.g. go " + std::string(args[sub].text) + " " +
                                            std::string(path) + "@v<version>";
            report_word(rules::go_unpinned, view, *operand, std::move(message), out);
        }
    }
}

} // namespace cdls::shell
