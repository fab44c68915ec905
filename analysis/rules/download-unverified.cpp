// download-unverified: curl/wget output run by a shell, or saved and never checksum-verified.
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

namespace cdls::rules {
const RuleInfo download_unverified{
    "download-unverified", Severity::Warning, Habit::BeSpecific, RuleScope::Both,
    "curl/wget output piped into a shell, or a downloaded file never checked (sha256sum -c, gpg --verify)."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

bool is_interpreter(std::string_view name) {
    for (std::string_view stem : {"python", "perl", "ruby", "node", "php"}) {
        if (starts_with(name, stem)) return true;
    }
    return name == "sh" || name == "bash" || name == "dash" || name == "zsh" || name == "ksh" ||
           name == "ash" || name == "eval" || name == "source" || name == ".";
}

bool is_checksum_tool(std::string_view name) {
    return name == "sha256sum" || name == "sha512sum" || name == "sha1sum" || name == "md5sum" ||
           name == "sha224sum" || name == "sha384sum" || name == "shasum" || name == "b2sum";
}

// sha256sum -c / a checksum compared through a pipe or $(...), gpg --verify, gpgv, cosign
// verify-blob, minisign -V.
bool is_verification(const Command& cmd) {
    std::string_view name = cmd.basename;
    auto args = cmd.args();
    auto has_word = [&](std::initializer_list<std::string_view> words) {
        for (const Word& w : args) {
            for (std::string_view candidate : words) {
                if (w.text == candidate) return true;
            }
        }
        return false;
    };
    if (is_checksum_tool(name)) {
        if (cmd.piped_to || cmd.substituted) return true;
        auto parsed = parse_arguments(args, {"-a", "--algorithm"});
        return parsed.has({"-c", "--check"});
    }
    if (name == "gpg" || name == "gpg2") return has_word({"--verify"});
    if (name == "gpgv") return true;
    if (name == "cosign") return has_word({"verify-blob", "verify"});
    if (name == "minisign" || name == "signify") return has_word({"-V"});
    return false;
}

std::string url_basename(std::string_view url) {
    // A byte loop: find_first_of("?#") calls memchr on the set for every byte of the URL.
    std::size_t end = 0;
    while (end < url.size() && url[end] != '?' && url[end] != '#') ++end;
    url = url.substr(0, end);
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(command_basename(url));
}

} // namespace

void check_download_unverified(const BodyView& view, std::vector<Diagnostic>& out) {
    const auto& commands = view.script.commands;
    // Where the last verification of the body starts (a function of the commands only): a
    // download is verified when one starts after it. Found once, when the first download needs
    // it, instead of looking through every command again for each download.
    std::optional<std::optional<Offset>> last_verification;
    for (std::size_t index = 0; index < commands.size(); ++index) {
        const Command& cmd = commands[index];
        std::string_view tool = cmd.basename;
        bool curl = tool == "curl";
        if (!curl && tool != "wget") continue;
        auto parsed =
            curl ? parse_arguments(cmd.args(),
                                   {"-o", "--output", "-u", "--user", "-H", "--header", "-d", "--data",
                                    "--data-binary", "--data-raw", "--data-urlencode", "-X", "--request",
                                    "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c",
                                    "--cookie-jar", "-x", "--proxy", "-w", "--write-out", "-T",
                                    "--upload-file", "--retry", "--retry-delay", "--retry-max-time", "-m",
                                    "--max-time", "--connect-timeout", "-K", "--config", "-r", "--range",
                                    "-F", "--form", "--cacert", "--cert", "--key", "-E", "--resolve",
                                    "--limit-rate", "-y", "-Y", "-z", "--output-dir", "--url"})
                 : parse_arguments(cmd.args(),
                                   {"-O", "--output-document", "-o", "--output-file", "-a",
                                    "--append-output", "-P", "--directory-prefix", "-U", "--user-agent",
                                    "--header", "-e", "--execute", "-t", "--tries", "-T", "--timeout",
                                    "-w", "--wait", "--user", "--password", "-i", "--input-file", "-B",
                                    "--base", "--post-data", "--post-file", "--referer", "--load-cookies",
                                    "--save-cookies", "--ca-certificate", "-Q", "--quota", "-l", "--level"});
        const Word* url = nullptr;
        for (const Word* operand : parsed.operands) {
            if (is_url(operand->text) || !url) url = operand;
            if (is_url(operand->text)) break;
        }
        if (const ParsedOption* u = parsed.find({"--url"}); u && u->value_word) url = u->value_word;
        if (!url) continue;

        // Where the body goes: stdout (piped or substituted) or a file.
        std::string file;
        bool to_stdout = false;
        if (curl) {
            if (const ParsedOption* o = parsed.find({"-o", "--output"})) file = o->value;
            else if (parsed.has({"-O", "--remote-name", "--remote-name-all"})) file = url_basename(url->text);
            else to_stdout = true;
        } else {
            if (const ParsedOption* o = parsed.find({"-O", "--output-document"})) file = o->value;
            else file = url_basename(url->text);
        }
        if (file == "-") {
            file.clear();
            to_stdout = true;
        }
        if (to_stdout) {
            // Follow the pipeline (through tee) to an interpreter, or a $(...) handed to one.
            const Command* reader = &cmd;
            while (reader->piped_to && *reader->piped_to < commands.size()) {
                reader = &commands[*reader->piped_to];
                if (reader->basename != "tee") break;
            }
            std::string_view runner;
            if (reader != &cmd && is_interpreter(reader->basename)) {
                runner = reader->basename;
            } else if (cmd.substituted && cmd.enclosing && *cmd.enclosing < commands.size() &&
                       is_interpreter(commands[*cmd.enclosing].basename)) {
                runner = commands[*cmd.enclosing].basename;
            }
            if (!runner.empty()) {
                report_word(rules::download_unverified, view, *url,
                            "a downloaded script is run unchecked (" + std::string(tool) + " ... | " +
                                std::string(runner) + "): save it to a file, verify it (echo \"<sha256>  "
                                "install.sh\" | sha256sum -c -), then run it",
                            out);
                continue;
            }
            // curl URL > file
            for (const Redirection& r : cmd.redirections) {
                if ((r.op == ">" || r.op == ">|") && r.target) file = r.target->text;
            }
        }
        if (file.empty() || file == "/dev/null" || !cmd.has_name()) continue;
        if (!last_verification) last_verification = last_command_start(commands, is_verification);
        if (*last_verification && **last_verification > cmd.range.begin) continue;
        std::string name(command_basename(file));
        report_word(rules::download_unverified, view, *url,
                    "`" + name + "` is downloaded but never verified: check it after the download, e.g. "
                    "echo \"<sha256>  " + name + "\" | sha256sum -c - (or gpg --verify)",
                    out);
    }
}

} // namespace cdls::shell
