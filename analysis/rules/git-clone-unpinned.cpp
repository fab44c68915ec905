// git-clone-unpinned: `git clone URL` builds whatever the default branch holds today.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo git_clone_unpinned{
    "git-clone-unpinned", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
    "git clone without --branch <tag> and without a later git checkout/reset to a fixed ref."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

// A tag or commit rather than a moving branch: v1.2.3, 1.2, release-2.0.1, llvmorg-17.0.1,
// a hex commit id, or a variable (assumed to hold a version).
bool looks_like_fixed_ref(const Word& word) {
    std::string_view ref = word.text;
    if (word.expands) return true;
    if (starts_with(ref, "refs/tags/")) return true;
    if (ref.size() >= 2 && (ref[0] == 'v' || ref[0] == 'V') && ref[1] >= '0' && ref[1] <= '9') return true;
    if (!ref.empty() && ref[0] >= '0' && ref[0] <= '9') return true;
    for (std::size_t i = 0; i + 2 < ref.size(); ++i) {
        auto digit = [](char c) { return c >= '0' && c <= '9'; };
        if (digit(ref[i]) && (ref[i + 1] == '.' || ref[i + 1] == '_') && digit(ref[i + 2])) return true;
    }
    bool hex = ref.size() >= 7 && ref.size() <= 40;
    for (char c : ref) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    return hex;
}

bool is_branch_name(std::string_view ref) {
    return ref == "main" || ref == "master" || ref == "develop" || ref == "dev" || ref == "trunk" ||
           ref == "HEAD" || ref == "stable" || ref == "latest" || ref == "-" || ref == "origin/main" ||
           ref == "origin/master";
}

const std::initializer_list<std::string_view> kGitGlobal{"-C", "-c", "--git-dir", "--work-tree",
                                                            "--namespace"};

// `git checkout <ref>`, `git switch --detach <ref>`, `git reset --hard <ref>` (optionally with
// -C dir): the work tree is moved to a chosen ref.
bool pins_checkout(const Command& cmd) {
    if (cmd.basename != "git") return false;
    auto args = cmd.args();
    std::size_t sub = find_subcommand(args, kGitGlobal);
    if (sub >= args.size()) return false;
    std::string_view s = args[sub].text;
    auto parsed = parse_arguments(args.subspan(sub + 1), {"-b", "-B", "--orphan", "-c", "-C"});
    if (s == "reset" && !parsed.has({"--hard"})) return false;
    if (s == "switch" && !parsed.has({"--detach", "-d"})) return false;
    if (s != "checkout" && s != "reset" && s != "switch") return false;
    for (const Word* operand : parsed.operands) {
        if (!is_branch_name(operand->text)) return true;
    }
    return false;
}

} // namespace

void check_git_clone_unpinned(const BodyView& view, std::vector<Diagnostic>& out) {
    const auto& commands = view.script.commands;
    // Where the last checkout to a chosen ref starts (a function of the commands only), found
    // once when the first clone needs it: a clone is pinned when one starts after it.
    std::optional<std::optional<Offset>> last_checkout;
    for (const Command& cmd : commands) {
        if (cmd.basename != "git") continue;
        auto args = cmd.args();
        std::size_t sub = find_subcommand(args, kGitGlobal);
        if (sub >= args.size() || args[sub].text != "clone") continue;
        auto parsed = parse_arguments(
            args.subspan(sub + 1),
            {"-b", "--branch", "-o", "--origin", "--depth", "--reference", "--reference-if-able",
             "--separate-git-dir", "-c", "--config", "-j", "--jobs", "--filter", "--template", "-u",
             "--upload-pack", "--shallow-since", "--shallow-exclude", "--server-option", "--bundle-uri"});
        if (const ParsedOption* branch = parsed.find({"-b", "--branch"})) {
            Word ref;
            ref.text = branch->value;
            ref.expands = branch->value_word ? branch->value_word->expands
                                             : branch->value.find('$') != std::string::npos;
            if (looks_like_fixed_ref(ref)) continue;
        }
        if (!last_checkout) last_checkout = last_command_start(commands, pins_checkout);
        if (*last_checkout && **last_checkout > cmd.range.begin) continue;
        const Word& where = parsed.operands.empty() ? args[sub] : *parsed.operands.front();
        report_word(rules::git_clone_unpinned, view, where,
                    "pin what is built: git clone --branch <tag> " +
                        std::string(parsed.operands.empty() ? "<url>" : parsed.operands.front()->text) +
                        ", or git -C <dir> checkout <commit> after cloning",
                    out);
    }
}

} // namespace cdls::shell
