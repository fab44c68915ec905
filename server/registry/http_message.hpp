// HTTP/1.1 messages for the registry client: URLs, requests, and an incremental response
// parser (Content-Length, chunked, or until the connection closes). No I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdls::registry {

struct Url {
    std::string scheme = "https"; // "http" or "https"
    std::string host;             // without brackets or port
    std::uint16_t port = 443;
    std::string target = "/"; // path and query

    // "host" or "host:port" when the port is not the scheme's default.
    std::string authority() const;
    std::string to_string() const;
};

// Nullopt for anything but absolute http(s) URLs.
std::optional<Url> parse_url(std::string_view text);
// A Location or Link target relative to `base` (absolute URL, "/path" or "path").
std::optional<Url> resolve_url(const Url& base, std::string_view reference);

using Headers = std::vector<std::pair<std::string, std::string>>;

// The first header named `name` (case-insensitive), or nullopt.
std::optional<std::string> find_header(const Headers& headers, std::string_view name);
bool iequals(std::string_view a, std::string_view b);
// Percent-encoding (RFC 3986): ASCII letters, digits and `-._` stay as they are, and so do
// the bytes in `keep`; every other byte becomes %XX. Query values keep "~", file: URIs "/~",
// cache file names nothing more.
std::string percent_encode(std::string_view text, std::string_view keep);

struct HttpRequest {
    std::string method = "GET";
    Url url;
    Headers headers;
};

// The request line and headers (Host, Connection: close, User-Agent included).
std::string serialize_request(const HttpRequest& request);

struct HttpResponse {
    int status = 0;
    std::string reason;
    Headers headers;
    std::string body;

    std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

// Feed bytes as they arrive; `done()` once the message is complete. A body without
// Content-Length or chunking ends when the connection closes (call finish_at_eof()).
class ResponseParser {
public:
    explicit ResponseParser(bool head_request = false) : head_request_(head_request) {}

    // False on a malformed message (error() says why).
    bool feed(std::string_view bytes);
    // The connection closed: completes a read-until-close body; false if the message is cut.
    bool finish_at_eof();
    bool done() const { return state_ == State::Done; }
    const std::string& error() const { return error_; }
    HttpResponse& response() { return response_; }

    static constexpr std::size_t max_header_bytes = 64 * 1024;
    static constexpr std::size_t max_body_bytes = 32 * 1024 * 1024;

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, UntilClose, Done, Failed };
    bool fail(std::string why);
    bool parse_status_line(std::string_view line);
    bool parse_header_line(std::string_view line);
    bool start_body();
    bool step();

    bool head_request_;
    State state_ = State::StatusLine;
    std::string buffer_;
    std::size_t header_bytes_ = 0;
    std::size_t remaining_ = 0;
    HttpResponse response_;
    std::string error_;
};

// Parses a whole response at once (for tests and simple callers).
std::optional<HttpResponse> parse_response(std::string_view bytes, bool head_request = false);

} // namespace cdls::registry
