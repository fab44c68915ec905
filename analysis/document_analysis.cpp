// Runs the kind analyzer, then the rules shared by both kinds, then settings and suppressions.
#include "analysis/document_analysis.hpp"

#include "analysis/catalogue/catalogue.hpp"
#include "analysis/catalogue/image_rules.hpp"
#include "analysis/configured_rules.hpp"
#include "analysis/core/rule.hpp"
#include "analysis/rules/image-unknown-tag.hpp"
#include "analysis/shell/rule_checks.hpp"
#include "analysis/shell/shared_rules.hpp"
#include "analysis/suppression.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace cdls {

std::optional<Severity> AnalysisSettings::severity_of(std::string_view rule, Severity default_severity) const {
    auto it = overrides.find(rule);
    if (it == overrides.end()) return default_severity;
    return it->second;
}

namespace {

// A file can ask for an unbounded number of reports (262 144 unpinned packages on one line);
// an editor and a CI log get the first kMaxDiagnostics, in order, and one analysis-limit note
// where the rest begins.
constexpr std::size_t kMaxDiagnostics = 10000;

// Returns whether it cut the list.
bool cap_diagnostics(std::vector<Diagnostic>& diagnostics, const AnalysisSettings& settings) {
    if (diagnostics.size() <= kMaxDiagnostics) return false;
    std::size_t dropped = diagnostics.size() - kMaxDiagnostics;
    TextRange at = diagnostics[kMaxDiagnostics].range;
    diagnostics.resize(kMaxDiagnostics);
    auto severity = settings.severity_of(rules::analysis_limit.id, rules::analysis_limit.severity);
    if (!severity) return true;
    Diagnostic note = make_diagnostic(
        rules::analysis_limit, at,
        std::to_string(dropped) + " more problems from here on are not reported: a file gets at most " +
            std::to_string(kMaxDiagnostics) + " (fix these first, or turn the noisiest rule off)");
    note.severity = *severity;
    note.origin = Origin::Limit;
    diagnostics.push_back(std::move(note));
    sort_diagnostics(diagnostics);
    return true;
}

// What the settings say about each rule id met in one analysis: a document's thousands of
// diagnostics name a few dozen rules, so the registry and the overrides are searched once per
// id, not once per diagnostic.
class RuleSettingsCache {
public:
    struct Entry {
        std::string_view id;                       // a diagnostic's: static storage
        const RuleInfo* rule = nullptr;            // find_rule(id)
        bool overridden = false;                   // settings.overrides holds id
        std::optional<Severity> override_severity; // its value when overridden (nullopt: off)
    };
    explicit RuleSettingsCache(const AnalysisSettings& settings) : settings_(settings) {
        entries_.reserve(16); // a file's rule ids: one allocation, not one per doubling
    }

    const Entry& get(std::string_view id) {
        // A slot by the id's length and end letters names the entry last found for such an id:
        // one comparison for nearly every diagnostic (of the pointers, as ids are RuleInfo's);
        // other ids are looked for among all.
        std::size_t slot = id.empty() ? 0 : (id.size() * 7 + static_cast<unsigned char>(id.front()) +
                                             static_cast<unsigned char>(id.back()) * 3) % kSlots;
        if (slots_[slot] < entries_.size()) {
            std::string_view known = entries_[slots_[slot]].id;
            if ((known.data() == id.data() && known.size() == id.size()) || known == id)
                return entries_[slots_[slot]];
        }
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].id == id) return entries_[slots_[slot] = i];
        Entry entry;
        entry.id = id;
        entry.rule = find_rule(id);
        // Looked up by the view (the map's comparator is transparent): no string made per id.
        if (auto it = settings_.overrides.find(id); it != settings_.overrides.end()) {
            entry.overridden = true;
            entry.override_severity = it->second;
        }
        slots_[slot] = entries_.size();
        entries_.push_back(std::move(entry));
        return entries_.back();
    }

private:
    static constexpr std::size_t kSlots = 64;
    const AnalysisSettings& settings_;
    std::vector<Entry> entries_;
    std::array<std::size_t, kSlots> slots_ = [] {
        std::array<std::size_t, kSlots> empty;
        empty.fill(static_cast<std::size_t>(-1));
        return empty;
    }();
};

// The settings' severities (an "off" rule's diagnostics dropped). Without overrides this
// changes nothing: every diagnostic is made with its rule's default severity (make_diagnostic),
// the memos keep them so, and no rule is off by default.
void apply_overrides(std::vector<Diagnostic>& diagnostics, const AnalysisSettings& settings) {
    if (settings.overrides.empty()) return;
    RuleSettingsCache rule_settings(settings);
    std::erase_if(diagnostics, [&](Diagnostic& d) {
        const RuleSettingsCache::Entry& entry = rule_settings.get(d.rule);
        auto severity = entry.overridden ? entry.override_severity
                                         : std::optional<Severity>(entry.rule ? entry.rule->severity : d.severity);
        if (!severity) return true;
        d.severity = *severity;
        return false;
    });
}

// Rules only settings turn on: untrusted registries, registry tags, configured data extensions.
bool settings_only_rules_on(const AnalysisSettings& settings) {
    return !settings.trusted_registries.empty() || !settings.allowed_images.empty() || settings.registry_tags ||
           !settings.data_extensions.empty();
}

// Moves the offsets of a text around `change` (old offsets to new): those before the changed
// bytes stay, those after move by its size difference; a range touching them has no place
// (false).
struct ChangeMap {
    Offset prefix, old_end, new_end;
    std::ptrdiff_t delta;
    explicit ChangeMap(const TextChange& change)
        : prefix(static_cast<Offset>(change.prefix)), old_end(static_cast<Offset>(change.old_changed_end())),
          new_end(static_cast<Offset>(change.new_changed_end())), delta(change.delta()) {}
    bool range(TextRange& r) const {
        if (r.end < prefix) return true;
        if (r.begin > old_end) {
            shift_range(r, delta);
            return true;
        }
        return false;
    }
    // `r` moved, in `out`, leaving `r` as it is.
    bool moved(TextRange r, TextRange& out) const {
        out = r;
        return range(out);
    }
    // A diagnostic's range and its fixes' edits; false when one touches the change (then the
    // diagnostic is left half moved: it is not used).
    bool diagnostic(Diagnostic& d) const {
        if (!range(d.range)) return false;
        for (Fix& fix : d.fixes)
            for (TextEdit& edit : fix.edits)
                if (!range(edit.range)) return false;
        return true;
    }
    // One end of a pragma's lines, which may hold the change: nullopt when it lies in the
    // changed bytes (then whatever the new pragma says there is taken, see same_pragmas).
    std::optional<Offset> point(Offset p) const {
        if (p < prefix) return p;
        if (p > old_end) return static_cast<Offset>(static_cast<std::ptrdiff_t>(p) + delta);
        return std::nullopt;
    }
};

// Whether the pragmas found now are the last call's moved by `change`, so that every
// diagnostic outside the changed bytes is suppressed now exactly when it was then.
// `touches`: an end of a pragma's lines lies in the changed bytes (a diagnostic there has no
// known status).
bool same_pragmas(const std::vector<Suppression>& last, const std::vector<Suppression>& now, const ChangeMap& map,
                  bool& touches) {
    touches = false;
    if (last.size() != now.size()) return false;
    for (std::size_t i = 0; i < last.size(); ++i) {
        const Suppression &a = last[i], &b = now[i];
        if (a.whole_file != b.whole_file || a.rules != b.rules) return false;
        if (a.whole_file) continue;
        for (auto [old_point, new_point] : {std::pair{a.applies_to.begin, b.applies_to.begin},
                                            std::pair{a.applies_to.end, b.applies_to.end}}) {
            if (std::optional<Offset> moved = map.point(old_point)) {
                if (*moved != new_point) return false;
            } else {
                if (new_point < map.prefix || new_point > map.new_end) return false;
                touches = true;
            }
        }
    }
    return true;
}

// Whether `now` is `old` moved by `map`: equal in everything, its ranges and its fixes' edits
// where `map` puts `old`'s.
bool same_moved(const Diagnostic& old, const Diagnostic& now, const ChangeMap& map) {
    TextRange r;
    if (!map.moved(old.range, r) || r != now.range || old.rule != now.rule || old.message != now.message ||
        old.severity != now.severity || old.unnecessary != now.unnecessary || old.deprecated != now.deprecated ||
        old.fixes.size() != now.fixes.size())
        return false;
    for (std::size_t f = 0; f < old.fixes.size(); ++f) {
        const Fix &a = old.fixes[f], &b = now.fixes[f];
        if (a.title != b.title || a.preferred != b.preferred || a.edits.size() != b.edits.size()) return false;
        for (std::size_t e = 0; e < a.edits.size(); ++e)
            if (a.edits[e].new_text != b.edits[e].new_text || !map.moved(a.edits[e].range, r) ||
                r != b.edits[e].range)
                return false;
    }
    return true;
}

// The index in `added` (sorted) of a diagnostic not yet `taken` that is `old` moved by `map`,
// or added.size().
std::size_t find_moved(const std::vector<Diagnostic>& added, const std::vector<char>& taken, const Diagnostic& old,
                       const ChangeMap& map) {
    TextRange r;
    if (!map.moved(old.range, r)) return added.size();
    auto it = std::partition_point(added.begin(), added.end(), [&](const Diagnostic& x) {
        return std::tie(x.range.begin, x.range.end, x.rule) < std::tie(r.begin, r.end, old.rule);
    });
    for (; it != added.end() && it->range == r && it->rule == old.rule; ++it) {
        auto j = static_cast<std::size_t>(it - added.begin());
        if (!taken[j] && same_moved(old, *it, map)) return j;
    }
    return added.size();
}

} // namespace

AnalysisResult DocumentAnalyzer::analyze(std::string_view text, const AnalysisSettings& settings,
                                         const LineIndex* lines, const TextChange* change) {
    // The last result can be patched when it came back (recycle) from the last call, with the
    // same settings, and the edits are known.
    const bool may_patch = use_ == AnalyzerUse::Incremental && change && lines && last_revision_ != 0 &&
                           spare_revision_ == last_revision_ && last_settings_ && *last_settings_ == settings &&
                           !settings_only_rules_on(settings);
    std::vector<Diagnostic> last = std::move(spare_diagnostics_);
    spare_diagnostics_ = {};
    spare_revision_ = last_revision_ = 0;
    patched_ = false;

    AnalysisResult result;
    result.kind = kind_;
    PieceChange pieces;
    if (kind_ == DocumentKind::Definition) {
        definition::Result r = definition_.analyze(text, std::move(spare_facts_), change, !may_patch);
        result.definition = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
        pieces = std::move(r.pieces);
    } else {
        dockerfile::Result r = dockerfile_.analyze(text, lines, std::move(spare_facts_), change, !may_patch);
        result.dockerfile = std::move(r.syntax);
        result.diagnostics = std::move(r.diagnostics);
        result.facts = std::move(r.facts);
        pieces = std::move(r.pieces);
    }
    spare_facts_ = {};
    result.facts.kind = kind_;
    if (may_patch && pieces.valid) {
        if (patch(result, text, settings, *lines, *change, pieces, last)) {
            patched_ = true;
            last_revision_ = result.facts.revision;
            return result;
        }
        // The kind analyzer's whole list, from what it keeps.
        result.diagnostics.clear();
        if (kind_ == DocumentKind::Definition)
            definition_.all_diagnostics(text, result.facts, result.diagnostics);
        else
            dockerfile_.all_diagnostics(text, lines, result.diagnostics);
    }
    last = {};
    finish_whole(result, text, settings, lines);
    return result;
}

void DocumentAnalyzer::finish_whole(AnalysisResult& result, std::string_view text, const AnalysisSettings& settings,
                                    const LineIndex* lines) {
    // Room for what the rules below add, as many as the last analysis had: the vector grows
    // now, moving only the kind analyzer's diagnostics, not later with all of them.
    result.diagnostics.reserve(std::max(result.diagnostics.size(), peak_diagnostics_) + 64);
    if (use_ == AnalyzerUse::Once)
        shell::check_shared_rules(result.facts, result.diagnostics);
    else
        shell::check_shared_rules(result.facts, result.diagnostics, shared_);
    std::size_t from = result.diagnostics.size();
    images_.check(result.facts, settings.catalogue, result.diagnostics);
    set_origin(result.diagnostics, from, Origin::Images);
    from = result.diagnostics.size();
    check_untrusted_registry(result.facts, settings, result.diagnostics);
    rules::check_image_unknown_tag(result.facts, settings, result.diagnostics);
    check_configured_data_extensions(result.facts, settings, result.diagnostics);
    set_origin(result.diagnostics, from, Origin::Configured);
    peak_diagnostics_ = result.diagnostics.size();

    // Settings first (an "off" rule reports nothing, so a pragma for it is unused only if the
    // rule would not have fired either: apply suppressions on what the settings keep).
    apply_overrides(result.diagnostics, settings);
    const bool incremental = use_ == AnalyzerUse::Incremental;
    std::vector<Suppression> pragmas = find_suppressions(result.facts, text, lines);
    suppressed_.clear();
    apply_suppressions(pragmas, result.diagnostics, settings.severity_of("unused-suppression", Severity::Hint),
                       incremental ? &suppressed_ : nullptr);
    sort_diagnostics(result.diagnostics);
    const bool capped = cap_diagnostics(result.diagnostics, settings);
    if (!incremental) return;
    pragmas_ = std::move(pragmas);
    if (!last_settings_ || !(*last_settings_ == settings)) last_settings_ = settings;
    // A cut list cannot be patched: what lies past the cut is not kept.
    last_revision_ = capped ? 0 : result.facts.revision;
}

bool DocumentAnalyzer::patch(AnalysisResult& result, std::string_view text, const AnalysisSettings& settings,
                             const LineIndex& lines, const TextChange& change, PieceChange& pieces,
                             std::vector<Diagnostic>& last) {
    const ChangeMap map(change);
    const Offset region_begin = pieces.begin, region_end = pieces.old_end;
    if (region_begin > map.prefix || region_end < map.old_end) return false; // the change lies in the region
    // The pragmas must be the last ones, moved: then the last result's suppressions stand.
    std::vector<Suppression> pragmas = find_suppressions(result.facts, text, &lines);
    bool pragma_touches = false;
    if (!same_pragmas(pragmas_, pragmas, map, pragma_touches)) return false;
    std::vector<Diagnostic> shared;
    bool secrets_touched = false;
    if (!shared_.splice(result.facts, pieces, shared, secrets_touched)) return false;

    // What is found anew, in the order of a whole analysis (its ties keep that order): the
    // kind's findings, the shared rules' (sorted, without duplicates), the image rules'.
    std::vector<Diagnostic> added;
    std::vector<Diagnostic>& document = result.diagnostics; // the kind's document rules, when found anew
    if (kind_ == DocumentKind::Dockerfile) {
        added = std::move(document);
        added.insert(added.end(), std::make_move_iterator(pieces.fresh.begin()),
                     std::make_move_iterator(pieces.fresh.end()));
    } else {
        added = std::move(pieces.fresh);
        added.insert(added.end(), std::make_move_iterator(document.begin()), std::make_move_iterator(document.end()));
    }
    document.clear();
    sort_diagnostics(added);
    if (secrets_touched) shared_.report_secrets(result.facts, shared);
    std::size_t from = shared.size();
    shell::check_missing_source_label(result.facts, shared);
    set_origin(shared, from, Origin::SourceLabel);
    from = added.size();
    append_sorted(shared, added);
    added.erase(std::unique(added.begin() + static_cast<std::ptrdiff_t>(from), added.end()), added.end());
    if (!pieces.images_same) {
        from = added.size();
        images_.check(result.facts, settings.catalogue, added);
        set_origin(added, from, Origin::Images);
    }
    apply_overrides(added, settings);
    // Which pragma ids suppress something: marked by what they suppress of the new diagnostics
    // now, and of the last ones below.
    std::vector<std::vector<bool>> used = suppression_marks(pragmas);
    std::vector<Diagnostic> suppressed_now;
    if (!pragmas.empty()) {
        std::erase_if(added, [&](const Diagnostic& d) {
            if (!mark_suppressing(pragmas, d, used)) return false;
            suppressed_now.push_back(d);
            return true;
        });
    }

    // What each of the last result's diagnostics becomes: dropped (its piece was re-derived,
    // or its rule found anew), kept in place or moved, or no known place (give up).
    enum class Fate { Drop, Keep, Fail };
    auto fate = [&](Diagnostic& d) {
        switch (d.origin) {
        case Origin::Piece: {
            if (d.range.begin >= region_begin && d.range.begin < region_end) return Fate::Drop;
            const bool after = d.range.begin >= region_end;
            if (!after && d.range.end > region_begin) return Fate::Fail;
            if (pragma_touches && d.range.begin >= map.prefix && d.range.begin <= map.old_end) return Fate::Fail;
            for (const Fix& fix : d.fixes)
                for (const TextEdit& edit : fix.edits)
                    if (after ? edit.range.begin < region_end : edit.range.end > region_begin) return Fate::Fail;
            if (after) shift_diagnostic(d, pieces.delta);
            return Fate::Keep;
        }
        case Origin::KindDocument:
            if (!pieces.document_same) return Fate::Drop;
            break;
        case Origin::Secrets:
            if (secrets_touched) return Fate::Drop;
            break;
        case Origin::Images:
            if (!pieces.images_same) return Fate::Drop;
            break;
        case Origin::SourceLabel:
        case Origin::Suppression:
            return Fate::Drop;
        case Origin::Configured:
        case Origin::Limit:
            return Fate::Fail;
        }
        return map.diagnostic(d) ? Fate::Keep : Fate::Fail;
    };

    // The diagnostics suppressed: the last ones that stand, and the new ones.
    std::vector<Diagnostic> suppressed;
    suppressed.reserve(suppressed_.size() + suppressed_now.size());
    for (Diagnostic& d : suppressed_) {
        Fate f = fate(d);
        if (f == Fate::Fail) return false;
        if (f != Fate::Keep) continue;
        mark_suppressing(pragmas, d, used);
        suppressed.push_back(std::move(d));
    }
    suppressed.insert(suppressed.end(), std::make_move_iterator(suppressed_now.begin()),
                      std::make_move_iterator(suppressed_now.end()));
    if (auto severity = settings.severity_of("unused-suppression", Severity::Hint); severity && !pragmas.empty())
        report_unused_suppressions(pragmas, used, *severity, added);
    sort_diagnostics(added);

    // The last list: what stands of it, in order. A dropped diagnostic that was found again,
    // only moved, stays where it is instead of the new one: a keystroke that changes no
    // diagnostic moves none of them.
    std::vector<char> found_again(added.size(), 0);
    std::vector<char> dropped(last.size(), 0);
    std::size_t drops = 0, remaining = added.size();
    const Diagnostic* previous = nullptr;
    for (std::size_t i = 0; i < last.size(); ++i) {
        Diagnostic& d = last[i];
        const Fate f = fate(d);
        if (f == Fate::Fail) return false;
        if (f == Fate::Drop) {
            std::size_t j = remaining == 0 ? added.size() : find_moved(added, found_again, d, map);
            if (j == added.size()) {
                dropped[i] = 1;
                ++drops;
                continue;
            }
            found_again[j] = 1;
            --remaining;
            map.diagnostic(d); // same_moved: every range moves
            d.origin = added[j].origin;
        }
        if (previous && !diagnostic_less(*previous, d)) return false;
        previous = &d;
    }
    std::vector<Diagnostic> merged;
    if (drops == 0 && remaining == 0) {
        merged = std::move(last);
    } else {
        // Merged with what was found anew. Equal keys on both sides would be ordered by where
        // each came from in a whole analysis: give up.
        merged.reserve(last.size() - drops + remaining);
        std::size_t next = 0;
        auto skip_found = [&] {
            while (next < added.size() && found_again[next]) ++next;
        };
        skip_found();
        for (std::size_t i = 0; i < last.size(); ++i) {
            if (dropped[i]) continue;
            Diagnostic& d = last[i];
            for (; next < added.size() && diagnostic_less(added[next], d); ++next, skip_found())
                merged.push_back(std::move(added[next]));
            if (next < added.size() && !diagnostic_less(d, added[next])) return false;
            merged.push_back(std::move(d));
        }
        for (; next < added.size(); ++next, skip_found()) merged.push_back(std::move(added[next]));
    }
    if (merged.size() > kMaxDiagnostics) return false;
    result.diagnostics = std::move(merged);
    suppressed_ = std::move(suppressed);
    pragmas_ = std::move(pragmas);
    return true;
}

AnalysisResult analyze_text(DocumentKind kind, std::string_view text, const AnalysisSettings& settings) {
    DocumentAnalyzer analyzer(kind, AnalyzerUse::Once);
    return analyzer.analyze(text, settings);
}

} // namespace cdls
