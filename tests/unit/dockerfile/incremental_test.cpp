// The incremental analyzer equals a fresh analysis after every edit of random edit sequences.
#include "analysis/dockerfile/parser.hpp"
#include "helpers.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace cdls;
using namespace cdls::dockerfile;
using namespace cdls::dockerfile::test;

namespace {

using cdls::test::read_file;

void require_same_mapping(const MappedText& a, const MappedText& b) {
    REQUIRE(a.text() == b.text());
    for (Offset i = 0; i <= a.text().size(); ++i) REQUIRE(a.to_document(i) == b.to_document(i));
}

// Every field but the revision, which tells results apart.
void require_same_facts(const ContainerFacts& a, const ContainerFacts& b) {
    CHECK(a.kind == b.kind);
    REQUIRE(a.images.size() == b.images.size());
    for (std::size_t i = 0; i < a.images.size(); ++i) {
        CHECK(a.images[i].text == b.images[i].text);
        CHECK(a.images[i].range == b.images[i].range);
        CHECK(a.images[i].agent == b.images[i].agent);
        CHECK(a.images[i].names_stage == b.images[i].names_stage);
        CHECK(a.images[i].has_variables == b.images[i].has_variables);
        CHECK(a.images[i].resolved == b.images[i].resolved);
    }
    REQUIRE(a.shell_bodies.size() == b.shell_bodies.size());
    for (std::size_t i = 0; i < a.shell_bodies.size(); ++i) {
        require_same_mapping(a.shell_bodies[i].script, b.shell_bodies[i].script);
        CHECK(a.shell_bodies[i].context == b.shell_bodies[i].context);
        CHECK(a.shell_bodies[i].origin == b.shell_bodies[i].origin);
        CHECK(a.shell_bodies[i].range == b.shell_bodies[i].range);
    }
    REQUIRE(a.copies.size() == b.copies.size());
    for (std::size_t i = 0; i < a.copies.size(); ++i) {
        CHECK(a.copies[i].path == b.copies[i].path);
        CHECK(a.copies[i].range == b.copies[i].range);
        CHECK(a.copies[i].origin == b.copies[i].origin);
        CHECK(a.copies[i].from_stage == b.copies[i].from_stage);
    }
    REQUIRE(a.assignments.size() == b.assignments.size());
    for (std::size_t i = 0; i < a.assignments.size(); ++i) {
        CHECK(a.assignments[i].name == b.assignments[i].name);
        CHECK(a.assignments[i].value == b.assignments[i].value);
        CHECK(a.assignments[i].name_range == b.assignments[i].name_range);
        CHECK(a.assignments[i].value_range == b.assignments[i].value_range);
        CHECK(a.assignments[i].origin == b.assignments[i].origin);
        CHECK(a.assignments[i].literal == b.assignments[i].literal);
    }
    REQUIRE(a.labels.size() == b.labels.size());
    for (std::size_t i = 0; i < a.labels.size(); ++i) {
        CHECK(a.labels[i].key == b.labels[i].key);
        CHECK(a.labels[i].value == b.labels[i].value);
        CHECK(a.labels[i].key_range == b.labels[i].key_range);
        CHECK(a.labels[i].value_range == b.labels[i].value_range);
    }
    REQUIRE(a.comments.size() == b.comments.size());
    for (std::size_t i = 0; i < a.comments.size(); ++i) {
        CHECK(a.comments[i].may_be_pragma == b.comments[i].may_be_pragma);
        CHECK(a.comments[i].range == b.comments[i].range);
        CHECK(a.comments[i].own_line == b.comments[i].own_line);
    }
    CHECK(a.label_insertion_point == b.label_insertion_point);
    CHECK(a.has_labels_section == b.has_labels_section);
    CHECK(a.document_anchor == b.document_anchor);
}

void require_same(const Result& incremental, const Result& fresh) {
    REQUIRE(*incremental.syntax == *fresh.syntax);
    REQUIRE(incremental.diagnostics == fresh.diagnostics);
    require_same_facts(incremental.facts, fresh.facts);
}

const char* const kSnippets[] = {"\\\n", "\n", "RUN ", "<<EOF\n", "EOF\n", "<<-X ", "\tX\n", "# c\n", "\"", "'", "[",
                                 "]", "--from=b ", " AS b", "$A", "{{", "`", "# escape=`\n", "FROM x\n", "ONBUILD ",
                                 "\r\n", "COPY a b\n", "ENV A=1 ", "x", " ", "=", ",",
                                 // a byte order mark, a lone escape line (no instruction), a directive
                                 "\xEF\xBB\xBF", "\\\n\n", "# syntax=x\n", "\n\n\n"};

// A random edit of `text`, noted in `edits` as an editor's change would be.
void random_edit(std::string& text, std::mt19937& rng, EditedSpan& edits) {
    std::uniform_int_distribution<std::size_t> pos(0, text.size());
    std::size_t begin = pos(rng);
    std::size_t length = std::min<std::size_t>(text.size() - begin, rng() % 12);
    std::string insert;
    if (rng() % 4 != 0) insert = kSnippets[rng() % std::size(kSnippets)];
    TextEdit edit{{static_cast<Offset>(begin), static_cast<Offset>(begin + length)}, insert};
    text = apply_edit(text, edit);
    edits.replace(begin, begin + length, insert.size());
}

// The analysis of `text`, told how it differs from `before` (the analyzer's last text).
Result analyze_edited(Analyzer& analyzer, std::string_view before, std::string_view text,
                      ContainerFacts&& previous = {}) {
    TextChange change = diff_texts(before, text);
    return analyzer.analyze(text, nullptr, std::move(previous), &change);
}

} // namespace

TEST_CASE("dockerfile incremental: unchanged instructions are reused") {
    std::string text = "FROM alpine:3.19\nRUN apk add curl\nRUN echo one\nCOPY a /b\n";
    Analyzer analyzer;
    analyzer.analyze(text);
    CHECK(analyzer.reparsed_instructions() == 4);
    std::string edited = "FROM alpine:3.19\nRUN apk add curl git\nRUN echo one\nCOPY a /b\n";
    auto r = analyze_edited(analyzer, text, edited);
    CHECK(analyzer.reparsed_instructions() == 1);
    require_same(r, Analyzer().analyze(edited));
    // Moving instructions down by inserting a line re-uses them at their new offsets.
    std::string shifted = "# new comment\n" + edited;
    auto moved = analyze_edited(analyzer, edited, shifted);
    CHECK(analyzer.reparsed_instructions() == 0);
    require_same(moved, Analyzer().analyze(shifted));
    // Changing the escape character re-parses everything.
    std::string escaped = "# escape=`\n" + edited;
    analyze_edited(analyzer, shifted, escaped);
    CHECK(analyzer.reparsed_instructions() == 4);
    // Without being told what changed (the analyzer keeps no copy of its last text) it parses
    // whole; likewise when the change does not fit the last text's size.
    analyzer.analyze(escaped);
    CHECK(analyzer.reparsed_instructions() == 4);
    TextChange stale = diff_texts(text, edited);
    analyzer.analyze(edited, nullptr, {}, &stale);
    CHECK(analyzer.reparsed_instructions() == 4);
}

TEST_CASE("dockerfile incremental: the span of the edits, wider than what differs, re-walks no more than the lines it covers") {
    std::string text = "FROM alpine:3.19\nRUN apk add curl\nRUN echo one\nRUN echo two\nCOPY a /b\n";
    Analyzer analyzer;
    analyzer.analyze(text);
    // Typing a letter and deleting it again: the text is the same, the span covers the letter.
    EditedSpan edits(text.size());
    std::size_t at = text.find("curl") + 4;
    edits.replace(at, at, 1);
    edits.replace(at, at + 1, 0);
    auto r = analyzer.analyze(text, nullptr, {}, &edits.change());
    CHECK(analyzer.reparsed_instructions() == 1);
    require_same(r, Analyzer().analyze(text));
    // Two edits three lines apart: the lines between are re-walked, those around are kept.
    EditedSpan two(text.size());
    std::string edited = text;
    std::size_t first = edited.find("curl");
    edited.replace(first, 4, "wget");
    two.replace(first, first + 4, 4);
    std::size_t second = edited.find("two");
    edited.replace(second, 3, "three");
    two.replace(second, second + 3, 5);
    auto both = analyzer.analyze(edited, nullptr, {}, &two.change());
    CHECK(analyzer.reparsed_instructions() == 3);
    require_same(both, Analyzer().analyze(edited));
}

TEST_CASE("dockerfile incremental: random edit sequences equal fresh analyses") {
    std::vector<std::string> sources = {
        "# syntax=docker/dockerfile:1\nARG BASE=alpine\nFROM ${BASE}:3.19 AS build\nRUN <<EOF\napk add curl\nEOF\n"
        "COPY --from=build /a /b\nONBUILD RUN echo hi\nLABEL a=b\nENV X=1 \\\n  Y=2\n",
        "FROM alpine:3.19\nRUN a \\\n  # c\n\n  b\nCMD [\"x\", \"y\"]\nCOPY <<-A <<B /d/\n\tone\n\tA\ntwo\nB\n"};
    std::filesystem::path corpus = std::filesystem::path(CDLS_SHARED_DIR) / "corpus" / "dockerfile";
    if (std::filesystem::exists(corpus)) {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(corpus)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (std::size_t i = 0; i < files.size() && sources.size() < 8; i += files.size() / 6 + 1)
            sources.push_back(read_file(files[i]));
        CHECK(sources.size() == 8);
    } else {
        WARN("corpus part skipped: ../shared not found");
    }
    std::mt19937 rng(20261124);
    std::size_t edits = 0;
    for (const auto& source : sources) {
        Analyzer analyzer;
        std::string text = source;
        Result last = analyzer.analyze(text);
        for (int step = 0; step < 150; ++step) {
            std::string before = text;
            // One to three edits, told as the server tells them (the union of the edits, which
            // may be wider than what differs: an insertion then a deletion of the same bytes),
            // or every fourth step as the texts' difference.
            EditedSpan span(text.size());
            for (std::size_t n = 1 + rng() % 3; n > 0; --n) random_edit(text, rng, span);
            TextChange change = step % 4 == 3 ? diff_texts(before, text) : span.change();
            INFO("step " << step << " before:\n" << before << "\nafter:\n" << text);
            // Mostly as the server does it, the last result's facts handed back to be edited in
            // place; every third step without them (collected anew).
            Result result = step % 3 == 2 ? analyzer.analyze(text, nullptr, {}, &change)
                                          : analyzer.analyze(text, nullptr, std::move(last.facts), &change);
            require_same(result, Analyzer().analyze(text));
            last = std::move(result);
            ++edits;
        }
    }
    CHECK(edits == sources.size() * 150);
}

TEST_CASE("dockerfile incremental: facts handed back are edited only when they are the last result's") {
    std::string a = "FROM alpine:3.19\nRUN apk add curl\n# note\nLABEL x=y\nENV TOKEN=abc\nCOPY a /b\n";
    std::string b = "FROM alpine:3.19\nRUN apk add curl git\n# note\nLABEL x=y\nENV TOKEN=abc\nCOPY a /b\n";
    std::string c = "FROM alpine:3.19\nRUN apk add curl git\n# note 2\nLABEL x=y\nENV TOKEN=abcd\nCOPY a /b\n";
    Analyzer analyzer;
    Result first = analyzer.analyze(a);
    Result second = analyze_edited(analyzer, a, b, ContainerFacts(first.facts)); // the last result's: edited
    require_same(second, Analyzer().analyze(b));
    CHECK(second.facts.revision != first.facts.revision);
    // Facts of an older result than the last do not describe the tree the edit starts from.
    Result third = analyze_edited(analyzer, b, c, std::move(first.facts));
    require_same(third, Analyzer().analyze(c));
    // Facts from another analyzer neither.
    Analyzer other;
    Result foreign = other.analyze(a);
    require_same(analyze_edited(analyzer, c, a, std::move(foreign.facts)), Analyzer().analyze(a));
}

TEST_CASE("dockerfile incremental: stages after an edit that touches no FROM move with it") {
    // An unnamed stage's name range is empty at 0 and stays there (a regression: it was moved).
    std::string a = "ARG V=3.19\nFROM alpine:$V AS build\nRUN make\nFROM alpine:3.19\nCOPY --from=build /a /b\n";
    std::string b = "ARG V=3.19\nFROM alpine:$V AS build\nRUN make all\n\nFROM alpine:3.19\nCOPY --from=build /a /b\n";
    std::string c = "ARG V=3.20\nFROM alpine:$V AS build\nRUN make all\n\nFROM alpine:3.19\nCOPY --from=build /a /b\n";
    Analyzer analyzer;
    Result last = analyzer.analyze(a);
    const std::string* before = &a;
    for (const std::string* text : {&b, &c, &a}) {
        Result r = analyze_edited(analyzer, *before, *text, std::move(last.facts));
        require_same(r, Analyzer().analyze(*text));
        last = std::move(r);
        before = text;
    }
}

TEST_CASE("dockerfile incremental: an edit after a lone escape line") {
    for (std::string before : {",\\R\\\n\n", ",\\R\\\n\n\n", ",\\R\\\n\n\n\n"}) {
        for (std::string after : {",\\R\\\n\n[", ",\\R\\\n\n[\n", ",\\R\\\n\n\n["}) {
            INFO("before: " << before << " after: " << after);
            Analyzer analyzer;
            analyzer.analyze(before);
            require_same(analyze_edited(analyzer, before, after), Analyzer().analyze(after));
        }
    }
}
