// workdir-relative: a relative WORKDIR depends on every WORKDIR before it.
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/parser.hpp"

#include <cctype>

namespace cdls::dockerfile::rules {

const RuleInfo workdir_relative{"workdir-relative", Severity::Warning, Habit::BeSpecific, RuleScope::Dockerfile,
                                "WORKDIR with a relative path depends on the previous WORKDIR."};

void check_workdir_relative(const CheckContext& context, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (ins.keyword() != "WORKDIR" || ins.form == ArgumentForm::None) return;
    std::string path = unquote(ins.arguments.text, context.file.escape);
    if (path.empty()) return;
    char first = path[0];
    // Absolute, a variable (may be absolute), or a Windows path (C:\app, \app).
    if (first == '/' || first == '$' || first == '\\') return;
    if (path.size() >= 2 && std::isalpha(static_cast<unsigned char>(first)) && path[1] == ':') return;
    out.push_back(make_diagnostic(workdir_relative, ins.arguments_range,
                                  "WORKDIR " + path + " is relative to the previous WORKDIR: use an absolute "
                                                      "path, WORKDIR /" + path));
}

} // namespace cdls::dockerfile::rules
