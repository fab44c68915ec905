// Replays every input saved under tests/fuzz/regressions/<target>/ (crashes and invariant
// violations found by fuzzing) and the hand-written seeds under tests/fuzz/seeds/<target>/
// through the same checks as the fuzz target.
#include "tests/fuzz/targets.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions and seeds replay cleanly") {
    std::size_t replayed = 0;
    for (const char* folder : {"regressions", "seeds"}) {
        fs::path root = fs::path(CDLS_SOURCE_DIR) / "tests" / "fuzz" / folder;
        for (const char* target :
             {"definition", "dockerfile", "incremental", "config", "protocol"}) {
            if (!fs::exists(root / target)) continue;
            for (const auto& entry : fs::directory_iterator(root / target)) {
                std::ifstream in(entry.path(), std::ios::binary);
                std::ostringstream bytes;
                bytes << in.rdbuf();
                std::string input = bytes.str();
                INFO(entry.path().string());
                std::string_view name = target;
                if (name == "definition")
                    cdls::fuzz::analyze_one(cdls::DocumentKind::Definition, input);
                else if (name == "dockerfile")
                    cdls::fuzz::analyze_one(cdls::DocumentKind::Dockerfile, input);
                else if (name == "incremental")
                    cdls::fuzz::run_incremental(input);
                else if (name == "config")
                    cdls::fuzz::run_config(input);
                else
                    cdls::fuzz::run_protocol(input);
                ++replayed;
            }
        }
    }
    // A violated invariant aborts inside the replay, as it did in the fuzzer.
    CHECK(replayed >= 10); // the folders were found
    SUCCEED(replayed << " regression and seed inputs replayed");
}
