// Completion in definition files at annotated positions.
#include "completion_test_helpers.hpp"

#include "analysis/catalogue/catalogue.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using cdls::test::complete_def;

TEST_CASE("From: py^ offers python and replaces only the typed word", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: py^\n");
    REQUIRE(c.find("python"));
    for (const auto& label : c.labels())
        CHECK(label.rfind("py", 0) == 0);
    const auto* python = c.find("python");
    CHECK(python->edit.range == TextRange{24, 26});
    CHECK(python->kind == features::CompletionKind::Module);
    CHECK(python->detail.find("official image") != std::string::npos);
    CHECK(python->documentation.empty()); // computed on demand (completionItem/resolve)
    CHECK(cdls::features::documentation_of(*python).find("hub.docker.com/_/python") != std::string::npos);
    CHECK(c.applied("python") == "Bootstrap: docker\nFrom: python\n");
}

TEST_CASE("From: with nothing typed offers the well-known images first", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: ^");
    auto sorted = c.sorted_labels();
    REQUIRE(sorted.size() > 100);
    CHECK(sorted[0] == "alpine");
    for (std::string_view name : {"python", "ubuntu", "alpine"})
        CHECK(c.find(name));
}

TEST_CASE("a name typed in the middle of a reference is replaced up to the tag", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: pyt^hon:3.12\n");
    REQUIRE(c.find("python"));
    CHECK(c.applied("python") == "Bootstrap: docker\nFrom: python:3.12\n");
}

TEST_CASE("Docker Hub spellings complete on the short name", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: docker.io/library/ubu^\n");
    REQUIRE(c.find("ubuntu"));
    CHECK(c.applied("ubuntu") == "Bootstrap: docker\nFrom: docker.io/library/ubuntu\n");
}

TEST_CASE("python:3.^ offers tags newest first and replaces only the tag", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: python:3.^\n");
    auto sorted = c.sorted_labels();
    REQUIRE(sorted.size() > 10);
    for (const auto& tag : sorted)
        CHECK(tag.rfind("3.", 0) == 0);
    for (std::size_t i = 0; i + 1 < sorted.size(); ++i)
        CHECK_FALSE(catalogue::tag_newer_first(sorted[i + 1], sorted[i]));
    const auto* first = c.find(sorted[0]);
    CHECK(first->edit.range == TextRange{31, 33});
    CHECK(first->kind == features::CompletionKind::Constant);
    CHECK(c.applied(sorted[0]) == "Bootstrap: docker\nFrom: python:" + sorted[0] + "\n");
    const auto* latest_minor = c.find("3.14");
    REQUIRE(latest_minor);
    CHECK(latest_minor->detail.find("floating") == 0);
}

TEST_CASE("tags of an image the catalogue does not know: nothing", "[completion]") {
    CHECK(complete_def("Bootstrap: docker\nFrom: myorg/private:^\n").items.empty());
}

TEST_CASE("From: of agents that take paths or library refs offers no Docker images",
          "[completion]") {
    CHECK(complete_def("Bootstrap: localimage\nFrom: ^\n").items.empty());
    CHECK(complete_def("Bootstrap: library\nFrom: al^\n").items.empty());
}

TEST_CASE("%po^ offers section names with a snippet body", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n\n%po^\n");
    const auto* post = c.find("%post");
    REQUIRE(post);
    CHECK(post->edit.range == TextRange{37, 40});
    CHECK(post->edit.new_text == "%post");
    CHECK(post->snippet == "%post\n    $0");
    CHECK_FALSE(post->documentation.empty());
    CHECK(c.applied("%post") == "Bootstrap: docker\nFrom: alpine:3.20\n\n%post\n");
    const auto* app = c.find("%apprun");
    REQUIRE(app);
    CHECK(app->snippet == "%apprun ${1:app}\n    $0");
}

TEST_CASE("% offers every section", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%^");
    CHECK(c.items.size() == 19);
    for (std::string_view s :
         {"%arguments", "%setup", "%files", "%post", "%test", "%environment", "%startscript",
          "%runscript", "%labels", "%help", "%appinstall", "%apptest"})
        CHECK(c.find(s));
}

TEST_CASE("a section name followed by arguments gets no snippet body", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%po^ -c /bin/bash\n");
    REQUIRE(c.find("%post"));
    CHECK(c.find("%post")->snippet.empty());
}

TEST_CASE("header keys for the stage's agent, without those already present", "[completion]") {
    auto c = complete_def("Bootstrap: docker\nFr^\n");
    const auto* from = c.find("From");
    REQUIRE(from);
    CHECK(from->edit.new_text == "From: ");
    CHECK(from->retrigger);
    CHECK(c.applied("From") == "Bootstrap: docker\nFrom: \n");
    CHECK(c.find("Registry"));
    CHECK(c.find("Stage"));
    CHECK_FALSE(c.find("Bootstrap"));
    CHECK_FALSE(c.find("MirrorURL"));
    CHECK(c.sorted_labels().front() == "From"); // required first

    auto present = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n^\n");
    CHECK_FALSE(present.find("From"));
    CHECK(present.find("Stage"));

    auto debootstrap = complete_def("Bootstrap: debootstrap\n^");
    CHECK(debootstrap.find("OSVersion"));
    CHECK(debootstrap.find("MirrorURL"));
    CHECK_FALSE(debootstrap.find("From"));
}

TEST_CASE("an empty file offers Bootstrap", "[completion]") {
    auto c = complete_def("^");
    REQUIRE(c.labels() == std::vector<std::string>{"Bootstrap"});
    CHECK(c.applied("Bootstrap") == "Bootstrap: ");
}

TEST_CASE("Bootstrap: offers the agents, image agents first", "[completion]") {
    auto c = complete_def("Bootstrap: ^\n");
    CHECK(c.items.size() == 18);
    CHECK(c.sorted_labels().front() == "docker");
    auto partial = complete_def("Bootstrap: doc^ker\n");
    REQUIRE(partial.find("docker-daemon"));
    CHECK(partial.applied("docker-daemon") == "Bootstrap: docker-daemon\n");
}

TEST_CASE("{{ ^ }} offers the stage's build arguments", "[completion]") {
    auto c = complete_def(
        "Bootstrap: docker\nFrom: python:{{ ^ }}\n\n%arguments\n    PY_VERSION=3.12.7\n\n%post\n"
        "    echo {{ OTHER }}\n");
    const auto* version = c.find("PY_VERSION");
    REQUIRE(version);
    CHECK(version->detail == "= 3.12.7");
    CHECK(version->edit.new_text == "PY_VERSION");
    CHECK(version->documentation.find("line 5") != std::string::npos);
    const auto* other = c.find("OTHER");
    REQUIRE(other);
    CHECK(other->detail == "no default");

    auto open = complete_def(
        "Bootstrap: docker\nFrom: python:{{ PY^\n\n%arguments\n    PY_VERSION=3.12.7\n");
    REQUIRE(open.find("PY_VERSION"));
    CHECK(open.applied("PY_VERSION").find("From: python:{{ PY_VERSION }}\n") != std::string::npos);
}

TEST_CASE("%files from ^ offers the other stages' names", "[completion]") {
    std::string text =
        "Bootstrap: docker\nFrom: golang:1.23.2\nStage: build\n\n%post\n    go build\n\n"
        "Bootstrap: docker\nFrom: alpine:3.20\nStage: final\n\n%files from ^\n";
    auto c = complete_def(text);
    REQUIRE(c.labels() == std::vector<std::string>{"build"});
    CHECK(c.items[0].kind == features::CompletionKind::Reference);

    auto keyword = complete_def("Bootstrap: docker\nFrom: golang:1.23.2\nStage: build\n\n"
                                "Bootstrap: docker\nFrom: alpine:3.20\n\n%files ^\n");
    CHECK(keyword.labels() == std::vector<std::string>{"from"});
}

TEST_CASE("%post -c ^ offers shells; %post ^ offers -c", "[completion]") {
    auto shells = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%post -c ^\n");
    CHECK(shells.find("/bin/bash"));
    CHECK(shells.find("/bin/sh"));
    auto flag = complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%post -^\n");
    REQUIRE(flag.find("-c"));
    CHECK(flag.applied("-c") == "Bootstrap: docker\nFrom: alpine:3.20\n%post -c \n");
    CHECK(complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%labels -^\n").items.empty());
}

TEST_CASE("nothing in section bodies, comments and header values without completions",
          "[completion]") {
    CHECK(complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%post\n    apk ad^\n").items.empty());
    CHECK(complete_def("Bootstrap: docker\nFrom: alpine:3.20\n# a comm^\n").items.empty());
    CHECK(complete_def("Bootstrap: docker\nFrom: alpine:3.20\nStage: bu^\n").items.empty());
    CHECK(complete_def("Bootstrap: docker\nFrom: alpine:3.20\n%labels\n    Author ^\n")
              .items.empty());
}
