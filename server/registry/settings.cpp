// Validation of the `registry` settings object.
#include "server/registry/settings.hpp"

namespace cdls::registry {

using json = nlohmann::json;

std::vector<SettingsProblem> apply_registry_settings(const json& value, RegistrySettings& settings) {
    std::vector<SettingsProblem> problems;
    if (!value.is_object()) {
        problems.emplace_back("`registry` must be an object", "registry");
        return problems;
    }
    for (const auto& [key, v] : value.items()) {
        if (key == "enabled" || key == "diagnostics") {
            if (!v.is_boolean()) {
                problems.emplace_back("`registry." + key + "` must be true or false", key);
                continue;
            }
            (key == "enabled" ? settings.enabled : settings.diagnostics) = v.get<bool>();
        } else if (key == "timeoutMs" || key == "cacheTtlSeconds") {
            if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 86400 * 365) {
                problems.emplace_back("`registry." + key + "` must be a whole number of " +
                                          (key == "timeoutMs" ? "milliseconds (e.g. 3000)" : "seconds (e.g. 21600)"),
                                      key);
                continue;
            }
            int n = static_cast<int>(v.get<std::int64_t>());
            if (key == "timeoutMs") settings.timeout_ms = std::max(n, 1);
            else settings.cache_ttl_seconds = n;
        } else if (key == "registries") {
            if (!v.is_object()) {
                problems.emplace_back("`registry.registries` must be an object of host to {insecure, caFile}", key);
                continue;
            }
            for (const auto& [host, options] : v.items()) {
                if (!options.is_object()) {
                    problems.emplace_back("`registry.registries." + host + "` must be an object", host);
                    continue;
                }
                HostSettings h;
                for (const auto& [option, ov] : options.items()) {
                    if (option == "insecure" && ov.is_boolean()) h.insecure = ov.get<bool>();
                    else if (option == "caFile" && ov.is_string()) h.ca_file = ov.get<std::string>();
                    else if (option == "insecure" || option == "caFile")
                        problems.emplace_back("`registry.registries." + host + "." + option + "` must be " +
                                                  (option == "insecure" ? "true or false" : "a path"),
                                              option);
                    else
                        problems.emplace_back("unknown key `" + option + "` for registry " + host + "; known: insecure, caFile",
                                              option);
                }
                settings.registries[host] = h;
            }
        } else if (key == "credentials") {
            if (!v.is_object()) {
                problems.emplace_back("`registry.credentials` must be an object of host to {username, password}", key);
                continue;
            }
            for (const auto& [host, c] : v.items()) {
                if (!c.is_object() || !c.contains("username") || !c["username"].is_string() ||
                    (c.contains("password") && !c["password"].is_string())) {
                    problems.emplace_back("`registry.credentials." + host + "` must be {\"username\": ..., \"password\": ...}", host);
                    continue;
                }
                settings.credentials[host] = {c["username"].get<std::string>(), c.value("password", "")};
            }
        } else {
            problems.emplace_back("unknown key `registry." + key +
                                      "`; known: enabled, diagnostics, timeoutMs, cacheTtlSeconds, registries, credentials",
                                  key);
        }
    }
    return problems;
}

} // namespace cdls::registry
