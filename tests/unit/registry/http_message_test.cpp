// HTTP/1.1 response parsing (Content-Length, chunked, until close, split input), URLs.
#include "server/registry/http_message.hpp"

#include <catch2/catch.hpp>

using namespace cdls::registry;

TEST_CASE("a Content-Length response parses, fed byte by byte too") {
    std::string wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                       "Docker-Content-Digest: sha256:abc\r\n\r\n{\"tags\":[]}";
    auto whole = parse_response(wire);
    REQUIRE(whole);
    CHECK(whole->status == 200);
    CHECK(whole->reason == "OK");
    CHECK(whole->body == "{\"tags\":[]}");
    CHECK(whole->header("docker-content-digest") == "sha256:abc");
    ResponseParser parser;
    for (char c : wire) REQUIRE(parser.feed(std::string_view(&c, 1)));
    REQUIRE(parser.done());
    CHECK(parser.response().body == "{\"tags\":[]}");
}

TEST_CASE("a chunked response with extensions and trailers parses") {
    std::string wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";
    auto r = parse_response(wire);
    REQUIRE(r);
    CHECK(r->body == "hello, world");
    ResponseParser split;
    REQUIRE(split.feed(wire.substr(0, 40)));
    CHECK_FALSE(split.done());
    REQUIRE(split.feed(wire.substr(40)));
    CHECK(split.done());
    CHECK(split.response().body == "hello, world");
}

TEST_CASE("a body without length ends when the connection closes") {
    ResponseParser parser;
    REQUIRE(parser.feed("HTTP/1.0 200 OK\r\n\r\npartial "));
    REQUIRE(parser.feed("body"));
    CHECK_FALSE(parser.done());
    CHECK(parser.finish_at_eof());
    CHECK(parser.response().body == "partial body");
}

TEST_CASE("HEAD responses and 1xx interim responses have no body to wait for") {
    ResponseParser head(/*head_request=*/true);
    REQUIRE(head.feed("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"));
    CHECK(head.done());
    auto r = parse_response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(r->body == "no");
}

TEST_CASE("malformed and truncated responses are errors") {
    CHECK_FALSE(parse_response("SSH-2.0-OpenSSH\r\n\r\n"));
    CHECK_FALSE(parse_response("HTTP/1.1 2x0 OK\r\n\r\n"));
    CHECK_FALSE(parse_response("HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n"));
    CHECK_FALSE(parse_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    CHECK_FALSE(parse_response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
    ResponseParser parser;
    REQUIRE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
    CHECK_FALSE(parser.finish_at_eof());
}

TEST_CASE("URLs: ports, defaults, relative references") {
    auto u = parse_url("https://127.0.0.1:5000/v2/x/tags/list?n=3");
    REQUIRE(u);
    CHECK(u->host == "127.0.0.1");
    CHECK(u->port == 5000);
    CHECK(u->target == "/v2/x/tags/list?n=3");
    CHECK(u->authority() == "127.0.0.1:5000");
    auto hub = parse_url("https://registry-1.docker.io");
    REQUIRE(hub);
    CHECK(hub->port == 443);
    CHECK(hub->target == "/");
    CHECK(hub->authority() == "registry-1.docker.io");
    CHECK_FALSE(parse_url("ftp://x/"));
    CHECK_FALSE(parse_url("http://:80/"));
    CHECK_FALSE(parse_url("http://host:99999/"));
    auto next = resolve_url(*u, "/v2/x/tags/list?last=b&n=3");
    REQUIRE(next);
    CHECK(next->to_string() == "https://127.0.0.1:5000/v2/x/tags/list?last=b&n=3");
    auto elsewhere = resolve_url(*u, "https://cdn.example.org/blob?sig=1");
    REQUIRE(elsewhere);
    CHECK(elsewhere->host == "cdn.example.org");
    auto ipv6 = parse_url("http://[::1]:8080/v2/");
    REQUIRE(ipv6);
    CHECK(ipv6->host == "::1");
    CHECK(ipv6->authority() == "[::1]:8080");
}

TEST_CASE("requests carry Host, Connection: close and the given headers") {
    HttpRequest request;
    request.method = "HEAD";
    request.url = *parse_url("http://localhost:5000/v2/a/manifests/1");
    request.headers.emplace_back("Accept", "x/y");
    std::string wire = serialize_request(request);
    CHECK(wire.rfind("HEAD /v2/a/manifests/1 HTTP/1.1\r\n", 0) == 0);
    CHECK(wire.find("Host: localhost:5000\r\n") != std::string::npos);
    CHECK(wire.find("Connection: close\r\n") != std::string::npos);
    CHECK(wire.find("Accept: x/y\r\n") != std::string::npos);
    CHECK(wire.substr(wire.size() - 4) == "\r\n\r\n");
}
