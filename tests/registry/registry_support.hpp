// Shared by the registry integration tests: the environment scripts/test-registry sets, and a
// way to run asynchronous client calls to completion.
#pragma once

// Standard headers before asio: its config detects aligned_alloc from libstdc++'s macros, and
// every translation unit must agree (ASan reports the mismatch otherwise).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include <asio/io_context.hpp>

namespace cdls::test {

// The value of `name`, or nullopt (the tests then skip with a message).
inline std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

// "http 1.0.0 sha256:..." lines written by the script from `skopeo inspect`.
inline std::map<std::string, std::string> expected_digests(const std::string& registry) {
    std::map<std::string, std::string> out;
    auto file = env("CDLS_TEST_REGISTRY_EXPECTED");
    if (!file) return out;
    std::ifstream in(*file);
    std::string name, tag, digest;
    while (in >> name >> tag >> digest)
        if (name == registry) out[tag] = digest;
    return out;
}

// How many connections the never-answering port has accepted so far (blackhole.py's count
// file): whether a request went to the network at all, told without a clock.
inline long blackhole_connections() {
    auto file = env("CDLS_TEST_REGISTRY_BLACKHOLE_COUNT");
    long count = -1;
    if (file) std::ifstream(*file) >> count;
    return count;
}

// How many requests the plain-HTTP registry has logged whose line holds `fragment` (its access
// log, e.g. "/v2/mylab/tool/tags/list"): whether an answer came from the cache or the registry.
inline long http_registry_requests(const std::string& fragment) {
    auto file = env("CDLS_TEST_REGISTRY_HTTP_LOG");
    if (!file) return -1;
    std::ifstream in(*file);
    long count = 0;
    for (std::string line; std::getline(in, line);)
        if (line.find(fragment) != std::string::npos) ++count;
    return count;
}

// Runs the loop until it has no more work; returns the elapsed time (reported, never judged:
// timings belong in bench/).
inline std::chrono::milliseconds run(asio::io_context& io) {
    auto start = std::chrono::steady_clock::now();
    io.restart();
    io.run();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

} // namespace cdls::test

#define CDLS_REQUIRE_REGISTRY()                                                                  \
    do {                                                                                         \
        if (!cdls::test::env("CDLS_TEST_REGISTRY_HTTP")) {                                       \
            WARN("skipped: no test registry (run scripts/test-registry)");                       \
            return;                                                                              \
        }                                                                                        \
    } while (false)
