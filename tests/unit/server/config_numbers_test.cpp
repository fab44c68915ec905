// Numbers that are valid JSON syntax but that the parser refuses (found by the config fuzz
// target: "232e2626.10e>" ended the process with an uncaught out_of_range).
#include "server/config.hpp"
#include "server/user_catalogue.hpp"

#include <catch2/catch.hpp>

using namespace cdls;

TEST_CASE("a .cdls.json number too large for a double is a problem at the literal") {
    std::string text = "{\n  \"rules\": {},\n  \"failOn\": 1e999\n}\n";
    server::ProjectConfig config = server::parse_config(text, "/tmp/p/.cdls.json");
    REQUIRE(config.problems.size() == 1);
    const auto& problem = config.problems[0];
    CHECK(problem.message.rfind("invalid JSON: ", 0) == 0);
    CHECK(problem.message.find("number overflow") != std::string::npos);
    CHECK(text.substr(problem.range.begin, problem.range.end - problem.range.begin) == "1e999");
}

TEST_CASE("the fuzzer's input and a huge number in a catalogue file are problems too") {
    server::ProjectConfig config = server::parse_config("232e2626.10e>", "/tmp/p/.cdls.json");
    REQUIRE(config.problems.size() == 1);
    CHECK(config.problems[0].range.begin == 0);
    CHECK(config.problems[0].range.end == 8); // "232e2626"
    auto catalogue = server::parse_user_catalogue("{\"images\": [], \"x\": -1e400}");
    REQUIRE(catalogue.problems.size() == 1);
    CHECK(catalogue.problems[0].find("number overflow") != std::string::npos);
}
