// edit_distance and nearest: the "did you mean" machinery.
#include "analysis/core/suggest.hpp"

#include <catch2/catch.hpp>

#include <array>

using namespace cdls;

TEST_CASE("edit distance counts transpositions as one edit") {
    CHECK(edit_distance("post", "post") == 0);
    CHECK(edit_distance("postt", "post") == 1);
    CHECK(edit_distance("lables", "labels") == 1);
    CHECK(edit_distance("FROM", "from") == 0);
    CHECK(edit_distance("FROM", "from", false) == 4);
}

TEST_CASE("nearest suggests only plausible typos") {
    std::array<std::string_view, 4> sections{"post", "labels", "files", "environment"};
    CHECK(nearest("lables", sections) == std::optional<std::string>("labels"));
    CHECK(nearest("enviroment", sections) == std::optional<std::string>("environment"));
    CHECK_FALSE(nearest("xyzzy", sections).has_value());
    CHECK_FALSE(nearest("", sections).has_value());
}
