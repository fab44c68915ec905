// check_shared_rules: tokenizes each shell body (once per distinct text, with the memo) and runs
// every shared rule.
#include "analysis/shell/shared_rules.hpp"

#include "analysis/core/text_hash.hpp"

#include <algorithm>
#include <tuple>

namespace cdls::shell {

void report_word(const RuleInfo& rule, const BodyView& view, const Word& word, std::string message,
                 std::vector<Diagnostic>& out) {
    out.push_back(make_diagnostic(rule, view.to_document(word.range), std::move(message)));
}

namespace {

void check_packages(const BodyView& view, std::vector<Diagnostic>& out) {
    check_analysis_limit(view, out);
    ShellContext context = view.body.context;
    if (context != ShellContext::Build && context != ShellContext::Runtime) return;
    check_pip_unpinned(view, out);
    check_conda_unpinned(view, out);
    check_apt_unpinned(view, out);
    check_apk_unpinned(view, out);
    check_dnf_unpinned(view, out);
    check_zypper_unpinned(view, out);
    check_npm_unpinned(view, out);
    check_gem_unpinned(view, out);
    check_cargo_unpinned(view, out);
    check_go_unpinned(view, out);
    check_r_unpinned(view, out);
    check_git_clone_unpinned(view, out);
    check_download_unverified(view, out);
}

// What the body-level checks find in one body, each list in order (a stable sort: ties keep
// the checks' order), so that each body adds one sorted run and finish_output merges a few runs
// instead of sorting the findings.
SharedRulesMemo::Findings check_body(const ShellBodyFact& body, DocumentKind kind) {
    Script script = tokenize(body.script.text());
    BodyView view{body, script, kind};
    SharedRulesMemo::Findings found;
    check_packages(view, found.package);
    check_user_config_in_body(view, found.user_config);
    sort_diagnostics(found.package);
    sort_diagnostics(found.user_config);
    found.secrets = find_body_secrets(view);
    return found;
}

// The body-level checks run on the body's text placed at offset 0: findings in offsets of
// the text, as the memo keeps them.
SharedRulesMemo::Findings check_text(const ShellBodyFact& body, DocumentKind kind) {
    const std::string& text = body.script.text();
    ShellBodyFact at_zero{MappedText::contiguous(text, 0), body.context, body.origin,
                          {0, static_cast<Offset>(text.size())}};
    return check_body(at_zero, kind);
}

// A memo entry's context and kind, as characters of its key.
char context_key(ShellContext context) { return static_cast<char>('0' + static_cast<int>(context)); }
char kind_key(DocumentKind kind) { return kind == DocumentKind::Definition ? 'd' : 'D'; }

// How a body's findings become the result's. The body-level checks read a body only through
// its text, its context, the kind and to_document() of ranges in its text; the memo runs them
// on the body's text placed at offset 0 and keeps findings in text offsets, which the real
// body's map then places in the document (copied: the memo keeps its own, and a copy is built
// in place in the result, its message shared). Placing is monotonic, so a body's findings keep
// their order either way.
struct MemoisedFindings {
    // `hint`: where the body's last finding was mapped (a body's findings come sorted).
    void put(const Diagnostic& d, const MappedText& map, std::size_t& hint, std::vector<Diagnostic>& out) const {
        Diagnostic& placed = out.emplace_back(d);
        placed.range = map.to_document(d.range, hint);
        for (Fix& fix : placed.fixes)
            for (TextEdit& edit : fix.edits) edit.range = map.to_document(edit.range);
    }
    BodySecrets secrets(const BodySecrets& found, const MappedText& map) const {
        BodySecrets placed;
        for (const auto& [name, range] : found.named) placed.named.emplace_back(name, map.to_document(range));
        for (TextRange range : found.shaped) placed.shaped.push_back(map.to_document(range));
        return placed;
    }
};

// A one-shot run checks the real bodies: its findings are in document offsets already, and
// nobody else keeps them.
struct PlacedFindings {
    void put(Diagnostic& d, const MappedText&, std::size_t&, std::vector<Diagnostic>& out) const {
        out.push_back(std::move(d));
    }
    BodySecrets secrets(BodySecrets& found, const MappedText&) const { return std::move(found); }
};

// Sorts and de-duplicates what the shared rules found: a command inside `$(...)` within a
// `sh -c "..."` string is seen twice (as part of the word and as part of the string).
void finish_output(std::vector<Diagnostic>& ours, std::vector<Diagnostic>& out) {
    const auto from = static_cast<std::ptrdiff_t>(out.size());
    append_sorted(ours, out);
    out.erase(std::unique(out.begin() + from, out.end()), out.end());
}

// The entry of the last call's list, among the next few from `cursor`, for which `same` holds
// (the cursor then moves past it); none otherwise. An edit rarely reorders bodies, assignments,
// labels or copies, so each is looked for just after where the previous one matched: an edit
// that removes more of them than kMatchWindow at once (or moves one further) re-checks the ones
// after it, for one call.
constexpr std::size_t kMatchWindow = 16;

template <class Entry, class Same>
Entry* match_in_order(std::vector<Entry>& last, std::size_t& cursor, Same same) {
    for (std::size_t k = cursor; k < last.size() && k < cursor + kMatchWindow; ++k) {
        if (!same(last[k])) continue;
        cursor = k + 1;
        return &last[k];
    }
    return nullptr;
}

} // namespace

std::size_t SharedRulesMemo::KeyHash::operator()(const KeyView& k) const {
    std::size_t h = text_hash(k.text);
    return h ^ (static_cast<std::size_t>(static_cast<unsigned char>(k.context)) * 0x9E3779B97F4A7C15ull) ^
           (static_cast<std::size_t>(static_cast<unsigned char>(k.kind)) << 17);
}

const SharedRulesMemo::Findings& SharedRulesMemo::findings(const ShellBodyFact& body, DocumentKind kind) {
    const std::string& text = body.script.text();
    const KeyView key{context_key(body.context), kind_key(kind), text};
    // A body the analyzer moved (or copied) since the last call has the stamp it had then: its
    // text is not read, nor the entry's (in a large file, both are cold in the cache).
    if (BodyEntry* same = match_in_order(bodies_, bodies_cursor_, [&](const BodyEntry& entry) {
            return entry.context == key.context && entry.kind == key.kind &&
                   ((body.stamp != 0 && entry.stamp == body.stamp) || entry.text == text);
        })) {
        next_bodies_.push_back(std::move(*same));
        next_bodies_.back().stamp = body.stamp;
        return next_bodies_.back().found;
    }
    if (auto it = computed_.find(key); it != computed_.end()) {
        const BodyEntry& same = next_bodies_[it->second];
        next_bodies_.push_back({key.context, key.kind, same.text, same.found, body.stamp});
        return next_bodies_.back().found;
    }
    ++checked_;
    next_bodies_.push_back({key.context, key.kind, text, check_text(body, kind), body.stamp});
    const BodyEntry& entry = next_bodies_.back();
    computed_.emplace(KeyView{entry.context, entry.kind, entry.text}, next_bodies_.size() - 1);
    return entry.found;
}

void SharedRulesMemo::findings(const ContainerFacts& facts, std::vector<const Findings*>& out) {
    next_bodies_.clear();
    next_bodies_.reserve(facts.shell_bodies.size());
    bodies_cursor_ = 0;
    for (const ShellBodyFact& body : facts.shell_bodies) out.push_back(&findings(body, facts.kind));
    computed_.clear();
}

const ValueSecrets& SharedRulesMemo::value_secrets(std::string_view name, std::string_view value, bool literal,
                                                   std::uint64_t stamp) {
    // As for bodies: a moved assignment or label keeps its stamp, and its texts are not read.
    if (ValueEntry* same = match_in_order(values_, values_cursor_, [&](const ValueEntry& entry) {
            return entry.literal == literal &&
                   ((stamp != 0 && entry.stamp == stamp) || (entry.name == name && entry.value == value));
        })) {
        next_values_.push_back(std::move(*same));
        next_values_.back().stamp = stamp;
        return next_values_.back().found;
    }
    ++checked_values_;
    next_values_.push_back(
        {std::string(name), std::string(value), literal, find_value_secrets(name, value, literal), stamp});
    return next_values_.back().found;
}

void SharedRulesMemo::value_secrets(const ContainerFacts& facts, std::vector<const ValueSecrets*>& assignments,
                                    std::vector<const ValueSecrets*>& labels) {
    next_values_.clear();
    next_values_.reserve(facts.assignments.size() + facts.labels.size());
    values_cursor_ = 0;
    for (const AssignmentFact& a : facts.assignments)
        assignments.push_back(&value_secrets(a.name, a.value, a.literal, a.stamp));
    for (const LabelFact& label : facts.labels) labels.push_back(&value_secrets(label.key, label.value, true, label.stamp));
}

void SharedRulesMemo::data_copies(const ContainerFacts& facts, std::vector<bool>& out) {
    next_paths_.clear();
    next_paths_.reserve(facts.copies.size());
    std::size_t cursor = 0;
    for (const CopiedSourceFact& copy : facts.copies) {
        if (PathEntry* same = match_in_order(paths_, cursor, [&](const PathEntry& entry) {
                return entry.from_stage == copy.from_stage && entry.path == copy.path;
            }))
            next_paths_.push_back(std::move(*same));
        else
            next_paths_.push_back({copy.path, copy.from_stage, !copy.from_stage && is_data_path(copy.path)});
        out.push_back(next_paths_.back().data);
    }
    paths_.swap(next_paths_);
}

void SharedRulesMemo::finish() {
    // The last call's lists are freed, not kept for their capacity: the next call allocates
    // from the memory just freed, and between keystrokes the idle trim gives its pages back.
    bodies_.swap(next_bodies_);
    std::vector<BodyEntry>().swap(next_bodies_);
    values_.swap(next_values_);
    std::vector<ValueEntry>().swap(next_values_);
    std::vector<PathEntry>().swap(next_paths_);
    last_checked_ = checked_;
    checked_ = 0;
    last_checked_values_ = checked_values_;
    checked_values_ = 0;
}

namespace {

bool has_secrets(const BodySecrets& found) { return !found.named.empty() || !found.shaped.empty(); }
bool has_secrets(const ValueSecrets& found) { return found.named || !found.shapes.empty(); }

// Replaces list[at, at + removed) with `inserted`.
template <class T>
void replace_span(std::vector<T>& list, std::size_t at, std::size_t removed, std::vector<T>&& inserted) {
    if (removed == inserted.size()) {
        std::move(inserted.begin(), inserted.end(), list.begin() + static_cast<std::ptrdiff_t>(at));
        return;
    }
    auto first = list.begin() + static_cast<std::ptrdiff_t>(at);
    list.erase(first, first + static_cast<std::ptrdiff_t>(removed));
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(inserted.begin()),
                std::make_move_iterator(inserted.end()));
}

} // namespace

bool SharedRulesMemo::splice(const ContainerFacts& facts, const PieceChange& pieces, std::vector<Diagnostic>& fresh,
                             bool& secrets_touched) {
    const PieceChange::Span &b = pieces.bodies, &c = pieces.copies, &a = pieces.assignments, &l = pieces.labels;
    const std::size_t old_assignments = facts.assignments.size() + a.removed - a.inserted;
    auto fits = [](std::size_t old_size, std::size_t new_size, const PieceChange::Span& span) {
        return old_size + span.inserted == new_size + span.removed && span.at + span.removed <= old_size;
    };
    if (!fits(bodies_.size(), facts.shell_bodies.size(), b) || !fits(paths_.size(), facts.copies.size(), c) ||
        !fits(old_assignments, facts.assignments.size(), a) ||
        !fits(values_.size() - std::min(values_.size(), old_assignments), facts.labels.size(), l) ||
        values_.size() < old_assignments)
        return false;
    secrets_touched = false;
    last_checked_ = last_checked_values_ = 0;
    const char kind = kind_key(facts.kind);

    // Bodies: each new one against the replaced one at its place, else checked.
    std::vector<BodyEntry> bodies;
    bodies.reserve(b.inserted);
    for (std::size_t k = 0; k < b.removed; ++k) secrets_touched |= has_secrets(bodies_[b.at + k].found.secrets);
    for (std::size_t k = 0; k < b.inserted; ++k) {
        const ShellBodyFact& body = facts.shell_bodies[b.at + k];
        const std::string& text = body.script.text();
        const char context = context_key(body.context);
        if (k < b.removed) {
            BodyEntry& old = bodies_[b.at + k];
            if (old.context == context && old.kind == kind && old.text == text) {
                bodies.push_back(std::move(old));
                bodies.back().stamp = body.stamp;
                continue;
            }
        }
        ++last_checked_;
        bodies.push_back({context, kind, text, check_text(body, facts.kind), body.stamp});
    }
    for (const BodyEntry& entry : bodies) secrets_touched |= has_secrets(entry.found.secrets);

    // Copies.
    std::vector<PathEntry> paths;
    paths.reserve(c.inserted);
    for (std::size_t k = 0; k < c.inserted; ++k) {
        const CopiedSourceFact& copy = facts.copies[c.at + k];
        if (k < c.removed) {
            PathEntry& old = paths_[c.at + k];
            if (old.from_stage == copy.from_stage && old.path == copy.path) {
                paths.push_back(std::move(old));
                continue;
            }
        }
        paths.push_back({copy.path, copy.from_stage, !copy.from_stage && is_data_path(copy.path)});
    }

    // Assignments and labels (one list: the assignments, then the labels).
    auto values = [&](std::size_t first, const PieceChange::Span& span, auto name_of) {
        std::vector<ValueEntry> out;
        out.reserve(span.inserted);
        for (std::size_t k = 0; k < span.removed; ++k) secrets_touched |= has_secrets(values_[first + k].found);
        for (std::size_t k = 0; k < span.inserted; ++k) {
            auto [name, value, literal, stamp] = name_of(span.at + k);
            if (k < span.removed) {
                ValueEntry& old = values_[first + k];
                if (old.literal == literal && old.name == name && old.value == value) {
                    out.push_back(std::move(old));
                    out.back().stamp = stamp;
                    continue;
                }
            }
            ++last_checked_values_;
            out.push_back({std::string(name), std::string(value), literal, find_value_secrets(name, value, literal),
                           stamp});
        }
        for (const ValueEntry& entry : out) secrets_touched |= has_secrets(entry.found);
        return out;
    };
    auto new_labels = values(old_assignments + l.at, l, [&](std::size_t i) {
        const LabelFact& f = facts.labels[i];
        return std::tuple<std::string_view, std::string_view, bool, std::uint64_t>{f.key, f.value, true, f.stamp};
    });
    auto new_assignments = values(a.at, a, [&](std::size_t i) {
        const AssignmentFact& f = facts.assignments[i];
        return std::tuple<std::string_view, std::string_view, bool, std::uint64_t>{f.name, f.value, f.literal,
                                                                                   f.stamp};
    });

    // What a whole call reports for these pieces, in its order.
    MemoisedFindings policy;
    for (std::size_t k = 0; k < bodies.size(); ++k)
        for (std::size_t hint = 0; const Diagnostic& d : bodies[k].found.package)
            policy.put(d, facts.shell_bodies[b.at + k].script, hint, fresh);
    for (std::size_t k = 0; k < paths.size(); ++k)
        if (paths[k].data) report_data_in_image(facts.kind, facts.copies[c.at + k], fresh);
    for (std::size_t k = 0; k < c.inserted; ++k) check_user_config_in_copy(facts.kind, facts.copies[c.at + k], fresh);
    for (std::size_t k = 0; k < bodies.size(); ++k)
        for (std::size_t hint = 0; const Diagnostic& d : bodies[k].found.user_config)
            policy.put(d, facts.shell_bodies[b.at + k].script, hint, fresh);

    replace_span(values_, old_assignments + l.at, l.removed, std::move(new_labels));
    replace_span(values_, a.at, a.removed, std::move(new_assignments));
    replace_span(bodies_, b.at, b.removed, std::move(bodies));
    replace_span(paths_, c.at, c.removed, std::move(paths));
    return true;
}

void SharedRulesMemo::report_secrets(const ContainerFacts& facts, std::vector<Diagnostic>& out) const {
    std::vector<const ValueSecrets*> assignments, labels;
    assignments.reserve(facts.assignments.size());
    labels.reserve(facts.labels.size());
    for (std::size_t i = 0; i < values_.size(); ++i)
        (i < facts.assignments.size() ? assignments : labels).push_back(&values_[i].found);
    // Only the bodies holding candidates: the report reads the others' empty lists, nothing else.
    std::vector<BodySecrets> secrets;
    for (std::size_t i = 0; i < bodies_.size(); ++i)
        if (has_secrets(bodies_[i].found.secrets))
            secrets.push_back(MemoisedFindings{}.secrets(bodies_[i].found.secrets, facts.shell_bodies[i].script));
    const std::size_t from = out.size();
    shell::report_secrets(facts, assignments, labels, secrets, out);
    set_origin(out, from, Origin::Secrets);
}

namespace {

// Everything the shared rules report, from each body's findings (`found`, in the order of
// facts.shell_bodies), whether each copy is data and what the secret rule says about each
// assignment and label. The same order as running every check over every body: ties in the
// (stable) sort of finish_output keep it.
template <class FindingsPointer, class Policy>
void report_all(const ContainerFacts& facts, const std::vector<FindingsPointer>& found, const std::vector<bool>& data,
                const std::vector<const ValueSecrets*>& assignments, const std::vector<const ValueSecrets*>& labels,
                const Policy& policy, std::vector<Diagnostic>& out) {
    std::size_t body_findings = 0;
    for (const auto* f : found) body_findings += f->package.size() + f->user_config.size();
    // What the shared rules find, apart from what `out` already holds (sorted and de-duplicated
    // alone); room for the bodies' findings, so that placing them moves no diagnostic.
    std::vector<Diagnostic> ours;
    ours.reserve(body_findings + 64);
    for (std::size_t i = 0; i < found.size(); ++i)
        for (std::size_t hint = 0; auto& d : found[i]->package) policy.put(d, facts.shell_bodies[i].script, hint, ours);
    for (std::size_t i = 0; i < facts.copies.size(); ++i)
        if (data[i]) report_data_in_image(facts.kind, facts.copies[i], ours);
    check_user_config_in_copies(facts, ours);
    for (std::size_t i = 0; i < found.size(); ++i)
        for (std::size_t hint = 0; auto& d : found[i]->user_config)
            policy.put(d, facts.shell_bodies[i].script, hint, ours);
    std::vector<BodySecrets> secrets;
    secrets.reserve(found.size());
    for (std::size_t i = 0; i < found.size(); ++i)
        secrets.push_back(policy.secrets(found[i]->secrets, facts.shell_bodies[i].script));
    std::size_t from = ours.size();
    report_secrets(facts, assignments, labels, secrets, ours);
    set_origin(ours, from, Origin::Secrets);
    from = ours.size();
    check_missing_source_label(facts, ours);
    set_origin(ours, from, Origin::SourceLabel);
    finish_output(ours, out);
}

} // namespace

void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out) {
    std::vector<SharedRulesMemo::Findings> bodies;
    bodies.reserve(facts.shell_bodies.size());
    for (const ShellBodyFact& body : facts.shell_bodies) bodies.push_back(check_body(body, facts.kind));
    std::vector<SharedRulesMemo::Findings*> found;
    found.reserve(bodies.size());
    for (SharedRulesMemo::Findings& f : bodies) found.push_back(&f);
    std::vector<bool> data;
    data.reserve(facts.copies.size());
    for (const CopiedSourceFact& copy : facts.copies) data.push_back(!copy.from_stage && is_data_path(copy.path));
    std::vector<ValueSecrets> values;
    values.reserve(facts.assignments.size() + facts.labels.size());
    for (const AssignmentFact& a : facts.assignments) values.push_back(find_value_secrets(a.name, a.value, a.literal));
    for (const LabelFact& label : facts.labels) values.push_back(find_value_secrets(label.key, label.value, true));
    std::vector<const ValueSecrets*> assignments, labels;
    assignments.reserve(facts.assignments.size());
    labels.reserve(facts.labels.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        (i < facts.assignments.size() ? assignments : labels).push_back(&values[i]);
    report_all(facts, found, data, assignments, labels, PlacedFindings{}, out);
}

void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out, SharedRulesMemo& memo) {
    std::vector<const SharedRulesMemo::Findings*> found;
    found.reserve(facts.shell_bodies.size());
    memo.findings(facts, found);
    std::vector<bool> data;
    data.reserve(facts.copies.size());
    memo.data_copies(facts, data);
    // Assignments and labels: most are unchanged by an edit, and their findings are looked up.
    std::vector<const ValueSecrets*> assignments, labels;
    assignments.reserve(facts.assignments.size());
    labels.reserve(facts.labels.size());
    memo.value_secrets(facts, assignments, labels);
    report_all(facts, found, data, assignments, labels, MemoisedFindings{}, out);
    memo.finish();
}

} // namespace cdls::shell
