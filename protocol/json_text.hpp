// JSON text written straight into a string, for the large messages (diagnostics) where building
// an nlohmann DOM first would cost more than the analysis. The output is byte for byte what
// nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes for the same value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cdls::protocol {

// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);
// The same written at `p`, which has room for 2 + 6 bytes a byte of `text`; returns its end.
// `text` must be valid UTF-8 (ASCII, say): append_json_string is the one that checks.
char* write_json_string(char* p, std::string_view text);
void append_json_number(std::string& out, std::int64_t value);

// {"jsonrpc":"2.0","method":<method>,"params":<params_json>} around an already written body.
std::string make_notification_text(std::string_view method, std::string_view params_json);
// The same written in place: the part before the params; the caller appends them and '}'.
void append_notification_head(std::string& out, std::string_view method);
// The part of {"id":<id>,"jsonrpc":"2.0","result":<result>} (nlohmann's key order) before the
// result, written in place; `id` is already JSON (a number or a string literal). The caller
// appends the result and '}'.
void append_result_head(std::string& out, std::string_view id_json);

} // namespace cdls::protocol
