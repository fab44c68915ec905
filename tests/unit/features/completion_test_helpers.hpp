// Helpers of the completion and hover tests: analyse an annotated source and query at its point.
#pragma once

#include "../support/annotated.hpp"
#include "analysis/document_analysis.hpp"
#include "analysis/features/completion.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace cdls::test {

struct Completed {
    Annotated source;
    std::vector<features::CompletionItem> items;

    const features::CompletionItem* find(std::string_view label) const {
        for (const auto& item : items)
            if (item.label == label) return &item;
        return nullptr;
    }
    std::vector<std::string> labels() const {
        std::vector<std::string> out;
        for (const auto& item : items)
            out.push_back(item.label);
        return out;
    }
    // The labels in the order the client shows them (by sort text, then label).
    std::vector<std::string> sorted_labels() const {
        auto copy = items;
        std::stable_sort(copy.begin(), copy.end(), [](const auto& a, const auto& b) {
            return (a.sort_text.empty() ? a.label : a.sort_text) <
                   (b.sort_text.empty() ? b.label : b.sort_text);
        });
        std::vector<std::string> out;
        for (const auto& item : copy)
            out.push_back(item.label);
        return out;
    }
    // The document after applying the plain edit of `label`.
    std::string applied(std::string_view label) const {
        const auto* item = find(label);
        return item ? apply_edit(source.text(), item->edit)
                    : std::string("<no item ") + std::string(label) + ">";
    }
};

inline Completed complete_at(DocumentKind kind, std::string_view annotated,
                             const features::CompletionOptions& options = {}) {
    Completed out{Annotated(annotated), {}};
    AnalysisResult analysis = analyze_text(kind, out.source.text());
    out.items = features::complete(analysis, out.source.text(), out.source.point(), options);
    return out;
}

inline Completed complete_def(std::string_view annotated) {
    return complete_at(DocumentKind::Definition, annotated);
}
inline Completed complete_docker(std::string_view annotated) {
    return complete_at(DocumentKind::Dockerfile, annotated);
}

} // namespace cdls::test
