// The rules shared by both file kinds that read shell bodies, copied paths, assignments and
// labels: package pinning, git/download verification, data/config/secrets, source label.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/core/piece_change.hpp"
#include "analysis/shell/rule_checks.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cdls::shell {

// What check_shared_rules keeps between analyses of one document: per shell body (keyed by its
// text, context and the file kind) what the body-level checks found, in offsets of the body's
// text. An edit re-tokenizes and re-checks only the bodies whose text changed; the findings of
// the others are mapped to their (possibly moved) place. Likewise what the secret rule says
// about each assignment and label, and whether each copied path is data. Each is matched with
// the last call's in document order (an edit rarely reorders them); only the last call's are
// kept, so memory follows the document.
class SharedRulesMemo {
public:
    struct Findings {
        std::vector<Diagnostic> package;     // pinning and download rules (Build, Runtime)
        std::vector<Diagnostic> user_config; // writes to shell start-up files (Build)
        BodySecrets secrets;
    };
    // The findings for each of facts.shell_bodies, in order; pointers valid until the next
    // call. A body's are computed now unless an equal body (text, context, kind) stood at about
    // the same place in the sequence of the previous call, or was computed earlier in this one.
    void findings(const ContainerFacts& facts, std::vector<const Findings*>& out);
    // What find_value_secrets says about each of facts.assignments and facts.labels (labels'
    // values count as literal), in their order; pointers valid until the next call.
    void value_secrets(const ContainerFacts& facts, std::vector<const ValueSecrets*>& assignments,
                       std::vector<const ValueSecrets*>& labels);
    // Whether each of facts.copies is data (is_data_path; false for copies from a stage), in
    // order.
    void data_copies(const ContainerFacts& facts, std::vector<bool>& out);
    // Ends a call: what this call used becomes what the next one may reuse.
    void finish();
    // Instead of a whole call, after a splice that re-derived only some pieces (PieceChange):
    // the bodies, copies, assignments and labels in pieces' spans are checked (or taken from the
    // entries they replace when equal), their findings appended to `fresh` in document offsets
    // (packages, data copies, copied user configuration, user configuration written by bodies:
    // the order of a whole call), and the memo's lists edited to match `facts`.
    // `secrets_touched`: a replaced or new body, assignment or label holds a secret candidate,
    // so the secrets report must be made anew (report_secrets). Returns false, changing
    // nothing, when the memo's lists do not match the facts the splice started from.
    bool splice(const ContainerFacts& facts, const PieceChange& pieces, std::vector<Diagnostic>& fresh,
                bool& secrets_touched);
    // The secrets report (Origin::Secrets) of `facts` from the memo's findings, which must be
    // those of `facts` (after a whole call, or splice()).
    void report_secrets(const ContainerFacts& facts, std::vector<Diagnostic>& out) const;
    std::size_t checked_bodies() const { return last_checked_; } // computed anew in the last call
    std::size_t checked_values() const { return last_checked_values_; } // likewise

private:
    // A body's key: the context's digit, the kind's letter and the body's text.
    struct KeyView {
        char context;
        char kind;
        std::string_view text;
    };
    struct KeyHash {
        std::size_t operator()(const KeyView& k) const;
    };
    struct KeyEqual {
        bool operator()(const KeyView& x, const KeyView& y) const {
            return x.context == y.context && x.kind == y.kind && x.text == y.text;
        }
    };
    // The last call's bodies with their findings, in order. An edit leaves nearly all of them
    // in the same order, so each new body is compared with the next few entries of the last call
    // from where the previous match stood: no hashing of every body's text per keystroke. A body
    // not found there (edited, or moved far) is looked up among the bodies computed in this
    // call (equal bodies in one file are checked once), else checked.
    struct BodyEntry {
        char context;
        char kind;
        std::string text;
        Findings found;
        std::uint64_t stamp = 0; // the fact's (ShellBodyFact::stamp): equal ones need no compare
    };
    const Findings& findings(const ShellBodyFact& body, DocumentKind kind);
    std::vector<BodyEntry> bodies_;      // the last call's
    std::vector<BodyEntry> next_bodies_; // this call's (reserved: pointers into it stay valid)
    std::size_t bodies_cursor_ = 0;      // the entry of bodies_ after the last match
    // This call's computed bodies by key (views into next_bodies_), to index in next_bodies_.
    std::unordered_map<KeyView, std::size_t, KeyHash, KeyEqual> computed_;
    std::size_t checked_ = 0;
    std::size_t last_checked_ = 0;

    // The last call's assignments and labels with what find_value_secrets said, in order. An
    // edit leaves nearly all of them in the same order, so each new one is compared with the
    // next few entries of the last call from where the previous match stood (no hashing, no
    // table): equal name, value and flag, equal findings. Anything else is computed anew.
    struct ValueEntry {
        std::string name;
        std::string value;
        bool literal = true;
        ValueSecrets found;
        std::uint64_t stamp = 0; // the fact's: equal ones need no compare
    };
    const ValueSecrets& value_secrets(std::string_view name, std::string_view value, bool literal,
                                      std::uint64_t stamp);
    std::vector<ValueEntry> values_;      // the last call's
    std::vector<ValueEntry> next_values_; // this call's (reserved: pointers into it stay valid)
    std::size_t values_cursor_ = 0;       // the entry of values_ after the last match
    std::size_t checked_values_ = 0;
    std::size_t last_checked_values_ = 0;

    // The last call's copied paths and whether each is data (never for a copy from a stage),
    // matched in order as the values are; one per copy.
    struct PathEntry {
        std::string path;
        bool from_stage = false;
        bool data = false;
    };
    std::vector<PathEntry> paths_;
    std::vector<PathEntry> next_paths_;

};

// Checks the bodies where they stand, keeping nothing (one analysis of one text).
void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// The same result, reusing (and updating) `memo`.
void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out, SharedRulesMemo& memo);

} // namespace cdls::shell
