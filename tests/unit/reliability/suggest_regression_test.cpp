// Regression (huge_input_test "Dockerfile without a newline" took 83 s): "did you mean" on a
// 1 MB unknown word computed a full edit-distance table against every candidate.
#include "analysis/core/suggest.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string>

TEST_CASE("did you mean skips candidates whose length is too far off") {
    constexpr std::array<std::string_view, 4> candidates{"FROM", "RUN", "COPY", "HEALTHCHECK"};
    CHECK_FALSE(cdls::nearest(std::string(1024 * 1024, 'x'), candidates).has_value());
    CHECK(cdls::nearest("RUNN", candidates) == "RUN");
    CHECK(cdls::nearest("FRM", candidates) == "FROM");
    CHECK(cdls::nearest("HEALTHCHEK", candidates) == "HEALTHCHECK");
    CHECK_FALSE(cdls::nearest("HEALTH", candidates).has_value());
}
