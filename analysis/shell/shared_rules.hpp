// The rules shared by both file kinds that read shell bodies, copied paths, assignments and
// labels: package pinning, git/download verification, data/config/secrets, source label.
#pragma once

#include "analysis/core/call_memo.hpp"
#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"
#include "analysis/shell/rule_checks.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cdls::shell {

// What check_shared_rules keeps between analyses of one document: per shell body (keyed by its
// text, context and the file kind) what the body-level checks found, in offsets of the body's
// text. An edit re-tokenizes and re-checks only the bodies whose text changed; the findings of
// the others are mapped to their (possibly moved) place. Only the bodies of the last call are
// kept, so memory follows the document.
class SharedRulesMemo {
public:
    struct Findings {
        std::vector<Diagnostic> package;     // pinning and download rules (Build, Runtime)
        std::vector<Diagnostic> user_config; // writes to shell start-up files (Build)
        BodySecrets secrets;
    };
    // The findings for `body`, computed now unless a body with the same key was seen in this call
    // or the previous one.
    const Findings& findings(const ShellBodyFact& body, DocumentKind kind);
    // What find_value_secrets says about each of facts.assignments and facts.labels (labels'
    // values count as literal), in their order; pointers valid until the next call.
    void value_secrets(const ContainerFacts& facts, std::vector<const ValueSecrets*>& assignments,
                       std::vector<const ValueSecrets*>& labels);
    // Ends a call: what this call used becomes what the next one may reuse.
    void finish();
    std::size_t checked_bodies() const { return last_checked_; } // computed anew in the last call
    std::size_t checked_values() const { return last_checked_values_; } // likewise

private:
    // A key is the context's digit, the kind's letter and the body's text. Lookups use a
    // view of the three (no copy of the text per body and keystroke).
    struct KeyView {
        char context;
        char kind;
        std::string_view text;
    };
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(const KeyView& k) const;
        std::size_t operator()(const std::string& key) const;
    };
    struct KeyEqual {
        using is_transparent = void;
        static KeyView view(const std::string& key) { return {key[0], key[1], std::string_view(key).substr(2)}; }
        static KeyView view(const KeyView& k) { return k; }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            KeyView x = view(a), y = view(b);
            return x.context == y.context && x.kind == y.kind && x.text == y.text;
        }
    };
    CallMemo<Findings, KeyHash, KeyEqual> memo_;
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
    };
    const ValueSecrets& value_secrets(std::string_view name, std::string_view value, bool literal);
    std::vector<ValueEntry> values_;      // the last call's
    std::vector<ValueEntry> next_values_; // this call's (reserved: pointers into it stay valid)
    std::size_t values_cursor_ = 0;       // the entry of values_ after the last match
    std::size_t checked_values_ = 0;
    std::size_t last_checked_values_ = 0;
};

void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// The same result, reusing (and updating) `memo`.
void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out, SharedRulesMemo& memo);

} // namespace cdls::shell
