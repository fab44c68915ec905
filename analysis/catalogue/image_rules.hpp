// The base-image rules (latest, untagged, floating tags), judged with the catalogue.
#pragma once

#include "analysis/core/call_memo.hpp"
#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cdls::catalogue {

class Catalogue;

// Judged with the built-in catalogue (Docker Official Images).
void check_image_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);
// Judged with a catalogue the caller extended (e.g. with a user catalogue of private images).
void check_image_rules(const ContainerFacts& facts, const Catalogue& catalogue, std::vector<Diagnostic>& out);

// The same result, with each distinct reference judged once across calls: what the rules said
// about a reference is kept relative to where it begins and moved to where it is now, so a
// keystroke judges only references it changed (a 20 000-line file has hundreds of FROMs).
// Judgements last one call unless used again, as SharedRulesMemo's do.
class ImageRulesMemo {
public:
    // `catalogue` null: the built-in one.
    void check(const ContainerFacts& facts, const std::shared_ptr<const Catalogue>& catalogue,
               std::vector<Diagnostic>& out);

private:
    CallMemo<std::vector<Diagnostic>> memo_;
    std::shared_ptr<const Catalogue> catalogue_; // what memo_ was judged against (null: built-in)
};

} // namespace cdls::catalogue
