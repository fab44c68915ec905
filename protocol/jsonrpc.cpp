// JSON-RPC 2.0: classifying incoming messages and writing replies.
#include "protocol/jsonrpc.hpp"

namespace cdls::protocol {

json id_to_json(const RequestId& id) {
    if (const auto* n = std::get_if<std::int64_t>(&id)) return *n;
    return std::get<std::string>(id);
}

std::string id_to_string(const RequestId& id) {
    if (const auto* n = std::get_if<std::int64_t>(&id)) return std::to_string(*n);
    return std::get<std::string>(id);
}

namespace {

std::optional<RequestId> read_id(const json& value) {
    if (value.is_number_integer()) return RequestId{value.get<std::int64_t>()};
    if (value.is_number_unsigned()) return RequestId{static_cast<std::int64_t>(value.get<std::uint64_t>())};
    if (value.is_string()) return RequestId{value.get<std::string>()};
    return std::nullopt;
}

} // namespace

Message parse_message(std::string_view body) {
    json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return InvalidMessage{ErrorCode::ParseError, "invalid JSON", std::nullopt};
    if (!doc.is_object()) {
        return InvalidMessage{ErrorCode::InvalidRequest, "a message must be a JSON object", std::nullopt};
    }
    std::optional<RequestId> id;
    bool has_id = doc.contains("id") && !doc["id"].is_null();
    if (has_id) {
        id = read_id(doc["id"]);
        if (!id) return InvalidMessage{ErrorCode::InvalidRequest, "id must be an integer or a string", std::nullopt};
    }
    auto version = doc.find("jsonrpc");
    if (version == doc.end() || *version != "2.0") {
        return InvalidMessage{ErrorCode::InvalidRequest, "jsonrpc must be \"2.0\"", id};
    }
    auto method = doc.find("method");
    if (method == doc.end()) {
        if (id && (doc.contains("result") || doc.contains("error"))) {
            Response r{*id, doc.value("result", json()), std::nullopt};
            if (doc.contains("error")) r.error = doc["error"];
            return r;
        }
        return InvalidMessage{ErrorCode::InvalidRequest, "message has no method", id};
    }
    if (!method->is_string()) return InvalidMessage{ErrorCode::InvalidRequest, "method must be a string", id};
    json params = doc.contains("params") ? doc["params"] : json();
    if (!params.is_null() && !params.is_object() && !params.is_array()) {
        return InvalidMessage{ErrorCode::InvalidParams, "params must be an object or an array", id};
    }
    if (has_id) return Request{*id, method->get<std::string>(), std::move(params)};
    return Notification{method->get<std::string>(), std::move(params)};
}

std::string make_result(const RequestId& id, json result) {
    // Built member by member: an initializer list would deep-copy the payload.
    json msg = json::object();
    msg["jsonrpc"] = "2.0";
    msg["id"] = id_to_json(id);
    msg["result"] = std::move(result);
    return msg.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string make_error(const std::optional<RequestId>& id, ErrorCode code, std::string_view message) {
    json msg = {{"jsonrpc", "2.0"},
                {"id", id ? id_to_json(*id) : json()},
                {"error", {{"code", static_cast<int>(code)}, {"message", std::string(message)}}}};
    return msg.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string make_notification(std::string_view method, json params) {
    json msg = json::object();
    msg["jsonrpc"] = "2.0";
    msg["method"] = std::string(method);
    msg["params"] = std::move(params);
    return msg.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string make_request(const RequestId& id, std::string_view method, const json& params) {
    json msg = {{"jsonrpc", "2.0"}, {"id", id_to_json(id)}, {"method", std::string(method)}};
    // JSON-RPC 2.0: params, when present, is an object or an array; a request without any
    // (workspace/diagnostic/refresh) omits the member.
    if (!params.is_null()) msg["params"] = params;
    return msg.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace cdls::protocol
