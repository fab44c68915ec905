// The analysis that patches the last result (DocumentAnalyzer::patch) against a fresh analysis
// of the same text: after every keystroke of typing runs, deletions and pasted snippets (new
// stages, pragmas, secrets, flags, sections), as the server drives it (line index, edits
// since, last result handed back), the diagnostics must be equal. The patch must also be what
// runs for most keystrokes, or the comparison proves nothing.
#include "analysis/core/line_index.hpp"
#include "analysis/core/text_diff.hpp"
#include "analysis/document_analysis.hpp"
#include "tests/unit/support/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace cdls;

namespace {

constexpr std::string_view kDockerfile = R"(# syntax=docker/dockerfile:1
ARG BASE=debian:12
FROM python:3.12 AS build
# cdls-ignore: apt-unpinned
RUN apt-get update && apt-get install -y curl git \
    make
ENV API_TOKEN=sk_live_abcdefghijklmnop123456
RUN pip install numpy requests==2.31.0
COPY data/input.csv /data/
COPY ~/.bashrc /root/.bashrc
# hadolint ignore=DL3008
RUN apt-get install -y wget

FROM debian:latest AS final
COPY --from=build /app /app
COPY --from=buidl /x /x
RUN --mount=type=cache,from=build,target=/root/.cache pip install pandas
LABEL maintainer="someone"
# cdls-ignore: pip-unpinned
RUN echo "export PATH=/x:$PATH" >> ~/.bashrc && \
    curl -fsSL https://example.com/tool.tar.gz -o tool.tar.gz
FROM final AS final
WORKDIR relative
)";

constexpr std::string_view kDefinition = R"(Bootstrap: docker
From: python:3.12

%arguments
    VERSION=1.0

%files
    data/input.csv /data/
    ~/.ssh/config /root/.ssh/config

%environment
    export API_KEY=abcdefghijklmnopqrstuvwx
    export PATH=/opt/bin:$PATH

%post
    # cdls-ignore: apt-unpinned
    apt-get update && apt-get install -y curl git
    pip install numpy scipy==1.11.0
    echo "export X=1" >> ~/.bashrc
    wget https://example.com/{{ VERSION }}/tool.tar.gz
    git clone https://github.com/org/repo.git

%labels
    Author someone

Bootstrap: docker
From: ubuntu
Stage: final

%files from build
    /app /app

%post
    conda install -y pandas
    npm install -g left-pad

%help
    A test image.
)";

constexpr std::string_view kSnippets[] = {
    "a", " ", "\n", "=", "-", "1.2", "\\\n", "#", "\"", "%", "{{ X }}",
    "\n# cdls-ignore: pip-unpinned\n", "\n# cdls-ignore-file: apt-unpinned\n", "\n# hadolint ignore=DL3013\n",
    "\nRUN pip install flask\n", "\nFROM alpine:3 AS extra\n", " --from=final ", " --mount=from=nowhere ",
    "\nENV SECRET_KEY=abcdef0123456789abcdef\n", "\nLABEL org.opencontainers.image.source=https://x/y\n",
    "\nBootstrap: docker\nFrom: alpine\n", "\n%post\n    apt-get install -y vim\n", "\n%test\n    true\n",
    "\n    org.opencontainers.image.source https://x/y\n", "\nStage: build\n", "AKIAIOSFODNN7EXAMPLE",
};

using cdls::test::read_file;

struct Run {
    std::size_t steps = 0, patched = 0;
};

// Edits `text` step by step as an editor would, comparing each analysis with a fresh one.
Run edit_and_compare(DocumentKind kind, std::string text, const AnalysisSettings& settings, std::mt19937& random,
                     int steps, std::string_view name) {
    Run run;
    DocumentAnalyzer analyzer(kind);
    auto lines = std::make_shared<LineIndex>(text);
    AnalysisResult result = analyzer.analyze(text, settings, lines.get());
    std::size_t typing_at = std::string::npos; // a run of typed characters goes on here
    for (int step = 0; step < steps; ++step) {
        const std::size_t old_size = text.size();
        std::size_t begin = 0, end = 0;
        std::string inserted;
        const unsigned pick = random() % 10;
        if (typing_at != std::string::npos && typing_at <= text.size() && pick < 6) {
            begin = end = typing_at;
            inserted = std::string(1, "abcxyz019 =-._/"[random() % 15]);
        } else if (pick < 8) {
            // A new typing run, at the end of a random line (where people type) or anywhere.
            begin = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
            if (random() % 2) {
                std::size_t nl = text.find('\n', begin);
                begin = nl == std::string::npos ? text.size() : nl;
            }
            end = begin;
            if (random() % 4 == 0 && begin < text.size()) end = begin + 1; // a deletion or a replacement
            inserted = random() % 3 == 0 ? std::string() : std::string(1, "qwe rty=\n"[random() % 9]);
        } else {
            begin = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
            end = std::min(text.size(), begin + random() % 4);
            inserted = std::string(kSnippets[random() % std::size(kSnippets)]);
        }
        text.replace(begin, end - begin, inserted);
        typing_at = begin + inserted.size();
        EditedSpan span(old_size);
        span.replace(begin, end, inserted.size());
        lines = std::make_shared<LineIndex>(text);
        // Now and then a feature still holds the last result: it does not come back.
        if (random() % 16 != 0) analyzer.recycle(std::move(result));
        result = analyzer.analyze(text, settings, lines.get(), &span.change());
        run.patched += analyzer.patched() ? 1 : 0;
        ++run.steps;
        AnalysisResult fresh = analyze_text(kind, text, settings);
        INFO(name << ", step " << step << ": [" << begin << ", " << end << ") replaced by '" << inserted
                  << "', patched: " << analyzer.patched() << "\n" << text);
        REQUIRE(result.diagnostics.size() == fresh.diagnostics.size());
        for (std::size_t i = 0; i < fresh.diagnostics.size(); ++i) {
            INFO("diagnostic " << i << ": " << fresh.diagnostics[i].rule << " at " << fresh.diagnostics[i].range.begin
                               << " / " << result.diagnostics[i].rule << " at " << result.diagnostics[i].range.begin);
            REQUIRE(result.diagnostics[i] == fresh.diagnostics[i]);
        }
    }
    return run;
}

std::vector<AnalysisSettings> settings_variants() {
    std::vector<AnalysisSettings> variants(3);
    variants[1].overrides["apt-unpinned"] = Severity::Error;
    variants[1].overrides["pip-unpinned"] = std::nullopt;
    variants[2].overrides["unused-suppression"] = std::nullopt;
    return variants;
}

} // namespace

TEST_CASE("patched analysis equals a fresh one while typing (built-in files)", "[analysis][incremental]") {
    std::mt19937 random(20261206);
    for (const AnalysisSettings& settings : settings_variants()) {
        for (auto [kind, text] : {std::pair{DocumentKind::Dockerfile, kDockerfile},
                                  std::pair{DocumentKind::Definition, kDefinition}}) {
            Run total;
            for (int round = 0; round < 12; ++round) {
                Run run = edit_and_compare(kind, std::string(text), settings, random, 60,
                                           kind == DocumentKind::Dockerfile ? "Dockerfile" : "definition");
                total.steps += run.steps;
                total.patched += run.patched;
            }
            // Most keystrokes stay inside one instruction or stage and are patched.
            CHECK(total.patched * 2 > total.steps);
        }
    }
}

TEST_CASE("patched analysis equals a fresh one while typing (shared corpus)", "[analysis][incremental][corpus]") {
    const fs::path corpus = fs::path(CDLS_SHARED_DIR) / "corpus";
    if (!fs::exists(corpus)) {
        WARN("no shared corpus at " << corpus.string() << " (a user's clone has none): skipped");
        return;
    }
    std::mt19937 random(7);
    Run total;
    for (const char* folder : {"def", "def-invalid", "def-from-docs", "dockerfile", "dockerfile-invalid"}) {
        if (!fs::exists(corpus / folder)) continue;
        const DocumentKind kind =
            std::string_view(folder).starts_with("def") ? DocumentKind::Definition : DocumentKind::Dockerfile;
        for (const auto& entry : fs::directory_iterator(corpus / folder)) {
            if (!entry.is_regular_file()) continue;
            std::string text = read_file(entry.path());
            if (text.size() > 200000) continue; // the huge ones are the stress tests' business
            Run run = edit_and_compare(kind, std::move(text), {}, random, 12,
                                       std::string(folder) + "/" + entry.path().filename().string());
            total.steps += run.steps;
            total.patched += run.patched;
        }
    }
    CHECK(total.steps > 2000);
    CHECK(total.patched * 2 > total.steps);
}
