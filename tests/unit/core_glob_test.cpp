// glob_match: *, **, ?, classes, for paths and image names.
#include "analysis/core/glob.hpp"

#include <catch2/catch.hpp>

using cdls::glob_match;

TEST_CASE("star matches within one segment and double star across") {
    CHECK(glob_match("*.def", "a.def"));
    CHECK_FALSE(glob_match("*.def", "dir/a.def"));
    CHECK(glob_match("**/*.def", "dir/sub/a.def"));
    CHECK(glob_match("**/*.def", "a.def"));
    CHECK(glob_match("vendor/**", "vendor/x/y/Dockerfile"));
    CHECK_FALSE(glob_match("vendor/**", "src/vendor/x"));
    CHECK(glob_match("docker.io/library/*", "docker.io/library/python"));
    CHECK_FALSE(glob_match("docker.io/library/*", "docker.io/library/a/b"));
    CHECK(glob_match("ghcr.io/myorg/**", "ghcr.io/myorg/team/tool"));
}

TEST_CASE("question marks and classes") {
    CHECK(glob_match("file?.txt", "file1.txt"));
    CHECK_FALSE(glob_match("file?.txt", "file10.txt"));
    CHECK(glob_match("[abc]x", "bx"));
    CHECK_FALSE(glob_match("[!abc]x", "bx"));
    CHECK(glob_match("v[0-9]", "v7"));
    CHECK_FALSE(glob_match("[unterminated", "u"));
}

TEST_CASE("pathological patterns finish") {
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", std::string(2000, 'a')));
    CHECK_FALSE(glob_match("**/**/**/**/**/**/x", std::string(200, '/')));
}
