// The first stage of each name, so that "is this name a stage before N" is one hash probe
// instead of Dockerfile::find_stage's scan of every stage (quadratic with many stages).
#pragma once

#include "analysis/dockerfile/syntax.hpp"

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cdls::dockerfile {

class StageIndex {
public:
    explicit StageIndex(const Dockerfile& file) {
        for (std::size_t i = 0; i < file.stages.size(); ++i)
            if (!file.stages[i].name.empty()) first_.emplace(lower(file.stages[i].name), i);
    }
    // The same as file.find_stage(name, before) != nullptr (names compare case-insensitively).
    bool defined_before(std::string_view name, std::size_t before = SIZE_MAX) const {
        if (name.empty()) return false;
        auto it = first_.find(lower(name));
        return it != first_.end() && it->second < before;
    }

private:
    static std::string lower(std::string_view name) {
        std::string out(name);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }
    std::unordered_map<std::string, std::size_t> first_;
};

} // namespace cdls::dockerfile
