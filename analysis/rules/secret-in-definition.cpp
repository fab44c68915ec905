// secret-in-definition: credentials written into the definition (and so into the image).
#include "analysis/core/ascii.hpp"
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

#include <algorithm>
#include <array>
#include <span>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CDLS_SHAPES_AVX2 1
#endif

namespace cdls::rules {
const RuleInfo secret_in_definition{
    "secret-in-definition", Severity::Error, Habit::SeparateConcerns, RuleScope::Both,
    "A literal credential (token, password, key) is written in the file; pass it at build or run time."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

// The byte pairs a token shape starts with (see find_token_shapes).
constexpr char shape_pairs[][2] = {{'A', 'K'}, {'g', 'h'}, {'g', 'i'}, {'g', 'l'},
                                   {'h', 'f'}, {'s', 'k'}, {'x', 'o'}};

#ifdef CDLS_SHAPES_AVX2
// The first place at or after `i` where one of shape_pairs starts, looked for 32 bytes at a
// time where the processor has AVX2 (the build targets plain x86-64, hence the target and the
// check at run time): half the instructions of the SSE2 loop over every shell body. Returns
// where it stopped, fewer than 33 bytes before the end, when there is none before.
__attribute__((target("avx2")))
std::size_t next_shape_pair_avx2(std::string_view text, std::size_t i) {
    __m256i firsts[std::size(shape_pairs)], seconds[std::size(shape_pairs)];
    for (std::size_t k = 0; k < std::size(shape_pairs); ++k) {
        firsts[k] = _mm256_set1_epi8(shape_pairs[k][0]);
        seconds[k] = _mm256_set1_epi8(shape_pairs[k][1]);
    }
    for (; i + 33 <= text.size(); i += 32) {
        __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + i));
        __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + i + 1));
        __m256i hit = _mm256_setzero_si256();
        for (std::size_t k = 0; k < std::size(shape_pairs); ++k)
            hit = _mm256_or_si256(hit, _mm256_and_si256(_mm256_cmpeq_epi8(first, firsts[k]),
                                                        _mm256_cmpeq_epi8(second, seconds[k])));
        if (auto mask = static_cast<unsigned>(_mm256_movemask_epi8(hit)))
            return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
    return i;
}
#endif

bool is_name_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Whether `segment`, upper-cased, is `word` (upper case).
bool same_upper(std::string_view segment, std::string_view word) {
    if (segment.size() != word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = segment[k];
        if ((c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) != word[k]) return false;
    }
    return true;
}

// Whether `name` holds TOKEN, SECRET, PASSW, KEY or CREDENTIAL, in any case: one pass over the
// name, comparing only where a word's first letter stands.
bool holds_credential_word(std::string_view name) {
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    auto word_at = [&](std::size_t i, std::string_view word) {
        if (name.size() - i < word.size()) return false;
        for (std::size_t k = 1; k < word.size(); ++k)
            if (upper(name[i + k]) != word[k]) return false;
        return true;
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        switch (upper(name[i])) {
        case 'T': if (word_at(i, "TOKEN")) return true; break;
        case 'S': if (word_at(i, "SECRET")) return true; break;
        case 'P': if (word_at(i, "PASSW")) return true; break;
        case 'K': if (word_at(i, "KEY")) return true; break;
        case 'C': if (word_at(i, "CREDENTIAL")) return true; break;
        default: break;
        }
    }
    return false;
}

// GITHUB_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, OPENAI_API_KEY, ghtoken; not
// TOKENIZERS_PARALLELISM, SECRET_FILE, AWS_ACCESS_KEY_ID (the shape check finds real ids).
bool name_looks_secret(std::string_view name) {
    // Every credential word below holds one of these (APIKEY and API_KEY hold KEY): most names
    // hold none and are answered without splitting them (each keystroke asks for every name).
    if (!holds_credential_word(name)) return false;
    static constexpr std::string_view not_values[] = {"FILE", "PATH", "DIR", "URL", "ID", "NAME", "ENABLED",
                                                      "LENGTH", "TIMEOUT", "EXPIRY", "TTL", "TYPE", "HOST",
                                                      "PORT", "USER", "USERNAME", "REGION", "ENDPOINT"};
    static constexpr std::string_view words[] = {"TOKEN", "TOKENS", "SECRET", "SECRETS", "PASSWORD",
                                                 "PASSWORDS", "PASSWD", "APIKEY", "CREDENTIAL", "CREDENTIALS"};
    // Words that still name a credential's value after it (API_KEY_VALUE); REGISTRY_AUTH_TOKEN_REALM
    // names a setting about tokens.
    static constexpr std::string_view value_words[] = {"KEY", "VALUE", "STRING", "B64", "BASE64", "RAW",
                                                       "PLAIN", "PLAINTEXT"};
    // API_KEY, ACCESS_KEY, PRIVATE_KEY, AUTH_KEY.
    static constexpr std::string_view key_owners[] = {"API", "ACCESS", "PRIVATE", "AUTH"};
    auto is_any = [](std::string_view segment, std::span<const std::string_view> list) {
        return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return same_upper(segment, w); });
    };
    // The name's segments (runs of letters and digits), last first, without splitting it into
    // strings: a credential word must end the name, or be followed only by value words.
    bool last = true;
    bool only_value_words_after = true; // of the segment at hand
    bool key_after = false;             // the next segment is KEY
    std::size_t end = name.size();
    while (only_value_words_after) {
        while (end > 0 && !is_name_alnum(name[end - 1])) --end;
        if (end == 0) break;
        std::size_t begin = end;
        while (begin > 0 && is_name_alnum(name[begin - 1])) --begin;
        std::string_view segment = name.substr(begin, end - begin);
        if (last && is_any(segment, not_values)) return false;
        last = false;
        for (std::string_view w : words) {
            if (same_upper(segment, w) ||
                (segment.size() > w.size() && w != "TOKENS" && same_upper(segment.substr(segment.size() - w.size()), w)))
                return true;
        }
        if (key_after && is_any(segment, key_owners)) return true;
        only_value_words_after = is_any(segment, value_words);
        key_after = same_upper(segment, "KEY");
        end = begin;
    }
    return false;
}

bool is_placeholder(std::string_view value) {
    std::string lower = ascii_lower(value);
    if (lower.size() >= 2 && lower.front() == '<' && lower.back() == '>') return true;
    static constexpr std::string_view placeholders[] = {
        "changeme", "change_me", "change-me", "changeit", "none", "null", "nil", "false", "true", "yes",
        "no", "0", "1", "empty", "dummy", "placeholder", "todo", "tbd", "secret", "password", "token",
        "xxx", "...", "***", "redacted", "unset", "example"};
    for (std::string_view p : placeholders) {
        if (lower == p) return true;
    }
    if (starts_with(lower, "your_") || starts_with(lower, "your-") || starts_with(lower, "<your")) return true;
    return std::all_of(lower.begin(), lower.end(), [](char c) { return c == 'x' || c == '*' || c == '.'; });
}

bool literal_secret_value(std::string_view value, bool literal) {
    if (!literal || value.empty()) return false;
    if (value.find('$') != std::string_view::npos || value.find("{{") != std::string_view::npos) return false;
    if (starts_with(value, "/") || starts_with(value, "~") || starts_with(value, "./")) return false;
    return !is_placeholder(value);
}

bool is_token_char(char c, bool dash, bool underscore) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (dash && c == '-') ||
           (underscore && c == '_');
}

struct Shape {
    std::string_view prefix;
    std::size_t min_length; // of the part after the prefix
    bool dash, underscore;
};
constexpr Shape shapes[] = {
    {"ghp_", 30, false, false}, {"gho_", 30, false, false}, {"ghs_", 30, false, false},
    {"ghu_", 30, false, false}, {"ghr_", 30, false, false}, {"github_pat_", 22, false, true},
    {"glpat-", 20, true, true}, {"xoxb-", 10, true, false}, {"xoxp-", 10, true, false},
    {"xoxa-", 10, true, false}, {"xoxr-", 10, true, false}, {"xoxs-", 10, true, false},
    {"sk-", 20, true, true},    {"hf_", 30, false, false}};

// Whether `text` holds a place where find_token_shapes finds a shape's start: "AKIA" or a
// prefix above after a word boundary, or a "-----BEGIN " line. One switch a byte, for the short
// texts (assignment and label values) that the SSE2 scan below does not serve.
bool holds_shape_start(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        char c = text[i];
        switch (c) {
        case 'A': case 'g': case 'h': case 's': case 'x': break;
        case '-':
            if (text.substr(i, 11) == "-----BEGIN ") return true;
            continue;
        default: continue;
        }
        if (i > 0 && is_token_char(text[i - 1], false, true)) continue;
        std::string_view rest = text.substr(i);
        if (rest.starts_with("AKIA")) return true;
        for (const Shape& shape : shapes)
            if (rest.starts_with(shape.prefix)) return true;
    }
    return false;
}

// Known credential shapes in `text`, as [begin, end) pairs of offsets into it.
std::vector<TextRange> find_token_shapes(std::string_view text) {
    std::vector<TextRange> found;
    // The shortest shape is "xoxb-" and ten characters (a private key block is longer): shorter
    // texts, and short ones with no place a shape starts, hold none.
    if (text.size() < 15 || (text.size() < 64 && !holds_shape_start(text))) return found;
    auto boundary = [&](std::size_t i) { return i == 0 || !is_token_char(text[i - 1], false, true); };
    auto run = [&](std::size_t from, bool dash, bool underscore) {
        std::size_t j = from;
        while (j < text.size() && is_token_char(text[j], dash, underscore)) ++j;
        return j;
    };
    // A shape starts with one of these byte pairs: "AK", "gh", "gi", "gl", "hf", "sk", "xo", or
    // is a "-----BEGIN " line. Pair candidates are found sixteen bytes at a time (SSE2): a loop
    // over every byte of every shell body cost ~10 instructions a byte (docs/performance.md);
    // 32 at a time with AVX2 where the processor has it.
    constexpr auto& pairs = shape_pairs;
    auto pair_at = [&](std::size_t i) {
        if (i + 1 >= text.size()) return false;
        for (const auto& pair : pairs)
            if (text[i] == pair[0] && text[i + 1] == pair[1]) return true;
        return false;
    };
#ifdef __SSE2__
    __m128i firsts[std::size(pairs)], seconds[std::size(pairs)];
    for (std::size_t k = 0; k < std::size(pairs); ++k) {
        firsts[k] = _mm_set1_epi8(pairs[k][0]);
        seconds[k] = _mm_set1_epi8(pairs[k][1]);
    }
#endif
    auto next_pair = [&](std::size_t i) {
#ifdef CDLS_SHAPES_AVX2
        static const bool avx2 = __builtin_cpu_supports("avx2");
        if (avx2) {
            i = next_shape_pair_avx2(text, i);
            if (i + 33 <= text.size()) return i; // a pair starts there
        }
#endif
#ifdef __SSE2__
        for (; i + 17 <= text.size(); i += 16) {
            __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
            __m128i second = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
            __m128i hit = _mm_setzero_si128();
            for (std::size_t k = 0; k < std::size(pairs); ++k)
                hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(first, firsts[k]), _mm_cmpeq_epi8(second, seconds[k])));
            if (int mask = _mm_movemask_epi8(hit)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
#endif
        for (; i < text.size(); ++i)
            if (pair_at(i)) return i;
        return text.size();
    };
    constexpr std::string_view begin_marker = "-----BEGIN ";
    std::size_t next_begin = text.find(begin_marker);
    // The next candidate position at or after `from` (text.size() when there is none).
    auto next_candidate = [&](std::size_t from) {
        if (from >= text.size()) return text.size();
        if (next_begin != std::string_view::npos && next_begin < from) next_begin = text.find(begin_marker, from);
        return std::min(next_pair(from), next_begin == std::string_view::npos ? text.size() : next_begin);
    };
    for (std::size_t i = next_candidate(0); i < text.size(); i = next_candidate(i + 1)) {
        char c = text[i];
        if (c == 'A' && text.substr(i, 4) == "AKIA" && boundary(i)) {
            std::size_t j = i + 4;
            while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9'))) ++j;
            if (j - i == 20 && (j == text.size() || !is_token_char(text[j], false, true))) {
                found.push_back({static_cast<Offset>(i), static_cast<Offset>(j)});
                i = j;
                continue;
            }
        }
        if (c == '-' && text.substr(i, 11) == "-----BEGIN ") {
            auto line_end = text.find('\n', i);
            std::string_view line = text.substr(i, line_end == std::string_view::npos ? std::string_view::npos
                                                                                       : line_end - i);
            if (line.find("PRIVATE KEY-----") != std::string_view::npos) {
                auto end_marker = text.find("-----END ", i);
                std::size_t j = end_marker == std::string_view::npos ? i + line.size() : text.find("-----", end_marker + 9);
                j = j == std::string_view::npos ? text.size() : std::min(text.size(), j + 5);
                found.push_back({static_cast<Offset>(i), static_cast<Offset>(j)});
                i = j;
                continue;
            }
        }
        for (const Shape& shape : shapes) {
            if (c != shape.prefix[0] || !boundary(i) || text.substr(i, shape.prefix.size()) != shape.prefix) continue;
            std::size_t j = run(i + shape.prefix.size(), shape.dash, shape.underscore);
            if (j - i - shape.prefix.size() >= shape.min_length) {
                found.push_back({static_cast<Offset>(i), static_cast<Offset>(j)});
                i = j;
                break;
            }
        }
    }
    return found;
}

class SecretReporter {
public:
    SecretReporter(DocumentKind kind, std::vector<Diagnostic>& out) : kind_(kind), out_(out) {}

    void named(std::string_view name, TextRange value_range) {
        add(value_range, "`" + std::string(name) + "` holds a literal secret that anyone with the file or the "
                         "image can read: " + how());
    }
    void shaped(TextRange range) {
        add(range, "this looks like a credential (token or private key) that anyone with the file or the "
                   "image can read: revoke it and " + how());
    }

private:
    std::string how() const {
        return kind_ == DocumentKind::Definition
                   ? "pass it at build time (apptainer build --build-arg, {{ NAME }}) or at run time "
                     "(apptainer run --env NAME=...)"
                   : "pass it at build time as a secret (RUN --mount=type=secret,id=NAME) or at run time "
                     "(docker run -e NAME)";
    }
    void add(TextRange range, std::string message) {
        for (const TextRange& seen : seen_) {
            if (range.begin < seen.end && seen.begin < range.end) return;
            if (range.empty() && range == seen) return;
        }
        seen_.push_back(range);
        out_.push_back(make_diagnostic(rules::secret_in_definition, range, std::move(message)));
    }

    DocumentKind kind_;
    std::vector<Diagnostic>& out_;
    std::vector<TextRange> seen_;
};

// Token shapes `found` inside a value (offsets into the value) whose raw range is `range`;
// offsets are exact when the value was written unquoted, else the whole value is reported.
void shapes_in_value(SecretReporter& reporter, const ValueSecrets& found, std::size_t value_size, TextRange range) {
    for (TextRange shape : found.shapes) {
        if (range.length() == value_size) reporter.shaped({range.begin + shape.begin, range.begin + shape.end});
        else reporter.shaped(range);
    }
}

} // namespace

BodySecrets find_body_secrets(const BodyView& view) {
    BodySecrets found;
    for (const Command& cmd : view.script.commands) {
        for (const Assignment& a : cmd.assignments) {
            if (name_looks_secret(a.name) && literal_secret_value(a.value, a.literal))
                found.named.emplace_back(a.name, view.to_document(a.value_range));
        }
        std::string_view name = cmd.name();
        if (name != "export" && name != "declare" && name != "typeset" && name != "readonly" && name != "local")
            continue;
        for (const Word& w : cmd.args()) {
            std::size_t name_length = 0;
            if (!is_assignment_word(w.text, name_length)) continue;
            std::string_view var = std::string_view(w.text).substr(0, name_length);
            std::string_view value = std::string_view(w.text).substr(name_length + 1);
            if (name_looks_secret(var) && literal_secret_value(value, !w.expands)) {
                TextRange value_range{static_cast<Offset>(w.range.begin + name_length + 1), w.range.end};
                found.named.emplace_back(std::string(var), view.to_document(value_range));
            }
        }
    }
    for (TextRange shape : find_token_shapes(view.body.script.text())) found.shaped.push_back(view.to_document(shape));
    return found;
}

ValueSecrets find_value_secrets(std::string_view name, std::string_view value, bool literal) {
    ValueSecrets found;
    found.named = name_looks_secret(name) && literal_secret_value(value, literal);
    found.shapes = find_token_shapes(value);
    return found;
}

void report_secrets(const ContainerFacts& facts, const std::vector<BodySecrets>& bodies, std::vector<Diagnostic>& out) {
    std::vector<ValueSecrets> values;
    values.reserve(facts.assignments.size() + facts.labels.size());
    for (const AssignmentFact& a : facts.assignments) values.push_back(find_value_secrets(a.name, a.value, a.literal));
    for (const LabelFact& label : facts.labels) values.push_back(find_value_secrets(label.key, label.value, true));
    std::vector<const ValueSecrets*> assignments, labels;
    for (std::size_t i = 0; i < values.size(); ++i)
        (i < facts.assignments.size() ? assignments : labels).push_back(&values[i]);
    report_secrets(facts, assignments, labels, bodies, out);
}

void report_secrets(const ContainerFacts& facts, const std::vector<const ValueSecrets*>& assignments,
                    const std::vector<const ValueSecrets*>& labels, const std::vector<BodySecrets>& bodies,
                    std::vector<Diagnostic>& out) {
    SecretReporter reporter(facts.kind, out);
    for (std::size_t i = 0; i < facts.assignments.size(); ++i)
        if (assignments[i]->named) reporter.named(facts.assignments[i].name, facts.assignments[i].value_range);
    for (std::size_t i = 0; i < facts.labels.size(); ++i)
        if (labels[i]->named) reporter.named(facts.labels[i].key, facts.labels[i].value_range);
    for (const BodySecrets& body : bodies)
        for (const auto& [name, range] : body.named) reporter.named(name, range);
    for (std::size_t i = 0; i < facts.assignments.size(); ++i)
        shapes_in_value(reporter, *assignments[i], facts.assignments[i].value.size(), facts.assignments[i].value_range);
    for (std::size_t i = 0; i < facts.labels.size(); ++i)
        shapes_in_value(reporter, *labels[i], facts.labels[i].value.size(), facts.labels[i].value_range);
    for (const BodySecrets& body : bodies)
        for (TextRange range : body.shaped) reporter.shaped(range);
}

void check_secret_in_definition(const ContainerFacts& facts, const std::vector<BodyView>& bodies,
                                std::vector<Diagnostic>& out) {
    std::vector<BodySecrets> found;
    found.reserve(bodies.size());
    for (const BodyView& view : bodies) found.push_back(find_body_secrets(view));
    report_secrets(facts, found, out);
}

} // namespace cdls::shell
