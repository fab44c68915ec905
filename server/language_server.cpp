// Message dispatch: lifecycle checks, cancellation, and error replies for bad input.
#include "server/language_server.hpp"

#include "protocol/json_text.hpp"
#include "server/feature_registry.hpp"

#include <spdlog/spdlog.h>

namespace cdls::server {

using protocol::ErrorCode;

void Reply::result(json value) const {
    if (state_->done) return;
    state_->done = true;
    state_->send(protocol::make_result(state_->id, std::move(value)));
}

void Reply::error(ErrorCode code, std::string message) const {
    if (state_->done) return;
    state_->done = true;
    state_->send(protocol::make_error(state_->id, code, message));
}

namespace {

// Runs `body`, turning its exceptions into error replies (the mapping synchronous handlers get).
template <class Body>
void answer_or_error(const Reply& reply, const std::string& method, Body&& body) {
    try {
        body();
    } catch (const protocol::RequestError& e) {
        reply.error(e.code, e.message);
    } catch (const json::exception& e) {
        reply.error(ErrorCode::InvalidParams, std::string("invalid params: ") + e.what());
    } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", method, e.what());
        reply.error(ErrorCode::InternalError, e.what());
    }
}

} // namespace

void Reply::run(const std::function<json()>& compute) const {
    if (state_->done) return;
    answer_or_error(*this, state_->method, [&] { result(compute()); });
}

void Reply::run_text(const std::function<std::string()>& compute) const {
    run_written([&](std::string& out) { out += compute(); });
}

void Reply::run_written(const std::function<void(std::string& out)>& write) const {
    if (state_->done) return;
    answer_or_error(*this, state_->method, [&] {
        std::string text;
        protocol::append_result_head(text, protocol::id_to_json(state_->id).dump());
        write(text);
        text += '}';
        if (state_->done) return;
        state_->done = true;
        state_->send(text);
    });
}

void LanguageServer::attach_loop(asio::io_context& loop) { enable_registry(session_, loop); }

std::size_t LanguageServer::requests_in_flight() {
    std::erase_if(in_flight_, [](const auto& entry) {
        auto state = entry.second.lock();
        return !state || state->done;
    });
    return in_flight_.size();
}

void LanguageServer::cancel_in_flight(const json& params) {
    if (!params.is_object() || !params.contains("id")) return;
    const json& id = params["id"];
    std::string key = id.is_number_integer() ? std::to_string(id.get<std::int64_t>()) : id.is_string() ? id.get<std::string>() : "";
    auto it = in_flight_.find(key);
    if (it == in_flight_.end()) return;
    if (auto state = it->second.lock()) Reply(state).error(ErrorCode::RequestCancelled, "request cancelled");
    in_flight_.erase(it);
}

void LanguageServer::cancel_all_in_flight() {
    for (auto& [id, weak] : in_flight_)
        if (auto state = weak.lock()) Reply(state).error(ErrorCode::RequestCancelled, "server shutting down");
    in_flight_.clear();
}

LanguageServer::LanguageServer(std::function<void(std::string_view)> send) {
    session_.send = std::move(send);
    register_lifecycle(handlers_);
    register_text_sync(handlers_);
    register_workspace(handlers_);
    register_features(handlers_);
}

void LanguageServer::handle_body(std::string_view body) { dispatch(protocol::parse_message(body)); }

void LanguageServer::handle_frames(std::vector<protocol::Frame> frames) {
    std::vector<protocol::Message> messages;
    messages.reserve(frames.size());
    for (auto& frame : frames) {
        if (frame.kind == protocol::Frame::Kind::Error) {
            spdlog::warn("framing error: {}", frame.error);
            session_.send(protocol::make_error(std::nullopt, ErrorCode::ParseError, frame.error));
            continue;
        }
        messages.push_back(protocol::parse_message(frame.body));
    }
    // A cancellation reaches requests read in the same batch, which are still queued.
    for (const auto& m : messages) {
        const auto* n = std::get_if<protocol::Notification>(&m);
        if (!n || n->method != "$/cancelRequest" || !n->params.is_object()) continue;
        auto id = n->params.find("id");
        if (id == n->params.end()) continue;
        if (id->is_number_integer()) cancelled_.insert(std::to_string(id->get<std::int64_t>()));
        else if (id->is_string()) cancelled_.insert(id->get<std::string>());
    }
    for (auto& m : messages) {
        if (session_.exit_requested) break;
        dispatch(std::move(m));
    }
    cancelled_.clear();
}

void LanguageServer::dispatch(protocol::Message message) {
    if (auto* invalid = std::get_if<protocol::InvalidMessage>(&message)) {
        spdlog::warn("invalid message: {}", invalid->message);
        session_.send(protocol::make_error(invalid->id, invalid->code, invalid->message));
    } else if (auto* request = std::get_if<protocol::Request>(&message)) {
        serve_request(std::move(*request));
    } else if (auto* notification = std::get_if<protocol::Notification>(&message)) {
        serve_notification(*notification);
    } else {
        // A response to a request we sent (workspace/configuration, client/registerCapability).
        auto& response = std::get<protocol::Response>(message);
        auto it = session_.pending_requests.find(protocol::id_to_string(response.id));
        if (it == session_.pending_requests.end()) {
            spdlog::debug("response to unknown request {} ignored", protocol::id_to_string(response.id));
            return;
        }
        auto callback = std::move(it->second);
        session_.pending_requests.erase(it);
        try {
            callback(response.error ? *response.error : response.result, response.error.has_value());
        } catch (const std::exception& e) {
            spdlog::warn("handling the response to {}: {}", protocol::id_to_string(response.id), e.what());
        }
    }
}

void LanguageServer::serve_request(protocol::Request request) {
    const auto& id = request.id;
    if (cancelled_.erase(protocol::id_to_string(id))) {
        session_.send(protocol::make_error(id, ErrorCode::RequestCancelled, "request cancelled"));
        return;
    }
    if (session_.state == Lifecycle::Uninitialized && request.method != "initialize") {
        session_.send(protocol::make_error(id, ErrorCode::ServerNotInitialized, "server not initialized"));
        return;
    }
    if (session_.state == Lifecycle::ShutDown) {
        session_.send(protocol::make_error(id, ErrorCode::InvalidRequest, "server is shut down"));
        return;
    }
    // Requests still waiting for the network are answered before the shutdown result.
    if (request.method == "shutdown") cancel_all_in_flight();
    if (auto async = handlers_.async_requests.find(request.method); async != handlers_.async_requests.end()) {
        auto state = std::make_shared<Reply::State>(Reply::State{id, session_.send, request.method});
        Reply reply(state);
        try {
            async->second(session_, request.params, reply);
        } catch (...) {
            reply.run([] () -> json { throw; });
        }
        if (!state->done) {
            requests_in_flight(); // drop answered ones
            in_flight_[protocol::id_to_string(id)] = state;
        }
        return;
    }
    auto handler = handlers_.requests.find(request.method);
    if (handler == handlers_.requests.end()) {
        session_.send(protocol::make_error(id, ErrorCode::MethodNotFound, "method not found: " + request.method));
        return;
    }
    try {
        json result = handler->second(session_, request.params);
        session_.send(protocol::make_result(id, std::move(result)));
    } catch (const protocol::RequestError& e) {
        session_.send(protocol::make_error(id, e.code, e.message));
    } catch (const json::exception& e) {
        session_.send(protocol::make_error(id, ErrorCode::InvalidParams, std::string("invalid params: ") + e.what()));
    } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", request.method, e.what());
        session_.send(protocol::make_error(id, ErrorCode::InternalError, e.what()));
    }
}

void LanguageServer::serve_notification(const protocol::Notification& n) {
    if (n.method == "$/cancelRequest") cancel_in_flight(n.params);
    if (n.method == "exit") {
        session_.exit_requested = true;
        return;
    }
    if (session_.state != Lifecycle::Initialized && n.method != "$/cancelRequest") {
        spdlog::debug("notification {} dropped: not initialized or shut down", n.method);
        return;
    }
    auto handler = handlers_.notifications.find(n.method);
    if (handler == handlers_.notifications.end()) {
        // Unknown notifications, and every $/ one we do not serve, are ignored (LSP 3.17).
        spdlog::debug("notification {} ignored", n.method);
        return;
    }
    try {
        handler->second(session_, n.params);
    } catch (const protocol::RequestError& e) {
        spdlog::warn("{}: {}", n.method, e.message);
    } catch (const std::exception& e) {
        spdlog::warn("{}: invalid params: {}", n.method, e.what());
    }
}

} // namespace cdls::server
