// Formatting: header keys and spacing, section headers, blank lines, indentation, trailing
// whitespace; heredocs, strings and continuations left as they mean; Dockerfile keywords.
#include "analysis/features/formatting.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::features;

namespace {

std::string format(DocumentKind kind, const std::string& text, FormattingOptions options = {}) {
    AnalysisResult result = analyze_text(kind, text);
    std::string out = apply_edits(text, format_document(result, text, options));
    // Formatting twice changes nothing more.
    AnalysisResult again = analyze_text(kind, out);
    CHECK(format_document(again, out, options).empty());
    return out;
}

std::string format_def(const std::string& text, FormattingOptions options = {}) {
    return format(DocumentKind::Definition, text, options);
}

} // namespace

TEST_CASE("formatting: header keys get their canonical case and `Key: value` spacing") {
    CHECK(format_def("bootstrap :docker\nFROM:   ubuntu:22.04\nosversion:jammy\n") ==
          "Bootstrap: docker\nFrom: ubuntu:22.04\nOSVersion: jammy\n");
    CHECK(format_def("Bootstrap: docker\nmirrorurl:  http://x  # mirror\n") ==
          "Bootstrap: docker\nMirrorURL: http://x  # mirror\n");
    // Unknown keys keep their spelling; a key without a value keeps its colon.
    CHECK(format_def("Bootstrap: docker\nFrom:\nMyKey:  v\n") == "Bootstrap: docker\nFrom:\nMyKey: v\n");
}

TEST_CASE("formatting: an already formatted file is left alone") {
    std::string text = "Bootstrap: docker\nFrom: python:3.12\n\n%post\n    pip install numpy==1.26.4\n\n"
                       "%labels\n    Author me\n";
    AnalysisResult result = analyze_text(DocumentKind::Definition, text);
    CHECK(format_document(result, text).empty());
}

TEST_CASE("formatting: section headers and one blank line between sections") {
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n%files   from   build\n    a b\n\n\n\n%post\n    x\n%test\n    y\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%files from build\n    a b\n\n%post\n    x\n\n%test\n    y\n");
    // A comment right above a section belongs to it: no blank line is forced between them.
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%post\n    x\n# run it\n%runscript\n    y\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    x\n# run it\n%runscript\n    y\n");
    // Stages are separated by one blank line too; trailing blank lines go; a final newline comes.
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\nStage: one\n%post\n    x\nBootstrap: docker\nFrom: b:1\n\n\n") ==
          "Bootstrap: docker\nFrom: a:1\nStage: one\n\n%post\n    x\n\nBootstrap: docker\nFrom: b:1\n");
    CHECK(format_def("Bootstrap: docker\nFrom: a:1") == "Bootstrap: docker\nFrom: a:1\n");
}

TEST_CASE("formatting: script bodies are indented to the width, keeping their nesting") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n\n%post\n  if true; then\n    echo a\n  fi\n";
    CHECK(format_def(text) == "Bootstrap: docker\nFrom: a:1\n\n%post\n    if true; then\n      echo a\n    fi\n");
    CHECK(format_def(text, {2, false}) == text);
    CHECK(format_def(text, {4, true}) == "Bootstrap: docker\nFrom: a:1\n\n%post\n\tif true; then\n\t  echo a\n\tfi\n");
    // Flat sections (labels, files, arguments): every line at one level.
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%labels\nAuthor me\n      Version 1\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%labels\n    Author me\n    Version 1\n");
}

TEST_CASE("formatting: heredocs, multi-line strings and escaped blanks keep their bytes") {
    std::string heredoc = "Bootstrap: docker\nFrom: a:1\n\n%post\n  cat > /f <<EOF\n  keep   \n   this\nEOF\n  echo ok\n";
    CHECK(format_def(heredoc) ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    cat > /f <<EOF\n  keep   \n   this\nEOF\n    echo ok\n");
    std::string quoted = "Bootstrap: docker\nFrom: a:1\n\n%post\n  echo \"one   \n  two\"\n";
    CHECK(format_def(quoted) == "Bootstrap: docker\nFrom: a:1\n\n%post\n    echo \"one   \n  two\"\n");
    // `foo\` + `bar` is one word: indenting `bar` would split it.
    std::string joined = "Bootstrap: docker\nFrom: a:1\n\n%post\n  echo foo\\\nbar\n";
    CHECK(format_def(joined) == "Bootstrap: docker\nFrom: a:1\n\n%post\n    echo foo\\\nbar\n");
    // A blank after `\` is escaped: removing it would join the lines.
    std::string escaped = "Bootstrap: docker\nFrom: a:1\n\n%post\n    echo a\\ \n    echo b   \n";
    CHECK(format_def(escaped) == "Bootstrap: docker\nFrom: a:1\n\n%post\n    echo a\\ \n    echo b\n");
}

TEST_CASE("formatting: comments follow the code's level") {
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%post\n# top\n  x\n      # deeper\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    # top\n    x\n        # deeper\n");
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%post\n  x\n  # last\n\n\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    x\n    # last\n");
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%post\n  # only\n    # comments\n\n%test\n  true\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    # only\n      # comments\n\n%test\n    true\n");
    // Comments right above the next section header stay where they are.
    CHECK(format_def("Bootstrap: docker\nFrom: a:1\n\n%post\n  x\n# for the test\n%test\n  true\n") ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    x\n# for the test\n%test\n    true\n");
}

TEST_CASE("formatting: continuation lines keep their relative indentation") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n\n%post\n apt-get install -y \\\n     curl \\\n     git\n";
    CHECK(format_def(text) ==
          "Bootstrap: docker\nFrom: a:1\n\n%post\n    apt-get install -y \\\n        curl \\\n        git\n");
}

TEST_CASE("formatting: non-shell bodies and %help keep their layout") {
    std::string python = "Bootstrap: docker\nFrom: a:1\n\n%post -c /usr/bin/python3\nif True:\n  print(1)\n";
    CHECK(format_def(python) == python);
    std::string help = "Bootstrap: docker\nFrom: a:1\n\n%help\n  Usage:\n      run it\n";
    CHECK(format_def(help) == help);
}

TEST_CASE("formatting: CRLF files keep CRLF") {
    CHECK(format_def("Bootstrap: docker\r\nfrom:a:1\r\n%post\r\n  x  \r\n") ==
          "Bootstrap: docker\r\nFrom: a:1\r\n\r\n%post\r\n    x\r\n");
}

TEST_CASE("formatting: range formatting edits only the lines of the range") {
    std::string text = "bootstrap: docker\nfrom: a:1\n\n%post\n  x\n";
    AnalysisResult result = analyze_text(DocumentKind::Definition, text);
    auto edits = format_range(result, text, {18, 20}); // on the `from` line
    CHECK(apply_edits(text, edits) == "bootstrap: docker\nFrom: a:1\n\n%post\n  x\n");
}

TEST_CASE("formatting: Dockerfiles get upper-case keywords and no trailing blanks") {
    CHECK(format(DocumentKind::Dockerfile, "from alpine:3.19 as build   \nrun echo hi \\  \n  && echo there\n"
                                           "onbuild run x\n") ==
          "FROM alpine:3.19 as build\nRUN echo hi \\  \n  && echo there\nONBUILD RUN x\n");
    std::string heredoc = "FROM alpine:3.19\nRUN <<EOF\necho hi   \nEOF\n";
    CHECK(format(DocumentKind::Dockerfile, heredoc) == heredoc);
    // The legacy ENV form keeps the whole rest of the line.
    std::string legacy = "FROM alpine:3.19\nENV A b  \n";
    CHECK(format(DocumentKind::Dockerfile, legacy) == legacy);
}
