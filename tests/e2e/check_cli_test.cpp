// End to end: `cdls check` — formats, exit codes, fixes, configuration, suppressions, order.
#include "run_command.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace cdls::test;
using json = nlohmann::json;

namespace {

const std::string seed = "Bootstrap: docker\nFrom: python:latest\n\n%files\n    summation.py /opt\n\n%runscript\n"
                         "    echo \"Got arguments: $*\"\n    exec python /opt/summation.py \"$@\"\n\n%post\n"
                         "    pip install numpy\n";

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("check prints file:line:col: severity: message [rule] and exits 0 on warnings") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    auto r = run_cdls({"check", file});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(file + ":2:14: warning: ") != std::string::npos);
    CHECK(r.out.find("[image-latest-tag]") != std::string::npos);
    CHECK(r.out.find(file + ":12:17: warning: ") != std::string::npos);
    CHECK(r.out.find("[pip-unpinned]") != std::string::npos);
    CHECK(r.out.find("\033[") == std::string::npos); // not a terminal: no colour
}

TEST_CASE("fail-on and rule options change the exit code") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    CHECK(run_cdls({"check", "--fail-on", "warning", file}).exit_code == 1);
    CHECK(run_cdls({"check", "--rule", "pip-unpinned=error", file}).exit_code == 1);
    auto off = run_cdls({"check", "--rule", "pip-unpinned=off", file});
    CHECK(off.out.find("pip-unpinned") == std::string::npos);
    CHECK(run_cdls({"check", "--rule", "no-such-rule=error", file}).exit_code == 2);
    CHECK(run_cdls({"check", "--format", "yaml", file}).exit_code == 2);
    CHECK(run_cdls({"check"}).exit_code == 2);
}

TEST_CASE("json output follows its documented schema") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    auto r = run_cdls({"check", "--format", "json", file});
    json doc = json::parse(r.out);
    CHECK(doc["version"] == 1);
    CHECK(doc["tool"]["name"] == "cdls");
    REQUIRE(doc["files"].size() == 1);
    const json& f = doc["files"][0];
    CHECK(f["path"] == file);
    bool latest = false;
    for (const auto& d : f["diagnostics"]) {
        for (const char* key : {"rule", "severity", "message", "start", "end", "fixes"}) CHECK(d.contains(key));
        CHECK(d["start"]["line"].is_number_integer());
        if (d["rule"] == "image-latest-tag") {
            latest = true;
            CHECK(d["start"] == json{{"line", 2}, {"column", 14}});
            CHECK_FALSE(d["fixes"].empty());
        }
    }
    CHECK(latest);
    CHECK(doc["summary"]["warning"] == 2);
}

TEST_CASE("sarif output has the required 2.1.0 structure with rules and fixes") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    auto r = run_cdls({"check", "--format", "sarif", file});
    json doc = json::parse(r.out);
    CHECK(doc["version"] == "2.1.0");
    CHECK(doc["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    REQUIRE(doc["runs"].size() == 1);
    const json& run = doc["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    CHECK(run["tool"]["driver"]["name"] == "cdls");
    REQUIRE(rules.size() > 30);
    for (const auto& rule : rules) {
        CHECK(rule["id"].is_string());
        CHECK(rule["shortDescription"]["text"].is_string());
        CHECK(rule["helpUri"].get<std::string>().rfind("https://", 0) == 0);
        CHECK(rule["defaultConfiguration"]["level"].is_string());
    }
    bool fixed = false;
    for (const auto& result : run["results"]) {
        CHECK(result["ruleId"].is_string());
        CHECK(rules[result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);
        CHECK(result["message"]["text"].is_string());
        const json& loc = result["locations"][0]["physicalLocation"];
        CHECK(loc["artifactLocation"]["uri"] == file);
        CHECK(loc["region"]["startLine"].is_number_integer());
        CHECK(loc["region"]["startColumn"].is_number_integer());
        if (result["ruleId"] == "image-latest-tag") {
            REQUIRE(result.contains("fixes"));
            const json& replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0];
            CHECK(replacement["deletedRegion"]["startLine"] == 2);
            CHECK(replacement["insertedContent"]["text"].get<std::string>().find("3.") == 0);
            fixed = true;
        }
    }
    CHECK(fixed);
}

TEST_CASE("github checkstyle and junit formats") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    auto gh = run_cdls({"check", "--format", "github", file});
    CHECK(gh.out.find("::warning file=" + file + ",line=2,col=14,") != std::string::npos);
    CHECK(gh.out.find("::notice file=") != std::string::npos); // hints become notices
    auto cs = run_cdls({"check", "--format", "checkstyle", file});
    CHECK(cs.out.find("<checkstyle version=\"4.3\">") != std::string::npos);
    CHECK(cs.out.find("source=\"cdls.image-latest-tag\"") != std::string::npos);
    auto ju = run_cdls({"check", "--format", "junit", "--fail-on", "warning", file});
    CHECK(ju.out.find("<testsuite name=\"cdls\" tests=\"1\" failures=\"1\"") != std::string::npos);
    CHECK(ju.exit_code == 1);
}

TEST_CASE("fix pins the seed example base image and dry-run only prints the diff") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    auto dry = run_cdls({"check", "--fix", "--dry-run", file});
    CHECK(dry.out.find("-From: python:latest") != std::string::npos);
    CHECK(dry.out.find("+From: python:3.") != std::string::npos);
    CHECK(dir.read("seed.def") == seed);
    auto fixed = run_cdls({"check", "--fix", file});
    std::string after = dir.read("seed.def");
    CHECK(after.find("From: python:3.") != std::string::npos);
    CHECK(after.find("python:latest") == std::string::npos);
    CHECK(fixed.out.find("image-latest-tag") == std::string::npos); // reported after fixing
    CHECK(fixed.err.find("applied 1 fix") != std::string::npos);
}

TEST_CASE("the nearest .cdls.json applies and --config overrides it") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/repo/.git");
    dir.write("repo/.cdls.json", "// comments are allowed\n{ \"rules\": { \"apt-unpinned\": \"error\" } }\n");
    std::string file = dir.write("repo/sub/apt.def", "Bootstrap: docker\nFrom: ubuntu:noble-20260810\n\n%post\n"
                                                     "    apt-get install -y curl\n");
    auto r = run_cdls({"check", file});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("error: ") != std::string::npos);
    CHECK(r.out.find("[apt-unpinned]") != std::string::npos);
    std::string other = dir.write("other.json", "{ \"rules\": { \"apt-unpinned\": \"off\" } }");
    auto overridden = run_cdls({"check", "--config", other, file});
    CHECK(overridden.exit_code == 0);
    CHECK(overridden.out.find("apt-unpinned") == std::string::npos);
    CHECK(run_cdls({"check", "--config", dir.path() + "/missing.json", file}).exit_code == 2);
}

TEST_CASE("configuration errors name the file and exit 2") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    std::string config = dir.write(".cdls.json", "{ \"rulez\": {}, \"failOn\": 3, \"rules\": { \"nope\": \"error\" } }");
    std::string file = dir.write("a.def", seed);
    auto r = run_cdls({"check", file});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(config) != std::string::npos);
    CHECK(r.err.find("unknown key `rulez`") != std::string::npos);
    CHECK(r.err.find("failOn") != std::string::npos);
    CHECK(r.err.find("unknown rule `nope`") != std::string::npos);
    dir.write(".cdls.json", "{ broken");
    CHECK(run_cdls({"check", file}).exit_code == 2);
}

TEST_CASE("ignorePaths skips files found in folders") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    dir.write(".cdls.json", "{ \"ignorePaths\": [\"vendor/**\"] }");
    dir.write("vendor/x/Dockerfile", "FROM python\n");
    dir.write("app/Dockerfile", "FROM python\n");
    auto r = run_cdls({"check", dir.path()});
    CHECK(r.out.find("app/Dockerfile") != std::string::npos);
    CHECK(r.out.find("vendor") == std::string::npos);
}

TEST_CASE("trusted registries and data extensions from the configuration") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/.git");
    dir.write(".cdls.json", "{ \"trustedRegistries\": [\"docker.io\"], \"dataExtensions\": [\"zarr\"] }");
    std::string file = dir.write("Dockerfile", "FROM quay.io/biocontainers/samtools:1.19--h50ea8bc_0\n"
                                               "COPY cells.zarr /data/cells.zarr\n"
                                               "FROM python:3.12.4-slim-bookworm\n");
    auto r = run_cdls({"check", file});
    CHECK(r.exit_code == 1);
    CHECK(count(r.out, "[image-untrusted-registry]") == 1);
    CHECK(r.out.find("[data-in-image]") != std::string::npos);
}

TEST_CASE("suppressions silence rules and unused ones are reported") {
    TempDir dir;
    std::string file = dir.write("Dockerfile", "# hadolint ignore=DL3007\nFROM python:latest\n"
                                               "# cdls-ignore: pip-unpinned\nRUN pip install numpy\n"
                                               "# cdls-ignore: apk-unpinned\nRUN echo hi\n");
    auto r = run_cdls({"check", file});
    CHECK(r.out.find("[image-latest-tag]") == std::string::npos);
    CHECK(r.out.find("[pip-unpinned]") == std::string::npos);
    CHECK(count(r.out, "[unused-suppression]") == 1);
}

TEST_CASE("folders are checked in parallel with a stable order") {
    TempDir dir;
    for (int i = 0; i < 40; ++i) {
        dir.write("d" + std::to_string(i % 7) + "/Dockerfile." + std::to_string(i), "FROM python\nRUN pip install x" + std::to_string(i) + "\n");
        dir.write("d" + std::to_string(i % 5) + "/r" + std::to_string(i) + ".def", seed);
    }
    auto first = run_cdls({"check", "--jobs", "4", dir.path()});
    for (int round = 0; round < 3; ++round) CHECK(run_cdls({"check", "--jobs", "4", dir.path()}).out == first.out);
    CHECK(run_cdls({"check", "--jobs", "1", dir.path()}).out == first.out);
    CHECK(count(first.out, "[pip-unpinned]") == 80);
}

TEST_CASE("standard input binary files and invalid UTF-8") {
    auto stdin_run = run_cdls({"check", "-"}, "FROM python\n");
    CHECK(stdin_run.out.find("<stdin>:1:6: warning:") != std::string::npos);
    auto kind = run_cdls({"check", "--kind", "definition", "-"}, seed);
    CHECK(kind.out.find("[pip-unpinned]") != std::string::npos);
    TempDir dir;
    std::string binary = dir.write("bin.def", std::string("\x7f" "ELF\0\0\0", 7));
    std::string latin1 = dir.write("latin1.def", "Bootstrap: docker\nFrom: caf\xe9:1.0.0\n");
    std::string good = dir.write("good.def", seed);
    auto r = run_cdls({"check", binary, latin1, good});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("bin.def: binary file") != std::string::npos);
    CHECK(r.err.find("latin1.def: not valid UTF-8") != std::string::npos);
    CHECK(r.out.find("good.def:2:14") != std::string::npos); // the rest is still checked
    CHECK(run_cdls({"check", dir.path() + "/missing.def"}).exit_code == 2);
}

TEST_CASE("list-rules and explain") {
    auto list = run_cdls({"check", "--list-rules"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("image-latest-tag") != std::string::npos);
    auto explain = run_cdls({"check", "--explain", "pip-unpinned"});
    CHECK(explain.exit_code == 0);
    CHECK(explain.out.rfind("# pip-unpinned", 0) == 0);
    CHECK(run_cdls({"check", "--explain", "nope"}).exit_code == 2);
}

TEST_CASE("NO_COLOR and --no-color keep output plain") {
    TempDir dir;
    std::string file = dir.write("seed.def", seed);
    CHECK(run_cdls({"check", "--no-color", file}).out.find("\033[") == std::string::npos);
}
