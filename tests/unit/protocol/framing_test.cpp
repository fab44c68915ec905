// FrameReader: frames split at every byte, several per chunk, bad headers, the size cap.
#include "protocol/framing.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using cdls::protocol::encode_frame;
using cdls::protocol::Frame;
using cdls::protocol::FrameReader;

namespace {

std::vector<Frame> read_all(FrameReader& reader) {
    std::vector<Frame> out;
    while (auto f = reader.next()) out.push_back(std::move(*f));
    return out;
}

std::vector<std::string> bodies(const std::vector<Frame>& frames) {
    std::vector<std::string> out;
    for (const auto& f : frames) out.push_back(f.kind == Frame::Kind::Message ? f.body : "ERROR:" + f.error);
    return out;
}

} // namespace

TEST_CASE("a stream of frames split at every byte position yields the same messages") {
    std::string stream = encode_frame(R"({"a":1})") + encode_frame(R"({"b":"\u00e9t\u00e9"})") + encode_frame("{}");
    std::vector<std::string> expected{R"({"a":1})", R"({"b":"\u00e9t\u00e9"})", "{}"};
    for (std::size_t split = 0; split <= stream.size(); ++split) {
        FrameReader reader;
        std::vector<Frame> frames;
        reader.feed(std::string_view(stream).substr(0, split));
        for (auto& f : read_all(reader)) frames.push_back(f);
        reader.feed(std::string_view(stream).substr(split));
        for (auto& f : read_all(reader)) frames.push_back(f);
        INFO("split at " << split);
        CHECK(bodies(frames) == expected);
        CHECK_FALSE(reader.in_frame());
    }
}

TEST_CASE("byte-at-a-time input yields every frame") {
    std::string stream = encode_frame("[1]") + encode_frame("[2,3]");
    FrameReader reader;
    std::vector<Frame> frames;
    for (char c : stream) {
        reader.feed(std::string_view(&c, 1));
        for (auto& f : read_all(reader)) frames.push_back(f);
    }
    CHECK(bodies(frames) == std::vector<std::string>{"[1]", "[2,3]"});
}

TEST_CASE("header names in any case and an optional Content-Type are accepted") {
    FrameReader reader;
    reader.feed("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    reader.feed("CONTENT-LENGTH:3\r\n\r\n[1]");
    CHECK(bodies(read_all(reader)) == std::vector<std::string>{"{}", "[1]"});
}

TEST_CASE("a header block without Content-Length is reported and skipped") {
    FrameReader reader;
    reader.feed("Content-Type: x\r\n\r\n" + encode_frame("{}"));
    auto frames = read_all(reader);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].kind == Frame::Kind::Error);
    CHECK(frames[1].body == "{}");
}

TEST_CASE("garbage and a bad length are reported - and reading resumes") {
    FrameReader reader;
    reader.feed("hello world\r\n\r\nContent-Length: abc\r\n\r\n" + encode_frame("{}"));
    auto frames = read_all(reader);
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].kind == Frame::Kind::Error);
    CHECK(frames[1].kind == Frame::Kind::Error);
    CHECK(frames[2].body == "{}");
}

TEST_CASE("a body over the cap is skipped without being stored") {
    FrameReader reader(16);
    reader.feed("Content-Length: 40\r\n\r\n0123456789");
    auto first = read_all(reader);
    REQUIRE(first.size() == 1);
    CHECK(first[0].kind == Frame::Kind::Error);
    CHECK(reader.buffered() == 0);
    reader.feed(std::string(30, 'x')); // the rest of the oversized body
    reader.feed(encode_frame("{}"));
    CHECK(bodies(read_all(reader)) == std::vector<std::string>{"{}"});
}

TEST_CASE("the memory of a large message is given back, that of small ones kept") {
    FrameReader reader;
    std::string big = "\"" + std::string(700 * 1024, 'x') + "\""; // the didOpen of a large file
    std::string frame = encode_frame(big);
    for (std::size_t at = 0; at < frame.size(); at += 65536) reader.feed(std::string_view(frame).substr(at, 65536));
    auto frames = read_all(reader);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].body.size() == big.size());
    CHECK(reader.retained() < big.size()); // the 700 KB are not held
    CHECK(reader.retained() <= FrameReader::kRetainedCapacity);
    // Small messages after it reuse the kept buffer.
    reader.feed(encode_frame("{\"a\":1}"));
    CHECK(bodies(read_all(reader)) == std::vector<std::string>{"{\"a\":1}"});
    CHECK(reader.retained() <= FrameReader::kRetainedCapacity);
}

TEST_CASE("an unfinished frame is visible to the caller") {
    FrameReader reader;
    reader.feed("Content-Length: 10\r\n\r\n{\"a\"");
    CHECK_FALSE(reader.next().has_value());
    CHECK(reader.in_frame());
}

TEST_CASE("a never-ending header block is cut off") {
    FrameReader reader;
    reader.feed(std::string(70 * 1024, 'g'));
    auto frames = read_all(reader);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].kind == Frame::Kind::Error);
    CHECK(reader.buffered() == 0);
}
