// wrong-argument-count: an instruction with too few or too many arguments (BuildKit fails).
#include "analysis/dockerfile/checks.hpp"

#include <cctype>

namespace cdls::dockerfile::rules {

const RuleInfo wrong_argument_count{"wrong-argument-count", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                    "An instruction has too few or too many arguments."};

namespace {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The usage line shown when an instruction has no arguments.
std::string_view usage(std::string_view keyword) {
    if (keyword == "FROM") return "FROM <image>:<tag> [AS <name>]";
    if (keyword == "RUN") return "RUN <command>";
    if (keyword == "ENV") return "ENV <name>=<value>";
    if (keyword == "ARG") return "ARG <name>[=<default>]";
    if (keyword == "LABEL") return "LABEL <key>=<value>";
    if (keyword == "EXPOSE") return "EXPOSE <port>[/<protocol>]";
    if (keyword == "VOLUME") return "VOLUME <path>";
    if (keyword == "USER") return "USER <user>[:<group>]";
    if (keyword == "WORKDIR") return "WORKDIR /<path>";
    if (keyword == "STOPSIGNAL") return "STOPSIGNAL <signal>";
    if (keyword == "MAINTAINER") return "LABEL maintainer=<name>";
    if (keyword == "ONBUILD") return "ONBUILD <instruction>";
    if (keyword == "SHELL") return "SHELL [\"/bin/sh\", \"-c\"]";
    if (keyword == "HEALTHCHECK") return "HEALTHCHECK CMD <command> or HEALTHCHECK NONE";
    if (keyword == "COPY" || keyword == "ADD") return "<source>... <destination>";
    return {};
}

TextRange where(const Instruction& ins) {
    return ins.arguments_range.empty() ? ins.keyword_range : ins.arguments_range;
}

} // namespace

void check_wrong_argument_count(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!ins.known || has_template_placeholder(ins)) return; // template-placeholder explains it
    auto report = [&](TextRange range, std::string message) {
        out.push_back(make_diagnostic(wrong_argument_count, range, std::move(message)));
    };
    const std::string k(ins.keyword());
    if (ins.form == ArgumentForm::None) {
        if (k == "CMD" || k == "ENTRYPOINT") return;
        report(ins.keyword_range, k + " needs an argument: " + std::string(usage(k)));
        return;
    }
    if (k == "FROM") {
        std::size_t n = ins.words.size();
        if (n == 2 && iequals(ins.text_of(ins.words[1]), "AS"))
            report(ins.range_of(ins.words[1]), "AS needs a stage name: FROM <image> AS <name>");
        else if (n == 2 || n > 3 || (n == 3 && !iequals(ins.text_of(ins.words[1]), "AS")))
            report(where(ins), "FROM takes one image and an optional `AS <name>`: " + std::string(usage(k)));
    } else if (k == "COPY" || k == "ADD") {
        std::size_t n = ins.form == ArgumentForm::Json ? ins.json().size() : ins.words.size();
        if (n < 2)
            report(where(ins), k + " needs a source and a destination: " + k + " " + std::string(usage(k)));
    } else if (k == "ENV" || k == "LABEL") {
        if (!ins.pair_error().empty()) {
            report(ins.pair_error_range(),
                   k + ": " + std::string(ins.pair_error()) + ": write " + std::string(usage(k)));
            return;
        }
        for (const auto& kv : ins.pairs)
            if (kv.key.empty()) report(kv.key_range, k + " needs a name before `=`: " + std::string(usage(k)));
    } else if (k == "ARG") {
        for (const auto& kv : ins.pairs)
            if (kv.key.empty()) report(kv.key_range, "ARG needs a name before `=`: " + std::string(usage(k)));
    } else if (k == "HEALTHCHECK") {
        std::string_view type = ins.words.empty() ? std::string_view() : ins.text_of(ins.words[0]);
        if (iequals(type, "NONE")) {
            if (ins.words.size() > 1) report(where(ins), "HEALTHCHECK NONE takes no other arguments");
        } else if (iequals(type, "CMD")) {
            if (ins.words.size() < 2) report(where(ins), "HEALTHCHECK CMD needs a command: HEALTHCHECK CMD <command>");
        } else {
            report(ins.words.empty() ? where(ins) : ins.range_of(ins.words[0]),
                   "HEALTHCHECK takes CMD <command> or NONE: " + std::string(usage(k)));
        }
    } else if (k == "SHELL") {
        if (ins.form != ArgumentForm::Json)
            report(where(ins), "SHELL takes a JSON array: " + std::string(usage(k)));
        else if (ins.json().empty())
            report(where(ins), "SHELL needs the shell program: " + std::string(usage(k)));
    } else if (k == "ONBUILD") {
        if (!ins.onbuild().empty()) {
            const std::string child(ins.onbuild().front().keyword());
            if (child == "ONBUILD" || child == "FROM" || child == "MAINTAINER")
                report(ins.onbuild().front().keyword_range,
                       child + " is not allowed after ONBUILD: ONBUILD <instruction other than " + child + ">");
        }
    }
}

} // namespace cdls::dockerfile::rules
