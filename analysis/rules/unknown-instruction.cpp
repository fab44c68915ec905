// unknown-instruction: a line that starts with no Dockerfile instruction (BuildKit fails).
#include "analysis/core/suggest.hpp"
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <cctype>

namespace cdls::dockerfile::rules {

const RuleInfo unknown_instruction{"unknown-instruction", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                   "A line starts with a word that is not a Dockerfile instruction."};

void check_unknown_instruction(const CheckContext& context, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (ins.known) return;
    std::string_view written = slice(context.text, ins.keyword_range);
    auto suggestion = nearest(written, known_instructions());
    if (suggestion) {
        auto d = make_diagnostic(unknown_instruction, ins.keyword_range,
                                 "unknown instruction " + std::string(written) + ": did you mean " +
                                     *suggestion + "?");
        d.fixes.push_back({"Replace with " + *suggestion, {{ins.keyword_range, *suggestion}}, true});
        out.push_back(std::move(d));
    } else {
        // `&& make`, `| tee`, `-y`: a shell line whose instruction lost its continuation.
        bool continues_shell = !written.empty() && !std::isalpha(static_cast<unsigned char>(written[0]));
        out.push_back(make_diagnostic(
            unknown_instruction, ins.keyword_range,
            "unknown instruction " + std::string(written) +
                (continues_shell ? ": if it continues the instruction above, end that line with " +
                                       std::string(1, context.file.escape)
                                 : ": a line starts with an instruction such as FROM, RUN, COPY, ENV")));
    }
}

} // namespace cdls::dockerfile::rules
