// missing-from: an instruction other than ARG before the first FROM, or no FROM at all.
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo missing_from{"missing-from", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                            "A Dockerfile must begin with FROM (only ARG may come before it)."};

void check_missing_from(const CheckContext& context, std::vector<Diagnostic>& out) {
    const auto& instructions = context.file.instructions;
    for (const auto& ins : instructions) {
        if (ins.keyword() == "FROM") return;
        if (ins.keyword() == "ARG" || !ins.known) continue; // unknown ones get their own error
        out.push_back(make_diagnostic(missing_from, ins.keyword_range,
                                      std::string(ins.keyword()) +
                                          " comes before the first FROM: start the stage with "
                                          "FROM <image>:<tag> (only ARG may come before it)"));
        return;
    }
    // No FROM at all, only ARGs, unknown instructions or nothing.
    bool any_known = false;
    for (const auto& ins : instructions) any_known = any_known || ins.known;
    if (!instructions.empty() && !any_known) return;
    TextRange at = instructions.empty() ? TextRange{context.file.content_begin, context.file.content_begin}
                                        : instructions.front().keyword_range;
    out.push_back(make_diagnostic(missing_from, at,
                                  instructions.empty() ? "the file has no instructions: start with FROM <image>:<tag>"
                                                       : "no FROM instruction: add FROM <image>:<tag>"));
}

} // namespace cdls::dockerfile::rules
