// cdls-catalogue-generator OFFICIAL_IMAGES_JSON LINEAGE_JSON OUTPUT_CPP: writes the catalogue.
#include "tools/catalogue_generator/generate.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

nlohmann::json read_json(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    return nlohmann::json::parse(in);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: cdls-catalogue-generator official-images.json lineage.json catalogue_data.cpp\n";
        return 2;
    }
    try {
        std::string source = cdls::catalogue_generator::generate_source(read_json(argv[1]), read_json(argv[2]));
        std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
        out << source;
        if (!out) throw std::runtime_error(std::string("cannot write ") + argv[3]);
        std::cout << "wrote " << argv[3] << " (" << source.size() << " bytes)\n";
    } catch (const std::exception& error) {
        std::cerr << "cdls-catalogue-generator: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
