// The rules shared by both file kinds that read shell bodies, copied paths, assignments and
// labels: package pinning, git/download verification, data/config/secrets, source label.
#pragma once

#include "analysis/core/diagnostic.hpp"
#include "analysis/core/facts.hpp"

#include <vector>

namespace cdls::shell {

void check_shared_rules(const ContainerFacts& facts, std::vector<Diagnostic>& out);

} // namespace cdls::shell
