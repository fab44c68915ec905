// conda-unpinned: `conda install numpy` solves to whatever is newest on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo conda_unpinned{"conda-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                              "conda/mamba/micromamba install or create of a package without a version (name=version)."};
} // namespace cdls::rules

namespace cdls::shell {

void check_conda_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        std::string_view tool = cmd.basename;
        if (tool != "conda" && tool != "mamba" && tool != "micromamba") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, {});
        if (sub >= args.size()) continue;
        std::string_view subcommand = args[sub].text;
        // `conda env create -f env.yml` and friends read an environment file: they pass.
        if (subcommand != "install" && subcommand != "create") continue;
        auto parsed = parse_arguments(
            args.subspan(sub + 1),
            {"-n", "--name", "-p", "--prefix", "-c", "--channel", "-f", "--file", "--solver",
             "--repodata-fn", "--clone", "--platform", "--subdir", "--revision", "--channel-priority",
             "--root-prefix", "-r", "--rc-file", "--strict-channel-priority"});
        if (parsed.has({"--revision", "--clone"})) continue;
        for (const Word* operand : parsed.operands) {
            std::string_view text = operand->text;
            if (is_unknown_word(*operand) || is_url(text) || starts_with(text, "./") ||
                starts_with(text, "/") || has_file_extension(text, {".tar.bz2", ".conda"}))
                continue;
            std::string_view spec = text;
            if (auto channel = spec.find("::"); channel != std::string_view::npos)
                spec = spec.substr(channel + 2);
            else if (auto slash = spec.find('/'); slash != std::string_view::npos)
                spec = spec.substr(slash + 1); // conda-forge/numpy
            if (spec.find('[') != std::string_view::npos &&
                spec.find("version") != std::string_view::npos)
                continue; // numpy[version='>=1.2,<2']
            auto op = spec.find_first_of("=<>!~ ");
            std::string_view name = spec.substr(0, op);
            std::string_view constraint = op == std::string_view::npos ? "" : spec.substr(op);
            if (name.empty()) continue;
            VersionPin pin = classify_constraint(constraint);
            if (pin == VersionPin::Pinned) continue;
            std::string message =
                pin == VersionPin::None
                    ? "pin a version: " + std::string(tool) + " " + std::string(subcommand) + " " +
                          std::string(name) + "=<version> (or list exact versions in an environment.yml)"
                    : "`" + std::string(spec) + "` is an open range that installs whatever is newest: pin it, e.g. " +
                          std::string(name) + "=<version>";
            report_word(rules::conda_unpinned, view, *operand, std::move(message), out);
        }
    }
}

} // namespace cdls::shell
