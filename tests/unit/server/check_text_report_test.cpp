// The text report of `cdls check`: positions of diagnostics, unaffected by where lines are indexed.
#include "server/check_report.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace cdls;
using namespace cdls::server;

namespace {

Diagnostic at(Offset begin) {
    Diagnostic d;
    d.range = {begin, begin};
    d.severity = Severity::Warning;
    d.rule = "r";
    d.message = "m";
    return d;
}

} // namespace

TEST_CASE("text report: line and UTF-16 column of each start, with CRLF, lone CR and the end") {
    // Lines: "ab\r\n", "c\r", "\xC3\xA9x\n" (é then x), "last" with no break.
    FileReport report;
    report.display = "f";
    report.text = "ab\r\nc\r\xC3\xA9x\nlast";
    for (Offset o : {Offset{1}, Offset{2}, Offset{3}, Offset{4}, Offset{5}, Offset{8}, Offset{9}, Offset{12}, Offset{40}})
        report.diagnostics.push_back(at(o));
    std::string out = format_text({report}, ReportOptions{});
    CHECK(out == "f:1:2: warning: m [r]\n"   // 'b'
                 "f:1:3: warning: m [r]\n"   // the '\r' of "\r\n": end of line 1
                 "f:1:3: warning: m [r]\n"   // its '\n': still the end of line 1
                 "f:2:1: warning: m [r]\n"   // 'c'
                 "f:2:2: warning: m [r]\n"   // the lone '\r'
                 "f:3:2: warning: m [r]\n"   // 'x', after a two-byte character (one UTF-16 unit)
                 "f:3:3: warning: m [r]\n"   // the '\n' of line 3
                 "f:4:3: warning: m [r]\n"   // 's' of "last"
                 "f:4:5: warning: m [r]\n"); // past the end: clamped to the end of the text

    // The last start on the "\n" of a "\r\n": the lines are indexed only that far.
    report.diagnostics = {at(1), at(2), at(3)};
    CHECK(format_text({report}, ReportOptions{}) == "f:1:2: warning: m [r]\n"
                                                    "f:1:3: warning: m [r]\n"
                                                    "f:1:3: warning: m [r]\n");
}
