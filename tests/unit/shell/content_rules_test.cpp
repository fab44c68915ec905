// data-in-image, user-config-in-image, secret-in-definition, missing-source-label.
#include "rule_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::test;

namespace {

ContainerFacts with_copies(std::initializer_list<std::string> paths, DocumentKind kind = DocumentKind::Definition) {
    ContainerFacts facts;
    facts.kind = kind;
    facts.labels.push_back({"org.opencontainers.image.source", "https://github.com/a/b", {}, {}});
    Offset at = 0;
    for (const std::string& p : paths) {
        facts.copies.push_back({p, {at, static_cast<Offset>(at + p.size())}, "%files", false});
        at += static_cast<Offset>(p.size()) + 1;
    }
    return facts;
}

std::string join(std::initializer_list<std::string> paths) {
    std::string out;
    for (const std::string& p : paths) out += p + "\n";
    return out;
}

Texts copy_findings(std::initializer_list<std::string> paths, std::string_view rule,
                    DocumentKind kind = DocumentKind::Definition) {
    std::string document = join(paths);
    Texts texts;
    for (const Finding& f : findings(with_copies(paths, kind), document, rule)) texts.push_back(f.text);
    return texts;
}

} // namespace

TEST_CASE("data-in-image reports data files and data directories") {
    CHECK(copy_findings({"data/", "results.csv", "reads.fastq.gz", "scan.nii.gz", "src/app.py", "inputs/raw",
                         "model/weights.h5", "DATA/x.bin"},
                        "data-in-image") == Texts{"data/", "results.csv", "reads.fastq.gz", "scan.nii.gz",
                                                  "inputs/raw", "model/weights.h5", "DATA/x.bin"});
}

TEST_CASE("data-in-image accepts code, configuration and stage copies") {
    CHECK(copy_findings({"src/data/loader.py", "input/config.yaml", "environment.yml", "metadata.json",
                         "database/", "requirements.txt"},
                        "data-in-image")
              .empty());
    ContainerFacts facts = with_copies({"table.csv"});
    facts.copies[0].from_stage = true;
    CHECK(findings(facts, "table.csv\n", "data-in-image").empty());
}

TEST_CASE("data-in-image suggests the right bind mount for each file kind") {
    std::string document = "x.csv\n";
    auto def = findings(with_copies({"x.csv"}), document, "data-in-image");
    REQUIRE(def.size() == 1);
    CHECK(def[0].diagnostic.message.find("apptainer run --bind") != std::string::npos);
    auto docker = findings(with_copies({"x.csv"}, DocumentKind::Dockerfile), document, "data-in-image");
    REQUIRE(docker.size() == 1);
    CHECK(docker[0].diagnostic.message.find("docker run -v") != std::string::npos);
}

TEST_CASE("user-config-in-image reports dotfiles and home paths") {
    CHECK(copy_findings({".bashrc", "~/.ssh/id_rsa", "config/.aws/credentials", "/home/alice/project/run.py",
                         "$HOME/tool", ".docker/config.json", "app.py", "etc/app.conf", ".dockerignore"},
                        "user-config-in-image") == Texts{".bashrc", "~/.ssh/id_rsa", "config/.aws/credentials",
                                                         "/home/alice/project/run.py", "$HOME/tool",
                                                         ".docker/config.json"});
    // In a Dockerfile, COPY sources are relative to the build context: /home/... is not a home.
    CHECK(copy_findings({"/home/alice/x", ".gitconfig"}, "user-config-in-image", DocumentKind::Dockerfile) ==
          Texts{".gitconfig"});
}

TEST_CASE("user-config-in-image reports build steps writing shell startup files") {
    CHECK(body_findings("echo 'source /opt/conda/etc/profile.d/conda.sh' >> ~/.bashrc", "user-config-in-image") ==
          Texts{"~/.bashrc"});
    CHECK(body_findings("echo 'export PATH=/opt/x:$PATH' | tee -a /root/.bashrc", "user-config-in-image") ==
          Texts{"/root/.bashrc"});
    CHECK(body_findings("echo x >> $HOME/.profile", "user-config-in-image") == Texts{"$HOME/.profile"});
    CHECK(body_findings("echo 'export PATH=/opt/x:$PATH' >> $SINGULARITY_ENVIRONMENT", "user-config-in-image").empty());
    CHECK(body_findings("cat ~/.bashrc && echo x >> /etc/bash.bashrc", "user-config-in-image").empty());
    CHECK(body_findings("echo x >> ~/.bashrc", "user-config-in-image", ShellContext::Runtime).empty());
}

TEST_CASE("user-config-in-image offers $SINGULARITY_ENVIRONMENT in definition files") {
    std::string body = "echo 'export A=1' >> ~/.bashrc\necho x > /root/.bashrc";
    std::string document = "BODY:" + body;
    ContainerFacts facts;
    facts.kind = DocumentKind::Definition;
    facts.shell_bodies.push_back({MappedText::contiguous(body, 5), ShellContext::Build, "%post", {}});
    auto found = findings(facts, document, "user-config-in-image");
    REQUIRE(found.size() == 2);
    REQUIRE(found[0].diagnostic.fixes.size() == 1);
    CHECK_FALSE(found[0].diagnostic.fixes[0].preferred);
    CHECK(apply_edit(document, found[0].diagnostic.fixes[0].edits.at(0)) ==
          "BODY:echo 'export A=1' >> $SINGULARITY_ENVIRONMENT\necho x > /root/.bashrc");
    CHECK(found[1].diagnostic.fixes.empty()); // `>` would truncate the environment file
    CHECK(findings([&] { facts.kind = DocumentKind::Dockerfile; return facts; }(), document, "user-config-in-image")
              .at(0).diagnostic.fixes.empty());
}

TEST_CASE("secret-in-definition reports credentials by name") {
    CHECK(body_findings("export GITHUB_TOKEN=abc123def456", "secret-in-definition") == Texts{"abc123def456"});
    CHECK(body_findings("DB_PASSWORD='hunter22' ./setup.sh", "secret-in-definition") == Texts{"'hunter22'"});
    CHECK(body_findings("export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMIK7MDENGbPxRfiCY\"", "secret-in-definition") ==
          Texts{"\"wJalrXUtnFEMIK7MDENGbPxRfiCY\""});
    CHECK(body_findings("env OPENAI_API_KEY=abcd python run.py", "secret-in-definition") == Texts{"abcd"});
    CHECK(body_findings("export HF_TOKEN=abcd", "secret-in-definition", ShellContext::Environment) == Texts{"abcd"});
    CHECK(body_findings("export HF_TOKEN=abcd", "secret-in-definition", ShellContext::Setup) == Texts{"abcd"});
}

TEST_CASE("secret-in-definition accepts variables, placeholders and non-secret names") {
    CHECK(body_findings("export GITHUB_TOKEN=$GITHUB_TOKEN && export NPM_TOKEN=\"${NPM_TOKEN}\"", "secret-in-definition")
              .empty());
    CHECK(body_findings("export TOKENIZERS_PARALLELISM=false PASSWORD_FILE=/run/secrets/db", "secret-in-definition")
              .empty());
    CHECK(body_findings("export API_TOKEN=changeme DB_PASSWORD=\"<your password>\" SECRET_KEY=xxxx", "secret-in-definition")
              .empty());
    CHECK(body_findings("export AWS_ACCESS_KEY_ID=abc PASSWORD= TOKEN={{ token }}", "secret-in-definition").empty());
    CHECK(body_findings("export REGISTRY_AUTH_TOKEN_REALM=http://localhost/auth TOKEN_ISSUER=E2E", "secret-in-definition")
              .empty());
}

TEST_CASE("secret-in-definition reports known token shapes anywhere in a body") {
    std::string ghp = "ghp_" + std::string(36, 'a');
    CHECK(body_findings("git clone https://" + ghp + "@github.com/org/private.git", "secret-in-definition") ==
          Texts{ghp});
    CHECK(body_findings("aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", "secret-in-definition") ==
          Texts{"AKIAIOSFODNN7EXAMPLE"});
    CHECK(body_findings("curl -H 'Authorization: Bearer glpat-abcdefghij0123456789' u", "secret-in-definition") ==
          Texts{"glpat-abcdefghij0123456789"});
    CHECK(body_findings("cat > key <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nEOF\n",
                        "secret-in-definition") ==
          Texts{"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"});
    std::string sk = "sk-" + std::string(40, 'Z');
    // Reported once even though the name also looks secret.
    CHECK(body_findings("export OPENAI_API_KEY=" + sk, "secret-in-definition") == Texts{sk});
    CHECK(body_findings("pip install scikit-learn task-spooler disk-usage-analyzer-x && echo AKIA123", "secret-in-definition")
              .empty());
}

TEST_CASE("secret-in-definition finds every token shape at the start, middle and end of a body") {
    // The scan skips bytes by their first two characters: every prefix must still be seen.
    const std::vector<std::string> tokens = {
        "ghp_" + std::string(36, 'a'),  "gho_" + std::string(36, 'b'), "ghs_" + std::string(36, 'c'),
        "ghu_" + std::string(36, 'd'),  "ghr_" + std::string(36, 'e'), "github_pat_" + std::string(30, 'F'),
        "glpat-" + std::string(20, 'g'), "xoxb-" + std::string(12, '1'), "xoxp-" + std::string(12, '2'),
        "xoxa-" + std::string(12, '3'), "xoxr-" + std::string(12, '4'), "xoxs-" + std::string(12, '5'),
        "sk-" + std::string(24, 'Z'),    "hf_" + std::string(34, 'h'),  "AKIAIOSFODNN7EXAMPLE"};
    for (const auto& token : tokens) {
        CAPTURE(token);
        CHECK(body_findings(token, "secret-in-definition") == Texts{token});
        CHECK(body_findings("echo " + token + " > /tmp/t", "secret-in-definition") == Texts{token});
        CHECK(body_findings("echo x " + token, "secret-in-definition") == Texts{token});
    }
}

TEST_CASE("secret-in-definition reads assignment and label facts") {
    std::string document = "ENV API_KEY=abcd1234\nLABEL maintainer.password=hunter22\nENV TOKEN=$T\n";
    ContainerFacts facts;
    facts.kind = DocumentKind::Dockerfile;
    facts.assignments.push_back({"API_KEY", "abcd1234", {4, 11}, {12, 20}, "ENV", true});
    facts.assignments.push_back({"TOKEN", "$T", {60, 65}, {66, 68}, "ENV", false});
    facts.labels.push_back({"maintainer.password", "hunter22", {27, 46}, {47, 55}});
    auto found = findings(facts, document, "secret-in-definition");
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "abcd1234");
    CHECK(found[0].diagnostic.severity == Severity::Error);
    CHECK(found[0].diagnostic.message.find("--mount=type=secret") != std::string::npos);
    CHECK(found[1].text == "hunter22");
}

TEST_CASE("missing-source-label offers a label for each file kind") {
    std::string document = "Bootstrap: docker\nFrom: ubuntu:22.04\n";
    ContainerFacts facts;
    facts.document_anchor = {0, 17};
    facts.label_insertion_point = static_cast<Offset>(document.size());
    auto found = findings(facts, document, "missing-source-label");
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == "Bootstrap: docker");
    CHECK(found[0].diagnostic.severity == Severity::Hint);
    REQUIRE(found[0].diagnostic.fixes.size() == 1);
    const Fix& fix = found[0].diagnostic.fixes[0];
    CHECK_FALSE(fix.preferred);
    CHECK(apply_edit(document, fix.edits.at(0)) ==
          document + "%labels\n    org.opencontainers.image.source https://github.com/OWNER/REPO\n");

    facts.has_labels_section = true;
    auto with_section = findings(facts, document, "missing-source-label");
    REQUIRE(with_section.size() == 1);
    CHECK(with_section[0].diagnostic.fixes[0].edits[0].new_text ==
          "    org.opencontainers.image.source https://github.com/OWNER/REPO\n");

    facts.kind = DocumentKind::Dockerfile;
    auto docker = findings(facts, document, "missing-source-label");
    REQUIRE(docker.size() == 1);
    CHECK(docker[0].diagnostic.fixes[0].edits[0].new_text ==
          "LABEL org.opencontainers.image.source=\"https://github.com/OWNER/REPO\"\n");
}

TEST_CASE("missing-source-label is quiet when the label exists or there is no container") {
    ContainerFacts facts;
    facts.document_anchor = {0, 4};
    facts.labels.push_back({"org.opencontainers.image.source", "https://github.com/a/b", {}, {}});
    CHECK(findings(facts, "FROM x\n", "missing-source-label").empty());
    CHECK(findings(ContainerFacts{}, "", "missing-source-label").empty());
}
