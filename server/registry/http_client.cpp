// The connection state machine behind http_fetch: resolve, connect, TLS handshake, write,
// read until the parser says the response is complete; a timer closes the socket on timeout.
#include "server/registry/http_client.hpp"

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <memory>

namespace cdls::registry {

namespace {

class Exchange : public std::enable_shared_from_this<Exchange> {
public:
    Exchange(asio::io_context& io, HttpRequest request, FetchOptions options, FetchCallback done)
        : io_(io), request_(std::move(request)), options_(std::move(options)), done_(std::move(done)),
          resolver_(io), timer_(io), tls_context_(asio::ssl::context::tls_client),
          stream_(io, tls_context_), parser_(request_.method == "HEAD") {}

    void start() {
        if (tls() && !configure_tls()) return;
        auto self = shared_from_this();
        timer_.expires_after(options_.timeout);
        timer_.async_wait([self](const asio::error_code& ec) {
            if (ec || self->finished_) return;
            self->timed_out_ = true;
            self->finish_error("timed out after " + std::to_string(self->options_.timeout.count()) + " ms");
        });
        resolver_.async_resolve(request_.url.host, std::to_string(request_.url.port),
                                [self](const asio::error_code& ec, asio::ip::tcp::resolver::results_type results) {
                                    if (ec) return self->finish_error("cannot resolve " + self->request_.url.host + ": " + ec.message());
                                    self->connect(results);
                                });
    }

private:
    bool tls() const { return request_.url.scheme == "https"; }

    bool configure_tls() {
        asio::error_code ec;
        if (options_.insecure) {
            stream_.set_verify_mode(asio::ssl::verify_none, ec);
        } else {
            tls_context_.set_default_verify_paths(ec);
            if (!options_.ca_file.empty()) {
                tls_context_.load_verify_file(options_.ca_file, ec);
                if (ec) {
                    finish_error("cannot load caFile " + options_.ca_file + ": " + ec.message());
                    return false;
                }
            }
            stream_.set_verify_mode(asio::ssl::verify_peer, ec);
            stream_.set_verify_callback(asio::ssl::host_name_verification(request_.url.host), ec);
        }
        // SNI: virtual-hosted registries (and CDNs behind redirects) need the name.
        SSL_set_tlsext_host_name(stream_.native_handle(), request_.url.host.c_str());
        return true;
    }

    void connect(const asio::ip::tcp::resolver::results_type& results) {
        auto self = shared_from_this();
        asio::async_connect(stream_.next_layer(), results, [self](const asio::error_code& ec, const asio::ip::tcp::endpoint&) {
            if (ec) return self->finish_error("cannot connect to " + self->request_.url.authority() + ": " + ec.message());
            if (!self->tls()) return self->write();
            self->stream_.async_handshake(asio::ssl::stream_base::client, [self](const asio::error_code& hec) {
                if (hec) return self->finish_error("TLS handshake with " + self->request_.url.authority() + ": " + hec.message());
                self->write();
            });
        });
    }

    template <typename Handler>
    void async_write_all(Handler&& handler) {
        if (tls()) asio::async_write(stream_, asio::buffer(wire_), std::forward<Handler>(handler));
        else asio::async_write(stream_.next_layer(), asio::buffer(wire_), std::forward<Handler>(handler));
    }

    template <typename Handler>
    void async_read_some(Handler&& handler) {
        if (tls()) stream_.async_read_some(asio::buffer(read_buffer_), std::forward<Handler>(handler));
        else stream_.next_layer().async_read_some(asio::buffer(read_buffer_), std::forward<Handler>(handler));
    }

    void write() {
        wire_ = serialize_request(request_);
        auto self = shared_from_this();
        async_write_all([self](const asio::error_code& ec, std::size_t) {
            if (ec) return self->finish_error("sending the request: " + ec.message());
            self->read();
        });
    }

    void read() {
        auto self = shared_from_this();
        async_read_some([self](const asio::error_code& ec, std::size_t n) {
            if (self->finished_) return;
            if (n > 0 && !self->parser_.feed(std::string_view(self->read_buffer_.data(), n)))
                return self->finish_error("bad response: " + self->parser_.error());
            if (self->parser_.done()) return self->finish_ok();
            if (ec) {
                // End of stream (TLS peers often skip close_notify): complete a read-until-close body.
                bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
                if (eof && self->parser_.finish_at_eof()) return self->finish_ok();
                return self->finish_error("reading the response: " + (eof ? self->parser_.error() : ec.message()));
            }
            self->read();
        });
    }

    void close() {
        asio::error_code ignored;
        timer_.cancel();
        resolver_.cancel();
        stream_.next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        stream_.next_layer().close(ignored);
    }

    void finish_ok() {
        if (finished_) return;
        finished_ = true;
        close();
        FetchResult result;
        result.response = std::move(parser_.response());
        result.final_url = request_.url;
        // Callbacks run from the loop, never inside this call chain's own handlers.
        asio::post(io_, [done = std::move(done_), r = std::move(result)]() mutable { done(std::move(r)); });
    }

    void finish_error(std::string error) {
        if (finished_) return;
        finished_ = true;
        close();
        FetchResult result;
        result.error = std::move(error);
        result.timed_out = timed_out_;
        result.final_url = request_.url;
        asio::post(io_, [done = std::move(done_), r = std::move(result)]() mutable { done(std::move(r)); });
    }

    asio::io_context& io_;
    HttpRequest request_;
    FetchOptions options_;
    FetchCallback done_;
    asio::ip::tcp::resolver resolver_;
    asio::steady_timer timer_;
    asio::ssl::context tls_context_;
    asio::ssl::stream<asio::ip::tcp::socket> stream_;
    ResponseParser parser_;
    std::string wire_;
    std::array<char, 16 * 1024> read_buffer_{};
    bool finished_ = false;
    bool timed_out_ = false;
};

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

void fetch_hop(asio::io_context& io, HttpRequest request, FetchOptions options, int hops_left, FetchCallback done) {
    auto exchange = std::make_shared<Exchange>(
        io, request, options, [&io, request, options, hops_left, done](FetchResult result) mutable {
            if (!result.response || !is_redirect(result.response->status) ||
                (request.method != "GET" && request.method != "HEAD"))
                return done(std::move(result));
            auto location = result.response->header("Location");
            if (!location) return done(std::move(result));
            auto next = resolve_url(request.url, *location);
            if (!next) return done(FetchResult{std::nullopt, "bad redirect Location: " + *location, false, request.url});
            if (hops_left <= 0) return done(FetchResult{std::nullopt, "too many redirects", false, request.url});
            // Credentials are for the registry: a blob store or CDN elsewhere must not see them.
            if (next->host != request.url.host || next->port != request.url.port)
                std::erase_if(request.headers, [](const auto& h) { return iequals(h.first, "Authorization"); });
            request.url = *next;
            fetch_hop(io, std::move(request), std::move(options), hops_left - 1, std::move(done));
        });
    exchange->start();
}

} // namespace

void http_fetch(asio::io_context& io, HttpRequest request, const FetchOptions& options, FetchCallback done) {
    fetch_hop(io, std::move(request), options, options.max_redirects, std::move(done));
}

} // namespace cdls::registry
