// Content-Length framing of the LSP base protocol: bytes in, message bodies out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cdls::protocol {

// The outcome of reading one frame: a message body, or a framing error that the server answers
// with a JSON-RPC parse error while it keeps reading.
struct Frame {
    enum class Kind { Message, Error } kind = Kind::Message;
    std::string body;  // the JSON text, for Kind::Message
    std::string error; // what was wrong, for Kind::Error
};

// Accepts bytes in chunks of any size and yields complete frames. Header names are matched in
// any case; Content-Type is optional; a header block that is not valid (garbage, no
// Content-Length, a bad number) is reported once and skipped; a body over `max_body` is
// skipped as it arrives, never allocated.
class FrameReader {
public:
    static constexpr std::size_t default_max_body = 64 * 1024 * 1024;
    // Capacity kept by an emptied buffer; more than this is released after a large message.
    // Edits and requests are far smaller; the didOpen of a large file is not kept (a 700 KB
    // document left a 1 MiB buffer behind, a tenth of the server's memory).
    static constexpr std::size_t kRetainedCapacity = 64 * 1024;

    explicit FrameReader(std::size_t max_body = default_max_body) : max_body_(max_body) {}

    void feed(std::string_view bytes);
    // The next complete frame, if one is ready.
    std::optional<Frame> next();
    // True when some bytes of an unfinished frame are buffered (EOF now means a cut frame).
    bool in_frame() const { return buffer_.size() > consumed_ || have_header_ || skip_remaining_ > 0; }
    std::size_t buffered() const { return buffer_.size(); }
    // Bytes of memory the buffer holds (its capacity).
    std::size_t retained() const { return buffer_.capacity(); }

private:
    std::optional<Frame> read_header();

    std::size_t max_body_;
    std::string buffer_;
    std::size_t consumed_ = 0;     // bytes of buffer_ already used
    std::size_t body_length_ = 0;  // > 0 while waiting for a body of that size
    bool have_header_ = false;
    std::size_t skip_remaining_ = 0; // bytes of an oversized body still to drop
};

// "Content-Length: N\r\n\r\n" + body.
std::string encode_frame(std::string_view body);
// The header alone ("Content-Length: N\r\n\r\n"), for writers that send it and the body
// without copying the body behind it.
std::string frame_header(std::size_t body_size);

} // namespace cdls::protocol
