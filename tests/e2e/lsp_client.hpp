// A minimal LSP client for end-to-end tests: spawns the real cdls binary and talks to it
// over pipes, with timeouts so a hung server fails the test instead of hanging it.
#pragma once

#include "protocol/framing.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace cdls::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

class LspProcess {
public:
    explicit LspProcess(std::vector<std::string> args = {}, std::string stdin_file = {});
    ~LspProcess();
    LspProcess(const LspProcess&) = delete;
    LspProcess& operator=(const LspProcess&) = delete;

    void write_raw(std::string_view bytes);
    void send(const json& message);
    void notify(const std::string& method, const json& params);
    // Sends a request and returns its id.
    std::int64_t send_request(const std::string& method, const json& params);
    // Sends a request and waits for its response (the whole message: result or error).
    json request(const std::string& method, const json& params, std::chrono::milliseconds timeout = 10s);

    // The next message from the server (responses and notifications in order).
    std::optional<json> read_message(std::chrono::milliseconds timeout = 10s);
    // Waits for the response with `id`, keeping notifications seen meanwhile.
    std::optional<json> wait_response(const json& id, std::chrono::milliseconds timeout = 10s);
    // Waits for a notification with `method` (and, if given, for which `match` returns true).
    std::optional<json> wait_notification(const std::string& method,
                                          const std::function<bool(const json&)>& match = {},
                                          std::chrono::milliseconds timeout = 10s);
    // Waits for the next message that is a reply with a null id (framing errors).
    std::optional<json> wait_null_id_error(std::chrono::milliseconds timeout = 10s);

    // Standard LSP start: initialize (with these capabilities) + initialized.
    json initialize(const json& capabilities = json::object(), std::optional<std::int64_t> process_id = std::nullopt);
    void open(const std::string& uri, const std::string& language, const std::string& text, int version = 1);

    void close_stdin();
    // Exit status, or nullopt if the process has not exited within `timeout`.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout = 10s);
    bool running();
    pid_t pid() const { return pid_; }
    std::string stderr_text();
    // Resident memory of the server in KiB (from /proc).
    long rss_kib() const;
    // The capacity in bytes of the pipes to and from the server (F_GETPIPE_SZ).
    int to_server_pipe_size() const;
    int from_server_pipe_size() const;

private:
    bool fill(std::chrono::steady_clock::time_point deadline);

    pid_t pid_ = -1;
    int to_server_ = -1;
    int from_server_ = -1;
    int err_fd_ = -1;
    std::string stderr_;
    protocol::FrameReader reader_;
    std::deque<json> pending_; // messages read but not yet asked for
    std::int64_t next_id_ = 1;
    std::optional<int> exit_status_;
};

std::string binary_path();
std::string file_uri(const std::string& path);

} // namespace cdls::test
