// stdin -> frames -> LanguageServer -> stdout, on one asio loop. A reader thread blocks on
// stdin (works for pipes, files and terminals alike) and hands chunks to the loop; the loop
// drains everything already queued before it analyses, so a burst of keystrokes costs one
// analysis of the newest version (debounce by coalescing, no timer).
#include "server/stdio_loop.hpp"

#include "protocol/framing.hpp"
#include "server/language_server.hpp"

#include <asio.hpp>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include <malloc.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace cdls::server {

namespace {

// The heap keeps what an analysis freed (the previous version's trees): with a large document
// that is megabytes the process holds for nothing. When the input has been idle for a moment
// and more than kTrimAbove bytes are free, they go back to the system. Not after every message:
// the next analysis would fault the same pages back in (+25 % per keystroke at 20 000 lines,
// docs/performance.md).
void release_free_memory() {
    constexpr std::size_t kTrimAbove = 1 << 20;
    struct mallinfo2 info = mallinfo2();
    if (info.fordblks > kTrimAbove) malloc_trim(0);
}

// A pipe holds 64 KiB: the megabyte of diagnostics of a 20 000-line file then crosses it in
// sixteen rounds, each waiting for the client to be scheduled and to read (1.1 ms of a
// keystroke on an idle 2-core VM, where a wake-up is dear; docs/performance.md). A larger
// pipe takes a message in one write. Likewise for stdin and the didOpen of a large file. The
// kernel may refuse (pipe-max-size, a user's pipe quota): smaller sizes are tried, and the
// default is kept if none is granted.
void enlarge_pipe(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
    for (int size : {1 << 20, 1 << 18}) {
        if (fcntl(fd, F_GETPIPE_SZ) >= size) return;
        if (fcntl(fd, F_SETPIPE_SZ, size) >= size) return;
    }
}

// Bytes read but not yet handled; past this the reader waits (back-pressure on the client).
constexpr std::size_t max_queued_bytes = 16 * 1024 * 1024;

// One frame, header and body, in one writev: the body (a megabyte for the diagnostics of a
// large file) is not copied behind its header.
bool write_frame(int fd, std::string_view body) {
    const std::string header = protocol::frame_header(body.size());
    std::string_view parts[2] = {header, body};
    std::size_t first = 0;
    while (first < 2) {
        iovec vec[2];
        int count = 0;
        for (std::size_t i = first; i < 2; ++i)
            vec[count++] = {const_cast<char*>(parts[i].data()), parts[i].size()};
        ssize_t n = ::writev(fd, vec, count);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        auto written = static_cast<std::size_t>(n);
        while (first < 2 && written >= parts[first].size()) written -= parts[first++].size();
        if (first < 2) parts[first].remove_prefix(written);
    }
    return true;
}

struct InputQueue {
    std::mutex mutex;
    std::condition_variable space;
    std::deque<std::string> chunks;
    std::size_t bytes = 0;
    bool drain_posted = false;
    bool eof = false;
    bool stopping = false;
};

} // namespace

int run_stdio_server() {
    std::signal(SIGPIPE, SIG_IGN);
    // One heap for all threads. The reader thread allocates the input chunks; in an arena of its
    // own, a large document's chunks (up to max_queued_bytes at a time) were freed into the top
    // of that arena's heap, which malloc_trim does not give back for secondary arenas: 32 MB
    // resident after a 50 MB document was closed. The threads hardly contend (the reader
    // allocates a chunk per read).
    mallopt(M_ARENA_MAX, 1);
    enlarge_pipe(STDOUT_FILENO);
    enlarge_pipe(STDIN_FILENO);
    asio::io_context loop;
    auto guard = asio::make_work_guard(loop);
    bool output_broken = false;

    LanguageServer server([&](std::string_view body) {
        if (output_broken) return;
        if (!write_frame(STDOUT_FILENO, body)) {
            spdlog::error("stdout closed ({}); stopping", std::strerror(errno));
            output_broken = true;
            loop.stop();
        }
    });
    server.attach_loop(loop);
    protocol::FrameReader reader;
    InputQueue input;
    asio::steady_timer idle_trim(loop);
    auto arm_idle_trim = [&] {
        idle_trim.expires_after(std::chrono::milliseconds(250));
        idle_trim.async_wait([](const asio::error_code& ec) {
            if (!ec) release_free_memory();
        });
    };

    std::function<void()> drain = [&] {
        std::deque<std::string> chunks;
        bool eof = false;
        {
            std::lock_guard lock(input.mutex);
            chunks.swap(input.chunks);
            input.bytes = 0;
            input.drain_posted = false;
            eof = input.eof;
        }
        input.space.notify_all();
        std::vector<protocol::Frame> frames;
        for (const auto& chunk : chunks) {
            reader.feed(chunk);
            while (auto frame = reader.next()) frames.push_back(std::move(*frame));
        }
        if (!frames.empty()) server.handle_frames(std::move(frames));
        if (server.exit_requested()) {
            loop.stop();
            return;
        }
        bool more_waiting = false;
        {
            std::lock_guard lock(input.mutex);
            more_waiting = !input.chunks.empty();
        }
        // Newer input is already here: analyse after it, not before.
        if (!more_waiting) {
            server.publish_pending();
            arm_idle_trim();
        }
        if (eof) {
            if (reader.in_frame()) spdlog::warn("input ended in the middle of a message");
            spdlog::info("input closed; exiting");
            loop.stop();
        }
    };

    // The reader polls stdin and a wake-up pipe, so the loop can stop it and join it.
    int wake[2] = {-1, -1};
    if (::pipe(wake) != 0) {
        spdlog::critical("pipe: {}", std::strerror(errno));
        return 1;
    }
    std::thread stdin_reader([&] {
        std::string buffer(64 * 1024, '\0');
        for (;;) {
            pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {wake[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                spdlog::error("poll: {}", std::strerror(errno));
            }
            if (fds[1].revents != 0) return;
            ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            std::unique_lock lock(input.mutex);
            if (n <= 0) {
                input.eof = true;
            } else {
                input.space.wait(lock, [&] { return input.bytes < max_queued_bytes || input.stopping; });
                if (input.stopping) return;
                input.chunks.emplace_back(buffer.data(), static_cast<std::size_t>(n));
                input.bytes += static_cast<std::size_t>(n);
            }
            if (!input.drain_posted) {
                input.drain_posted = true;
                asio::post(loop, drain);
            }
            if (n <= 0) return;
        }
    });

    // Exit when the client process dies (LSP: processId), checked every second.
    asio::steady_timer parent_timer(loop);
    std::function<void(const asio::error_code&)> check_parent = [&](const asio::error_code& ec) {
        if (ec) return;
        auto pid = server.client_process_id();
        if (pid && *pid > 0 && ::kill(static_cast<pid_t>(*pid), 0) != 0 && errno == ESRCH) {
            spdlog::info("client process {} is gone; exiting", *pid);
            loop.stop();
            return;
        }
        parent_timer.expires_after(std::chrono::seconds(1));
        parent_timer.async_wait(check_parent);
    };
    parent_timer.expires_after(std::chrono::seconds(1));
    parent_timer.async_wait(check_parent);

    loop.run();
    {
        std::lock_guard lock(input.mutex);
        input.stopping = true;
    }
    input.space.notify_all();
    [[maybe_unused]] ssize_t woke = ::write(wake[1], "x", 1);
    stdin_reader.join();
    ::close(wake[0]);
    ::close(wake[1]);
    // exit: 0 after shutdown, 1 without; end of input or a dead client likewise.
    return server.exit_code();
}

} // namespace cdls::server
