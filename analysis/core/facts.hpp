// The neutral model both parsers produce, so the shared rules (pinning, content, secrets,
// base images) are written once for definition files and Dockerfiles alike.
#pragma once

#include "analysis/core/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cdls {

enum class DocumentKind { Definition, Dockerfile };

// Text assembled from pieces of a document (a RUN with escaped newlines and comment lines
// removed, a heredoc body, a %post section), with a map back to document offsets.
class MappedText {
public:
    // One contiguous piece of the document starting at `base`.
    static MappedText contiguous(std::string_view text, Offset base);

    // Appends `piece`, which stands in the document at `document_offset`.
    void append(std::string_view piece, Offset document_offset);
    // Room for `bytes` of text in `pieces` pieces (appending then allocates once).
    void reserve(std::size_t bytes, std::size_t pieces) {
        text_.reserve(bytes);
        segments_.reserve(pieces);
    }

    const std::string& text() const { return text_; }
    // A logical offset (into text()) to a document offset. The end of a piece maps to the end
    // of that piece in the document, not to the start of the next one.
    Offset to_document(Offset logical) const;
    TextRange to_document(TextRange logical) const;
    // The same, for ranges that mostly come in order: `hint` (start at 0) is the segment the
    // last call ended in, and the search walks on from it instead of bisecting.
    TextRange to_document(TextRange logical, std::size_t& hint) const;
    // Moves the map by `delta` bytes (the text before its pieces grew or shrank).
    void shift(std::int64_t delta);

private:
    struct Segment {
        Offset logical;
        Offset document;
        Offset length;
    };
    std::string text_;
    std::vector<Segment> segments_;
};

// A base image named by the definition (`From:` of a docker-family agent, `FROM`).
struct ImageReferenceFact {
    std::string text;  // exactly as written
    TextRange range;   // of `text`
    std::string agent; // definition: bootstrap agent ("docker", "library", ...); Dockerfile: "FROM"
    bool names_stage = false;   // Dockerfile: FROM <an earlier stage name>
    bool has_variables = false; // contains $VAR, ${VAR} or {{ arg }}
    // The reference with build arguments (%arguments defaults, ARG defaults) substituted, when
    // every variable in it has a known default; empty otherwise or when there are none.
    std::string resolved;
};

// Where a shell body runs, which decides which rules apply.
enum class ShellContext {
    Build,       // %post, %appinstall, RUN: installs land in the image
    Setup,       // %setup, %pre: runs on the build host
    Runtime,     // %runscript, %startscript, %test, %apprun, %appstart, %apptest, CMD/ENTRYPOINT
    Environment, // %environment, %appenv: sourced at run time
};

struct ShellBodyFact {
    MappedText script;
    ShellContext context = ShellContext::Build;
    std::string origin; // "%post", "%appinstall foo", "RUN", "RUN heredoc" ...
    TextRange range;    // the whole body in the document
    // Set by the analyzer that made the fact (new_fact_stamp) and kept while the fact is moved
    // or copied: equal nonzero stamps mean the same script text and context, so the shared
    // rules' memo knows a body it has seen without comparing its text. 0: unknown.
    std::uint64_t stamp = 0;
};

// A stamp no fact has had before (process-wide, thread-safe).
std::uint64_t new_fact_stamp();

// A path copied into the image: %files source, COPY/ADD source.
struct CopiedSourceFact {
    std::string path;
    TextRange range;
    std::string origin;        // "%files", "COPY", "ADD"
    bool from_stage = false;   // %files from <stage>, COPY --from: not from the build context
};

// NAME=value from ENV, ARG, %environment exports, header values.
struct AssignmentFact {
    std::string name;
    std::string value;
    TextRange name_range;
    TextRange value_range;
    std::string origin; // "ENV", "ARG", "%environment", ...
    bool literal = true; // value has no $VAR / {{ }} expansion
    std::uint64_t stamp = 0; // as ShellBodyFact::stamp: equal nonzero stamps, equal name and value
};

struct LabelFact {
    std::string key;
    std::string value;
    TextRange key_range;
    TextRange value_range;
    std::uint64_t stamp = 0; // as ShellBodyFact::stamp: equal nonzero stamps, equal key and value
};

// Every comment, so suppression pragmas (# cdls-ignore, # hadolint ignore=) can be found.
// Whether a comment's text (with its '#') starts as a suppression pragma does: "cdls-ignore" or
// "hadolint " after the '#'s and blanks.
bool starts_like_pragma(std::string_view comment);

struct CommentFact {
    TextRange range;      // including the leading '#'
    bool own_line = true; // false for a trailing comment after code
    // starts_like_pragma of its text, decided when the fact is made: each keystroke asks every
    // comment of the document whether it is a pragma, and this answers without reading the
    // text (nearly all are prose). The text itself is the document's: no copy is kept.
    bool may_be_pragma = false;
};

// The fact of the comment at `range` of `text`.
inline CommentFact comment_fact(std::string_view text, TextRange range, bool own_line) {
    return {range, own_line, starts_like_pragma(slice(text, range))};
}

struct ContainerFacts {
    DocumentKind kind = DocumentKind::Definition;
    std::vector<ImageReferenceFact> images;
    std::vector<ShellBodyFact> shell_bodies;
    std::vector<CopiedSourceFact> copies;
    std::vector<AssignmentFact> assignments;
    std::vector<LabelFact> labels;
    std::vector<CommentFact> comments;
    // Where a missing-label fix inserts text (end of %labels / after the last LABEL or the
    // first FROM); equal to the text size when there is no better place.
    Offset label_insertion_point = 0;
    bool has_labels_section = false;
    // Where document-level findings (missing label, missing %help) are shown: the first
    // Bootstrap line / the first FROM instruction; {0, 0} when there is none.
    TextRange document_anchor;
    // Set by an incremental analyzer to tell its results apart (0: none); handed back, facts
    // of its last result are edited in place instead of collected anew.
    std::uint64_t revision = 0;
};

// Moves a fact's ranges (and a shell body's map) by `delta` bytes.
void shift_fact(ImageReferenceFact& fact, std::int64_t delta);
void shift_fact(ShellBodyFact& fact, std::int64_t delta);
void shift_fact(CopiedSourceFact& fact, std::int64_t delta);
void shift_fact(AssignmentFact& fact, std::int64_t delta);
void shift_fact(LabelFact& fact, std::int64_t delta);
void shift_fact(CommentFact& fact, std::int64_t delta);

} // namespace cdls
