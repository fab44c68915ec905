// unsupported-encoding: a UTF-16/UTF-32 file; the analyzer (and the editor protocol) read UTF-8.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo unsupported_encoding{"unsupported-encoding", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                    "The file is UTF-16 or UTF-32; save it as UTF-8."};

void check_unsupported_encoding(const CheckContext& context, std::vector<Diagnostic>& out) {
    if (context.file.encoding_error.empty()) return;
    out.push_back(make_diagnostic(unsupported_encoding, {0, 0}, context.file.encoding_error));
}

} // namespace cdls::dockerfile::rules
