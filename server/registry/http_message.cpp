// URL parsing, request serialisation and the incremental HTTP/1.1 response parser.
#include "server/registry/http_message.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cdls::registry {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::uint16_t default_port(std::string_view scheme) { return scheme == "http" ? 80 : 443; }

} // namespace

std::string percent_encode(std::string_view text, std::string_view keep) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || (c != 0 && keep.find(static_cast<char>(c)) != std::string_view::npos)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string> find_header(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers)
        if (iequals(key, name)) return value;
    return std::nullopt;
}

std::string Url::authority() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != default_port(scheme)) h += ":" + std::to_string(port);
    return h;
}

std::string Url::to_string() const { return scheme + "://" + authority() + target; }

std::optional<Url> parse_url(std::string_view text) {
    Url url;
    std::size_t sep = text.find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    std::string scheme(text.substr(0, sep));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), lower);
    if (scheme != "http" && scheme != "https") return std::nullopt;
    url.scheme = scheme;
    url.port = default_port(scheme);
    text.remove_prefix(sep + 3);
    std::size_t path = text.find_first_of("/?#");
    std::string_view authority = text.substr(0, path);
    url.target = path == std::string_view::npos ? "/" : std::string(text.substr(path));
    if (!url.target.empty() && url.target.front() == '?') url.target.insert(0, "/");
    if (auto hash = url.target.find('#'); hash != std::string::npos) url.target.erase(hash);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        url.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
    } else {
        std::size_t colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (url.host.empty()) return std::nullopt;
    if (!port_text.empty()) {
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (ec != std::errc() || end != port_text.data() + port_text.size() || value == 0 || value > 65535)
            return std::nullopt;
        url.port = static_cast<std::uint16_t>(value);
    }
    return url;
}

std::optional<Url> resolve_url(const Url& base, std::string_view reference) {
    reference = trim(reference);
    if (reference.find("://") != std::string_view::npos) return parse_url(reference);
    Url url = base;
    if (reference.substr(0, 2) == "//") return parse_url(base.scheme + ":" + std::string(reference));
    if (!reference.empty() && reference.front() == '/') {
        url.target = std::string(reference);
    } else {
        std::string dir = base.target.substr(0, base.target.find('?'));
        dir = dir.substr(0, dir.rfind('/') + 1);
        url.target = dir + std::string(reference);
    }
    return url;
}

std::string serialize_request(const HttpRequest& request) {
    std::string out = request.method + " " + request.url.target + " HTTP/1.1\r\n";
    out += "Host: " + request.url.authority() + "\r\n";
    out += "User-Agent: cdls\r\nConnection: close\r\n";
    for (const auto& [key, value] : request.headers) out += key + ": " + value + "\r\n";
    out += "\r\n";
    return out;
}

bool ResponseParser::fail(std::string why) {
    state_ = State::Failed;
    error_ = std::move(why);
    return false;
}

bool ResponseParser::parse_status_line(std::string_view line) {
    // HTTP/1.1 200 OK
    if (line.substr(0, 5) != "HTTP/") return fail("not an HTTP response");
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos || line.size() < space + 4) return fail("bad status line");
    int status = 0;
    auto code = line.substr(space + 1, 3);
    auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
    if (ec != std::errc() || end != code.data() + 3 || status < 100 || status > 999) return fail("bad status code");
    response_.status = status;
    response_.reason = std::string(trim(line.substr(std::min(line.size(), space + 4))));
    return true;
}

bool ResponseParser::parse_header_line(std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail("bad header line");
    response_.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    return true;
}

bool ResponseParser::start_body() {
    // 1xx interim responses (100 Continue) precede the real one.
    if (response_.status >= 100 && response_.status < 200) {
        response_ = {};
        state_ = State::StatusLine;
        return true;
    }
    if (head_request_ || response_.status == 204 || response_.status == 304) {
        state_ = State::Done;
        return true;
    }
    auto encoding = response_.header("Transfer-Encoding");
    if (encoding && encoding->find("chunked") != std::string::npos) {
        state_ = State::ChunkSize;
        return true;
    }
    if (auto length = response_.header("Content-Length")) {
        std::size_t value = 0;
        std::string_view text = trim(*length);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size()) return fail("bad Content-Length");
        if (value > max_body_bytes) return fail("body too large");
        remaining_ = value;
        state_ = value == 0 ? State::Done : State::Body;
        return true;
    }
    state_ = State::UntilClose;
    return true;
}

// One step over the buffer; false when more bytes are needed (or on failure).
bool ResponseParser::step() {
    auto take_line = [&](std::string& line) {
        std::size_t eol = buffer_.find('\n');
        if (eol == std::string::npos) return false;
        line = buffer_.substr(0, eol);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        buffer_.erase(0, eol + 1);
        return true;
    };
    std::string line;
    switch (state_) {
    case State::StatusLine:
        if (!take_line(line)) return false;
        header_bytes_ += line.size();
        return parse_status_line(line) && (state_ = State::Headers, true);
    case State::Headers:
        if (!take_line(line)) return false;
        header_bytes_ += line.size();
        if (header_bytes_ > max_header_bytes) return fail("headers too large");
        if (line.empty()) return start_body();
        return parse_header_line(line);
    case State::Body: {
        std::size_t n = std::min(remaining_, buffer_.size());
        if (n == 0) return false;
        response_.body.append(buffer_, 0, n);
        buffer_.erase(0, n);
        remaining_ -= n;
        if (remaining_ == 0) state_ = State::Done;
        return true;
    }
    case State::ChunkSize: {
        if (!take_line(line)) return false;
        std::string_view size_text = trim(std::string_view(line).substr(0, line.find(';')));
        std::size_t size = 0;
        auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
        if (size_text.empty() || ec != std::errc() || end != size_text.data() + size_text.size())
            return fail("bad chunk size");
        if (response_.body.size() + size > max_body_bytes) return fail("body too large");
        remaining_ = size;
        state_ = size == 0 ? State::Trailers : State::ChunkData;
        return true;
    }
    case State::ChunkData: {
        std::size_t n = std::min(remaining_, buffer_.size());
        if (n == 0) return false;
        response_.body.append(buffer_, 0, n);
        buffer_.erase(0, n);
        remaining_ -= n;
        if (remaining_ == 0) state_ = State::ChunkDataEnd;
        return true;
    }
    case State::ChunkDataEnd:
        if (!take_line(line)) return false;
        if (!line.empty()) return fail("chunk not followed by CRLF");
        state_ = State::ChunkSize;
        return true;
    case State::Trailers:
        if (!take_line(line)) return false;
        if (line.empty()) state_ = State::Done;
        return true;
    case State::UntilClose:
        if (buffer_.empty()) return false;
        if (response_.body.size() + buffer_.size() > max_body_bytes) return fail("body too large");
        response_.body += buffer_;
        buffer_.clear();
        return false;
    case State::Done:
    case State::Failed:
        return false;
    }
    return false;
}

bool ResponseParser::feed(std::string_view bytes) {
    if (state_ == State::Failed) return false;
    if (state_ == State::Done) return true;
    buffer_.append(bytes);
    while (state_ != State::Done && state_ != State::Failed && step()) {
    }
    if (state_ == State::StatusLine || state_ == State::Headers)
        if (buffer_.size() > max_header_bytes) return fail("headers too large");
    return state_ != State::Failed;
}

bool ResponseParser::finish_at_eof() {
    if (state_ == State::UntilClose) state_ = State::Done;
    if (state_ == State::Done) return true;
    if (state_ != State::Failed) fail("connection closed before the response was complete");
    return false;
}

std::optional<HttpResponse> parse_response(std::string_view bytes, bool head_request) {
    ResponseParser parser(head_request);
    if (!parser.feed(bytes)) return std::nullopt;
    if (!parser.done() && !parser.finish_at_eof()) return std::nullopt;
    return std::move(parser.response());
}

} // namespace cdls::registry
