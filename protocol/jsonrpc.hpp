// JSON-RPC 2.0 messages: classification of incoming JSON, and the replies the server sends.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cdls::protocol {

using json = nlohmann::json;

enum class ErrorCode : int {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    ServerNotInitialized = -32002,
    UnknownErrorCode = -32001,
    RequestFailed = -32803,
    ServerCancelled = -32802,
    ContentModified = -32801,
    RequestCancelled = -32800,
};

// A request id is an integer or a string (null only in error replies we send).
using RequestId = std::variant<std::int64_t, std::string>;
json id_to_json(const RequestId& id);
std::string id_to_string(const RequestId& id);

struct Request {
    RequestId id;
    std::string method;
    json params; // object, array, or null when absent
};

struct Notification {
    std::string method;
    json params;
};

struct Response {
    RequestId id;
    json result;               // when !error
    std::optional<json> error; // {code, message, data?}
};

// A message that cannot be served: the error to send back, to `id` when one could be read.
struct InvalidMessage {
    ErrorCode code;
    std::string message;
    std::optional<RequestId> id;
};

using Message = std::variant<Request, Notification, Response, InvalidMessage>;

// Parses and classifies one frame body. Never throws.
Message parse_message(std::string_view body);

// Replies and notifications as JSON text.
// Take the payload by value: callers hand over large results/diagnostics without a copy.
std::string make_result(const RequestId& id, json result);
std::string make_error(const std::optional<RequestId>& id, ErrorCode code, std::string_view message);
std::string make_notification(std::string_view method, json params);
std::string make_request(const RequestId& id, std::string_view method, const json& params);

// An error thrown by a handler to answer its request with this code.
struct RequestError {
    ErrorCode code;
    std::string message;
};

} // namespace cdls::protocol
