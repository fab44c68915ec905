// Builds the neutral ContainerFacts from the Dockerfile syntax tree for the shared rules.
#include "analysis/dockerfile/facts.hpp"

#include "analysis/dockerfile/parser.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace cdls::dockerfile {

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view base_name(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_shell_program(std::string_view word) {
    std::string_view name = base_name(word);
    return name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh" || name == "ksh";
}

bool is_url(std::string_view word) {
    return word.starts_with("http://") || word.starts_with("https://") || word.starts_with("git@") ||
           word.starts_with("git://") || word.starts_with("ssh://");
}

bool is_heredoc_word(const Instruction& ins, const Word& word) {
    auto heredocs = ins.heredocs();
    if (heredocs.empty()) return false;
    TextRange range = ins.range_of(word);
    return std::any_of(heredocs.begin(), heredocs.end(),
                       [&](const Heredoc& h) { return h.marker_range == range; });
}

// The heredoc body as a script, tabs stripped for `<<-`.
MappedText heredoc_script(std::string_view text, const Heredoc& h) {
    MappedText script;
    Offset pos = h.body_range.begin;
    while (pos < h.body_range.end) {
        std::size_t nl = text.find('\n', pos);
        Offset next = nl == std::string_view::npos || nl + 1 > h.body_range.end ? h.body_range.end
                                                                                : static_cast<Offset>(nl + 1);
        Offset start = pos;
        if (h.strip_tabs)
            while (start < next && text[start] == '\t') ++start;
        script.append(text.substr(start, next - start), start);
        pos = next;
    }
    return script;
}

// A heredoc body runs as a shell script unless its shebang names another interpreter.
bool body_is_shell(const MappedText& script) {
    const std::string& s = script.text();
    if (!s.starts_with("#!")) return true;
    std::string_view line = std::string_view(s).substr(2, s.find('\n') == std::string::npos ? std::string::npos
                                                                                          : s.find('\n') - 2);
    std::size_t i = 0;
    auto next_word = [&]() {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t b = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        return line.substr(b, i - b);
    };
    std::string_view program = next_word();
    if (base_name(program) == "env") program = next_word();
    return is_shell_program(program);
}

void add_shell_bodies(std::string_view text, const Instruction& ins, const std::string& prefix,
                      ContainerFacts& facts) {
    auto add = [&](MappedText script, ShellContext context, TextRange range) {
        if (script.text().empty()) return;
        ShellBodyFact body;
        body.script = std::move(script);
        body.context = context;
        body.origin = prefix;
        body.origin += ins.keyword();
        body.range = range;
        body.stamp = new_fact_stamp();
        facts.shell_bodies.push_back(std::move(body));
    };
    const std::string_view keyword = ins.keyword();
    const bool run = keyword == "RUN";
    if (!run && keyword != "CMD" && keyword != "ENTRYPOINT") return;
    const ShellContext context = run ? ShellContext::Build : ShellContext::Runtime;
    if (ins.form == ArgumentForm::Json) {
        auto json = ins.json();
        if (!run || json.empty()) return;
        // ["sh", "-c", "script"] runs the script; other exec forms are one command line.
        if (json.size() >= 3 && is_shell_program(json[0].value) && json[1].value == "-c") {
            const auto& s = json[2];
            add(MappedText::contiguous(s.value, s.range.begin + 1), context, s.range);
            return;
        }
        MappedText line;
        for (std::size_t i = 0; i < json.size(); ++i) {
            if (i > 0) line.append(" ", json[i].range.begin);
            line.append(json[i].value, json[i].range.begin + 1);
        }
        add(std::move(line), context, ins.arguments_range);
        return;
    }
    if (ins.form != ArgumentForm::Shell) return;
    if (run && !ins.heredocs().empty() && !ins.words.empty()) {
        const Heredoc& first = ins.heredocs().front();
        bool script_only = is_heredoc_word(ins, ins.words.front());
        bool shell_reads_it = is_shell_program(ins.text_of(ins.words.front())) &&
                              std::all_of(ins.words.begin() + 1, ins.words.end(), [&](const Word& w) {
                                  return ins.text_of(w).starts_with("-") || is_heredoc_word(ins, w);
                              });
        if (script_only || shell_reads_it) {
            MappedText script = heredoc_script(text, first);
            if (body_is_shell(script)) add(std::move(script), context, first.body_range);
            if (script_only) return;
        }
    }
    add(ins.arguments.mapped(), context, ins.arguments_range);
}

void add_copies(const Instruction& ins, ContainerFacts& facts, char escape) {
    const std::string_view keyword = ins.keyword();
    if (keyword != "COPY" && keyword != "ADD") return;
    bool from_stage = ins.has_flag("from");
    auto add = [&](std::string path, TextRange range) {
        if (path.empty() || is_url(path)) return;
        facts.copies.push_back({std::move(path), range, std::string(keyword), from_stage});
    };
    if (ins.form == ArgumentForm::Json) {
        auto json = ins.json();
        for (std::size_t i = 0; i + 1 < json.size(); ++i) add(json[i].value, json[i].range);
        return;
    }
    for (std::size_t i = 0; i + 1 < ins.words.size(); ++i) {
        if (is_heredoc_word(ins, ins.words[i])) continue;
        add(unquote(ins.text_of(ins.words[i]), escape), ins.range_of(ins.words[i]));
    }
}

void add_pairs(const Instruction& ins, ContainerFacts& facts) {
    const std::string_view keyword = ins.keyword();
    if (keyword == "LABEL") {
        for (const auto& kv : ins.pairs)
            facts.labels.push_back({kv.key, kv.value, kv.key_range, kv.value_range, new_fact_stamp()});
        return;
    }
    if (keyword != "ENV" && keyword != "ARG") return;
    for (const auto& kv : ins.pairs) {
        if (keyword == "ARG" && !kv.has_equals) continue;
        bool legacy_without_value = kv.value_range.empty() && !kv.has_equals;
        if (keyword == "ENV" && !ins.pair_error().empty() && legacy_without_value) continue;
        AssignmentFact a;
        a.name = kv.key;
        a.value = kv.value;
        a.name_range = kv.key_range;
        a.value_range = kv.value_range;
        a.origin = keyword;
        a.literal = kv.value.find('$') == std::string::npos;
        a.stamp = new_fact_stamp();
        facts.assignments.push_back(std::move(a));
    }
}

Offset next_line_start(std::string_view text, Offset from) {
    std::size_t nl = text.find('\n', from);
    return nl == std::string_view::npos ? static_cast<Offset>(text.size()) : static_cast<Offset>(nl + 1);
}

} // namespace

std::map<std::string, std::optional<std::string>> global_arguments(const Dockerfile& file) {
    std::map<std::string, std::optional<std::string>> out;
    for (const auto& ins : file.instructions) {
        if (ins.keyword() == "FROM") break;
        if (ins.keyword() != "ARG") continue;
        for (const auto& kv : ins.pairs) {
            if (kv.has_equals) out[kv.key] = kv.value;
            else out[kv.key] = std::nullopt;
        }
    }
    return out;
}

std::optional<std::string> expand_variables(std::string_view word,
                                            const std::map<std::string, std::optional<std::string>>& variables,
                                            char escape) {
    std::string out;
    char quote = 0;
    auto lookup = [&](const std::string& name) -> std::optional<std::string> {
        auto it = variables.find(name);
        if (it == variables.end()) return std::nullopt;
        return it->second;
    };
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (quote == 0 && (c == '"' || c == '\'')) {
            quote = c;
            continue;
        }
        if (quote != 0 && c == quote) {
            quote = 0;
            continue;
        }
        if (c == escape && quote != '\'' && i + 1 < word.size()) {
            out.push_back(word[++i]);
            continue;
        }
        if (c != '$' || quote == '\'' || i + 1 >= word.size()) {
            out.push_back(c);
            continue;
        }
        if (word[i + 1] == '{') {
            std::size_t close = word.find('}', i + 2);
            if (close == std::string_view::npos) return std::nullopt;
            std::string_view inner = word.substr(i + 2, close - i - 2);
            std::size_t n = 0;
            while (n < inner.size() && is_name_char(inner[n])) ++n;
            std::string name(inner.substr(0, n));
            std::string_view op = inner.substr(n);
            auto value = lookup(name);
            if (name.empty()) return std::nullopt;
            if (op.empty()) {
                if (!value) return std::nullopt;
                out += *value;
            } else if (op.starts_with(":-") || op.starts_with("-")) {
                std::string_view fallback = op.substr(op[0] == ':' ? 2 : 1);
                bool use_value = value && (op[0] != ':' || !value->empty());
                if (use_value) out += *value;
                else if (fallback.find('$') != std::string_view::npos) return std::nullopt;
                else out += fallback;
            } else if (op.starts_with(":+") || op.starts_with("+")) {
                if (!value) return std::nullopt;
                std::string_view alternative = op.substr(op[0] == ':' ? 2 : 1);
                if (op[0] != ':' || !value->empty()) out += alternative;
            } else {
                return std::nullopt; // other modifiers (%, #, /): not resolved
            }
            i = close;
            continue;
        }
        std::size_t j = i + 1;
        while (j < word.size() && is_name_char(word[j])) ++j;
        if (j == i + 1) {
            out.push_back(c);
            continue;
        }
        auto value = lookup(std::string(word.substr(i + 1, j - i - 1)));
        if (!value) return std::nullopt;
        out += *value;
        i = j - 1;
    }
    return out;
}

void collect_images(const Dockerfile& file, ContainerFacts& facts) {
    facts.images.clear();
    const auto globals = global_arguments(file);
    for (std::size_t i = 0; i < file.stages.size(); ++i) {
        const Stage& stage = file.stages[i];
        if (stage.image.empty()) continue;
        ImageReferenceFact image;
        image.text = stage.image;
        image.range = stage.image_range;
        image.agent = "FROM";
        image.names_stage = file.find_stage(stage.image, i) != nullptr;
        image.has_variables = stage.image.find('$') != std::string::npos;
        if (image.has_variables) {
            if (auto resolved = expand_variables(stage.image, globals, file.escape)) image.resolved = *resolved;
        }
        facts.images.push_back(std::move(image));
    }
}

void collect_instruction_facts(std::string_view text, const Instruction& ins, char escape, ContainerFacts& facts) {
    add_shell_bodies(text, ins, "", facts);
    add_copies(ins, facts, escape);
    add_pairs(ins, facts);
    for (const auto& child : ins.onbuild()) {
        add_shell_bodies(text, child, "ONBUILD ", facts);
        add_copies(child, facts, escape);
        add_pairs(child, facts);
    }
}

void collect_comments(std::string_view text, const Dockerfile& file, std::size_t first, std::size_t last,
                      TextRange span, std::vector<CommentFact>& out) {
    // Own-line comments and the comments inside instructions are each in document order
    // already: merged, not sorted.
    auto own = std::partition_point(file.comments.begin(), file.comments.end(),
                                    [&](const TextRange& c) { return c.begin < span.begin; });
    auto own_end = std::partition_point(own, file.comments.end(),
                                        [&](const TextRange& c) { return c.begin < span.end; });
    auto add = [&](TextRange c) { out.push_back(comment_fact(text, c, true)); };
    for (std::size_t i = first; i < last; ++i) {
        for (TextRange c : file.instructions[i].comments()) {
            for (; own != own_end && own->begin < c.begin; ++own) add(*own);
            add(c);
        }
    }
    for (; own != own_end; ++own) add(*own);
}

void place_document_facts(std::string_view text, const Dockerfile& file, ContainerFacts& facts) {
    facts.label_insertion_point = static_cast<Offset>(text.size());
    facts.document_anchor = {};
    const Instruction* first_from = file.stages.empty() ? nullptr : &file.instructions[file.stages.front().instruction];
    auto last_label = std::find_if(file.instructions.rbegin(), file.instructions.rend(),
                                   [](const Instruction& ins) { return ins.keyword() == "LABEL"; });
    if (last_label != file.instructions.rend()) facts.label_insertion_point = next_line_start(text, last_label->range.end);
    else if (first_from) facts.label_insertion_point = next_line_start(text, first_from->range.end);
    if (first_from) facts.document_anchor = first_from->range;
}

ContainerFacts collect_facts(std::string_view text, const Dockerfile& file) {
    ContainerFacts facts;
    for (const auto& ins : file.instructions) collect_instruction_facts(text, ins, file.escape, facts);
    collect_document_facts(text, file, facts);
    return facts;
}

void collect_document_facts(std::string_view text, const Dockerfile& file, ContainerFacts& facts) {
    facts.kind = DocumentKind::Dockerfile;
    collect_images(file, facts);
    facts.comments.clear();
    std::size_t inside = 0;
    for (const auto& ins : file.instructions) inside += ins.comments().size();
    facts.comments.reserve(file.directives.size() + file.comments.size() + inside);
    // Directives come first.
    for (const auto& d : file.directives) facts.comments.push_back(comment_fact(text, d.range, true));
    collect_comments(text, file, 0, file.instructions.size(), {0, static_cast<Offset>(text.size()) + 1}, facts.comments);
    place_document_facts(text, file, facts);
}

} // namespace cdls::dockerfile
