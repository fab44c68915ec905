// Results kept from one analysis to the next, keyed by text: what the last call computed may be
// reused by this one, and what this call did not use is dropped when it finishes, so the memo
// follows the document. The incremental analyzers keep their per-block, per-body and
// per-reference results this way.
#pragma once

#include "analysis/core/text_hash.hpp"

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

namespace cdls {

template <class Value, class Hash = TextHash, class Equal = std::equal_to<>>
class CallMemo {
public:
    // The value for `lookup` (a key, or a view Hash and Equal accept): this call's, else moved
    // over from the last call's, else `compute()` stored under `make_key()`.
    template <class Lookup, class MakeKey, class Compute>
    Value& get(const Lookup& lookup, MakeKey&& make_key, Compute&& compute) {
        if (auto it = current_.find(lookup); it != current_.end()) return it->second;
        if (auto it = previous_.find(lookup); it != previous_.end())
            return current_.insert(previous_.extract(it)).position->second;
        return current_.emplace(make_key(), compute()).first->second;
    }
    // Ends a call: what it used is what the next one may reuse.
    void finish() {
        previous_.swap(current_);
        current_.clear();
    }
    void clear() {
        previous_.clear();
        current_.clear();
    }

private:
    std::unordered_map<std::string, Value, Hash, Equal> previous_;
    std::unordered_map<std::string, Value, Hash, Equal> current_;
};

} // namespace cdls
