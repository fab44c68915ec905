// The publish cache: a document's last published ranges and the edits since.
#include "server/published_diagnostics.hpp"

#include <charconv>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cstring>
#include <utility>

namespace cdls::server {

void PublishedDiagnostics::record_change(TextRange replaced, std::size_t inserted) {
    if (!published_) return;
    // A range past the text the recorded edits lead to: that text is not the one edited.
    if (replaced.end > edits_.change().new_size) {
        forget();
        return;
    }
    edits_.replace(replaced.begin, replaced.end, inserted);
}

std::optional<LineRange> PublishedDiagnostics::moved_range(const Entry& entry, const LineIndex& index) const {
    if (!edits_.edited()) return entry.range; // the same text
    const TextChange& change = edits_.change();
    // A position reads the text up to its offset and at most 2 bytes past it (the rest of a
    // UTF-8 sequence or of a "\r\n" pair it may be inside): a range that ends that far before
    // the change read nothing the change altered.
    if (entry.bytes.end + std::size_t{3} <= change.prefix) return entry.range;
    if (entry.bytes.end <= change.prefix || entry.bytes.end > change.old_size) return std::nullopt;
    // After the change, line starts past it are the published ones moved, so each such line's
    // number grew by the difference in line count and what its columns count is unchanged. That
    // holds when the first line of the range (hence every one) starts past the change, that is
    // not on the line where the change ended, whose start or columns the change may have moved.
    std::int64_t line_change = static_cast<std::int64_t>(index.line_count()) - static_cast<std::int64_t>(line_count_);
    std::int64_t start_line = entry.range.start.line + line_change;
    if (start_line < 0 || start_line >= static_cast<std::int64_t>(index.line_count()) ||
        index.line_start(static_cast<std::uint32_t>(start_line)) <= change.new_changed_end())
        return std::nullopt;
    LineRange range = entry.range;
    range.start.line = static_cast<std::uint32_t>(start_line);
    range.end.line = static_cast<std::uint32_t>(entry.range.end.line + line_change);
    return range;
}

const PublishedDiagnostics::Entry* PublishedDiagnostics::find(TextRange bytes, std::size_t& cursor) const {
    // Both lists are sorted by position and the change keeps the order of what it did not
    // touch: entries that map before this diagnostic, or nowhere, serve no later one either.
    // Diagnostics at one place share their range: the first entry there serves them all.
    while (cursor < entries_.size()) {
        std::optional<TextRange> moved = moved_bytes(entries_[cursor]);
        if (moved && moved->begin >= bytes.begin) {
            if (moved->begin != bytes.begin) return nullptr;
            // The few entries starting here, for one that also ends where the diagnostic does.
            // Bounded, so that a pile of diagnostics at one offset costs no quadratic time.
            constexpr std::size_t most = 64;
            for (std::size_t k = cursor; k < entries_.size() && k < cursor + most; ++k) {
                std::optional<TextRange> at = k == cursor ? moved : moved_bytes(entries_[k]);
                if (!at) continue;
                if (at->begin != bytes.begin) break;
                if (at->end == bytes.end) return &entries_[k];
            }
            return nullptr;
        }
        ++cursor;
    }
    return nullptr;
}

namespace {

// The JSON string of an ASCII text, as protocol::append_json_string writes it, at `p`: runs
// without escapes copied whole, found sixteen bytes at a time.
char* write_ascii_json(char* p, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
#ifdef __SSE2__
        for (; i + 16 <= text.size(); i += 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
            __m128i control = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)); // ASCII: no byte is negative
            __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
            __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
            if (int mask = _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash)))) {
                i += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
                break;
            }
        }
        if (i >= text.size()) break;
#endif
        char c = text[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        std::memcpy(p, text.data() + run, i - run);
        p += i - run;
        run = i + 1;
        *p++ = '\\';
        switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default:
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = hex[(c >> 4) & 0xF];
            *p++ = hex[c & 0xF];
        }
    }
    std::memcpy(p, text.data() + run, text.size() - run);
    return p + (text.size() - run);
}

// A diagnostic's JSON as append_diagnostic_json writes it, its message ASCII, into `p`, which
// has room for the prefix, 6 bytes a byte of the message and 200 more: the rule's prefix, the
// message, `,"range":{...}` with its four numbers, the severity, the source, the tags and the
// closing brace. Returns the end. One append of this a diagnostic, not one per part.
char* write_diagnostic(char* p, bool comma, std::string_view prefix, const Diagnostic& d, const LineRange& range) {
    auto put = [&p](std::string_view text) {
        std::memcpy(p, text.data(), text.size());
        p += text.size();
    };
    auto number = [&p](std::uint32_t value) { p = std::to_chars(p, p + 10, value).ptr; };
    if (comma) *p++ = ',';
    put(prefix);
    *p++ = '"';
    if (d.message.printable())
        put(d.message.view());
    else
        p = write_ascii_json(p, d.message.view());
    put(R"(","range":)");
    p = lsp::write_json_text(p, lsp::Range{to_lsp(range.start), to_lsp(range.end)});
    put(R"(,"severity":)");
    number(static_cast<std::uint32_t>(d.severity));
    put(R"(,"source":"cdls")");
    if (d.unnecessary || d.deprecated) {
        put(R"(,"tags":[)");
        if (d.unnecessary) *p++ = '1';
        if (d.deprecated) put(d.unnecessary ? ",2" : "2");
        *p++ = ']';
    }
    *p++ = '}';
    return p;
}

} // namespace

void PublishedDiagnostics::append(std::string& out, std::string_view uri,
                                  std::optional<std::int64_t> version,
                                  const std::vector<Diagnostic>& diagnostics,
                                  const LineIndex& index, PositionEncoding encoding,
                                  RulePrefixes& rule_prefixes) {
    // A text that does not add up to the published one plus the recorded changes was changed
    // behind our back: compute every range.
    bool reuse = published_ && encoding == encoding_ && edits_.change().new_size == index.text().size();
    if (!reuse) entries_.clear();
    published_ = false; // until the new state is complete (an exception leaves none)
    out += R"({"diagnostics":[)";
    next_entries_.clear();
    next_entries_.reserve(diagnostics.size());
    std::size_t cursor = 0;
    std::size_t reused = 0;
    char buffer[4096]; // a diagnostic: its prefix, 6 bytes a message byte at most, 200 more
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        Entry& entry = next_entries_.emplace_back();
        entry.bytes = d.range;
        std::optional<LineRange> range;
        if (const Entry* old = find(d.range, cursor)) range = moved_range(*old, index);
        if (range) {
            entry.range = *range;
            ++reused;
        } else {
            entry.range = index.range(d.range, encoding);
        }
        const std::string& prefix = rule_prefixes.get(d.rule);
        if (d.message.ascii() && prefix.size() + 6 * d.message.size() + 200 <= sizeof buffer) {
            out.append(buffer, static_cast<std::size_t>(write_diagnostic(buffer, i, prefix, d, entry.range) - buffer));
        } else {
            if (i) out += ',';
            append_diagnostic_json(out, d, entry.range, rule_prefixes);
        }
    }
    append_publish_end(out, uri, version);

    std::swap(entries_, next_entries_);
    next_entries_ = {}; // the idle trim returns its pages
    encoding_ = encoding;
    edits_ = EditedSpan(index.text().size());
    line_count_ = index.line_count();
    reused_ = reused;
    published_ = true;
}

} // namespace cdls::server
