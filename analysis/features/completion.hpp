// Completion for definition files and Dockerfiles: what fits at an offset, as plain items with
// byte-range edits (the server turns them into LSP CompletionItems).
#pragma once

#include "analysis/core/text.hpp"
#include "analysis/document_analysis.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cdls::catalogue {
class Catalogue;
}

namespace cdls::features {

enum class CompletionKind {
    Keyword,   // sections, instructions, directives
    Property,  // header keys, flags
    Value,     // agents, shells, flag values
    Module,    // base images
    Constant,  // tags
    Variable,  // $VAR, {{ arg }}
    Reference, // stage names
};

struct CompletionItem {
    std::string label;
    CompletionKind kind = CompletionKind::Keyword;
    std::string detail; // one line: "official image · 9 architectures", "floating → 3.14.7"
    std::string documentation; // markdown (may be empty)
    std::string sort_text;     // items sort by it; equal to label order when empty
    TextEdit edit;             // the plain-text edit: replaces exactly the word being typed
    std::string snippet; // the same edit's text as an LSP snippet ($1, ${1:x}); empty: plain only
    bool retrigger = false; // ask the editor to complete again after inserting (a value follows)
};

struct CompletionOptions {
    const catalogue::Catalogue* catalogue = nullptr; // null: the built-in catalogue
};

// Items for the cursor at `offset` in `text` (the text `analysis` was computed from). Empty when
// nothing applies there.
std::vector<CompletionItem> complete(const AnalysisResult& analysis, std::string_view text,
                                     Offset offset, const CompletionOptions& options = {});

} // namespace cdls::features
