// Completion for definition files and Dockerfiles: what fits at an offset, as plain items with
// byte-range edits (the server turns them into LSP CompletionItems).
#pragma once

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/core/text.hpp"
#include "analysis/document_analysis.hpp"

#include <functional>
#include <map>
#include <optional>

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
    // Documentation computed only when asked for (the image list: 145 descriptions), for
    // clients that resolve it per item; see documentation_of().
    std::function<std::string()> lazy_documentation;
    std::string sort_text;     // items sort by it; equal to label order when empty
    TextEdit edit;             // the plain-text edit: replaces exactly the word being typed
    std::string snippet; // the same edit's text as an LSP snippet ($1, ${1:x}); empty: plain only
    bool retrigger = false; // ask the editor to complete again after inserting (a value follows)
};

struct CompletionOptions {
    const catalogue::Catalogue* catalogue = nullptr; // null: the built-in catalogue
    // Tags a live registry reported, by catalogue key (the server's snapshot); merged after
    // the catalogue's tags when completing an image's tag. Null: the catalogue only.
    const std::map<std::string, std::vector<std::string>, std::less<>>* registry_tags = nullptr;
};

// The base image whose tag the cursor is in (after the `:` of a `From:`/`FROM` reference), with
// the document range of the tag; nullopt elsewhere. The server uses it to look tags up.
struct ImageTagContext {
    catalogue::ImageReference reference; // of the text before the cursor's tag
    TextRange tag_range;                 // the tag as written (may be empty)
};
std::optional<ImageTagContext> image_tag_at(const AnalysisResult& analysis, std::string_view text, Offset offset);

// The item's documentation (markdown), computing it if it is lazy.
std::string documentation_of(const CompletionItem& item);

// Items for the cursor at `offset` in `text` (the text `analysis` was computed from). Empty when
// nothing applies there.
std::vector<CompletionItem> complete(const AnalysisResult& analysis, std::string_view text,
                                     Offset offset, const CompletionOptions& options = {});

} // namespace cdls::features
