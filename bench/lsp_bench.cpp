// lsp_bench: one LSP client over pipes that drives cdls and a peer server with the same
// workloads (start-up, open, per-keystroke edits, completion/hover, RSS), times `cdls check`,
// and measures instruction counts of cdls under callgrind. Prints markdown tables.
#include "protocol/framing.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double ms_between(Clock::time_point t0, Clock::time_point t1) {
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

// ---------------------------------------------------------------------------------------------
// Statistics

struct Stats {
    std::size_t n = 0;
    double median = 0, p25 = 0, p75 = 0, min = 0, max = 0;
};

double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    double pos = q * static_cast<double>(sorted.size() - 1);
    auto lo = static_cast<std::size_t>(pos);
    std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    double frac = pos - static_cast<double>(lo);
    return sorted[lo] * (1 - frac) + sorted[hi] * frac;
}

Stats stats(std::vector<double> v) {
    Stats s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    s.n = v.size();
    s.median = quantile(v, 0.5);
    s.p25 = quantile(v, 0.25);
    s.p75 = quantile(v, 0.75);
    s.min = v.front();
    s.max = v.back();
    return s;
}

std::string fmt(double v, int prec = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", prec, v);
    return buf;
}

std::string cell(const std::optional<Stats>& s) {
    if (!s || s->n == 0) return "n/a";
    return fmt(s->median) + " (" + fmt(s->min) + "–" + fmt(s->max) + ")";
}

std::string cell_iqr(const std::optional<Stats>& s) {
    if (!s || s->n == 0) return "n/a";
    return fmt(s->median) + " [" + fmt(s->p25) + "–" + fmt(s->p75) + "] max " + fmt(s->max) + " n=" +
           std::to_string(s->n);
}

json to_json(const Stats& s) {
    return {{"n", s.n}, {"median", s.median}, {"p25", s.p25}, {"p75", s.p75}, {"min", s.min}, {"max", s.max}};
}

// ---------------------------------------------------------------------------------------------
// An LSP server process over pipes.

class Lsp {
public:
    Lsp() = default;
    Lsp(const Lsp&) = delete;
    Lsp& operator=(const Lsp&) = delete;
    ~Lsp() { kill_now(); }

    // posix_spawn (vfork semantics): a fork() of this client, which holds the generated files,
    // would add its page-table copy to every spawn-to-initialize time.
    bool start(const std::vector<std::string>& argv, bool show_stderr) {
        int to_child[2], from_child[2];
        if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) return false;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
        posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
        if (!show_stderr) posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            pid_ = -1;
            for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
            return false;
        }
        close(to_child[0]);
        close(from_child[1]);
        in_ = to_child[1];
        out_ = from_child[0];
        return true;
    }

    pid_t pid() const { return pid_; }

    void send(const json& message) {
        std::string frame = cdls::protocol::encode_frame(message.dump(-1, ' ', false, json::error_handler_t::replace));
        std::size_t done = 0;
        while (done < frame.size()) {
            ssize_t n = write(in_, frame.data() + done, frame.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                return;
            }
            done += static_cast<std::size_t>(n);
        }
    }

    int request(const std::string& method, const json& params) {
        int id = next_id_++;
        send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
        return id;
    }

    void notify(const std::string& method, const json& params) {
        send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
    }

    // The next message, answering requests from the server on the way. nullopt on timeout/EOF.
    std::optional<json> next(Clock::time_point deadline) {
        for (;;) {
            while (auto frame = reader_.next()) {
                if (frame->kind != cdls::protocol::Frame::Kind::Message) continue;
                arrived_ = fed_at_;
                json m = json::parse(frame->body, nullptr, false);
                if (m.is_discarded()) continue;
                if (m.contains("method") && m.contains("id")) {
                    answer_server_request(m);
                    continue;
                }
                return m;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0 || eof_) return std::nullopt;
            pollfd p{out_, POLLIN, 0};
            int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
            if (r < 0 && errno != EINTR) return std::nullopt;
            if (r <= 0) continue;
            char buf[65536];
            ssize_t n = read(out_, buf, sizeof buf);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) continue;
                eof_ = true;
                continue;
            }
            reader_.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            fed_at_ = Clock::now();
        }
    }

    std::optional<json> wait_response(int id, Clock::time_point deadline) {
        while (auto m = next(deadline))
            if (m->contains("id") && (*m)["id"] == id) return m;
        return std::nullopt;
    }

    // The first publishDiagnostics for `uri` whose version is at least `version` (a server that
    // sends no version is taken at its word: requests are sent one at a time).
    std::optional<json> wait_publish(const std::string& uri, int version, Clock::time_point deadline) {
        while (auto m = next(deadline)) {
            if (m->value("method", "") != "textDocument/publishDiagnostics") continue;
            const json& p = (*m)["params"];
            if (p.value("uri", "") != uri) continue;
            if (p.contains("version") && p["version"].is_number_integer() && p["version"].get<int>() < version) continue;
            return m;
        }
        return std::nullopt;
    }

    // Pulls a document's diagnostics (textDocument/diagnostic) and waits for the report; with
    // `previous`, the resultId of the last report, the server may answer "unchanged".
    std::optional<json> pull_diagnostics(const std::string& uri, const std::string& previous, Clock::time_point deadline) {
        json params = {{"textDocument", {{"uri", uri}}}};
        if (!previous.empty()) params["previousResultId"] = previous;
        int id = request("textDocument/diagnostic", params);
        auto r = wait_response(id, deadline);
        if (!r || !r->contains("result") || !(*r)["result"].is_object()) return std::nullopt;
        return (*r)["result"];
    }

    // The diagnostics of `uri` at `version` as this client gets them: with `pull`, the report of
    // a pull sent now with the last report's resultId (`result_id`, then the new one's); else
    // the publishDiagnostics of that version.
    std::optional<json> diagnostics_of(const std::string& uri, int version, bool pull, std::string& result_id,
                                       Clock::time_point deadline) {
        if (!pull) return wait_publish(uri, version, deadline);
        auto report = pull_diagnostics(uri, result_id, deadline);
        if (report) result_id = report->value("resultId", "");
        return report;
    }

    // `pull`: the client also announces pull diagnostics (textDocument/diagnostic, LSP 3.17, as
    // VS Code's language client does), so a server that supports them answers pulls instead of
    // publishing.
    std::optional<json> initialize(Clock::time_point deadline, bool pull = false) {
        json caps = {
            {"general", {{"positionEncodings", {"utf-16"}}}},
            {"textDocument",
             {{"publishDiagnostics", {{"versionSupport", true}}},
              {"synchronization", {{"didSave", true}}},
              // What VS Code announces for completion items: documentation in markdown, and
              // resolved per item (the list itself carries labels, details and edits).
              {"completion",
               {{"completionItem",
                 {{"snippetSupport", false},
                  {"documentationFormat", {"markdown", "plaintext"}},
                  {"resolveSupport", {{"properties", {"documentation", "detail", "additionalTextEdits"}}}}}},
                {"completionList",
                 {{"itemDefaults", {"commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"}}}}}},
              {"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}},
        };
        if (pull) {
            caps["textDocument"]["diagnostic"] = {{"dynamicRegistration", false}};
            caps["workspace"] = {{"diagnostics", {{"refreshSupport", true}}}};
        }
        int id = request("initialize", {{"processId", static_cast<int>(getpid())},
                                        {"rootUri", nullptr},
                                        {"capabilities", caps}});
        auto r = wait_response(id, deadline);
        if (!r || !r->contains("result")) return std::nullopt;
        capabilities_ = (*r)["result"].value("capabilities", json::object());
        notify("initialized", json::object());
        return r;
    }

    const json& capabilities() const { return capabilities_; }

    // When the last message returned by next() had fully arrived: the read that completed its
    // frame, before this client parsed it. Latencies end here, so a megabyte of diagnostics is
    // timed as the server's work, not as the client's JSON parse.
    Clock::time_point arrived() const { return arrived_; }

    // shutdown + exit, then wait for the process (killing it after the grace period).
    int stop(std::chrono::milliseconds grace) {
        if (pid_ <= 0) return -1;
        auto deadline = Clock::now() + grace;
        int id = request("shutdown", nullptr);
        wait_response(id, deadline);
        notify("exit", nullptr);
        close(in_);
        in_ = -1;
        int status = 0;
        while (Clock::now() < deadline) {
            pid_t r = waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                pid_ = -1;
                close(out_);
                out_ = -1;
                return status;
            }
            // Drain output so the server never blocks on a full pipe while exiting.
            pollfd p{out_, POLLIN, 0};
            if (poll(&p, 1, 10) > 0) {
                char buf[65536];
                if (read(out_, buf, sizeof buf) <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }
        kill_now();
        return -1;
    }

    // A field of /proc/<pid>/status in KiB (VmHWM, VmRSS), or -1.
    long status_kb(const std::string& key) const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind(key + ":", 0) == 0) return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
        return -1;
    }

private:
    void answer_server_request(const json& m) {
        json result = nullptr;
        if (m["method"] == "workspace/configuration") {
            result = json::array();
            for (std::size_t i = 0; i < m["params"].value("items", json::array()).size(); ++i) result.push_back(nullptr);
        }
        send({{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", result}});
    }

    void kill_now() {
        if (in_ >= 0) close(in_);
        if (out_ >= 0) close(out_);
        in_ = out_ = -1;
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }

    pid_t pid_ = -1;
    int in_ = -1, out_ = -1;
    bool eof_ = false;
    int next_id_ = 1;
    cdls::protocol::FrameReader reader_;
    Clock::time_point fed_at_{}, arrived_{};
    json capabilities_ = json::object();
};

// ---------------------------------------------------------------------------------------------
// Deterministic inputs.

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool plain_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x80 && c != '\r';
    });
}

// Whole corpus files (pure ASCII, LF only) in name order shuffled by a fixed seed, concatenated
// until `lines` lines, cut to exactly `lines` lines.
std::string generate(const fs::path& dir, std::size_t lines, std::uint32_t seed) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::mt19937 rng(seed);
    for (std::size_t i = files.size(); i > 1; --i) std::swap(files[i - 1], files[rng() % i]);
    std::string out;
    std::size_t count = 0;
    while (count < lines) {
        std::size_t before = count;
        for (const auto& f : files) {
            std::string text = read_file(f);
            if (text.empty() || !plain_ascii(text)) continue;
            if (text.back() != '\n') text += '\n';
            out += text;
            out += '\n';
            count += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
            if (count >= lines) break;
        }
        if (count == before) break; // empty corpus
    }
    std::size_t pos = 0;
    for (std::size_t i = 0; i < lines && pos < out.size(); ++i) {
        pos = out.find('\n', pos);
        if (pos == std::string::npos) break;
        ++pos;
    }
    out.resize(std::min(pos, out.size()));
    return out;
}

// The edit point: the end of the first line at or after the middle that is non-empty, not a
// comment, and does not end with a continuation backslash.
struct EditPoint {
    int line = 0;
    int character = 0;
};

EditPoint middle_edit_point(const std::string& text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.emplace_back(text.data() + start, end - start);
        start = end + 1;
    }
    for (std::size_t i = lines.size() / 2; i < lines.size(); ++i) {
        std::string_view l = lines[i];
        std::size_t first = l.find_first_not_of(" \t");
        if (first == std::string_view::npos || l[first] == '#' || l.back() == '\\') continue;
        return {static_cast<int>(i), static_cast<int>(l.size())};
    }
    return {0, 0};
}

// ---------------------------------------------------------------------------------------------
// Workloads.

struct Options {
    std::map<std::string, std::vector<std::string>> servers; // name -> argv
    std::vector<std::string> server_order;
    fs::path corpus = "/work/shared/corpus";
    int runs = 7;
    int edits = 200;
    std::vector<std::size_t> sizes = {100, 2000, 20000};
    std::optional<fs::path> check_binary;
    std::optional<fs::path> callgrind_dir;
    std::string callgrind_server = "cdls";
    int callgrind_edits = 20;
    std::optional<fs::path> json_out;
    std::optional<fs::path> gen_dir;
    bool show_stderr = false;
    std::chrono::seconds timeout{60};
    bool skip_lsp = false;    // only `cdls check` and callgrind
    double edit_budget_s = 0; // > 0: stop typing into one file after this many seconds
    bool floor = true;        // time the transport floor beside the first server's keystrokes
    std::optional<fs::path> floor_dir; // where the floor server's notifications are kept
};

struct Kind {
    std::string name;       // dockerfile | def
    std::string dir;        // corpus subfolder
    std::string file_name;  // document name in the uri
    std::string language;   // languageId
};

const std::vector<Kind> kinds = {
    {"dockerfile", "dockerfile", "Dockerfile", "dockerfile"},
    {"def", "def", "container.def", "singularity"},
};

bool serves(const std::string& server, const Kind& kind) {
    return kind.name == "dockerfile" || server == "cdls";
}

json text_document(const std::string& uri, const Kind& kind, int version, const std::string& text) {
    return {{"textDocument", {{"uri", uri}, {"languageId", kind.language}, {"version", version}, {"text", text}}}};
}

struct Session {
    Lsp lsp;
    bool ok = false;
    Session(const std::vector<std::string>& argv, const Options& o, bool pull = false) {
        if (!lsp.start(argv, o.show_stderr)) return;
        ok = lsp.initialize(Clock::now() + o.timeout, pull).has_value();
    }
    ~Session() { lsp.stop(std::chrono::milliseconds(60000)); }
};

std::optional<Stats> bench_startup(const std::vector<std::string>& argv, const Options& o, json& idle_rss) {
    std::vector<double> t;
    std::vector<double> rss;
    for (int r = 0; r < o.runs; ++r) {
        Lsp lsp;
        auto t0 = Clock::now();
        if (!lsp.start(argv, o.show_stderr)) return std::nullopt;
        if (!lsp.initialize(Clock::now() + o.timeout)) return std::nullopt;
        t.push_back(ms_between(t0, lsp.arrived()));
        rss.push_back(static_cast<double>(lsp.status_kb("VmRSS")));
        lsp.stop(std::chrono::milliseconds(10000));
    }
    idle_rss = to_json(stats(rss));
    return stats(t);
}

std::optional<Stats> bench_open(const std::vector<std::string>& argv, const Options& o, const Kind& kind,
                                const std::string& text, std::size_t size) {
    Session s(argv, o);
    if (!s.ok) return std::nullopt;
    std::vector<double> t;
    for (int r = 0; r < o.runs; ++r) {
        std::string uri = "file:///bench/open-" + std::to_string(size) + "-" + std::to_string(r) + "/" + kind.file_name;
        auto t0 = Clock::now();
        s.lsp.notify("textDocument/didOpen", text_document(uri, kind, 1, text));
        if (!s.lsp.wait_publish(uri, 1, Clock::now() + o.timeout)) return std::nullopt;
        t.push_back(ms_between(t0, s.lsp.arrived()));
        s.lsp.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
    }
    return stats(t);
}

struct EditResult {
    Stats latency;
    long hwm_kb = -1, rss_kb = -1;
    int unchanged = 0; // pulled: reports that were "unchanged"
    json last_diagnostics; // of the last publishDiagnostics: what the floor server sends
};

// Opens the file, then types `edits` characters at the middle edit point, one at a time, each
// timed to the publishDiagnostics of its version; `pull`: to the report of a pull sent after
// the change (with the last report's resultId), from a server that announces pulls.
std::optional<EditResult> bench_edits(const std::vector<std::string>& argv, const Options& o, const Kind& kind,
                                      const std::string& text, std::size_t size, bool pull = false) {
    Session s(argv, o, pull);
    if (!s.ok) return std::nullopt;
    if (pull && !s.lsp.capabilities().contains("diagnosticProvider")) return std::nullopt;
    std::string uri = "file:///bench/edit-" + std::to_string(size) + "/" + kind.file_name;
    s.lsp.notify("textDocument/didOpen", text_document(uri, kind, 1, text));
    std::string result_id;
    if (!s.lsp.diagnostics_of(uri, 1, pull, result_id, Clock::now() + o.timeout)) return std::nullopt;
    int unchanged = 0;
    EditPoint at = middle_edit_point(text);
    const std::string typed = "abcdefghijklmnopqrstuvwxyz";
    std::vector<double> t;
    json last = json::array();
    auto started = Clock::now();
    for (int i = 0; i < o.edits; ++i) {
        if (o.edit_budget_s > 0 && ms_since(started) > o.edit_budget_s * 1000) break;
        int version = i + 2;
        json change = {{"range", {{"start", {{"line", at.line}, {"character", at.character + i}}},
                                  {"end", {{"line", at.line}, {"character", at.character + i}}}}},
                       {"text", std::string(1, typed[static_cast<std::size_t>(i) % typed.size()])}};
        auto t0 = Clock::now();
        s.lsp.notify("textDocument/didChange",
                     {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {change}}});
        auto got = s.lsp.diagnostics_of(uri, version, pull, result_id, Clock::now() + o.timeout);
        if (!got) return std::nullopt;
        t.push_back(ms_between(t0, s.lsp.arrived()));
        if (pull && got->value("kind", "") == "unchanged") ++unchanged;
        if (!pull && i + 1 == o.edits) last = (*got)["params"]["diagnostics"];
    }
    EditResult r;
    r.latency = stats(t);
    r.unchanged = unchanged;
    r.last_diagnostics = std::move(last);
    r.hwm_kb = s.lsp.status_kb("VmHWM");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    r.rss_kb = s.lsp.status_kb("VmRSS");
    return r;
}

struct Probe {
    std::string label;
    std::string method;     // textDocument/completion | textDocument/hover
    std::string capability; // completionProvider | hoverProvider
    const Kind* kind;
    std::string text;
    int line, character;
};

struct ProbeResult {
    std::optional<Stats> latency; // nullopt: capability missing
    std::size_t items = 0;        // completion items / hover characters in the last reply
};

ProbeResult bench_probe(const std::vector<std::string>& argv, const Options& o, const Probe& p) {
    ProbeResult out;
    Session s(argv, o);
    if (!s.ok || !s.lsp.capabilities().contains(p.capability) || s.lsp.capabilities()[p.capability] == false)
        return out;
    std::string uri = "file:///bench/probe/" + p.kind->file_name;
    s.lsp.notify("textDocument/didOpen", text_document(uri, *p.kind, 1, p.text));
    s.lsp.wait_publish(uri, 1, Clock::now() + o.timeout);
    std::vector<double> t;
    for (int r = 0; r < o.runs * 3; ++r) {
        auto t0 = Clock::now();
        int id = s.lsp.request(p.method, {{"textDocument", {{"uri", uri}}},
                                          {"position", {{"line", p.line}, {"character", p.character}}}});
        auto reply = s.lsp.wait_response(id, Clock::now() + o.timeout);
        if (!reply) return out;
        t.push_back(ms_between(t0, s.lsp.arrived()));
        const json& result = (*reply)["result"];
        if (result.is_array()) out.items = result.size();
        else if (result.is_object() && result.contains("items")) out.items = result["items"].size();
        else if (result.is_object() && result.contains("contents")) out.items = result["contents"].dump().size();
        else out.items = 0;
    }
    out.latency = stats(t);
    return out;
}

// `cdls check` over every corpus file, --jobs 1 and all cores: MB/s.
struct CheckResult {
    std::string label;
    Stats seconds;
    Stats cpu_seconds;
    double megabytes = 0;
    std::size_t files = 0;
};

// Wall seconds of one run; `cpu` gets user+system seconds of the child (robust under load).
std::optional<double> run_quiet(const std::vector<std::string>& argv, double& cpu) {
    auto t0 = Clock::now();
    pid_t pid = fork();
    if (pid < 0) return std::nullopt;
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) return std::nullopt; // 0 clean, 1 findings
    return ms_since(t0) / 1000.0;
}

std::vector<CheckResult> bench_check(const Options& o) {
    std::vector<CheckResult> out;
    std::vector<std::string> files;
    double bytes = 0;
    for (const char* sub : {"dockerfile", "dockerfile-invalid", "def", "def-from-docs", "def-invalid"}) {
        fs::path dir = o.corpus / sub;
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) {
                files.push_back(e.path().string());
                bytes += static_cast<double>(e.file_size());
            }
    }
    std::sort(files.begin(), files.end());
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned jobs : {1u, cores}) {
        std::vector<std::string> argv = {o.check_binary->string(), "check", "--no-color", "--jobs",
                                         std::to_string(jobs)};
        argv.insert(argv.end(), files.begin(), files.end());
        std::vector<double> t, cpu_t;
        for (int r = 0; r < o.runs; ++r) {
            double cpu = 0;
            auto s = run_quiet(argv, cpu);
            if (!s) {
                std::cerr << "cdls check failed\n";
                return out;
            }
            t.push_back(*s);
            cpu_t.push_back(cpu);
        }
        out.push_back({"--jobs " + std::to_string(jobs), stats(t), stats(cpu_t), bytes / 1e6, files.size()});
    }
    return out;
}

// Callgrind: instruction counts of (a) initialize only, (b) + didOpen, (c) + edits; the
// differences give the cost of one open and of one keystroke.
std::optional<long long> callgrind_total(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::optional<long long> total;
    while (std::getline(in, line)) {
        if (line.rfind("totals:", 0) == 0 || line.rfind("summary:", 0) == 0)
            total = std::stoll(line.substr(line.find(':') + 1));
    }
    return total;
}

std::optional<long long> callgrind_run(const std::vector<std::string>& argv, const Options& o, const fs::path& out,
                                       const Kind* kind, const std::string* text, int edits, bool pull = false) {
    std::vector<std::string> full = {"valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.string()};
    full.insert(full.end(), argv.begin(), argv.end());
    Options slow = o;
    slow.timeout = std::chrono::seconds(3600);
    {
        Lsp lsp;
        if (!lsp.start(full, o.show_stderr)) return std::nullopt;
        if (!lsp.initialize(Clock::now() + slow.timeout, pull)) return std::nullopt;
        if (pull && !lsp.capabilities().contains("diagnosticProvider")) return std::nullopt;
        if (kind) {
            std::string uri = "file:///bench/callgrind/" + kind->file_name;
            lsp.notify("textDocument/didOpen", text_document(uri, *kind, 1, *text));
            std::string result_id;
            if (!lsp.diagnostics_of(uri, 1, pull, result_id, Clock::now() + slow.timeout)) return std::nullopt;
            EditPoint at = middle_edit_point(*text);
            for (int i = 0; i < edits; ++i) {
                json change = {{"range", {{"start", {{"line", at.line}, {"character", at.character + i}}},
                                          {"end", {{"line", at.line}, {"character", at.character + i}}}}},
                               {"text", "x"}};
                lsp.notify("textDocument/didChange",
                           {{"textDocument", {{"uri", uri}, {"version", i + 2}}}, {"contentChanges", {change}}});
                if (!lsp.diagnostics_of(uri, i + 2, pull, result_id, Clock::now() + slow.timeout)) return std::nullopt;
            }
        }
        lsp.stop(std::chrono::milliseconds(600000));
    }
    return callgrind_total(out);
}

// ---------------------------------------------------------------------------------------------

// Workloads 1-5 against every server; markdown to stdout, figures into `results`.
void run_lsp_workloads(Options& o, std::map<std::string, std::string>& texts, json& results) {
    auto ratio = [&](const std::string& metric_key, auto get) -> std::string {
        if (o.server_order.size() < 2) return "";
        auto a = get(o.server_order[0]);
        auto b = get(o.server_order[1]);
        if (!a || !b || *b == 0) return "n/a";
        (void)metric_key;
        return fmt(*a / *b, 4);
    };

    // 1. start-up
    std::map<std::string, std::optional<Stats>> startup;
    std::cout << "### 1. Spawn → initialize result (ms, median (min–max) of " << o.runs << " runs)\n\n| server | ms | idle RSS (KiB) |\n|---|---|---|\n";
    for (const auto& name : o.server_order) {
        json idle;
        startup[name] = bench_startup(o.servers[name], o, idle);
        results[name]["startup_ms"] = startup[name] ? to_json(*startup[name]) : json(nullptr);
        results[name]["idle_rss_kb"] = idle;
        std::cout << "| " << name << " | " << cell(startup[name]) << " | " << (idle.is_object() ? fmt(idle["median"].get<double>(), 0) : "n/a") << " |\n";
    }
    if (o.server_order.size() >= 2)
        std::cout << "\nratio " << o.server_order[0] << "/" << o.server_order[1] << ": "
                  << ratio("startup", [&](const std::string& n) -> std::optional<double> {
                         return startup[n] ? std::optional<double>(startup[n]->median) : std::nullopt;
                     })
                  << "\n";
    std::cout << std::flush;

    // 2. open
    std::map<std::string, std::optional<Stats>> open;
    std::cout << "\n### 2. didOpen → first publishDiagnostics (ms, median (min–max) of " << o.runs << " runs)\n\n| kind | lines | bytes |";
    for (const auto& n : o.server_order) std::cout << " " << n << " |";
    if (o.server_order.size() >= 2) std::cout << " ratio |";
    std::cout << "\n|---|---|---|";
    for (std::size_t i = 0; i < o.server_order.size() + (o.server_order.size() >= 2); ++i) std::cout << "---|";
    std::cout << "\n";
    for (const auto& kind : kinds)
        for (std::size_t size : o.sizes) {
            std::string key = kind.name + "/" + std::to_string(size);
            std::cout << "| " << kind.name << " | " << size << " | " << texts[key].size() << " |";
            for (const auto& name : o.server_order) {
                std::optional<Stats> s;
                if (serves(name, kind)) s = bench_open(o.servers[name], o, kind, texts[key], size);
                open[name + key] = s;
                results[name]["open_ms"][key] = s ? to_json(*s) : json(nullptr);
                std::cout << " " << cell(s) << " |";
            }
            if (o.server_order.size() >= 2)
                std::cout << " " << ratio(key, [&](const std::string& n) -> std::optional<double> {
                    auto& s = open[n + key];
                    return s ? std::optional<double>(s->median) : std::nullopt;
                }) << " |";
            std::cout << "\n" << std::flush;
        }

    // 3. edits (+ 5. RSS)
    std::map<std::string, std::optional<EditResult>> edits;
    std::cout << "\n### 3. One-character edit → publishDiagnostics of that version (ms, median [IQR] max over "
              << o.edits << " edits) and 5. server RSS after the edits (KiB)\n\n| kind | lines |";
    for (const auto& n : o.server_order) std::cout << " " << n << " keystroke | " << n << " VmHWM / VmRSS |";
    if (o.server_order.size() >= 2) std::cout << " ratio |";
    if (o.floor) std::cout << " transport floor |";
    // The first server once more, its diagnostics pulled (when it supports pulls): the number of
    // reports that were "unchanged" beside the latency.
    const std::string& first_name = o.server_order.front();
    std::cout << " " << first_name << " keystroke, pulled (reports unchanged), VmHWM / VmRSS |";
    std::cout << "\n|---|---|";
    for (std::size_t i = 0; i < 2 * o.server_order.size() + (o.server_order.size() >= 2) + o.floor + 1; ++i) std::cout << "---|";
    std::cout << "\n";
    for (const auto& kind : kinds)
        for (std::size_t size : o.sizes) {
            std::string key = kind.name + "/" + std::to_string(size);
            std::cout << "| " << kind.name << " | " << size << " |";
            for (const auto& name : o.server_order) {
                std::optional<EditResult> r;
                if (serves(name, kind)) r = bench_edits(o.servers[name], o, kind, texts[key], size);
                edits[name + key] = r;
                if (r) {
                    results[name]["edit_ms"][key] = to_json(r->latency);
                    results[name]["rss_kb"][key] = {{"VmHWM", r->hwm_kb}, {"VmRSS", r->rss_kb}};
                    std::cout << " " << cell_iqr(r->latency) << " | " << r->hwm_kb << " / " << r->rss_kb << " |";
                } else {
                    std::cout << " n/a | n/a |";
                }
            }
            if (o.server_order.size() >= 2)
                std::cout << " " << ratio(key, [&](const std::string& n) -> std::optional<double> {
                    auto& r = edits[n + key];
                    return r ? std::optional<double>(r->latency.median) : std::nullopt;
                }) << " |";
            if (o.floor) {
                auto& first = edits[o.server_order.front() + key];
                std::optional<EditResult> f;
                if (first) {
                    fs::path dir = o.floor_dir ? *o.floor_dir : fs::temp_directory_path();
                    fs::create_directories(dir);
                    fs::path file = dir / ("floor-" + kind.name + "-" + std::to_string(size) + ".json");
                    std::ofstream(file, std::ios::binary) << first->last_diagnostics.dump();
                    f = bench_edits({fs::read_symlink("/proc/self/exe").string(), "--floor-server", file.string()}, o, kind,
                                    texts[key], size);
                }
                if (f) results["floor"]["edit_ms"][key] = to_json(f->latency);
                std::cout << " " << (f ? cell_iqr(f->latency) : std::string("n/a")) << " |";
            }
            std::optional<EditResult> pulled;
            if (serves(first_name, kind)) pulled = bench_edits(o.servers[first_name], o, kind, texts[key], size, true);
            edits[first_name + " pulled" + key] = pulled;
            if (pulled) {
                results[first_name]["edit_pull_ms"][key] = to_json(pulled->latency);
                results[first_name]["edit_pull_unchanged"][key] = pulled->unchanged;
                results[first_name]["rss_pull_kb"][key] = {{"VmHWM", pulled->hwm_kb}, {"VmRSS", pulled->rss_kb}};
                std::cout << " " << cell_iqr(pulled->latency) << " (" << pulled->unchanged << "/" << pulled->latency.n
                          << "), " << pulled->hwm_kb << " / " << pulled->rss_kb << " KiB |";
            } else {
                std::cout << " n/a |";
            }
            std::cout << "\n" << std::flush;
        }
    std::vector<std::string> growth_names = o.server_order;
    growth_names.insert(growth_names.begin() + 1, first_name + " pulled");
    for (const auto& name : growth_names)
        for (const auto& kind : kinds) {
            std::string small = name + kind.name + "/" + std::to_string(o.sizes.front());
            std::string big = name + kind.name + "/" + std::to_string(o.sizes.back());
            if (edits[small] && edits[big] && edits[small]->latency.median > 0)
                std::cout << "\ngrowth " << name << " " << kind.name << " " << o.sizes.back() << "/" << o.sizes.front()
                          << " lines: " << fmt(edits[big]->latency.median / edits[small]->latency.median, 2) << "×";
        }
    std::cout << "\n" << std::flush;

    // 4. completion and hover
    const Kind& docker = kinds[0];
    const Kind& def = kinds[1];
    std::vector<Probe> probes = {
        {"completion at `FROM `", "textDocument/completion", "completionProvider", &docker, "FROM \n", 0, 5},
        {"completion after `FROM ubuntu:`", "textDocument/completion", "completionProvider", &docker, "FROM ubuntu:\n", 0, 12},
        {"hover on `ubuntu:22.04`", "textDocument/hover", "hoverProvider", &docker, "FROM ubuntu:22.04\n", 0, 7},
        {"completion at `From: `", "textDocument/completion", "completionProvider", &def, "Bootstrap: docker\nFrom: \n", 1, 6},
        {"completion after `From: ubuntu:`", "textDocument/completion", "completionProvider", &def, "Bootstrap: docker\nFrom: ubuntu:\n", 1, 13},
        {"hover on `From: ubuntu:22.04`", "textDocument/hover", "hoverProvider", &def, "Bootstrap: docker\nFrom: ubuntu:22.04\n", 1, 8},
    };
    std::cout << "\n### 4. Completion and hover (ms, median (min–max) of " << o.runs * 3 << " requests; items or hover size)\n\n| request |";
    for (const auto& n : o.server_order) std::cout << " " << n << " |";
    std::cout << "\n|---|";
    for (std::size_t i = 0; i < o.server_order.size(); ++i) std::cout << "---|";
    std::cout << "\n";
    for (const auto& p : probes) {
        std::cout << "| " << p.label << " |";
        for (const auto& name : o.server_order) {
            if (!serves(name, *p.kind)) {
                std::cout << " – |";
                continue;
            }
            ProbeResult r = bench_probe(o.servers[name], o, p);
            results[name]["probe"][p.label] = r.latency ? json{{"ms", to_json(*r.latency)}, {"size", r.items}} : json("n/a");
            if (r.latency) std::cout << " " << cell(r.latency) << " [" << r.items << "] |";
            else std::cout << " n/a |";
        }
        std::cout << "\n" << std::flush;
    }

}

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    std::string w;
    while (in >> w) out.push_back(w);
    return out;
}

// The transport floor: a "server" that analyses nothing and answers each didOpen/didChange with
// a publishDiagnostics of the diagnostics in `file` (the real server's last notification for the
// same document), written from memory with one writev into a pipe enlarged like cdls's. A keystroke timed against it is what
// the pipe, the scheduler and the client's read of that many bytes cost on this machine.
int floor_server(const fs::path& file) {
    std::string diagnostics = read_file(file);
    // The pipe enlarged as cdls does it (server/stdio_loop.cpp), so the floor stays the floor.
    for (int size : {1 << 20, 1 << 18})
        if (fcntl(1, F_GETPIPE_SZ) >= size || fcntl(1, F_SETPIPE_SZ, size) >= size) break;
    cdls::protocol::FrameReader reader;
    auto write_all = [](std::vector<iovec> parts) {
        std::size_t k = 0;
        while (k < parts.size()) {
            ssize_t n = writev(1, parts.data() + k, static_cast<int>(parts.size() - k));
            if (n < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            auto left = static_cast<std::size_t>(n);
            while (k < parts.size() && left >= parts[k].iov_len) left -= parts[k++].iov_len;
            if (k < parts.size()) {
                parts[k].iov_base = static_cast<char*>(parts[k].iov_base) + left;
                parts[k].iov_len -= left;
            }
        }
        return true;
    };
    auto send = [&](const std::string& body) {
        std::string head = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        return write_all({{head.data(), head.size()}, {const_cast<char*>(body.data()), body.size()}});
    };
    char buf[65536];
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
        while (auto frame = reader.next()) {
            if (frame->kind != cdls::protocol::Frame::Kind::Message) continue;
            json m = json::parse(frame->body, nullptr, false);
            if (m.is_discarded()) continue;
            std::string method = m.value("method", "");
            if (method == "initialize") {
                send(json{{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", {{"capabilities", {{"textDocumentSync", 2}}}}}}.dump());
            } else if (method == "shutdown") {
                send(json{{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", nullptr}}.dump());
            } else if (method == "exit") {
                return 0;
            } else if (method == "textDocument/didOpen" || method == "textDocument/didChange") {
                const json& doc = m["params"]["textDocument"];
                std::string before = R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":)";
                std::string after = ",\"uri\":" + doc["uri"].dump() + ",\"version\":" + doc["version"].dump() + "}}";
                std::string head = "Content-Length: " + std::to_string(before.size() + diagnostics.size() + after.size()) + "\r\n\r\n";
                write_all({{head.data(), head.size()}, {before.data(), before.size()},
                           {diagnostics.data(), diagnostics.size()}, {after.data(), after.size()}});
            }
        }
    }
}

int usage() {
    std::cerr << "usage: lsp_bench --server NAME='CMD ARGS' [--server ...] [--corpus DIR] [--runs N]\n"
                 "                 [--edits N] [--sizes 100,2000,20000] [--check CDLS_BINARY]\n"
                 "                 [--callgrind DIR [--callgrind-edits N]] [--json FILE] [--gen-dir DIR]\n"
                 "                 [--timeout SECONDS] [--edit-budget SECONDS] [--skip-lsp] [--no-floor] [--stderr]\n"
                 "Runs the workloads against each server (the first is the one ratios are taken of, the\n"
                 "second the reference) and prints markdown tables. --edit-budget stops typing into one\n"
                 "file after that many seconds (the table gives the number of edits timed). Beside the\n"
                 "first server's keystrokes it times the transport floor: the same notification sent by\n"
                 "a server that does nothing else (lsp_bench --floor-server FILE; --no-floor skips it).\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--server") {
            std::string v = value();
            auto eq = v.find('=');
            if (eq == std::string::npos) return usage();
            o.server_order.push_back(v.substr(0, eq));
            o.servers[v.substr(0, eq)] = split_words(v.substr(eq + 1));
        } else if (a == "--corpus") o.corpus = value();
        else if (a == "--runs") o.runs = std::stoi(value());
        else if (a == "--edits") o.edits = std::stoi(value());
        else if (a == "--sizes") {
            o.sizes.clear();
            std::string v = value();
            std::replace(v.begin(), v.end(), ',', ' ');
            for (const auto& w : split_words(v)) o.sizes.push_back(std::stoul(w));
        } else if (a == "--check") o.check_binary = value();
        else if (a == "--callgrind") o.callgrind_dir = value();
        else if (a == "--callgrind-edits") o.callgrind_edits = std::stoi(value());
        else if (a == "--json") o.json_out = value();
        else if (a == "--gen-dir") {
            o.gen_dir = value();
            o.floor_dir = *o.gen_dir;
        }
        else if (a == "--timeout") o.timeout = std::chrono::seconds(std::stoi(value()));
        else if (a == "--stderr") o.show_stderr = true;
        else if (a == "--skip-lsp") o.skip_lsp = true;
        else if (a == "--edit-budget") o.edit_budget_s = std::stod(value());
        else if (a == "--no-floor") o.floor = false;
        else if (a == "--floor-server") return floor_server(value());
        else return usage();
    }
    if (o.server_order.empty() && !o.check_binary) return usage();

    json results = json::object();
    std::map<std::string, std::string> texts; // kind/size -> text
    for (const auto& kind : kinds)
        for (std::size_t size : o.sizes) {
            std::string text = generate(o.corpus / kind.dir, size, 20261124);
            if (o.gen_dir) {
                fs::create_directories(*o.gen_dir);
                std::ofstream(*o.gen_dir / (kind.name + "-" + std::to_string(size) + (kind.name == "def" ? ".def" : ".Dockerfile")),
                              std::ios::binary)
                    << text;
            }
            texts[kind.name + "/" + std::to_string(size)] = std::move(text);
        }

    if (!o.skip_lsp) run_lsp_workloads(o, texts, results);

    // 6. cdls check
    if (o.check_binary) {
        auto checks = bench_check(o);
        std::cout << "\n### 6. `cdls check` over the whole corpus (median (min–max) of " << o.runs << " runs)\n\n"
                  << "| jobs | files | MB | wall s | MB/s wall (median) | CPU s (user+sys) | MB per CPU-second |\n"
                  << "|---|---|---|---|---|---|---|\n";
        for (const auto& c : checks) {
            std::cout << "| " << c.label << " | " << c.files << " | " << fmt(c.megabytes, 2) << " | " << cell(c.seconds)
                      << " | " << fmt(c.megabytes / c.seconds.median, 1) << " | " << cell(c.cpu_seconds) << " | "
                      << fmt(c.megabytes / c.cpu_seconds.median, 1) << " |\n";
            results["check"][c.label] = {{"seconds", to_json(c.seconds)}, {"cpu_seconds", to_json(c.cpu_seconds)},
                                         {"megabytes", c.megabytes}, {"files", c.files},
                                         {"mb_per_s", c.megabytes / c.seconds.median},
                                         {"mb_per_cpu_s", c.megabytes / c.cpu_seconds.median}};
        }
        std::cout << std::flush;
    }

    // callgrind
    if (o.callgrind_dir && o.servers.count(o.callgrind_server)) {
        fs::create_directories(*o.callgrind_dir);
        const auto& argv0 = o.servers[o.callgrind_server];
        std::cout << "\n### Callgrind instruction counts (" << o.callgrind_server << ", Ir)\n\n"
                  << "| kind | lines | didOpen (Ir) | per keystroke (Ir, mean of " << o.callgrind_edits
                  << ") | didOpen and a pull (Ir) | per keystroke, pulled (Ir) |\n|---|---|---|---|---|---|\n";
        auto base = callgrind_run(argv0, o, *o.callgrind_dir / "init.out", nullptr, nullptr, 0);
        if (!base) std::cout << "callgrind baseline failed\n";
        for (const auto& kind : kinds)
            for (std::size_t size : o.sizes) {
                if (!base) break;
                std::string key = kind.name + "/" + std::to_string(size);
                std::string stem = kind.name + "-" + std::to_string(size);
                auto opened = callgrind_run(argv0, o, *o.callgrind_dir / (stem + "-open.out"), &kind, &texts[key], 0);
                auto edited = callgrind_run(argv0, o, *o.callgrind_dir / (stem + "-edits.out"), &kind, &texts[key], o.callgrind_edits);
                if (!opened || !edited) {
                    std::cout << "| " << kind.name << " | " << size << " | failed | failed | failed | failed |\n";
                    continue;
                }
                long long open_ir = *opened - *base;
                double edit_ir = static_cast<double>(*edited - *opened) / o.callgrind_edits;
                results[o.callgrind_server]["callgrind"][key] = {{"open_ir", open_ir}, {"edit_ir", edit_ir}, {"init_ir", *base}};
                std::cout << "| " << kind.name << " | " << size << " | " << open_ir << " | " << fmt(edit_ir, 0) << " |";
                // The same with the diagnostics pulled (a server without pulls: n/a). The
                // baseline is the push one: initialize costs the same.
                auto pull_opened = callgrind_run(argv0, o, *o.callgrind_dir / (stem + "-pull-open.out"), &kind, &texts[key], 0, true);
                auto pull_edited = pull_opened ? callgrind_run(argv0, o, *o.callgrind_dir / (stem + "-pull-edits.out"), &kind,
                                                               &texts[key], o.callgrind_edits, true)
                                               : std::nullopt;
                if (pull_opened && pull_edited) {
                    double pull_edit_ir = static_cast<double>(*pull_edited - *pull_opened) / o.callgrind_edits;
                    results[o.callgrind_server]["callgrind"][key]["pull_open_ir"] = *pull_opened - *base;
                    results[o.callgrind_server]["callgrind"][key]["pull_edit_ir"] = pull_edit_ir;
                    std::cout << " " << (*pull_opened - *base) << " | " << fmt(pull_edit_ir, 0) << " |\n" << std::flush;
                } else {
                    std::cout << " n/a | n/a |\n" << std::flush;
                }
            }
        if (base) std::cout << "\n(initialize + shutdown alone: " << *base << " Ir)\n";
    }

    if (o.json_out) std::ofstream(*o.json_out) << results.dump(2) << "\n";
    return 0;
}
