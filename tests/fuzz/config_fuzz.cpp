// libFuzzer target: .cdls.json parsing (JSON with comments, validation of every key).
#include "targets.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    spdlog::set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    cdls::fuzz::run_config(text);
    return 0;
}
