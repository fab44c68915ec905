// The asio loop that serves LSP over stdin/stdout.
#pragma once

namespace cdls::server {

// Serves until `exit`, end of input, or the death of the client process; returns the exit code.
int run_stdio_server();

} // namespace cdls::server
