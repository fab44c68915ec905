// Short reference texts for the keywords of definition files and Dockerfiles (sections, header
// keys, bootstrap agents, instructions, flags, parser directives), shared by hover and completion.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace cdls::features {

struct KeywordDoc {
    std::string_view name;    // as written: "post", "MirrorURL", "docker", "RUN", "mount", "syntax"
    std::string_view summary; // one or two sentences (markdown)
    std::string_view example; // a short example (no fences), may be empty
};

// Definition files. Names are matched case-insensitively for header keys, exactly otherwise.
std::span<const KeywordDoc> section_docs();    // names without `%`
std::span<const KeywordDoc> header_key_docs(); // usual spelling ("MirrorURL")
std::span<const KeywordDoc> agent_docs();
const KeywordDoc* section_doc(std::string_view name_lower);
const KeywordDoc* header_key_doc(std::string_view key); // any case; OtherURL<N> as OtherURL0
const KeywordDoc* agent_doc(std::string_view agent);

// Dockerfiles.
std::span<const KeywordDoc> instruction_docs();              // upper case
std::span<const KeywordDoc> directive_docs();                // lower case
const KeywordDoc* instruction_doc(std::string_view keyword); // any case
const KeywordDoc* directive_doc(std::string_view name);      // any case
// The flags an instruction takes (names without dashes); empty for instructions without flags.
std::span<const KeywordDoc> flag_docs(std::string_view keyword_upper);
const KeywordDoc* flag_doc(std::string_view keyword_upper, std::string_view flag);

// "**%post** — summary\n\n```singularity\nexample\n```" — `title` is what to show in bold.
std::string keyword_markdown(const KeywordDoc& doc, std::string_view title,
                             std::string_view fence_language);

} // namespace cdls::features
