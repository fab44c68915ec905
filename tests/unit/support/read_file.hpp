// The bytes of a whole file, for the tests that read the corpus, golden files and data.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cdls::test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace cdls::test
