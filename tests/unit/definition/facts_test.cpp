// The ContainerFacts a definition file yields for the shared and image rules.
#include "test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::definition;
using namespace cdls::definition::testing;

TEST_CASE("images: From of image agents with exact ranges and resolved arguments") {
    std::string text = "Bootstrap: docker\nFrom: {{ BASE }}:{{ TAG }}\n%arguments\n    BASE=python\n    TAG=3.12\n"
                       "Bootstrap: localimage\nFrom: ./base.sif\n"
                       "Bootstrap: library\nFrom: {{ MISSING }}\n"
                       "Bootstrap: debootstrap\nOSVersion: jammy\nMirrorURL: http://archive.ubuntu.com/ubuntu\n";
    ContainerFacts facts = analyze_definition(text).facts;
    CHECK(facts.kind == DocumentKind::Definition);
    REQUIRE(facts.images.size() == 3);
    CHECK(facts.images[0].agent == "docker");
    CHECK(facts.images[0].text == "{{ BASE }}:{{ TAG }}");
    CHECK(slice(text, facts.images[0].range) == "{{ BASE }}:{{ TAG }}");
    CHECK(facts.images[0].has_variables);
    CHECK(facts.images[0].resolved == "python:3.12");
    CHECK(facts.images[1].agent == "localimage");
    CHECK_FALSE(facts.images[1].has_variables);
    CHECK(facts.images[1].resolved.empty());
    CHECK(facts.images[2].resolved.empty());
}

TEST_CASE("shell bodies with their context and origin") {
    std::string text = "Bootstrap: docker\nFrom: a:1\n%setup\n  s\n%post\n  p\n%environment\n  export A=1\n"
                       "%runscript\n  r\n%appinstall tool\n  make\n%help\n  h\n";
    ContainerFacts facts = analyze_definition(text).facts;
    REQUIRE(facts.shell_bodies.size() == 5);
    CHECK(facts.shell_bodies[0].context == ShellContext::Setup);
    CHECK(facts.shell_bodies[1].context == ShellContext::Build);
    CHECK(facts.shell_bodies[1].origin == "%post");
    CHECK(facts.shell_bodies[1].script.text() == "  p\n");
    CHECK(facts.shell_bodies[1].script.to_document(2) == text.find("p\n%environment"));
    CHECK(facts.shell_bodies[2].context == ShellContext::Environment);
    CHECK(facts.shell_bodies[3].context == ShellContext::Runtime);
    CHECK(facts.shell_bodies[4].origin == "%appinstall tool");
    CHECK(facts.shell_bodies[4].context == ShellContext::Build);
}

TEST_CASE("copies, assignments, labels, comments") {
    std::string text = "Bootstrap: docker # agent\nFrom: a:1\n# own\n"
                       "%files\n    \"my data\" /data\n%files from build\n    /out /out\n"
                       "%arguments\n    V=1\n"
                       "%labels\n    Author me\n%post\n    true # done\n";
    ContainerFacts facts = analyze_definition(text).facts;
    REQUIRE(facts.copies.size() == 2);
    CHECK(facts.copies[0].path == "my data");
    CHECK(slice(text, facts.copies[0].range) == "my data");
    CHECK_FALSE(facts.copies[0].from_stage);
    CHECK(facts.copies[1].from_stage);
    REQUIRE(facts.assignments.size() == 1);
    CHECK(facts.assignments[0].name == "V");
    CHECK(facts.assignments[0].origin == "%arguments");
    REQUIRE(facts.labels.size() == 1);
    CHECK(facts.labels[0].key == "Author");
    CHECK(facts.labels[0].value == "me");
    CHECK(facts.has_labels_section);
    CHECK(facts.label_insertion_point == text.find("%post"));
    REQUIRE(facts.comments.size() == 3);
    CHECK(slice(text, facts.comments[0].range) == "# agent");
    CHECK_FALSE(facts.comments[0].own_line);
    CHECK(facts.comments[1].own_line);
    CHECK(slice(text, facts.comments[2].range) == "# done");
    CHECK(slice(text, facts.document_anchor) == "Bootstrap: docker");
}

TEST_CASE("no labels section: insertion at the end; no Bootstrap: empty anchor") {
    std::string text = "%post\n  true\n";
    ContainerFacts facts = analyze_definition(text).facts;
    CHECK_FALSE(facts.has_labels_section);
    CHECK(facts.label_insertion_point == text.size());
    CHECK(facts.document_anchor == TextRange{0, 0});
}
