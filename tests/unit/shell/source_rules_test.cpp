// git-clone-unpinned and download-unverified: sources fetched at build time.
#include "rule_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::test;

TEST_CASE("git-clone-unpinned reports clones of a moving branch") {
    CHECK(body_findings("git clone https://github.com/a/b.git && cd b && make", "git-clone-unpinned") ==
          Texts{"https://github.com/a/b.git"});
    CHECK(body_findings("git clone --depth 1 -b main https://github.com/a/b /opt/b", "git-clone-unpinned") ==
          Texts{"https://github.com/a/b"});
    CHECK(body_findings("git clone https://x/a\ncd a\ngit checkout main", "git-clone-unpinned") == Texts{"https://x/a"});
    CHECK(body_findings("git checkout v1 && git clone https://x/a", "git-clone-unpinned") == Texts{"https://x/a"});
}

TEST_CASE("git-clone-unpinned accepts tags and later checkouts") {
    CHECK(body_findings("git clone --branch v1.2.3 --depth 1 https://github.com/a/b", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone -b 2.0 https://x/a && git clone -b llvmorg-17.0.1 https://x/l", "git-clone-unpinned")
              .empty());
    CHECK(body_findings("git clone -b \"$VERSION\" https://x/a", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone -b {{ VERSION }} https://x/a /opt/a", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone https://x/a /src\ngit -C /src checkout 3f2a9c1", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone https://x/a && cd a && git reset --hard v2.1", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone https://x/a && cd a && git checkout -b build ${COMMIT}", "git-clone-unpinned").empty());
    CHECK(body_findings("git clone https://x/a && cd a && git switch --detach v3", "git-clone-unpinned").empty());
}

TEST_CASE("download-unverified reports scripts piped into a shell") {
    CHECK(body_findings("curl -fsSL https://get.x.org/install.sh | sh", "download-unverified") ==
          Texts{"https://get.x.org/install.sh"});
    CHECK(body_findings("wget -qO- https://x.org/i.sh | sudo bash -s -- -y", "download-unverified") ==
          Texts{"https://x.org/i.sh"});
    CHECK(body_findings("curl -sSL https://install.python-poetry.org | python3 -", "download-unverified") ==
          Texts{"https://install.python-poetry.org"});
    CHECK(body_findings("sh -c \"$(curl -fsSL https://x.org/i.sh)\"", "download-unverified") == Texts{"https://x.org/i.sh"});
    CHECK(body_findings("bash <(curl -s https://x.org/i.sh)", "download-unverified") == Texts{"https://x.org/i.sh"});
    CHECK(body_findings("curl -s https://x.org/i.sh | tee /tmp/i.sh | bash", "download-unverified") ==
          Texts{"https://x.org/i.sh"});
}

TEST_CASE("download-unverified reports downloaded files never checked") {
    CHECK(body_findings("wget https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh && bash "
                        "Miniconda3-latest-Linux-x86_64.sh -b",
                        "download-unverified") == Texts{"https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh"});
    CHECK(body_findings("curl -fsSLo /tmp/t.tgz https://x.org/t.tgz && tar xf /tmp/t.tgz", "download-unverified") ==
          Texts{"https://x.org/t.tgz"});
    CHECK(body_findings("curl -L https://x.org/t.tgz > t.tgz", "download-unverified") == Texts{"https://x.org/t.tgz"});
    CHECK(body_findings("curl -LO https://x.org/t.tgz", "download-unverified") == Texts{"https://x.org/t.tgz"});
    // A check before the download does not count.
    CHECK(body_findings("sha256sum -c sums && wget https://x.org/a.tgz", "download-unverified") == Texts{"https://x.org/a.tgz"});
}

TEST_CASE("download-unverified accepts verified downloads and plain API calls") {
    CHECK(body_findings("curl -fsSLo t.tgz https://x.org/t.tgz && echo \"abc123  t.tgz\" | sha256sum -c - && tar xf t.tgz",
                        "download-unverified")
              .empty());
    CHECK(body_findings("wget https://x.org/a.tgz https://x.org/a.tgz.asc\ngpg --verify a.tgz.asc a.tgz", "download-unverified")
              .empty());
    CHECK(body_findings("wget -O a.tgz https://x.org/a.tgz && sha512sum --check a.sha512", "download-unverified").empty());
    CHECK(body_findings("curl -LO https://x/a && test \"$(sha256sum a | cut -d' ' -f1)\" = \"$SHA\"", "download-unverified")
              .empty());
    CHECK(body_findings("VERSION=$(curl -s https://api.github.com/x | jq -r .tag_name)", "download-unverified").empty());
    CHECK(body_findings("curl -fsSL https://x.org/a.tgz | tar xz -C /opt", "download-unverified").empty());
    CHECK(body_findings("curl -s -o /dev/null -w '%{http_code}' https://x.org", "download-unverified").empty());
    CHECK(body_findings("curl -fsSL https://get.x.org/i.sh | sh", "download-unverified", ShellContext::Setup).empty());
}
