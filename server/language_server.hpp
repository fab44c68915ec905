// The LSP server without its transport: frames in, JSON bodies out through Session::send.
// ClangdLSPServer-style: this layer only translates protocol; analysis/ does the work.
#pragma once

#include "protocol/framing.hpp"
#include "server/session.hpp"

#include <asio/io_context.hpp>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace cdls::server {

using RequestHandler = std::function<json(Session&, const json& params)>;
using NotificationHandler = std::function<void(Session&, const json& params)>;

// The answer to one request, sent now or later (from the loop) by an asynchronous handler.
// The first call wins; later ones, and calls after a $/cancelRequest or shutdown answered the
// request, do nothing.
class Reply {
public:
    struct State {
        protocol::RequestId id;
        std::function<void(std::string_view)> send;
        std::string method;
        bool done = false;
    };
    explicit Reply(std::shared_ptr<State> state) : state_(std::move(state)) {}

    void result(json value) const;
    void error(protocol::ErrorCode code, std::string message) const;
    // Computes the result with `compute` and sends it; its exceptions become error replies
    // (the same mapping synchronous handlers get).
    void run(const std::function<json()>& compute) const;
    // The same for a result written as JSON text (large replies: no DOM).
    void run_text(const std::function<std::string()>& compute) const;
    // The same, with the result written by `write` at the end of the response's own text (a
    // megabyte report is written once, not copied behind the response's head).
    void run_written(const std::function<void(std::string& out)>& write) const;
    bool done() const { return state_->done; }

private:
    std::shared_ptr<State> state_;
};

// A handler that may answer later: the loop keeps serving other messages meanwhile.
using AsyncRequestHandler = std::function<void(Session&, const json& params, Reply reply)>;

// The one dispatch table: a method name to the small function that serves it.
struct Handlers {
    std::map<std::string, RequestHandler, std::less<>> requests;
    std::map<std::string, AsyncRequestHandler, std::less<>> async_requests;
    std::map<std::string, NotificationHandler, std::less<>> notifications;
};

// Each file of handlers registers its methods (lifecycle.cpp, text_sync.cpp, features ...).
void register_lifecycle(Handlers& handlers);
void register_text_sync(Handlers& handlers);
void register_workspace(Handlers& handlers);
// features.cpp calls one register function per feature file (server/feature_<name>.cpp).
void register_features(Handlers& handlers);

// Capabilities announced in the initialize result.
json server_capabilities(const Session& session);

class LanguageServer {
public:
    explicit LanguageServer(std::function<void(std::string_view)> send);

    // Handles frames read together: cancellations among them apply to requests still queued,
    // changes are applied in order, and analysis waits until publish_pending().
    void handle_frames(std::vector<protocol::Frame> frames);
    void handle_body(std::string_view body);
    // Analyses each changed document once (its newest version) and publishes diagnostics.
    void publish_pending() { session_.publish_pending(); }

    bool exit_requested() const { return session_.exit_requested; }
    int exit_code() const { return session_.state == Lifecycle::ShutDown ? 0 : 1; }
    std::optional<std::int64_t> client_process_id() const { return session_.client.processId; }
    Session& session() { return session_; }
    // Lets handlers do asynchronous work (registry look-ups) on the server's loop.
    void attach_loop(asio::io_context& loop);
    // Requests answered later and not yet answered.
    std::size_t requests_in_flight();

private:
    void dispatch(protocol::Message message);
    void serve_request(protocol::Request request);
    void serve_notification(const protocol::Notification& notification);

    Session session_;
    Handlers handlers_;
    void cancel_in_flight(const json& params);
    void cancel_all_in_flight();

    std::set<std::string> cancelled_; // ids (as strings) of queued requests to cancel
    std::map<std::string, std::weak_ptr<Reply::State>> in_flight_; // asynchronous, unanswered
};

} // namespace cdls::server
