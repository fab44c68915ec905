// image-untrusted-registry: with `trustedRegistries`/`allowedImages` configured, a base image
// from anywhere else is an error (hadolint's DL3026 model).
#include "analysis/catalogue/catalogue.hpp"
#include "analysis/configured_rules.hpp"
#include "analysis/core/glob.hpp"
#include "analysis/core/rule.hpp"

namespace cdls {

namespace rules {
extern const RuleInfo image_untrusted_registry;
const RuleInfo image_untrusted_registry{
    "image-untrusted-registry", Severity::Error, Habit::Reuse, RuleScope::Both,
    "A base image comes from a registry or image the configuration does not trust."};
} // namespace rules

namespace {

// Where an image really comes from, per bootstrap agent.
std::string registry_of(const ImageReferenceFact& fact, const catalogue::ImageReference& ref) {
    if (fact.agent == "library") return "cloud.sylabs.io";
    if (fact.agent == "shub") return "singularity-hub.org";
    if (ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io") return "docker.io";
    return ref.registry.empty() ? "docker.io" : ref.registry;
}

bool judged(const ImageReferenceFact& fact) {
    if (fact.names_stage) return false;
    static const std::vector<std::string_view> path_agents{"localimage", "docker-archive", "oci-archive", "oci",
                                                           "docker-daemon", "arch", "busybox", "debootstrap",
                                                           "yum", "dnf", "zypper", "scratch"};
    for (auto a : path_agents)
        if (fact.agent == a) return false;
    return true;
}

} // namespace

void check_untrusted_registry(const ContainerFacts& facts, const AnalysisSettings& settings,
                              std::vector<Diagnostic>& out) {
    if (settings.trusted_registries.empty() && settings.allowed_images.empty()) return;
    for (const ImageReferenceFact& fact : facts.images) {
        if (!judged(fact)) continue;
        const std::string& text = fact.resolved.empty() ? fact.text : fact.resolved;
        catalogue::ImageReference ref = catalogue::parse_image_reference(text);
        if (!ref.valid || (ref.has_variables && fact.resolved.empty())) continue;
        if (ref.name == "scratch") continue;
        std::string registry = registry_of(fact, ref);
        std::string repository = ref.repository;
        if (registry == "docker.io" && repository.find('/') == std::string::npos) repository = "library/" + repository;
        std::string full = registry + "/" + repository;
        bool trusted = false;
        for (const auto& pattern : settings.trusted_registries)
            if (glob_match(pattern, registry) || glob_match(pattern, full)) trusted = true;
        for (const auto& pattern : settings.allowed_images)
            if (glob_match(pattern, full) || glob_match(pattern, ref.name) || glob_match(pattern, repository))
                trusted = true;
        if (trusted) continue;
        out.push_back(make_diagnostic(rules::image_untrusted_registry, fact.range,
                                      "`" + full + "` is not from a trusted registry or an allowed image; use an image "
                                      "from " + (settings.trusted_registries.empty() ? std::string("the allowed images")
                                                                                    : settings.trusted_registries.front()) +
                                          " or add it to trustedRegistries/allowedImages in .cdls.json"));
    }
}

} // namespace cdls
