// unknown-flag: a `--flag` the instruction does not take (BuildKit fails).
#include "analysis/core/suggest.hpp"
#include "analysis/dockerfile/checks.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace cdls::dockerfile::rules {

const RuleInfo unknown_flag{"unknown-flag", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                            "An instruction has a --flag it does not accept."};

namespace {

std::span<const std::string_view> allowed_flags(std::string_view keyword) {
    static constexpr std::array<std::string_view, 1> from = {"platform"};
    static constexpr std::array<std::string_view, 3> run = {"mount", "network", "security"};
    static constexpr std::array<std::string_view, 6> copy = {"from", "chown", "chmod", "link", "parents", "exclude"};
    static constexpr std::array<std::string_view, 7> add = {"chown",        "chmod",   "link",  "checksum",
                                                            "keep-git-dir", "exclude", "unpack"};
    static constexpr std::array<std::string_view, 5> healthcheck = {"interval", "timeout", "start-period",
                                                                    "start-interval", "retries"};
    if (keyword == "FROM") return from;
    if (keyword == "RUN") return run;
    if (keyword == "COPY") return copy;
    if (keyword == "ADD") return add;
    if (keyword == "HEALTHCHECK") return healthcheck;
    return {};
}

std::string list(std::span<const std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "--" : ", --") + std::string(n);
    return out;
}

} // namespace

void check_unknown_flag(const CheckContext&, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (!ins.known) return;
    auto allowed = allowed_flags(ins.keyword());
    for (const auto& flag : ins.flags) {
        if (std::find(allowed.begin(), allowed.end(), flag.name) != allowed.end()) continue;
        TextRange range = flag.name_range.empty() ? flag.range : flag.name_range;
        if (allowed.empty()) {
            out.push_back(make_diagnostic(
                unknown_flag, flag.range,
                std::string(ins.keyword()) + " takes no flags: remove --" + flag.name));
            continue;
        }
        auto suggestion = nearest(flag.name, allowed, false);
        std::string message = std::string(ins.keyword()) + " has no flag --" + flag.name;
        if (suggestion) {
            auto d = make_diagnostic(unknown_flag, range, message + ": did you mean --" + *suggestion + "?");
            d.fixes.push_back({"Replace with --" + *suggestion, {{flag.name_range, *suggestion}}, true});
            out.push_back(std::move(d));
        } else {
            out.push_back(make_diagnostic(unknown_flag, range, message + ": it takes " + list(allowed)));
        }
    }
}

} // namespace cdls::dockerfile::rules
