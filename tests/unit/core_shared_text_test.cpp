// SharedText: copies share one buffer, compare and order as their text, and free it with the last.
#include "analysis/core/diagnostic.hpp"
#include "analysis/core/shared_text.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <utility>
#include <vector>

using namespace cdls;

TEST_CASE("shared text: copies share the buffer, assignment replaces it") {
    SharedText empty;
    CHECK(empty.empty());
    CHECK(empty.view().empty());
    CHECK(empty == "");
    SharedText a = "pin a version: apt-get install curl=<version>";
    SharedText b = a;
    CHECK(b.data() == a.data()); // one buffer
    CHECK(b == a);
    SharedText c = std::string("pin a version: apt-get install curl=<version>");
    CHECK(c.data() != a.data());
    CHECK(c == a); // equal text, another buffer
    c = b;
    CHECK(c.data() == a.data());
    SharedText& same = c;
    c = same; // self-assignment keeps it
    CHECK(c == "pin a version: apt-get install curl=<version>");
    SharedText moved = std::move(b);
    CHECK(moved.data() == a.data());
    CHECK(b.empty()); // NOLINT(bugprone-use-after-move): a moved-from text is empty
    moved = SharedText("other");
    CHECK(moved == std::string("other"));
    CHECK(a.size() == 45);
    // The last copy frees it (ASan's leak check sees a missed release).
    std::vector<SharedText> many(1000, a);
    many.clear();
    CHECK(a.find("curl") == 31);
    CHECK(a.rfind("n") == 43);
}

TEST_CASE("shared text: ordered and printed as its text") {
    SharedText x = "abc", y = "abd", z = std::string_view("abc");
    CHECK(x < y);
    CHECK(!(y < x));
    CHECK((x <=> z) == std::strong_ordering::equal);
    CHECK(std::string("m: ") + x == "m: abc");
    CHECK(x + "!" == "abc!");
    std::ostringstream out;
    out << y;
    CHECK(out.str() == "abd");
}

TEST_CASE("shared text: diagnostics copied share their message") {
    Diagnostic d;
    d.rule = "apt-unpinned";
    d.message = std::string(200, 'm');
    Diagnostic copy = d;
    CHECK(copy.message.data() == d.message.data());
    CHECK(copy == d);
    copy.message = std::string(200, 'n');
    CHECK(!(copy == d));
    CHECK(d.message == std::string(200, 'm'));
}

TEST_CASE("SharedText: printable and ASCII texts, found once and the same in copies") {
    CHECK(SharedText().printable());
    CHECK(SharedText().ascii());
    CHECK(SharedText("pin a version: `pip install x==<version>`").printable());
    for (const char* text : {"a \"quoted\" word", "back\\slash", "tab\there", "line\nbreak", "del\x7f"}) {
        SharedText shared(text);
        INFO(text);
        CHECK_FALSE(shared.printable());
        CHECK(shared.ascii());
        SharedText copy = shared; // the bits live with the text
        CHECK_FALSE(copy.printable());
        CHECK(copy.ascii());
    }
    SharedText accented("caf\xC3\xA9");
    CHECK_FALSE(accented.printable());
    CHECK_FALSE(accented.ascii());
    SharedText high("\xff");
    CHECK_FALSE(high.ascii());
}
