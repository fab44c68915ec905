// Message dispatch: lifecycle checks, cancellation, and error replies for bad input.
#include "server/language_server.hpp"

#include <spdlog/spdlog.h>

namespace cdls::server {

using protocol::ErrorCode;

LanguageServer::LanguageServer(std::function<void(std::string)> send) {
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
