// One asynchronous HTTP/1.1 exchange over TCP or TLS (asio::ssl, verification on unless the
// registry is marked insecure), bounded by a timeout, following redirects for GET and HEAD.
#pragma once

#include "server/registry/http_message.hpp"

#include <asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace cdls::registry {

struct FetchOptions {
    std::chrono::milliseconds timeout{3000}; // for each exchange (each redirect hop)
    bool insecure = false;                   // skip certificate verification
    std::string ca_file;                     // extra trusted CA bundle (PEM), beside the system store
    int max_redirects = 5;
};

// Exactly one of response / error is set when the callback runs (on the io_context).
struct FetchResult {
    std::optional<HttpResponse> response;
    std::string error;
    bool timed_out = false;
    Url final_url; // after redirects
};

using FetchCallback = std::function<void(FetchResult)>;

void http_fetch(asio::io_context& io, HttpRequest request, const FetchOptions& options, FetchCallback done);

} // namespace cdls::registry
