// secret-in-definition: credentials written into the definition (and so into the image).
#include "analysis/shell/arguments.hpp"
#include "analysis/shell/rule_checks.hpp"

#include <algorithm>
#include <array>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cdls::rules {
const RuleInfo secret_in_definition{
    "secret-in-definition", Severity::Error, Habit::SeparateConcerns, RuleScope::Both,
    "A literal credential (token, password, key) is written in the file; pass it at build or run time."};
} // namespace cdls::rules

namespace cdls::shell {

namespace {

std::vector<std::string> name_segments(std::string_view name) {
    std::vector<std::string> segments(1);
    for (char c : name) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            if (!segments.back().empty()) segments.emplace_back();
            continue;
        }
        segments.back() += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (segments.back().empty()) segments.pop_back();
    return segments;
}

// GITHUB_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, OPENAI_API_KEY, ghtoken; not
// TOKENIZERS_PARALLELISM, SECRET_FILE, AWS_ACCESS_KEY_ID (the shape check finds real ids).
bool name_looks_secret(std::string_view name) {
    // Every credential word below holds one of these (APIKEY and API_KEY hold KEY): most names
    // hold none and are answered without splitting them (each keystroke asks for every name).
    auto holds = [&](std::string_view word) {
        return std::search(name.begin(), name.end(), word.begin(), word.end(), [](char a, char b) {
                   return (a >= 'a' && a <= 'z' ? static_cast<char>(a - 'a' + 'A') : a) == b;
               }) != name.end();
    };
    if (!holds("TOKEN") && !holds("SECRET") && !holds("PASSW") && !holds("KEY") && !holds("CREDENTIAL"))
        return false;
    auto segments = name_segments(name);
    if (segments.empty()) return false;
    static constexpr std::string_view not_values[] = {"FILE", "PATH", "DIR", "URL", "ID", "NAME", "ENABLED",
                                                      "LENGTH", "TIMEOUT", "EXPIRY", "TTL", "TYPE", "HOST",
                                                      "PORT", "USER", "USERNAME", "REGION", "ENDPOINT"};
    for (std::string_view last : not_values) {
        if (segments.back() == last) return false;
    }
    static constexpr std::string_view words[] = {"TOKEN", "TOKENS", "SECRET", "SECRETS", "PASSWORD",
                                                 "PASSWORDS", "PASSWD", "APIKEY", "CREDENTIAL", "CREDENTIALS"};
    // The credential word must end the name, or be followed only by words that still name its
    // value (API_KEY_VALUE); REGISTRY_AUTH_TOKEN_REALM names a setting about tokens.
    auto only_value_words_after = [&](std::size_t i) {
        for (std::size_t k = i + 1; k < segments.size(); ++k) {
            const std::string& s = segments[k];
            if (s != "KEY" && s != "VALUE" && s != "STRING" && s != "B64" && s != "BASE64" && s != "RAW" &&
                s != "PLAIN" && s != "PLAINTEXT")
                return false;
        }
        return true;
    };
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& s = segments[i];
        bool credential = false;
        for (std::string_view w : words) {
            if (s == w || (ends_with(s, w) && s.size() > w.size() && w != "TOKENS")) credential = true;
        }
        if (i + 1 < segments.size() && segments[i + 1] == "KEY" &&
            (s == "API" || s == "ACCESS" || s == "PRIVATE" || s == "AUTH"))
            credential = true;
        if (credential && only_value_words_after(i)) return true;
    }
    return false;
}

bool is_placeholder(std::string_view value) {
    std::string lower = to_lower(value);
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

// Known credential shapes in `text`, as [begin, end) pairs of offsets into it.
std::vector<TextRange> find_token_shapes(std::string_view text) {
    std::vector<TextRange> found;
    auto boundary = [&](std::size_t i) { return i == 0 || !is_token_char(text[i - 1], false, true); };
    auto run = [&](std::size_t from, bool dash, bool underscore) {
        std::size_t j = from;
        while (j < text.size() && is_token_char(text[j], dash, underscore)) ++j;
        return j;
    };
    struct Shape {
        std::string_view prefix;
        std::size_t min_length; // of the part after the prefix
        bool dash, underscore;
    };
    static constexpr Shape shapes[] = {
        {"ghp_", 30, false, false}, {"gho_", 30, false, false}, {"ghs_", 30, false, false},
        {"ghu_", 30, false, false}, {"ghr_", 30, false, false}, {"github_pat_", 22, false, true},
        {"glpat-", 20, true, true}, {"xoxb-", 10, true, false}, {"xoxp-", 10, true, false},
        {"xoxa-", 10, true, false}, {"xoxr-", 10, true, false}, {"xoxs-", 10, true, false},
        {"sk-", 20, true, true},    {"hf_", 30, false, false}};
    // A shape starts with one of these byte pairs: "AK", "gh", "gi", "gl", "hf", "sk", "xo", or
    // is a "-----BEGIN " line. Pair candidates are found sixteen bytes at a time (SSE2): a loop
    // over every byte of every shell body cost ~10 instructions a byte (docs/performance.md).
    static constexpr char pairs[][2] = {{'A', 'K'}, {'g', 'h'}, {'g', 'i'}, {'g', 'l'},
                                        {'h', 'f'}, {'s', 'k'}, {'x', 'o'}};
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

// Token shapes inside a value whose raw range is `range`; offsets are exact when the value was
// written unquoted, else the whole value is reported.
void shapes_in_value(SecretReporter& reporter, std::string_view value, TextRange range) {
    for (TextRange found : find_token_shapes(value)) {
        if (range.length() == value.size()) reporter.shaped({range.begin + found.begin, range.begin + found.end});
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

void report_secrets(const ContainerFacts& facts, const std::vector<BodySecrets>& bodies, std::vector<Diagnostic>& out) {
    SecretReporter reporter(facts.kind, out);
    for (const AssignmentFact& a : facts.assignments) {
        if (name_looks_secret(a.name) && literal_secret_value(a.value, a.literal)) reporter.named(a.name, a.value_range);
    }
    for (const LabelFact& label : facts.labels) {
        if (name_looks_secret(label.key) && literal_secret_value(label.value, true))
            reporter.named(label.key, label.value_range);
    }
    for (const BodySecrets& body : bodies)
        for (const auto& [name, range] : body.named) reporter.named(name, range);
    for (const AssignmentFact& a : facts.assignments) shapes_in_value(reporter, a.value, a.value_range);
    for (const LabelFact& label : facts.labels) shapes_in_value(reporter, label.value, label.value_range);
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
