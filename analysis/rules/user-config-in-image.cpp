// user-config-in-image: personal configuration (dotfiles, home directories) baked into an image.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo user_config_in_image{
    "user-config-in-image", Severity::Warning, Habit::SeparateConcerns, RuleScope::Both,
    "Personal configuration (dotfiles, ~/ paths) is copied or written into the image."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

// The first path component that is personal configuration, or "".
std::string_view dotfile_component(std::string_view path) {
    static constexpr std::string_view names[] = {
        ".bashrc", ".bash_profile", ".profile", ".zshrc", ".ssh", ".gitconfig", ".git-credentials",
        ".aws", ".netrc", ".config", ".docker", ".kube", ".npmrc", ".pypirc", ".gnupg", ".vimrc",
        ".bash_history", ".Renviron", ".Rprofile", ".jupyter", ".azure", ".gcloud"};
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t slash = path.find('/', start);
        std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                                    : slash - start);
        for (std::string_view name : names) {
            if (part == name) return name;
        }
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return {};
}

bool is_home_path(std::string_view path) {
    return starts_with(path, "~") || starts_with(path, "$HOME") || starts_with(path, "${HOME}") ||
           (starts_with(path, "/home/") && path.size() > 6);
}

bool is_shell_startup_file(std::string_view path) {
    for (std::string_view home : {"~/", "$HOME/", "${HOME}/", "/root/"}) {
        if (!starts_with(path, home)) continue;
        std::string_view rest = path.substr(home.size());
        return rest == ".bashrc" || rest == ".bash_profile" || rest == ".profile" || rest == ".zshrc";
    }
    return false;
}

} // namespace

void check_user_config_in_image(const ContainerFacts& facts, const std::vector<BodyView>& bodies,
                                std::vector<Diagnostic>& out) {
    check_user_config_in_copies(facts, out);
    for (const BodyView& view : bodies) check_user_config_in_body(view, out);
}

void check_user_config_in_copy(DocumentKind kind, const CopiedSourceFact& copy, std::vector<Diagnostic>& out) {
    if (copy.from_stage) return;
    bool definition = kind == DocumentKind::Definition;
    if (std::string_view name = dotfile_component(copy.path); !name.empty()) {
        out.push_back(make_diagnostic(
            rules::user_config_in_image, copy.range,
            "`" + std::string(name) + "` is personal configuration (and may hold credentials): keep it out "
            "of the image; set what the software needs with " +
                std::string(definition ? "%environment" : "ENV") + " and mount personal files at run time"));
    } else if (definition && is_home_path(copy.path)) {
        out.push_back(make_diagnostic(
            rules::user_config_in_image, copy.range,
            "`" + copy.path + "` is in a home directory: the build works only on that machine; keep the "
            "files beside the definition file, under version control, and use a relative path"));
    }
}

void check_user_config_in_copies(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    for (const CopiedSourceFact& copy : facts.copies) check_user_config_in_copy(facts.kind, copy, out);
}

void check_user_config_in_body(const BodyView& view, std::vector<Diagnostic>& out) {
    if (view.body.context != ShellContext::Build) return;
    bool definition = view.kind == DocumentKind::Definition;
    std::string where = definition ? "%environment" : "ENV";
    for (const Command& cmd : view.script.commands) {
        // In a definition, appending to $SINGULARITY_ENVIRONMENT (also read by Apptainer) is
        // the same line, sourced whenever the container starts.
        auto report = [&](const Word& target, bool appends) {
            report_word(rules::user_config_in_image, view, target,
                        "`" + std::string(target.text) + "` is read only by interactive shells" +
                            std::string(definition ? " (and apptainer mounts the host's $HOME over it)" : "") +
                            ": set variables in " + where + " instead",
                        out);
            if (!definition || !appends) return;
            Fix fix;
            fix.title = "Append to $SINGULARITY_ENVIRONMENT instead (sourced when the container starts)";
            fix.edits.push_back({view.to_document(target.range), "$SINGULARITY_ENVIRONMENT"});
            out.back().fixes.push_back(std::move(fix));
        };
        for (const Redirection& r : cmd.redirections) {
            if ((r.op == ">" || r.op == ">>") && r.target && is_shell_startup_file(r.target->text))
                report(*r.target, r.op == ">>");
        }
        if (cmd.basename == "tee") {
            bool appends = false;
            for (const Word& w : cmd.args()) appends = appends || w.text == "-a" || w.text == "--append";
            for (const Word& w : cmd.args()) {
                if (is_shell_startup_file(w.text)) report(w, appends);
            }
        }
    }
}

} // namespace cdls::shell
