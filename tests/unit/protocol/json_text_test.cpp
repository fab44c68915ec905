// The direct JSON writer against nlohmann's dump: the same bytes for any string (control
// characters, quotes, invalid UTF-8) and for ranges. Whole publishDiagnostics messages:
// tests/unit/server/publish_text_test.cpp.
#include "protocol/json_text.hpp"
#include "protocol/lsp.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace cdls;
using json = nlohmann::json;

namespace {

std::string nlohmann_text(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string written(std::string_view text) {
    std::string out;
    protocol::append_json_string(out, text);
    return out;
}

} // namespace

TEST_CASE("json text: strings are escaped exactly as nlohmann escapes them") {
    const std::string_view cases[] = {"", "plain", "quote \" and \\ backslash", "\b\f\n\r\t", std::string_view("\x00\x01\x1f\x7f", 4),
                               "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x8D", "bad \xFF byte", "cut \xE2\x82", "overlong \xC0\xAF",
                               "surrogate \xED\xA0\x80", "past max \xF4\x90\x80\x80", "/slash/ <tag>"};
    for (std::string_view s : cases) {
        INFO(s.size() << " bytes: " << s);
        CHECK(written(s) == nlohmann_text(json(std::string(s))));
    }
}

TEST_CASE("json text: the string written in place equals the appended one for valid UTF-8") {
    std::mt19937 random(20261206);
    constexpr char alphabet[] = {'a', 'Z', ' ', '"', '\\', '\n', '\t', '\b', '\x01', '\x1f', '\x7f', '/'};
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        // Lengths past 16 and 32 bytes too, for the runs scanned sixteen at a time.
        std::size_t length = random() % 48;
        for (std::size_t i = 0; i < length; ++i) s += alphabet[random() % std::size(alphabet)];
        if (round % 3 == 0) s += "caf\xC3\xA9";
        std::string buffer(2 + 6 * s.size(), '\0');
        char* end = protocol::write_json_string(buffer.data(), s);
        INFO("round " << round);
        REQUIRE(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())) == written(s));
    }
}

TEST_CASE("json text: random byte strings match nlohmann") {
    std::mt19937 random(20261124);
    // Bytes biased towards the interesting ones: ASCII controls, quotes, UTF-8 lead and
    // continuation bytes.
    constexpr unsigned char alphabet[] = {'a', 'Z', ' ', '"', '\\', '\n', '\t', 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc2,
                                          0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff, 0x82, 0xa9, 0x9f};
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        std::size_t length = random() % 12;
        for (std::size_t i = 0; i < length; ++i) s += static_cast<char>(alphabet[random() % std::size(alphabet)]);
        INFO("round " << round);
        REQUIRE(written(s) == nlohmann_text(json(s)));
    }
}

TEST_CASE("json text: ranges equal the DOM serialisation") {
    const lsp::Range ranges[] = {{{0, 0}, {0, 0}},
                                 {{1, 4}, {2, 4000000000u}},
                                 {{4294967295u, 4294967295u}, {4294967295u, 4294967295u}},
                                 {{12, 345}, {6789, 10}}};
    for (const lsp::Range& range : ranges) {
        std::string out = "[";
        lsp::append_json_text(out, range);
        CHECK(out == "[" + nlohmann_text(json(range)));
    }
}
