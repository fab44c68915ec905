// unterminated-heredoc: a heredoc whose terminator line never comes (BuildKit fails).
#include "analysis/dockerfile/checks.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo unterminated_heredoc{"unterminated-heredoc", Severity::Error, Habit::Syntax, RuleScope::Dockerfile,
                                    "A heredoc (<<EOF) is never closed by its terminator line."};

void check_unterminated_heredoc(const CheckContext& context, const Instruction& ins, std::vector<Diagnostic>& out) {
    for (const auto& h : ins.heredocs()) {
        if (h.terminated) continue;
        auto d = make_diagnostic(unterminated_heredoc, h.marker_range,
                                 "heredoc " + h.delimiter + " is never closed: end it with a line holding only " +
                                     h.delimiter);
        Offset end = static_cast<Offset>(context.text.size());
        bool newline = !context.text.empty() && context.text.back() == '\n';
        d.fixes.push_back({"Close the heredoc at the end of the file",
                           {{{end, end}, (newline ? "" : "\n") + h.delimiter + "\n"}}, false});
        out.push_back(std::move(d));
    }
}

} // namespace cdls::dockerfile::rules
