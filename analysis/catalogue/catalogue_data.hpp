// The generated built-in catalogue (catalogue_data.cpp): one text blob, an index read on first
// use and a body per image read when the image is first asked for.
#pragma once

#include <string_view>

namespace cdls::catalogue::data {

// Which snapshot the blob was generated from ("docker-library/official-images@<commit> <date>").
std::string_view snapshot();
// The records of the catalogue; the format is described in tools/catalogue_generator/generate.hpp.
std::string_view blob_text();

} // namespace cdls::catalogue::data
