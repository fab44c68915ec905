// Bootstrap agents, header keywords and required keys per agent.
#include "analysis/definition/keywords.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace cdls::definition {
namespace {

constexpr std::array<std::string_view, 18> kAgents{
    "docker",  "docker-archive", "docker-daemon", "oci",   "oci-archive", "library",
    "oras",    "shub",           "localimage",    "yum",   "dnf",         "zypper",
    "debootstrap", "arch",       "busybox",       "scratch", "buildkit",  "dockerfile"};

// Lower-case key and its usual spelling.
constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kKeywords{{
    {"bootstrap", "Bootstrap"},   {"from", "From"},
    {"includecmd", "IncludeCmd"}, {"mirrorurl", "MirrorURL"},
    {"updateurl", "UpdateURL"},   {"osversion", "OSVersion"},
    {"include", "Include"},       {"library", "Library"},
    {"registry", "Registry"},     {"namespace", "Namespace"},
    {"stage", "Stage"},           {"product", "Product"},
    {"user", "User"},             {"regcode", "Regcode"},
    {"productpgp", "ProductPGP"}, {"registerurl", "RegisterURL"},
    {"modules", "Modules"},       {"otherurl0", "OtherURL0"},
    {"fingerprints", "Fingerprints"}, {"setopt", "Setopt"},
    {"confurl", "ConfURL"},       {"target", "Target"},
    {"frontend", "Frontend"},     {"filename", "Filename"},
    {"buildargs", "BuildArgs"},
}};

constexpr std::array<std::string_view, 25> kKeywordNames = [] {
    std::array<std::string_view, 25> names{};
    for (std::size_t i = 0; i < kKeywords.size(); ++i) names[i] = kKeywords[i].first;
    return names;
}();

} // namespace

std::span<const std::string_view> bootstrap_agents() { return kAgents; }

bool is_bootstrap_agent(std::string_view agent) {
    return std::find(kAgents.begin(), kAgents.end(), agent) != kAgents.end();
}

std::span<const std::string_view> header_keywords() { return kKeywordNames; }

bool is_header_keyword(std::string_view key) {
    if (std::find(kKeywordNames.begin(), kKeywordNames.end(), key) != kKeywordNames.end()) return true;
    constexpr std::string_view other = "otherurl";
    if (key.size() > other.size() && key.substr(0, other.size()) == other)
        return std::all_of(key.begin() + other.size(), key.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
    return false;
}

bool agent_uses_from(std::string_view agent) {
    static constexpr std::array<std::string_view, 11> kFrom{
        "docker", "docker-archive", "docker-daemon", "oci",        "oci-archive", "library",
        "oras",   "shub",           "localimage",    "dockerfile", "buildkit"};
    return std::find(kFrom.begin(), kFrom.end(), agent) != kFrom.end();
}

std::vector<std::string_view> required_header_keywords(std::string_view agent, bool mirror_has_osversion) {
    static constexpr std::array<std::string_view, 9> kNeedFrom{
        "docker", "docker-archive", "docker-daemon", "oci", "oci-archive",
        "library", "oras", "shub", "localimage"};
    if (std::find(kNeedFrom.begin(), kNeedFrom.end(), agent) != kNeedFrom.end()) return {"from"};
    if (agent == "yum" || agent == "dnf") {
        if (mirror_has_osversion) return {"mirrorurl", "osversion"};
        return {"mirrorurl"};
    }
    if (agent == "debootstrap") return {"osversion", "mirrorurl"};
    if (agent == "busybox") return {"mirrorurl"};
    return {};
}

std::string_view header_keyword_spelling(std::string_view key) {
    for (auto [name, spelling] : kKeywords)
        if (name == key) return spelling;
    return key;
}

} // namespace cdls::definition
