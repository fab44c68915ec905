// pip-unpinned: `pip install numpy` installs whatever is newest on the day of the build.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo pip_unpinned{"pip-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
                            "pip install of a package without an exact version (name==version)."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

bool is_versioned_name(std::string_view name, std::string_view stem) {
    if (!starts_with(name, stem)) return false;
    for (char c : name.substr(stem.size())) {
        if (!((c >= '0' && c <= '9') || c == '.')) return false;
    }
    return true;
}

// The arguments after `pip` for pip, pip3, pip3.11, python -m pip, python3 -m pip, uv pip.
std::optional<std::span<const Word>> pip_arguments(const Command& cmd) {
    std::string_view name = cmd.basename;
    auto args = cmd.args();
    if (is_versioned_name(name, "pip")) return args;
    if (is_versioned_name(name, "python")) {
        for (std::size_t i = 0; i < args.size() && starts_with(args[i].text, "-"); ++i) {
            if (args[i].text == "-mpip") return args.subspan(i + 1);
            if (args[i].text == "-m")
                return i + 1 < args.size() && args[i + 1].text == "pip" ? std::optional(args.subspan(i + 2))
                                                                         : std::nullopt;
        }
        return std::nullopt;
    }
    if (name == "uv" && !args.empty() && args[0].text == "pip") return args.subspan(1);
    return std::nullopt;
}

// A VCS requirement pins when it names a ref after the repository: git+https://host/x.git@v1.
bool vcs_has_ref(std::string_view url) {
    url = url.substr(0, url.find('#'));
    auto slash = url.rfind('/');
    return slash != std::string_view::npos && url.find('@', slash) != std::string_view::npos;
}

} // namespace

void check_pip_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    for (const Command& cmd : view.script.commands) {
        auto pip_args = pip_arguments(cmd);
        if (!pip_args) continue;
        auto args = *pip_args;
        std::size_t sub = find_subcommand(args, {"--log", "--proxy", "--retries", "--timeout",
                                                 "--exists-action", "--trusted-host", "--cert",
                                                 "--client-cert", "--cache-dir", "--python"});
        if (sub >= args.size() || args[sub].text != "install") continue;
        auto parsed = parse_arguments(
            args.subspan(sub + 1),
            {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
             "--platform", "--python-version", "--implementation", "--abi", "--root", "--prefix",
             "--src", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
             "--upgrade-strategy", "--global-option", "--install-option", "--config-settings", "-C",
             "--progress-bar", "--no-binary", "--only-binary", "--log", "--proxy", "--retries",
             "--timeout", "--cert", "--client-cert", "--cache-dir", "--trusted-host",
             "--exists-action", "--python", "-p", "--report", "--build-option", "--use-feature",
             "--use-deprecated", "--root-user-action", "--keyring-provider", "--group",
             "--index-strategy", "--override"});
        const auto& operands = parsed.operands;
        for (std::size_t i = 0; i < operands.size(); ++i) {
            const Word& word = *operands[i];
            std::string_view text = word.text;
            if (is_unknown_word(word)) continue;
            if (i + 2 < operands.size() && operands[i + 1]->text == "@") { // name @ URL
                i += 2;
                continue;
            }
            if (starts_with(text, "git+") || starts_with(text, "hg+") || starts_with(text, "svn+") ||
                starts_with(text, "bzr+")) {
                if (!vcs_has_ref(text)) {
                    report_word(rules::pip_unpinned, view, word,
                                "pin the revision: " + std::string(text) +
                                    "@<tag-or-commit> (without a ref pip installs the default branch)",
                                out);
                }
                continue;
            }
            if (is_url(text) || looks_like_path(text) ||
                has_file_extension(text, {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"}))
                continue;
            std::string_view requirement = text.substr(0, text.find(';')); // drop markers
            auto op = requirement.find_first_of("=<>!~ ");
            std::string_view name = requirement.substr(0, op);
            std::string_view constraint = op == std::string_view::npos ? "" : requirement.substr(op);
            if (name.empty() || name.find('@') != std::string_view::npos) continue;
            switch (classify_constraint(constraint)) {
            case VersionPin::Pinned: break;
            case VersionPin::None:
                report_word(rules::pip_unpinned, view, word,
                            "pin a version: pip install " + std::string(name) +
                                "==<version> (an unpinned package installs whatever is newest)",
                            out);
                break;
            case VersionPin::OpenRange:
                report_word(rules::pip_unpinned, view, word,
                            "`" + std::string(requirement) +
                                "` is an open range that installs whatever is newest: pin it, e.g. " +
                                std::string(name) + "==<version>",
                            out);
                break;
            }
        }
    }
}

} // namespace cdls::shell
