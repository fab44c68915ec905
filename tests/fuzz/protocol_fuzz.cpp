// libFuzzer target: raw bytes through Content-Length framing and JSON-RPC dispatch.
#include "targets.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    cdls::fuzz::run_protocol(text);
    return 0;
}
