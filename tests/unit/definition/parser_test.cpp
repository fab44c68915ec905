// The definition parser: stages, header lines, sections and their parts, trivia, and queries.
#include "test_helpers.hpp"

#include "analysis/definition/parser.hpp"
#include "analysis/definition/shell_scan.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::definition;
using namespace cdls::definition::testing;

namespace {

// The tree and the text it was parsed from (the tree keeps no copy of it).
struct Parsed : DefinitionFile {
    std::string text;
};
Parsed parse(std::string_view text) { return {{parse_definition(text)}, std::string(text)}; }
std::string_view at(const Parsed& f, TextRange r) { return slice(f.text, r); }

} // namespace

TEST_CASE("stages start at column-0 Bootstrap lines, case-insensitively") {
    Parsed f = parse("# lead\nBootstrap: docker\nFrom: a:1\n%post\n  x\n"
                                        "bootstrap: library\nFrom: b:1\n  Bootstrap: inside\n");
    REQUIRE(f.stages.size() == 3);
    CHECK_FALSE(f.stages[0].starts_at_bootstrap);
    CHECK_FALSE(f.stages[0].has_content());
    CHECK(f.stages[1].agent(f.text) == "docker");
    CHECK(f.stages[2].starts_at_bootstrap);
    // The indented Bootstrap is a header line of stage 2 (apptainer keeps the last value).
    CHECK(f.stages[2].agent(f.text) == "inside");
}

TEST_CASE("header lines: keys, values, comments, continuations, invalid lines") {
    Parsed f = parse("Bootstrap: docker # the agent\n"
                                        "From: ubuntu:\\\n"
                                        "  22.04\n"
                                        "# own comment\n"
                                        "\n"
                                        "DistType redhat\n");
    const Header& h = f.stages[0].header;
    REQUIRE(h.lines.size() == 5);
    CHECK(h.lines[0].kind == HeaderLineKind::Entry);
    CHECK(at(f, h.lines[0].key) == "Bootstrap");
    CHECK(at(f, h.lines[0].value) == "docker");
    REQUIRE(h.lines[0].comments.size() == 1);
    CHECK(at(f, h.lines[0].comments[0]) == "# the agent");
    CHECK(h.lines[1].value_text == "ubuntu:22.04");
    CHECK(h.lines[1].value_pieces.size() == 2);
    CHECK(at(f, h.lines[1].range) == "From: ubuntu:\\\n  22.04\n");
    CHECK(h.lines[2].kind == HeaderLineKind::Comment);
    CHECK(h.lines[3].kind == HeaderLineKind::Blank);
    CHECK(h.lines[4].kind == HeaderLineKind::Invalid);
    CHECK(at(f, h.lines[4].key) == "DistType redhat");
    CHECK(f.stages[0].header_entry("from") == &h.lines[1]);
}

TEST_CASE("sections: names, arguments, app names, files from, shells") {
    Parsed f = parse("Bootstrap: docker\nFrom: a:1\n"
                                        "%files from build\n  /a /b\n"
                                        "%POST -c /bin/bash\n  echo\n"
                                        "%appinstall tool\n  make\n"
                                        "%weird args\n"
                                        "%help\nsome help");
    const auto& s = f.stages[0].sections;
    REQUIRE(s.size() == 5);
    CHECK(s[0].kind == SectionKind::Files);
    CHECK(at(f, s[0].from_stage) == "build");
    CHECK(s[1].kind == SectionKind::Post);
    CHECK(at(f, s[1].name) == "%POST");
    CHECK(at(f, s[1].shell) == "/bin/bash");
    CHECK(at(f, s[1].body) == "  echo\n");
    CHECK(s[2].kind == SectionKind::AppInstall);
    CHECK(at(f, s[2].app_name) == "tool");
    CHECK(s[3].kind == SectionKind::Unknown);
    CHECK(at(f, s[3].arguments) == "args");
    CHECK(s[4].kind == SectionKind::Help);
    CHECK(at(f, s[4].body) == "some help");
}

TEST_CASE("%files sources, quoted as in apptainer's quotedfiles test") {
    Parsed f = parse("Bootstrap: docker\nFrom: a:1\n%files\n"
                                        "    \"file 1\" \"with space 1\"\n"
                                        "    file2 \"nospace2\"\n"
                                        "    # a comment\n"
                                        "    file3\n");
    const Section& s = f.stages[0].sections[0];
    REQUIRE(s.files.size() == 3);
    CHECK(s.files[0].source_text == "file 1");
    CHECK(at(f, s.files[0].destination) == "\"with space 1\"");
    CHECK(s.files[1].source_text == "file2");
    CHECK(s.files[2].source_text == "file3");
    CHECK(s.files[2].destination.empty());
    REQUIRE(s.comments.size() == 1);
}

TEST_CASE("%labels and %arguments lines") {
    Parsed f = parse("Bootstrap: docker\nFrom: a:1\n%labels\n    Author me\n    Flag\n"
                                        "%arguments\n    A = 1\n    B=\n    broken\n");
    const Section& labels = f.stages[0].sections[0];
    REQUIRE(labels.labels.size() == 2);
    CHECK(at(f, labels.labels[0].key) == "Author");
    CHECK(at(f, labels.labels[0].value) == "me");
    CHECK(labels.labels[1].value.empty());
    const Section& args = f.stages[0].sections[1];
    REQUIRE(args.arguments_lines.size() == 3);
    CHECK(args.arguments_lines[0].name_text == "A");
    CHECK(args.arguments_lines[0].value_text == "1");
    CHECK(args.arguments_lines[1].value_text.empty());
    CHECK_FALSE(args.arguments_lines[2].valid);
}

TEST_CASE("placeholders follow apptainer's comment rule") {
    Parsed f = parse("Bootstrap: docker\nFrom: {{ IMAGE }}\n%post\n"
                                        "    echo {{A}} # {{ B }}\n"
                                        "    #!{{ C }}\n"
                                        "    {{ not-a-word }}\n");
    auto all = stage_placeholders(f.stages[0]);
    REQUIRE(all.size() == 4);
    CHECK(all[0]->name == "IMAGE");
    CHECK(at(f, all[0]->name_range) == "IMAGE");
    CHECK_FALSE(all[1]->in_comment);
    CHECK(all[2]->name == "B");
    CHECK(all[2]->in_comment);
    CHECK(all[3]->name == "C");
    CHECK_FALSE(all[3]->in_comment); // `#!` is not a comment to apptainer
}

TEST_CASE("shell comments and heredocs in script sections") {
    Parsed f = parse("Bootstrap: docker\nFrom: a:1\n%post\n"
                                        "    # own line\n"
                                        "    echo \"# not\" '# not' $# ${#x} # trailing\n"
                                        "    cat <<-'END' > f\n"
                                        "    # inside heredoc\n"
                                        "    END\n"
                                        "    cat <<EOF\n");
    const Section& s = f.stages[0].sections[0];
    REQUIRE(s.comments.size() == 2);
    CHECK(at(f, s.comments[0].range) == "# own line");
    CHECK(s.comments[0].own_line);
    CHECK(at(f, s.comments[1].range) == "# trailing");
    CHECK_FALSE(s.comments[1].own_line);
    REQUIRE(s.open_heredocs.size() == 1);
    CHECK(s.open_heredocs[0].delimiter == "EOF");
}

TEST_CASE("CRLF line ends and a byte order mark") {
    Parsed f = parse("\xEF\xBB\xBF" "Bootstrap: docker\r\nFrom: alpine:3.19\r\n%post\r\n  echo\r\n");
    CHECK(f.bom == TextRange{0, 3});
    REQUIRE(f.stages.size() == 1);
    CHECK(f.stages[0].starts_at_bootstrap);
    CHECK(f.stages[0].agent(f.text) == "docker");
    CHECK(at(f, f.stages[0].header_entry("from")->value) == "alpine:3.19");
    CHECK(at(f, f.stages[0].sections[0].name) == "%post");
    CHECK(at(f, f.stages[0].sections[0].header_line) == "%post");
}

TEST_CASE("syntax_at finds header keys and values, sections, stages and placeholders") {
    std::string text = "Bootstrap: docker\nFrom: a:1\nStage: build\n%arguments\n    V=1\n"
                       "%appinstall tool\n    echo {{ V }}\n%files from build\n";
    Parsed f = parse(text);
    auto role_at = [&](std::string_view needle, std::size_t into = 0) {
        return syntax_at(f, static_cast<Offset>(text.find(needle) + into));
    };
    CHECK(role_at("Bootstrap").role == SyntaxRole::HeaderKey);
    CHECK(role_at("docker").role == SyntaxRole::HeaderValue);
    SyntaxAt stage = role_at("build\n");
    CHECK(stage.role == SyntaxRole::StageName);
    CHECK(at(f, stage.range) == "build");
    CHECK(role_at("%arguments").role == SyntaxRole::SectionName);
    CHECK(role_at("V=1").role == SyntaxRole::ArgumentName);
    CHECK(role_at("tool").role == SyntaxRole::AppName);
    SyntaxAt p = role_at("{{ V }}", 3);
    CHECK(p.role == SyntaxRole::Placeholder);
    REQUIRE(p.placeholder != nullptr);
    CHECK(p.placeholder->name == "V");
    CHECK(role_at("from build", 6).role == SyntaxRole::FilesFromStage);
    CHECK(build_argument_occurrences(f.stages[0], "V").size() == 2);
    CHECK(syntax_at(f, static_cast<Offset>(text.size())).stage_index == 0);
}

TEST_CASE("the parser never fails on odd input") {
    for (std::string_view text :
         {std::string_view(""), std::string_view("%"), std::string_view("\n\n%\n%%\n"),
          std::string_view("Bootstrap:"), std::string_view("bootstrap:\\"), std::string_view("From: a\\\n"),
          std::string_view("{{"), std::string_view("{{ x"), std::string_view("%post\n cat <<"),
          std::string_view("%post\n echo '\n"), std::string_view("\r\r\r"), std::string_view("\xEF\xBB"),
          std::string_view("Bootstrap: docker\n%files from\n"), std::string_view("%post -c")}) {
        Result r = analyze_definition(text);
        REQUIRE(r.syntax != nullptr);
        CHECK(r.syntax->text_size == text.size());
    }
}

TEST_CASE("shell scan: comments after runs of plain bytes, quotes and escapes") {
    std::string text = "  echo hello#not; x=1 # trailing\n"
                       "\t  # own line\n"
                       "echo 'a # b' \"c # d\" e\\#f|#piped\n"
                       "cat <<EOF\n# data\nEOF\n";
    ShellScan scan = scan_shell(text, 0, static_cast<Offset>(text.size()));
    auto at = [&](std::string_view needle) {
        auto b = static_cast<Offset>(text.find(needle));
        return TextRange{b, static_cast<Offset>(text.find('\n', b))};
    };
    REQUIRE(scan.comments.size() == 3);
    CHECK(scan.comments[0] == BodyComment{at("# trailing"), false});
    CHECK(scan.comments[1] == BodyComment{at("# own line"), true});
    CHECK(scan.comments[2] == BodyComment{at("#piped"), false});
    REQUIRE(scan.heredoc_terminators.size() == 1);
    CHECK(scan.open_heredocs.empty());
}
