// parse_message: requests, notifications, responses and every kind of invalid message.
#include "protocol/jsonrpc.hpp"

#include <catch2/catch.hpp>

using namespace cdls::protocol;

TEST_CASE("requests and notifications are told apart by their id") {
    auto m = parse_message(R"({"jsonrpc":"2.0","id":7,"method":"hover","params":{"a":1}})");
    REQUIRE(std::holds_alternative<Request>(m));
    CHECK(std::get<std::int64_t>(std::get<Request>(m).id) == 7);
    auto s = parse_message(R"({"jsonrpc":"2.0","id":"x-1","method":"hover"})");
    REQUIRE(std::holds_alternative<Request>(s));
    CHECK(std::get<std::string>(std::get<Request>(s).id) == "x-1");
    CHECK(std::get<Request>(s).params.is_null());
    auto n = parse_message(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
    CHECK(std::holds_alternative<Notification>(n));
}

TEST_CASE("responses to our own requests are recognised") {
    auto r = parse_message(R"({"jsonrpc":"2.0","id":3,"result":[{"x":1}]})");
    REQUIRE(std::holds_alternative<Response>(r));
    auto e = parse_message(R"({"jsonrpc":"2.0","id":4,"error":{"code":-1,"message":"no"}})");
    REQUIRE(std::holds_alternative<Response>(e));
    CHECK(std::get<Response>(e).error.has_value());
}

TEST_CASE("invalid messages get the JSON-RPC error code they deserve") {
    auto code = [](std::string_view body) {
        auto m = parse_message(body);
        REQUIRE(std::holds_alternative<InvalidMessage>(m));
        return std::get<InvalidMessage>(m).code;
    };
    CHECK(code("{not json") == ErrorCode::ParseError);
    CHECK(code("") == ErrorCode::ParseError);
    CHECK(code("[1,2]") == ErrorCode::InvalidRequest);
    CHECK(code("42") == ErrorCode::InvalidRequest);
    CHECK(code("null") == ErrorCode::InvalidRequest);
    CHECK(code(R"({"jsonrpc":"2.0","id":1})") == ErrorCode::InvalidRequest);
    CHECK(code(R"({"jsonrpc":"1.0","id":1,"method":"x"})") == ErrorCode::InvalidRequest);
    CHECK(code(R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})") == ErrorCode::InvalidRequest);
    CHECK(code(R"({"jsonrpc":"2.0","id":1,"method":5})") == ErrorCode::InvalidRequest);
    CHECK(code(R"({"jsonrpc":"2.0","id":1,"method":"x","params":3})") == ErrorCode::InvalidParams);
}

TEST_CASE("an invalid message keeps its id when it has a readable one") {
    auto m = parse_message(R"({"jsonrpc":"2.0","id":9,"method":7})");
    REQUIRE(std::holds_alternative<InvalidMessage>(m));
    REQUIRE(std::get<InvalidMessage>(m).id.has_value());
    CHECK(std::get<std::int64_t>(*std::get<InvalidMessage>(m).id) == 9);
}

TEST_CASE("replies are valid JSON-RPC") {
    auto ok = json::parse(make_result(RequestId{std::int64_t{1}}, json{{"x", 1}}));
    CHECK(ok["jsonrpc"] == "2.0");
    CHECK(ok["id"] == 1);
    CHECK(ok["result"]["x"] == 1);
    auto err = json::parse(make_error(std::nullopt, ErrorCode::ParseError, "bad"));
    CHECK(err["id"].is_null());
    CHECK(err["error"]["code"] == -32700);
}
