// The package pinning rules: bad and good input for each, exact ranges.
#include "rule_test_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cdls;
using namespace cdls::test;

TEST_CASE("pip-unpinned reports unpinned packages, word by word") {
    CHECK(body_findings("pip install numpy", "pip-unpinned") == Texts{"numpy"});
    CHECK(body_findings("pip install numpy==1.26.4 scipy", "pip-unpinned") == Texts{"scipy"});
    CHECK(body_findings("pip3 install --no-cache-dir -U pip", "pip-unpinned") == Texts{"pip"});
    CHECK(body_findings("python3 -m pip install 'pandas>=2'", "pip-unpinned") == Texts{"'pandas>=2'"});
    CHECK(body_findings("/opt/conda/bin/pip3.11 install torch[cuda]", "pip-unpinned") == Texts{"torch[cuda]"});
    CHECK(body_findings("uv pip install --system black", "pip-unpinned") == Texts{"black"});
    CHECK(body_findings("sudo -H pip install \\\n  requests", "pip-unpinned") == Texts{"requests"});
    CHECK(body_findings("pip install git+https://github.com/org/repo.git", "pip-unpinned") ==
          Texts{"git+https://github.com/org/repo.git"});
    CHECK(body_findings("/bin/sh -c 'pip install flask'", "pip-unpinned") == Texts{"flask"});
    CHECK(body_findings("sh -c \"v=$(pip install flask)\"", "pip-unpinned") == Texts{"flask"});
    auto messages = body_messages("pip install numpy", "pip-unpinned");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("numpy==<version>") != std::string::npos);
}

TEST_CASE("pip-unpinned accepts pins, bounded ranges, files, paths and VCS refs") {
    CHECK(body_findings("pip install numpy==1.26.4 'scipy~=1.11.0' \"pandas>=2,<3\" x===1", "pip-unpinned").empty());
    CHECK(body_findings("pip install -r requirements.txt -c constraints.txt", "pip-unpinned").empty());
    CHECK(body_findings("pip install -e . && pip install ./pkg /tmp/x.whl dist/a-1.0.tar.gz", "pip-unpinned").empty());
    CHECK(body_findings("pip install https://example.org/a-1.0.tar.gz", "pip-unpinned").empty());
    CHECK(body_findings("pip install git+https://github.com/org/repo.git@v1.2#egg=repo", "pip-unpinned").empty());
    CHECK(body_findings("pip install $PACKAGES \"${EXTRA[@]}\" numpy==$NUMPY_VERSION", "pip-unpinned").empty());
    CHECK(body_findings("pip install --index-url https://x.org/simple numpy==1", "pip-unpinned").empty());
    CHECK(body_findings("pip download numpy && pip uninstall -y numpy && pip freeze", "pip-unpinned").empty());
    CHECK(body_findings("echo pip install numpy", "pip-unpinned").empty());
    CHECK(body_findings("cat <<EOF\npip install numpy\nEOF\n", "pip-unpinned").empty());
}

TEST_CASE("pip-unpinned reports open ranges with their own message") {
    auto messages = body_messages("pip install 'numpy>=1.20'", "pip-unpinned");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("open range") != std::string::npos);
}

TEST_CASE("pip-unpinned skips setup bodies and applies at run time") {
    CHECK(body_findings("pip install numpy", "pip-unpinned", ShellContext::Setup).empty());
    CHECK(body_findings("pip install numpy", "pip-unpinned", ShellContext::Environment).empty());
    CHECK(body_findings("pip install numpy", "pip-unpinned", ShellContext::Runtime) == Texts{"numpy"});
}

TEST_CASE("conda-unpinned") {
    CHECK(body_findings("conda install -y -c conda-forge numpy python=3.11", "conda-unpinned") == Texts{"numpy"});
    CHECK(body_findings("mamba create -n env -c bioconda samtools 'bwa>=0.7'", "conda-unpinned") ==
          Texts{"samtools", "'bwa>=0.7'"});
    CHECK(body_findings("micromamba install -y -n base conda-forge::xarray", "conda-unpinned") ==
          Texts{"conda-forge::xarray"});
    CHECK(body_findings("conda install numpy=1.26 'scipy>=1.11,<1.12' \"pandas 2.1.*\"", "conda-unpinned").empty());
    CHECK(body_findings("conda env create -f environment.yml && conda env update -f e.yml", "conda-unpinned").empty());
    CHECK(body_findings("conda create --file spec.txt -n x && conda clean -afy", "conda-unpinned").empty());
    CHECK(body_findings("micromamba create -y -f /tmp/env.yaml", "conda-unpinned").empty());
}

TEST_CASE("apt-unpinned is information and ignores options and local packages") {
    CHECK(body_findings("apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.2-1", "apt-unpinned") ==
          Texts{"curl"});
    CHECK(body_findings("apt-get -y -o Dpkg::Options::=--force-confnew install vim", "apt-unpinned") == Texts{"vim"});
    CHECK(body_findings("apt install -t bookworm-backports cmake", "apt-unpinned") == Texts{"cmake"});
    CHECK(body_findings("apt-get install -y ./local.deb /tmp/x.deb curl=7.88.1-10", "apt-unpinned").empty());
    CHECK(body_findings("apt-get remove -y curl && apt-get upgrade -y", "apt-unpinned").empty());
    auto messages = body_messages("apt-get install curl", "apt-unpinned");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("curl=<version>") != std::string::npos);
}

TEST_CASE("apk-unpinned") {
    CHECK(body_findings("apk add --no-cache curl bash=5.2.15-r5", "apk-unpinned") == Texts{"curl"});
    CHECK(body_findings("apk add --virtual .build-deps gcc~12 musl-dev", "apk-unpinned") == Texts{"musl-dev"});
    CHECK(body_findings("apk add --no-cache python3=3.11.6-r0 'py3-pip<24' ./x.apk", "apk-unpinned").empty());
    CHECK(body_findings("apk del curl && apk update", "apk-unpinned").empty());
}

TEST_CASE("dnf-unpinned") {
    CHECK(body_findings("yum install -y epel-release gcc-11.3.1", "dnf-unpinned") == Texts{"epel-release"});
    CHECK(body_findings("dnf -y --setopt=tsflags=nodocs install python3-devel", "dnf-unpinned") == Texts{"python3-devel"});
    CHECK(body_findings("microdnf install -y java-17-openjdk-headless", "dnf-unpinned").empty());
    CHECK(body_findings("dnf install -y @development-tools /tmp/x.rpm https://x.org/y.rpm pkg-$V", "dnf-unpinned").empty());
    CHECK(body_findings("dnf module enable -y nodejs:18 && yum clean all", "dnf-unpinned").empty());
}

TEST_CASE("zypper-unpinned") {
    CHECK(body_findings("zypper --non-interactive install -y curl 'gcc=12.1'", "zypper-unpinned") == Texts{"curl"});
    CHECK(body_findings("zypper in vim", "zypper-unpinned") == Texts{"vim"});
    CHECK(body_findings("zypper in -t pattern devel_basis && zypper in git-2.43.0", "zypper-unpinned").empty());
    CHECK(body_findings("zypper refresh && zypper update", "zypper-unpinned").empty());
}

TEST_CASE("npm-unpinned") {
    CHECK(body_findings("npm install -g typescript @angular/cli@17.0.1 @scope/x", "npm-unpinned") ==
          Texts{"typescript", "@scope/x"});
    CHECK(body_findings("npm i -g yarn@latest", "npm-unpinned") == Texts{"yarn@latest"});
    CHECK(body_findings("yarn global add pm2 && pnpm add zx@7.2.3", "npm-unpinned") == Texts{"pm2"});
    CHECK(body_findings("npm ci && npm install && npm install --omit=dev", "npm-unpinned").empty());
    CHECK(body_findings("npm install -g typescript@5.3.3 ./local ../pkg.tgz git+https://x/y.git", "npm-unpinned").empty());
}

TEST_CASE("gem-unpinned") {
    CHECK(body_findings("gem install bundler", "gem-unpinned") == Texts{"bundler"});
    CHECK(body_findings("gem install --no-document rake fpm:1.15.1", "gem-unpinned") == Texts{"rake"});
    CHECK(body_findings("gem install bundler -v 2.4.22", "gem-unpinned").empty());
    CHECK(body_findings("gem install --version '~> 2.4' bundler && bundle install", "gem-unpinned").empty());
}

TEST_CASE("cargo-unpinned") {
    CHECK(body_findings("cargo install ripgrep", "cargo-unpinned") == Texts{"ripgrep"});
    CHECK(body_findings("cargo install --locked fd-find@9.0.0 bat", "cargo-unpinned") == Texts{"bat"});
    CHECK(body_findings("cargo install --git https://github.com/x/y", "cargo-unpinned") == Texts{"https://github.com/x/y"});
    CHECK(body_findings("cargo install ripgrep --version 14.1.0", "cargo-unpinned").empty());
    CHECK(body_findings("cargo install --path . && cargo install --git https://x/y --tag v1", "cargo-unpinned").empty());
    CHECK(body_findings("cargo build --release", "cargo-unpinned").empty());
}

TEST_CASE("go-unpinned") {
    CHECK(body_findings("go install golang.org/x/tools/gopls@latest", "go-unpinned") ==
          Texts{"golang.org/x/tools/gopls@latest"});
    CHECK(body_findings("go get github.com/x/y", "go-unpinned") == Texts{"github.com/x/y"});
    CHECK(body_findings("go install -ldflags '-s -w' github.com/a/b@master", "go-unpinned") == Texts{"github.com/a/b@master"});
    CHECK(body_findings("go install github.com/a/b@v1.2.3 && go install ./... && go get", "go-unpinned").empty());
    CHECK(body_findings("go build -o /bin/x . && go mod download", "go-unpinned").empty());
}

TEST_CASE("r-unpinned") {
    CHECK(body_findings("R -e \"install.packages(c('dplyr', 'ggplot2'))\"", "r-unpinned") == Texts{"install.packages"});
    CHECK(body_findings("Rscript --vanilla -e 'install.packages(\"x\"); install.packages(\"y\")'", "r-unpinned") ==
          Texts{"install.packages", "install.packages"});
    CHECK(body_findings("R --no-save <<EOF\ninstall.packages('x')\nEOF\n", "r-unpinned") == Texts{"install.packages"});
    CHECK(body_findings("Rscript -e \"remotes::install_version('dplyr', version = '1.1.4')\"", "r-unpinned").empty());
    CHECK(body_findings("R -e \"install.packages('x', repos = 'https://packagemanager.posit.co/cran/2024-01-15')\"",
                        "r-unpinned")
              .empty());
    CHECK(body_findings("R CMD INSTALL pkg.tar.gz && R -e \"install.packages('/tmp/x.tar.gz', repos = NULL)\"", "r-unpinned")
              .empty());
    CHECK(body_findings("echo \"install.packages('x')\"", "r-unpinned").empty());
}

TEST_CASE("pip-unpinned ranges map through a MappedText with two pieces") {
    // Dockerfile: the parser drops the escaped newline, the body is two pieces.
    std::string document = "RUN pip install \\\n    numpy==1.2 scipy\n";
    MappedText script;
    script.append("pip install ", 4);
    script.append("    numpy==1.2 scipy", 18);
    ContainerFacts facts;
    facts.kind = DocumentKind::Dockerfile;
    facts.shell_bodies.push_back({script, ShellContext::Build, "RUN", {4, 38}});
    auto found = findings(facts, document, "pip-unpinned");
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == "scipy");
    CHECK(found[0].diagnostic.range == TextRange{33, 38});
}
