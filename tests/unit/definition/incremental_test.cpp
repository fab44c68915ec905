// Incremental analysis: after any sequence of edits, Analyzer::analyze (which splices the last
// tree) equals a fresh analysis (layout and parse of the whole text), and an edit inside one
// block re-parses only that block.
#include "analysis/core/suggest.hpp"
#include "analysis/definition/checks.hpp"
#include "test_helpers.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;
using namespace cdls::definition;
using namespace cdls::definition::testing;

namespace {

void put(std::ostringstream& out, TextRange r) { out << '[' << r.begin << ',' << r.end << ')'; }

// Every range and value of the tree, so two trees compare equal only when they are the same.
std::string dump(const DefinitionFile& f) {
    std::ostringstream out;
    put(out, f.bom);
    for (const Stage& s : f.stages) {
        out << "\nstage " << s.starts_at_bootstrap;
        put(out, s.range);
        put(out, s.header.range);
        for (const HeaderLine& h : s.header.lines) {
            out << "\n h" << static_cast<int>(h.kind) << h.key_lower << '|' << h.value_text;
            for (TextRange r : {h.range, h.content, h.key, h.colon, h.value}) put(out, r);
            for (TextRange r : h.value_pieces) put(out, r);
            for (TextRange r : h.comments) put(out, r);
        }
        for (const Placeholder& p : s.header.placeholders) {
            out << " p" << p.name << p.in_comment;
            put(out, p.range);
        }
        for (const Section& c : s.sections) {
            out << "\n s" << static_cast<int>(c.kind) << c.name_lower << c.indented;
            for (TextRange r : {c.range, c.header_line, c.name, c.arguments, c.app_name, c.from_stage, c.shell_flag,
                                c.shell, c.body})
                put(out, r);
            for (const LabelLine& l : c.labels)
                for (TextRange r : {l.range, l.key, l.value}) put(out, r);
            for (const FileLine& l : c.files) {
                out << l.source_text;
                for (TextRange r : {l.range, l.source, l.destination}) put(out, r);
            }
            for (const ArgumentLine& a : c.arguments_lines) {
                out << a.name_text << '=' << a.value_text << a.valid;
                for (TextRange r : {a.range, a.name, a.value}) put(out, r);
            }
            for (const BodyComment& b : c.comments) {
                out << " c" << b.own_line;
                put(out, b.range);
            }
            for (const Placeholder& p : c.placeholders) {
                out << " p" << p.name << p.in_comment;
                put(out, p.range);
                put(out, p.name_range);
            }
            for (const OpenHeredoc& h : c.open_heredocs) {
                out << " h" << h.delimiter << h.strip_tabs;
                put(out, h.operator_range);
            }
            for (TextRange r : c.heredoc_terminators) put(out, r);
        }
    }
    return out.str();
}

std::string dump(const ContainerFacts& f) {
    std::ostringstream out;
    for (const auto& i : f.images) {
        out << "\ni " << i.text << '|' << i.agent << i.has_variables << i.resolved;
        put(out, i.range);
    }
    for (const auto& b : f.shell_bodies) {
        out << "\nb " << b.script.text() << '|' << b.origin << static_cast<int>(b.context);
        put(out, b.range);
        out << b.script.to_document(0) << ',' << b.script.to_document(static_cast<Offset>(b.script.text().size()));
    }
    for (const auto& c : f.copies) {
        out << "\nc " << c.path << c.origin << c.from_stage;
        put(out, c.range);
    }
    for (const auto& a : f.assignments) {
        out << "\na " << a.name << '=' << a.value << a.origin << a.literal;
        put(out, a.name_range);
        put(out, a.value_range);
    }
    for (const auto& l : f.labels) {
        out << "\nl " << l.key << '=' << l.value;
        put(out, l.key_range);
        put(out, l.value_range);
    }
    for (const auto& c : f.comments) {
        out << "\n# " << c.may_be_pragma << c.own_line;
        put(out, c.range);
    }
    out << "\n" << f.label_insertion_point << f.has_labels_section;
    put(out, f.document_anchor);
    return out.str();
}

void require_same(const Result& incremental, const Result& fresh) {
    REQUIRE(dump(*incremental.syntax) == dump(*fresh.syntax));
    REQUIRE(dump(incremental.facts) == dump(fresh.facts));
    REQUIRE(incremental.diagnostics == fresh.diagnostics);
}

const std::vector<std::string> kSnippets{
    "%",           "\n",        "Bootstrap: docker\n", "{{ X }}",      "#",         "<<EOF\n",
    "EOF\n",       "%post\n",   "From: ",              "\\\n",         "\r\n",      "x",
    " ",           "%files from a\n", "Stage: a\n",   "%arguments\nX=1\n", "'",      "\"",
    "%apprun\n",   "%labels\nA b\n", "%post -c\n",     "bootstrap:",   "\xEF\xBB\xBF", "}}",
    "\r",          "Bootstrap: localimage\r\n", "%arguments\n", "{{ args }}", "%files from build\n",
    "\n%",         "  %post\n", "Stage: build\n", "From: {{ X }}\n", "%environment\n", "\nBootstrap: docker\n",
};

// A whole line of definition text (a header entry, a section start, a body line, a comment).
const std::vector<std::string> kLines{
    "Bootstrap: docker\n", "bootstrap: localimage\n", "From: alpine:{{ TAG }}\n", "Stage: build\n",
    "%post\n",             "%files from build\n",     "    /a /b\n",             "%arguments\n",
    "TAG=3.19\n",          "%appinstall tool\n",      "# comment\n",            "\n",
    "    cat <<EOF\n",     "EOF\n",                   "%labels\r\n",            "    Author me\r\n",
    "  %runscript\n",      "%help\n",                 "    echo {{ TAG }}\n",    "Include: x\n",
};

// Inserts or deletes whole lines, or replaces a line by another: edits that add and remove
// stage and section boundaries.
std::string line_edit(const std::string& text, std::mt19937& rng) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
    std::size_t line = rng() % starts.size();
    std::size_t begin = text.empty() ? 0 : starts[line];
    std::size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
    const std::string& insert = kLines[rng() % kLines.size()];
    switch (rng() % 4) {
    case 0: return text.substr(0, begin) + insert + text.substr(begin);                  // insert before
    case 1: return text.substr(0, begin) + text.substr(end);                             // delete
    case 2: return text.substr(0, begin) + insert + text.substr(end);                    // replace
    default: return text.substr(0, end) + insert + text.substr(end);                     // insert after
    }
}

// The analyzer is told how the text changed (the server: the union of the edits since); here
// the difference of the two texts.
Result analyze_edit(Analyzer& analyzer, const std::string& before, const std::string& after) {
    TextChange change = diff_texts(before, after);
    return analyzer.analyze(after, {}, &change);
}

void random_edits(const std::string& start, unsigned seed, int edits) {
    std::mt19937 rng(seed);
    Analyzer analyzer;
    std::string text = start;
    Result last = analyzer.analyze(text);
    require_same(last, analyze_definition(text));
    for (int i = 0; i < edits; ++i) {
        // One or two edits between analyses, told as the server tells them (the union of the
        // edits, wider than what differs when the second undoes part of the first), or every
        // fourth time not told (the analyzer then parses the text whole).
        EditedSpan span(text.size());
        for (int n = 1 + i % 2; n > 0; --n) {
            std::size_t pos = text.empty() ? 0 : rng() % (text.size() + 1);
            std::size_t len = std::min<std::size_t>(rng() % 8, text.size() - pos);
            std::string insert = (rng() % 3 == 0) ? std::string() : kSnippets[rng() % kSnippets.size()];
            text = apply_edit(text, TextEdit{{static_cast<Offset>(pos), static_cast<Offset>(pos + len)}, insert});
            span.replace(pos, pos + len, insert.size());
        }
        const TextChange* change = i % 4 == 1 ? nullptr : &span.change();
        INFO("seed " << seed << " edit " << i);
        // Two edits in three hand the last result's facts back, as the server does; the result
        // itself is dropped first (the tree is then edited in place).
        ContainerFacts facts = i % 3 != 2 ? std::move(last.facts) : ContainerFacts{};
        last = Result{};
        last = analyzer.analyze(text, std::move(facts), change);
        require_same(last, analyze_definition(text));
    }
}

// Whole-line edits; with `hold`, the previous result is kept alive while the next is computed
// (the analyzer then copies the tree instead of editing it in place).
void random_line_edits(const std::string& start, unsigned seed, int edits, bool hold) {
    std::mt19937 rng(seed);
    Analyzer analyzer;
    std::string text = start;
    Result previous = analyzer.analyze(text);
    require_same(previous, analyze_definition(text));
    for (int i = 0; i < edits; ++i) {
        std::string before = text;
        text = line_edit(text, rng);
        INFO("seed " << seed << " edit " << i << " text:\n" << text);
        // The last facts handed back: a copy while the result is held, else the result's own.
        ContainerFacts facts = hold ? ContainerFacts(previous.facts) : std::move(previous.facts);
        if (!hold) previous = Result{};
        TextChange change = diff_texts(before, text);
        Result next = analyzer.analyze(text, std::move(facts), &change);
        require_same(next, analyze_definition(text));
        previous = std::move(next);
    }
}

using cdls::test::read_file;

} // namespace

TEST_CASE("incremental analysis equals a fresh one over random edits of own cases") {
    std::vector<std::string> cases{
        "",
        "Bootstrap: docker\nFrom: python:3.12\n\n%files\n    a.py /opt\n\n%post\n    pip install numpy==1.26.4\n",
        "Bootstrap: docker\nFrom: {{ IMG }}\nStage: build\n%arguments\n    IMG=golang:1.22\n%post\n"
        "    cat <<EOF > x\n%notasection\nEOF\nBootstrap: docker\nFrom: alpine:3.19\n%files from build\n"
        "    /x /x\n%labels\n    Author me\n%help\n    help\n%test\n    true\n",
        "# only comments\r\n\r\n%help\r\nHello\r\n%appinstall tool\r\n  make\r\n",
    };
    unsigned seed = 1;
    for (const std::string& c : cases) random_edits(c, seed++, 150);
}

TEST_CASE("incremental analysis equals a fresh one over whole-line edits") {
    std::vector<std::string> cases{
        "",
        "Bootstrap: docker\nFrom: alpine:3.19\n%post\n    echo\n%help\n    h\n",
        "\xEF\xBB\xBF" "Bootstrap: docker\r\nFrom: a:1\r\n%post\r\n  x\r\n%runscript\r\n  y\r\n",
        "# lead\n%post\n  x\nBootstrap: docker\nFrom: {{ TAG }}\n%arguments\nTAG=1\n%files from a\n  /x /y\n"
        "Bootstrap: docker\nStage: b\n%labels\n  A b\n%test\n  true",
    };
    unsigned seed = 500;
    for (const std::string& c : cases) {
        random_line_edits(c, seed++, 200, false);
        random_line_edits(c, seed++, 60, true);
    }
}

TEST_CASE("incremental analysis equals a fresh one at the edges of the text") {
    const std::string base = "Bootstrap: docker\nFrom: a:1\n%post\n    echo one\n%help\n    help\n"
                             "Bootstrap: docker\nFrom: b:2\n%files from x\n    /a /b\n%test\n    true\n";
    // Each edit applies to the text the previous one left.
    const std::vector<TextEdit> edits{
        {{0, 0}, "\xEF\xBB\xBF"},              // a byte order mark appears
        {{3, 3}, "# first\n"},                   // a line after it, before the first stage
        {{0, 3}, ""},                             // the mark goes
        {{0, 8}, ""},                             // the first line goes: the stage starts at once
        {{0, 0}, "%post\n  x\n"},                // a section before any bootstrap line
        {{0, 0}, "\r\n"},
        {{2, 2}, "Bootstrap: docker\r\n"},       // a stage at the second line
    };
    Analyzer analyzer;
    std::string text = base;
    require_same(analyzer.analyze(text), analyze_definition(text));
    std::string told = text; // the text of the last analysis
    auto again = [&] {
        Result r = analyze_edit(analyzer, told, text);
        told = text;
        return r;
    };
    for (const TextEdit& edit : edits) {
        text = apply_edit(text, edit);
        INFO(text);
        require_same(again(), analyze_definition(text));
    }
    // Appending at the end, inside the last line, then deleting the last line's break.
    for (std::string tail : {"    more\n", "x", "\n%runscript", "\n"}) {
        text += tail;
        require_same(again(), analyze_definition(text));
    }
    text.pop_back();
    require_same(again(), analyze_definition(text));
    // Deleting everything, then typing again.
    text.clear();
    require_same(again(), analyze_definition(text));
    for (char c : std::string("Bootstrap: x\n%post\n")) {
        text += c;
        require_same(again(), analyze_definition(text));
    }
    text = base;
    require_same(again(), analyze_definition(text));
    text = "\xEF\xBB\xBF";
    require_same(again(), analyze_definition(text));
}

TEST_CASE("incremental analysis equals a fresh one over random edits of corpus files") {
    fs::path dir = fs::path(CDLS_SHARED_DIR) / "corpus" / "def";
    if (!fs::exists(dir)) {
        WARN("incremental corpus test skipped: ../shared not found");
        return;
    }
    std::vector<std::string> names{
        "apptainer__apptainer__test__build-args__multiple-stage.def",
        "apptainer__apptainer__pkg__build__types__parser__testdata_good__apps__apps",
        "apptainer__apptainer__examples__multistage__Apptainer",
        "apptainer__apptainer__pkg__build__types__parser__testdata_good__noheadercomments__noheadercomments",
    };
    unsigned seed = 100;
    int used = 0;
    for (const std::string& name : names) {
        if (!fs::exists(dir / name)) continue;
        random_edits(read_file(dir / name), seed++, 120);
        ++used;
    }
    CHECK(used >= 3);
}

TEST_CASE("an edit inside one section re-parses only that section") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%post\n    echo one\n%runscript\n    run\n%help\n    help\n";
    Analyzer analyzer;
    analyzer.analyze(text);
    CHECK(analyzer.last_parsed_blocks() == 4); // header + 3 sections
    std::string edited = text;
    edited.insert(text.find("one") + 3, " two");
    Result r = analyze_edit(analyzer, text, edited);
    CHECK(analyzer.last_parsed_blocks() == 1);
    require_same(r, analyze_definition(edited));
    // Inserting lines above shifts the later blocks without re-parsing them.
    std::string shifted = "# new first line\n" + edited;
    r = analyze_edit(analyzer, edited, shifted);
    CHECK(analyzer.last_parsed_blocks() == 1);
    require_same(r, analyze_definition(shifted));
    analyze_edit(analyzer, shifted, shifted);
    CHECK(analyzer.last_parsed_blocks() == 0);
    // Without being told the change, the analyzer parses the text whole (the comment line
    // before the bootstrap line is a block of its own).
    analyzer.analyze(shifted);
    CHECK(analyzer.last_parsed_blocks() == 5);
}

TEST_CASE("an edit re-parses the blocks it touches, not the rest of the file") {
    std::string stage = "Bootstrap: docker\nFrom: a:1\n%post\n    echo one\n%runscript\n    run\n%help\n    help\n";
    std::string text;
    for (int i = 0; i < 50; ++i) text += stage;
    Analyzer analyzer;
    analyzer.analyze(text);
    CHECK(analyzer.last_parsed_blocks() == 200);
    std::string before = text;
    // Typing in a body, in the middle of the file.
    std::size_t middle = text.find("echo one", text.size() / 2) + 4;
    text.insert(middle, "x");
    require_same(analyze_edit(analyzer, before, text), analyze_definition(text));
    CHECK(analyzer.last_parsed_blocks() == 1);
    // A section line typed into a body splits the section: the two halves are parsed.
    before = text;
    text.insert(text.find('\n', middle) + 1, "%test\n");
    require_same(analyze_edit(analyzer, before, text), analyze_definition(text));
    CHECK(analyzer.last_parsed_blocks() == 2);
    // A bootstrap line starts a stage in the middle of a stage: the section before it and the
    // new header are parsed; the sections after it move to the new stage as they are.
    before = text;
    std::size_t runscript = text.find("%runscript", middle);
    text.insert(runscript, "Bootstrap: docker\n");
    require_same(analyze_edit(analyzer, before, text), analyze_definition(text));
    CHECK(analyzer.last_parsed_blocks() == 2);
    // Removing it again joins the stages.
    before = text;
    text.erase(runscript, 18);
    require_same(analyze_edit(analyzer, before, text), analyze_definition(text));
    CHECK(analyzer.last_parsed_blocks() == 1);
}

TEST_CASE("the suggestion memo answers as nearest() does, per candidate list") {
    const std::vector<std::string_view> sections{"post", "help", "test"};
    const std::vector<std::string_view> keys{"From", "Stage"};
    SuggestionMemo memo;
    for (int call = 0; call < 3; ++call) {
        CHECK(memo.nearest("sections", "pots", sections) == nearest("pots", sections));
        CHECK(memo.nearest("sections", "Frm", sections) == nearest("Frm", sections));
        CHECK(memo.nearest("keys", "Frm", keys) == std::optional<std::string>("From"));
        CHECK(memo.nearest("keys", "zzzzzz", keys) == std::nullopt);
        memo.finish();
    }
}

TEST_CASE("per-stage findings of untouched stages move with their stage") {
    // Stage 2 has findings with fixes (unused argument: delete its line; bad -c: add a shell);
    // typing in stage 1 moves them, a stage inserted before them keeps them.
    std::string text = "Bootstrap: docker\nFrom: a:1\n%post\n    echo one\n"
                       "Bootstrap: docker\nFrm: b\n%arguments\n    UNUSED=1\n%post -c\n    x\n%sections\n";
    Analyzer analyzer;
    Result r = analyzer.analyze(text);
    require_same(r, analyze_definition(text));
    CHECK(r.diagnostics.size() >= 4);
    std::string told = text; // the text of the last analysis
    auto again = [&] {
        Result next = analyze_edit(analyzer, told, text);
        told = text;
        return next;
    };
    for (std::string typed : {"x", "yz", "\n"}) {
        text.insert(text.find("one") + 3, typed);
        require_same(again(), analyze_definition(text));
    }
    text.erase(text.find("one"), 8);
    require_same(again(), analyze_definition(text));
    text.insert(0, "Bootstrap: localimage\n");
    require_same(again(), analyze_definition(text));
    text.insert(text.find("%arguments"), "Bootstrap: docker\nFrom: c:3\n");
    require_same(again(), analyze_definition(text));
}
