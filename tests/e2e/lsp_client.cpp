// LspProcess: fork/exec of the cdls binary with three pipes, framed I/O with poll timeouts.
#include "lsp_client.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cdls::test {

std::string binary_path() { return CDLS_BINARY; }
std::string file_uri(const std::string& path) { return "file://" + path; }

LspProcess::LspProcess(std::vector<std::string> args, std::string stdin_file) {
    std::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2], err[2];
    if (::pipe(in) || ::pipe(out) || ::pipe(err)) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        if (!stdin_file.empty()) {
            int fd = ::open(stdin_file.c_str(), O_RDONLY);
            ::dup2(fd, 0);
        } else {
            ::dup2(in[0], 0);
        }
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
        std::vector<char*> argv;
        std::string bin = binary_path();
        argv.push_back(bin.data());
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(bin.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    to_server_ = in[1];
    from_server_ = out[0];
    err_fd_ = err[0];
    ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
    if (!stdin_file.empty()) {
        ::close(to_server_);
        to_server_ = -1;
    }
}

LspProcess::~LspProcess() {
    if (to_server_ >= 0) ::close(to_server_);
    if (!exit_status_ && pid_ > 0) {
        if (!wait_exit(2s)) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    if (from_server_ >= 0) ::close(from_server_);
    if (err_fd_ >= 0) ::close(err_fd_);
}

void LspProcess::write_raw(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(to_server_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("write to server failed: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void LspProcess::send(const json& message) { write_raw(protocol::encode_frame(message.dump())); }

void LspProcess::notify(const std::string& method, const json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

std::int64_t LspProcess::send_request(const std::string& method, const json& params) {
    std::int64_t id = next_id_++;
    json msg = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) msg["params"] = params;
    send(msg);
    return id;
}

json LspProcess::request(const std::string& method, const json& params, std::chrono::milliseconds timeout) {
    std::int64_t id = send_request(method, params);
    auto reply = wait_response(id, timeout);
    if (!reply) throw std::runtime_error("no reply to " + method + "; stderr: " + stderr_text());
    return *reply;
}

bool LspProcess::fill(std::chrono::steady_clock::time_point deadline) {
    char buffer[65536];
    for (;;) {
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return false;
        int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count());
        pollfd fds[2] = {{from_server_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
        int r = ::poll(fds, 2, ms);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        if (fds[1].revents & POLLIN) {
            ssize_t n = ::read(err_fd_, buffer, sizeof buffer);
            if (n > 0) stderr_.append(buffer, static_cast<std::size_t>(n));
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            ssize_t n = ::read(from_server_, buffer, sizeof buffer);
            if (n <= 0) return false;
            reader_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
            bool got = false;
            while (auto frame = reader_.next()) {
                if (frame->kind != protocol::Frame::Kind::Message)
                    throw std::runtime_error("server wrote a bad frame: " + frame->error);
                pending_.push_back(json::parse(frame->body));
                got = true;
            }
            if (got) return true;
        }
    }
}

std::optional<json> LspProcess::read_message(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pending_.empty())
        if (!fill(deadline)) return std::nullopt;
    json m = std::move(pending_.front());
    pending_.pop_front();
    return m;
}

namespace {

template <typename Pred>
std::optional<json> take_first(std::deque<json>& q, Pred pred) {
    for (auto it = q.begin(); it != q.end(); ++it) {
        if (pred(*it)) {
            json m = std::move(*it);
            q.erase(it);
            return m;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<json> LspProcess::wait_response(const json& id, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto m = take_first(pending_, [&](const json& j) { return j.contains("id") && j["id"] == id && !j.contains("method"); });
        if (m) return m;
        if (!fill(deadline)) return std::nullopt;
    }
}

std::optional<json> LspProcess::wait_notification(const std::string& method, const std::function<bool(const json&)>& match,
                                                  std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto m = take_first(pending_, [&](const json& j) {
            return j.value("method", "") == method && !j.contains("id") && (!match || match(j["params"]));
        });
        if (m) return m;
        if (!fill(deadline)) return std::nullopt;
    }
}

std::optional<json> LspProcess::wait_null_id_error(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto m = take_first(pending_, [](const json& j) { return j.contains("id") && j["id"].is_null() && j.contains("error"); });
        if (m) return m;
        if (!fill(deadline)) return std::nullopt;
    }
}

json LspProcess::initialize(const json& capabilities, std::optional<std::int64_t> process_id) {
    json params = {{"processId", process_id ? json(*process_id) : json()},
                   {"rootUri", nullptr},
                   {"capabilities", capabilities},
                   {"clientInfo", {{"name", "cdls-e2e"}}}};
    json reply = request("initialize", params);
    notify("initialized", json::object());
    return reply;
}

void LspProcess::open(const std::string& uri, const std::string& language, const std::string& text, int version) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
}

void LspProcess::close_stdin() {
    if (to_server_ >= 0) ::close(to_server_);
    to_server_ = -1;
}

std::optional<int> LspProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (exit_status_) return exit_status_;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return exit_status_;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        // Keep draining output so the server never blocks on a full pipe while exiting.
        char buffer[65536];
        while (::read(err_fd_, buffer, sizeof buffer) > 0) {}
        pollfd fd{from_server_, POLLIN, 0};
        if (::poll(&fd, 1, 0) > 0 && (fd.revents & POLLIN)) {
            ssize_t n = ::read(from_server_, buffer, sizeof buffer);
            if (n > 0) reader_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        }
        std::this_thread::sleep_for(5ms);
    }
}

bool LspProcess::running() { return !wait_exit(0ms).has_value(); }

std::string LspProcess::stderr_text() {
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(err_fd_, buffer, sizeof buffer)) > 0) stderr_.append(buffer, static_cast<std::size_t>(n));
    return stderr_;
}

int LspProcess::to_server_pipe_size() const { return fcntl(to_server_, F_GETPIPE_SZ); }
int LspProcess::from_server_pipe_size() const { return fcntl(from_server_, F_GETPIPE_SZ); }

long LspProcess::rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

} // namespace cdls::test
