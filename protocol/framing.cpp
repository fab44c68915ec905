// Content-Length framing: incremental header parsing, oversized-body skipping, resync.
#include "protocol/framing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace cdls::protocol {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// End of the header block: the first empty line ("\r\n\r\n", tolerating bare "\n\n").
// Returns the offset just past it and the length of the block before it.
std::optional<std::pair<std::size_t, std::size_t>> find_header_end(std::string_view data) {
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] != '\n') continue;
        std::size_t j = i + 1;
        if (j < data.size() && data[j] == '\r') ++j;
        if (j < data.size() && data[j] == '\n') return std::make_pair(j + 1, i);
    }
    return std::nullopt;
}

} // namespace

void FrameReader::feed(std::string_view bytes) {
    if (skip_remaining_ > 0) {
        std::size_t n = std::min(skip_remaining_, bytes.size());
        skip_remaining_ -= n;
        bytes.remove_prefix(n);
    }
    if (consumed_ > 0 && consumed_ == buffer_.size()) {
        buffer_.clear();
        consumed_ = 0;
    }
    buffer_.append(bytes);
}

std::optional<Frame> FrameReader::read_header() {
    std::string_view data(buffer_);
    data.remove_prefix(consumed_);
    // Leading blank lines between frames are tolerated.
    while (!data.empty() && (data.front() == '\r' || data.front() == '\n')) {
        data.remove_prefix(1);
        ++consumed_;
    }
    if (data.empty()) return std::nullopt;
    auto end = find_header_end(data);
    if (!end) {
        // Garbage that never ends a header block must not grow without bound.
        if (data.size() > 64 * 1024) {
            consumed_ = buffer_.size();
            return Frame{Frame::Kind::Error, {}, "header block larger than 64 KiB"};
        }
        return std::nullopt;
    }
    std::string_view block = data.substr(0, end->second);
    consumed_ += end->first;

    std::optional<std::size_t> length;
    std::string problem;
    while (!block.empty()) {
        std::size_t nl = block.find('\n');
        std::string_view line = trim(block.substr(0, nl));
        block = nl == std::string_view::npos ? std::string_view{} : block.substr(nl + 1);
        if (line.empty()) continue;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            problem = "malformed header line";
            continue;
        }
        std::string_view name = trim(line.substr(0, colon));
        std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "Content-Length")) {
            std::size_t n = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size()) {
                problem = "invalid Content-Length";
                length.reset();
                break;
            }
            length = n;
        }
        // Content-Type and unknown headers are accepted and ignored.
    }
    if (!length) {
        return Frame{Frame::Kind::Error, {},
                     problem.empty() ? "header without Content-Length" : problem};
    }
    if (*length > max_body_) {
        std::size_t available = buffer_.size() - consumed_;
        std::size_t drop = std::min(available, *length);
        consumed_ += drop;
        skip_remaining_ = *length - drop;
        return Frame{Frame::Kind::Error, {},
                     "message of " + std::to_string(*length) + " bytes exceeds the limit of " +
                         std::to_string(max_body_)};
    }
    have_header_ = true;
    body_length_ = *length;
    return std::nullopt;
}

std::optional<Frame> FrameReader::next() {
    std::optional<Frame> frame;
    if (skip_remaining_ == 0) {
        if (!have_header_) frame = read_header();
        if (!frame && have_header_ && buffer_.size() - consumed_ >= body_length_) {
            frame = Frame{Frame::Kind::Message, buffer_.substr(consumed_, body_length_), {}};
            consumed_ += body_length_;
            have_header_ = false;
            body_length_ = 0;
        }
    }
    // Drop what was used once it is most of the buffer (amortised O(1) per byte). A buffer
    // that grew for one huge message gives its memory back instead of keeping the capacity.
    if (consumed_ == buffer_.size()) {
        if (buffer_.capacity() > kRetainedCapacity) std::string().swap(buffer_);
        else buffer_.clear();
        consumed_ = 0;
    } else if (consumed_ * 2 > buffer_.size()) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    return frame;
}

std::string frame_header(std::size_t body_size) {
    return "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
}

std::string encode_frame(std::string_view body) {
    std::string out = frame_header(body.size());
    out.append(body);
    return out;
}

} // namespace cdls::protocol
