// The keyword reference tables (checked against the Apptainer user docs and the Dockerfile
// reference); kept short: what the keyword does, and an example.
#include "analysis/features/hover_docs.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace cdls::features {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <std::size_t N>
const KeywordDoc* find_doc(const std::array<KeywordDoc, N>& table, std::string_view name,
                           bool ignore_case) {
    for (const KeywordDoc& doc : table)
        if (ignore_case ? iequals(doc.name, name) : doc.name == name) return &doc;
    return nullptr;
}

constexpr std::array<KeywordDoc, 19> kSections{{
    {"arguments",
     "Default values of the `{{ name }}` build arguments, one `NAME=value` a line; "
     "`apptainer build --build-arg NAME=value` overrides them.",
     "%arguments\n    PYTHON_VERSION=3.12.7"},
    {"setup",
     "Commands run **on the host** after the base is unpacked and before `%files` and `%post`; "
     "`$APPTAINER_ROOTFS` is the container's root. Prefer `%files` and `%post`: `%setup` can "
     "change the host.",
     "%setup\n    mkdir -p \"${APPTAINER_ROOTFS}/opt/app\""},
    {"pre", "Commands run on the host before the base is bootstrapped (legacy; prefer `%setup`).",
     ""},
    {"files",
     "Copies files into the container, one `source [destination]` a line, before `%post` runs. "
     "`%files from <stage>` copies from an earlier stage instead of the host.",
     "%files\n    environment.yml /opt/environment.yml"},
    {"post",
     "Commands run inside the container at build time, after the base and `%files`: install "
     "software here, "
     "pinning every version. `%post -c /bin/bash` picks the shell.",
     "%post\n    apt-get update && apt-get install -y --no-install-recommends "
     "curl=7.88.1-10+deb12u8"},
    {"test",
     "Commands run at the end of the build (unless `--notest`) and by `apptainer test`: check that "
     "the "
     "container works.",
     "%test\n    python3 -c 'import numpy; print(numpy.__version__)'"},
    {"environment",
     "Shell code sourced when the container runs (not during the build): export runtime variables "
     "here.",
     "%environment\n    export LC_ALL=C.UTF-8"},
    {"startscript", "Commands run when an instance starts (`apptainer instance start`).",
     "%startscript\n    exec nginx -g 'daemon off;'"},
    {"runscript",
     "Commands run by `apptainer run` or by executing the image; the arguments are in `\"$@\"`.",
     "%runscript\n    exec python3 /opt/app/main.py \"$@\""},
    {"labels",
     "Metadata, one `name value` a line, shown by `apptainer inspect`. Link the image to its "
     "source with "
     "`org.opencontainers.image.source`.",
     "%labels\n    org.opencontainers.image.source https://github.com/org/repo"},
    {"help", "Text shown by `apptainer run-help`: what the container does and how to use it.",
     "%help\n    Runs the analysis: apptainer run image.sif input.csv"},
    {"appinstall",
     "SCIF app `<name>`: commands run at build time to install the app (in `/scif/apps/<name>`).",
     "%appinstall tool\n    make install PREFIX=\"${SCIF_APPROOT}\""},
    {"apphelp", "SCIF app `<name>`: help text (`apptainer run-help --app <name>`).",
     "%apphelp tool\n    Converts files."},
    {"applabels", "SCIF app `<name>`: labels, one `name value` a line.",
     "%applabels tool\n    version 1.2.0"},
    {"appenv", "SCIF app `<name>`: environment sourced when the app runs.",
     "%appenv tool\n    export TOOL_HOME=/opt/tool"},
    {"appfiles", "SCIF app `<name>`: files copied into the app, one `source [destination]` a line.",
     "%appfiles tool\n    tool.conf"},
    {"apprun", "SCIF app `<name>`: commands run by `apptainer run --app <name>`.",
     "%apprun tool\n    exec tool \"$@\""},
    {"appstart", "SCIF app `<name>`: commands run when an instance of the app starts.", ""},
    {"apptest", "SCIF app `<name>`: tests run by `apptainer test --app <name>`.",
     "%apptest tool\n    tool --version"},
}};

constexpr std::array<KeywordDoc, 25> kHeaderKeys{{
    {"Bootstrap",
     "The bootstrap agent: where the base comes from (`docker`, `library`, `localimage`, "
     "`debootstrap`, ...). "
     "It starts every stage.",
     "Bootstrap: docker"},
    {"From",
     "What to start from; its meaning depends on the agent: an image reference for `docker`, a "
     "library path for "
     "`library`, a file for `localimage`. Pin a version.",
     "From: python:3.12.7-slim-bookworm"},
    {"Stage",
     "Names this stage of a multi-stage build; a later stage copies from it with `%files from "
     "<name>`.",
     "Stage: build"},
    {"IncludeCmd", "docker agent (legacy): `yes` builds the runscript from the image's `CMD`.",
     "IncludeCmd: yes"},
    {"Registry",
     "docker agent: the registry of `From` (default `index.docker.io`). Clearer written into "
     "`From`.",
     "Registry: ghcr.io"},
    {"Namespace",
     "docker agent: the namespace of `From` (default `library`). Clearer written into `From`.",
     "Namespace: myorg"},
    {"Library", "library agent: the URL of the Container Library server.",
     "Library: https://library.example.org"},
    {"Fingerprints",
     "library, oras, localimage: comma-separated PGP key fingerprints; the build proceeds only "
     "when the base "
     "SIF is signed by all of them.",
     "Fingerprints: 22045C8C0B1004D058DE4BEDA20C27EE7FF7BA84"},
    {"MirrorURL",
     "yum/dnf, debootstrap, zypper, busybox: where to download the OS (or the busybox binary) "
     "from; "
     "`%{OSVERSION}` is replaced by `OSVersion`.",
     "MirrorURL: http://deb.debian.org/debian"},
    {"OSVersion",
     "The release to bootstrap (`bookworm`, `9`); required by debootstrap, and by yum/dnf/zypper "
     "when "
     "`MirrorURL` contains `%{OSVERSION}`.",
     "OSVersion: bookworm"},
    {"UpdateURL", "yum/dnf, zypper: a repository of updates used next to `MirrorURL`.",
     "UpdateURL: http://repo.almalinux.org/almalinux/%{OSVERSION}/AppStream/x86_64/os"},
    {"Include", "yum/dnf, debootstrap, zypper: extra packages installed with the base system.",
     "Include: dnf"},
    {"Setopt", "yum/dnf: options passed to yum/dnf as `--setopt` while bootstrapping.",
     "Setopt: install_weak_deps=False"},
    {"Product",
     "zypper (SUSE Linux Enterprise): the product to register, with `User` and `Regcode`.",
     "Product: SLES/15.5/x86_64"},
    {"User",
     "zypper (SUSE Linux Enterprise): the registration user. Keep credentials out of definition "
     "files.",
     ""},
    {"Regcode",
     "zypper (SUSE Linux Enterprise): the registration code. Keep secrets out of definition files.",
     ""},
    {"ProductPGP", "zypper (SUSE Linux Enterprise): the product's signing key.", ""},
    {"RegisterURL", "zypper (SUSE Linux Enterprise): the registration server URL.", ""},
    {"Modules", "zypper (SUSE Linux Enterprise): modules to enable after registration.", ""},
    {"OtherURL0", "zypper: additional repositories, numbered `OtherURL0`, `OtherURL1`, ...",
     "OtherURL0: http://download.opensuse.org/update/leap/15.5/oss/"},
    {"ConfURL", "An agent-specific header keyword (a configuration URL).", ""},
    {"Target", "Dockerfile-building agents: the Dockerfile stage to build.", "Target: runtime"},
    {"Frontend", "Dockerfile-building agents: the BuildKit frontend to use.", ""},
    {"Filename", "Dockerfile-building agents: the name of the Dockerfile.", "Filename: Dockerfile"},
    {"BuildArgs", "Dockerfile-building agents: build arguments passed to the Dockerfile.", ""},
}};

constexpr std::array<KeywordDoc, 18> kAgents{{
    {"docker", "An OCI/Docker image from a registry (Docker Hub unless `From` names another).",
     "Bootstrap: docker\nFrom: python:3.12.7-slim-bookworm"},
    {"docker-archive", "An image saved with `docker save` to a tar file.",
     "Bootstrap: docker-archive\nFrom: ./image.tar"},
    {"docker-daemon", "An image from the local Docker daemon.",
     "Bootstrap: docker-daemon\nFrom: myimage:1.0.0"},
    {"oci", "An OCI image layout directory.", "Bootstrap: oci\nFrom: ./layout:1.0.0"},
    {"oci-archive", "A tar archive of an OCI image layout.",
     "Bootstrap: oci-archive\nFrom: ./image.oci.tar"},
    {"library", "A SIF image from a Container Library (`entity/collection/image:tag`).",
     "Bootstrap: library\nFrom: alpine:3.20"},
    {"oras", "A SIF image stored in an OCI registry (ORAS); the tag is required.",
     "Bootstrap: oras\nFrom: ghcr.io/org/tool:1.2.0"},
    {"shub", "An image from Singularity Hub (archived: prefer another source).",
     "Bootstrap: shub\nFrom: org/image:tag"},
    {"localimage", "A SIF file or sandbox directory on this machine.",
     "Bootstrap: localimage\nFrom: ./base.sif"},
    {"yum", "A RHEL-like system bootstrapped from a mirror with the host's yum.",
     "Bootstrap: yum\nOSVersion: 9\nMirrorURL: "
     "http://repo.almalinux.org/almalinux/%{OSVERSION}/BaseOS/x86_64/os"},
    {"dnf", "A RHEL-like system bootstrapped from a mirror with the host's dnf.",
     "Bootstrap: dnf\nOSVersion: 9\nMirrorURL: "
     "http://repo.almalinux.org/almalinux/%{OSVERSION}/BaseOS/x86_64/os"},
    {"zypper", "A SUSE/openSUSE system bootstrapped with the host's zypper.",
     "Bootstrap: zypper\nOSVersion: 15.5\nMirrorURL: "
     "http://download.opensuse.org/distribution/leap/%{OSVERSION}/repo/oss/"},
    {"debootstrap", "A Debian or Ubuntu system bootstrapped with the host's debootstrap.",
     "Bootstrap: debootstrap\nOSVersion: bookworm\nMirrorURL: http://deb.debian.org/debian"},
    {"arch", "An Arch Linux system bootstrapped with the host's pacstrap; no other keywords.",
     "Bootstrap: arch"},
    {"busybox", "A BusyBox system from the binary at `MirrorURL`.",
     "Bootstrap: busybox\nMirrorURL: "
     "https://www.busybox.net/downloads/binaries/1.35.0-x86_64-linux-musl/busybox"},
    {"scratch", "An empty container: `%setup` and `%files` add everything.", "Bootstrap: scratch"},
    {"buildkit", "Builds the base from a Dockerfile with BuildKit.", ""},
    {"dockerfile", "Builds the base from a Dockerfile.", ""},
}};

constexpr std::array<KeywordDoc, 18> kInstructions{{
    {"FROM",
     "Starts a build stage from a base image; `AS name` names the stage. Pin the tag (or a "
     "digest).",
     "FROM python:3.12.7-slim-bookworm AS build"},
    {"RUN", "Runs a command in a new layer at build time. Pin the versions of what it installs.",
     "RUN pip install --no-cache-dir numpy==2.1.2"},
    {"CMD",
     "The default command (or default arguments of `ENTRYPOINT`) when the container starts; the "
     "last one wins.",
     "CMD [\"python\", \"app.py\"]"},
    {"LABEL", "Adds metadata; link the image to its source with `org.opencontainers.image.source`.",
     "LABEL org.opencontainers.image.source=\"https://github.com/org/repo\""},
    {"MAINTAINER", "Deprecated: use `LABEL org.opencontainers.image.authors=...`.",
     "MAINTAINER jane@example.org"},
    {"EXPOSE", "Documents the ports the container listens on (publishing is done at run time).",
     "EXPOSE 8080/tcp"},
    {"ENV", "Sets environment variables for the following instructions and the running container.",
     "ENV LANG=C.UTF-8"},
    {"ADD",
     "Copies files, URLs or git repositories into the image and unpacks local tar archives. Prefer "
     "`COPY` for "
     "local files; verify downloads with `--checksum`.",
     "ADD --checksum=sha256:<digest> https://example.org/tool.tar.gz /opt/"},
    {"COPY", "Copies files from the build context (or `--from` a stage or image) into the image.",
     "COPY --from=build /app/dist /app"},
    {"ENTRYPOINT", "The executable the container runs; `CMD` supplies its default arguments.",
     "ENTRYPOINT [\"/usr/local/bin/tool\"]"},
    {"VOLUME", "Declares mount points for external data.", "VOLUME /data"},
    {"USER", "Sets the user (and group) for the following instructions and the running container.",
     "USER 1000:1000"},
    {"WORKDIR", "Sets the working directory (created if missing); use an absolute path.",
     "WORKDIR /app"},
    {"ARG",
     "Declares a build argument (`--build-arg NAME=value`), with an optional default. Before the "
     "first `FROM` "
     "it is global: usable in `FROM`, and in a stage after `ARG NAME` there.",
     "ARG PYTHON_VERSION=3.12.7"},
    {"ONBUILD",
     "Registers an instruction that runs when another build uses this image as its base.",
     "ONBUILD COPY . /app"},
    {"STOPSIGNAL", "The signal that stops the container.", "STOPSIGNAL SIGTERM"},
    {"HEALTHCHECK",
     "How to test that the container still works (`NONE` disables an inherited check).",
     "HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1"},
    {"SHELL", "The shell used by the shell form of `RUN`, `CMD` and `ENTRYPOINT`.",
     "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"},
}};

constexpr std::array<KeywordDoc, 3> kDirectives{{
    {"syntax", "The BuildKit frontend (Dockerfile syntax version) to build with; pin it.",
     "# syntax=docker/dockerfile:1.10"},
    {"escape", "The escape character: `\\` (default) or `` ` `` (handy on Windows).", "# escape=`"},
    {"check", "Configures BuildKit's build checks (`skip=...`, `error=true`).",
     "# check=error=true"},
}};

constexpr std::array<KeywordDoc, 1> kFromFlags{{
    {"platform", "The platform of the base image (`linux/amd64`, `$BUILDPLATFORM`).",
     "FROM --platform=$BUILDPLATFORM golang:1.23.2 AS build"},
}};

constexpr std::array<KeywordDoc, 3> kRunFlags{{
    {"mount",
     "Mounts something for this command only: `type=cache` (package caches), `bind` (context or a "
     "stage), "
     "`secret` and `ssh` (credentials that never land in a layer), `tmpfs`.",
     "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"},
    {"network", "The network of the command: `default`, `none` or `host`.",
     "RUN --network=none make test"},
    {"security",
     "`insecure` runs the command with extra privileges (needs an entitlement); `sandbox` is the "
     "default.",
     ""},
}};

constexpr std::array<KeywordDoc, 6> kCopyFlags{{
    {"from",
     "Copies from an earlier stage (by name or index) or an image instead of the build context.",
     "COPY --from=build /app/dist /app"},
    {"chown", "Owner (and group) of the copied files.", "COPY --chown=1000:1000 app /app"},
    {"chmod", "Permissions of the copied files.", "COPY --chmod=755 entrypoint.sh /usr/local/bin/"},
    {"link", "Copies into an independent layer, so changing earlier layers does not invalidate it.",
     "COPY --link app /app"},
    {"parents", "Keeps the parent directories of the sources.",
     "COPY --parents src/*/config.yml /app/"},
    {"exclude", "Leaves out paths matching a pattern.", "COPY --exclude=*.pyc . /app"},
}};

constexpr std::array<KeywordDoc, 7> kAddFlags{{
    {"chown", "Owner (and group) of the added files.", "ADD --chown=1000:1000 app.tar.gz /app"},
    {"chmod", "Permissions of the added files.", ""},
    {"link", "Adds into an independent layer.", ""},
    {"checksum", "Verifies a downloaded file against a digest: the build fails on a mismatch.",
     "ADD --checksum=sha256:<digest> https://example.org/tool.tar.gz /opt/"},
    {"keep-git-dir", "Keeps the `.git` directory when adding a git repository.", ""},
    {"exclude", "Leaves out paths matching a pattern.", ""},
    {"unpack", "Whether to unpack archives (`true`/`false`).", ""},
}};

constexpr std::array<KeywordDoc, 5> kHealthcheckFlags{{
    {"interval", "Time between checks (default 30s).", "HEALTHCHECK --interval=1m CMD ..."},
    {"timeout", "Time a check may take before it counts as failed (default 30s).", ""},
    {"start-period", "Start-up time during which failures do not count (default 0s).", ""},
    {"start-interval", "Time between checks during the start period (default 5s).", ""},
    {"retries", "Consecutive failures before the container is unhealthy (default 3).", ""},
}};

} // namespace

std::span<const KeywordDoc> section_docs() {
    return kSections;
}
std::span<const KeywordDoc> header_key_docs() {
    return kHeaderKeys;
}
std::span<const KeywordDoc> agent_docs() {
    return kAgents;
}
std::span<const KeywordDoc> instruction_docs() {
    return kInstructions;
}
std::span<const KeywordDoc> directive_docs() {
    return kDirectives;
}

const KeywordDoc* section_doc(std::string_view name_lower) {
    return find_doc(kSections, name_lower, true);
}

const KeywordDoc* header_key_doc(std::string_view key) {
    constexpr std::string_view other = "otherurl";
    if (key.size() > other.size() && iequals(key.substr(0, other.size()), other) &&
        std::all_of(key.begin() + other.size(), key.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))
        key = "OtherURL0";
    return find_doc(kHeaderKeys, key, true);
}

const KeywordDoc* agent_doc(std::string_view agent) {
    return find_doc(kAgents, agent, false);
}
const KeywordDoc* instruction_doc(std::string_view keyword) {
    return find_doc(kInstructions, keyword, true);
}
const KeywordDoc* directive_doc(std::string_view name) {
    return find_doc(kDirectives, name, true);
}

std::span<const KeywordDoc> flag_docs(std::string_view keyword) {
    if (keyword == "FROM") return kFromFlags;
    if (keyword == "RUN") return kRunFlags;
    if (keyword == "COPY") return kCopyFlags;
    if (keyword == "ADD") return kAddFlags;
    if (keyword == "HEALTHCHECK") return kHealthcheckFlags;
    return {};
}

const KeywordDoc* flag_doc(std::string_view keyword, std::string_view flag) {
    for (const KeywordDoc& doc : flag_docs(keyword))
        if (doc.name == flag) return &doc;
    return nullptr;
}

std::string keyword_markdown(const KeywordDoc& doc, std::string_view title,
                             std::string_view fence_language) {
    std::string out = "**" + std::string(title) + "** — " + std::string(doc.summary) + "\n";
    if (!doc.example.empty())
        out += "\n```" + std::string(fence_language) + "\n" + std::string(doc.example) + "\n```\n";
    return out;
}

} // namespace cdls::features
