// Annotated sources for tests (clangd-style): `^` marks a position, `[[...]]` a range.
//   auto src = Annotated("From: py^thon");  src.text() == "From: python", src.point() == 8
#pragma once

#include "analysis/core/text.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::test {

class Annotated {
public:
    explicit Annotated(std::string_view source) {
        std::vector<Offset> open;
        for (std::size_t i = 0; i < source.size(); ++i) {
            if (source[i] == '^') {
                points_.push_back(static_cast<Offset>(text_.size()));
            } else if (source.substr(i, 2) == "[[") {
                open.push_back(static_cast<Offset>(text_.size()));
                ++i;
            } else if (source.substr(i, 2) == "]]" && !open.empty()) {
                ranges_.push_back({open.back(), static_cast<Offset>(text_.size())});
                open.pop_back();
                ++i;
            } else {
                text_ += source[i];
            }
        }
        if (!open.empty()) throw std::logic_error("unclosed [[ in annotated source");
    }
    const std::string& text() const { return text_; }
    Offset point(std::size_t i = 0) const { return points_.at(i); }
    const std::vector<Offset>& points() const { return points_; }
    TextRange range(std::size_t i = 0) const { return ranges_.at(i); }
    const std::vector<TextRange>& ranges() const { return ranges_; }

private:
    std::string text_;
    std::vector<Offset> points_;
    std::vector<TextRange> ranges_;
};

} // namespace cdls::test
