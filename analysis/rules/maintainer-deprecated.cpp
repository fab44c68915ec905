// maintainer-deprecated: MAINTAINER is deprecated; LABEL maintainer= is read by every tool.
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/parser.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo maintainer_deprecated{"maintainer-deprecated", Severity::Hint, Habit::Syntax, RuleScope::Dockerfile,
                                     "MAINTAINER is deprecated: use LABEL maintainer=\"...\"."};

void check_maintainer_deprecated(const CheckContext& context, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (ins.keyword() != "MAINTAINER") return;
    auto d = make_diagnostic(maintainer_deprecated, ins.keyword_range,
                             "MAINTAINER is deprecated: use LABEL maintainer=\"<name>\"");
    d.deprecated = true;
    if (ins.form != ArgumentForm::None) {
        std::string value = unquote(ins.arguments.text, context.file.escape);
        std::string escaped;
        for (char c : value) {
            if (c == '"' || c == '\\') escaped.push_back('\\');
            escaped.push_back(c);
        }
        TextRange whole{ins.keyword_range.begin, ins.arguments_range.end};
        d.fixes.push_back({"Replace with LABEL maintainer=", {{whole, "LABEL maintainer=\"" + escaped + "\""}}, true});
    }
    out.push_back(std::move(d));
}

} // namespace cdls::dockerfile::rules
