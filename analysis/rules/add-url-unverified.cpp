// add-url-unverified: ADD of an http(s) URL without --checksum, or of a git URL without a ref:
// the content can change under the same Dockerfile.
#include "analysis/dockerfile/checks.hpp"
#include "analysis/dockerfile/parser.hpp"

namespace cdls::dockerfile::rules {

const RuleInfo add_url_unverified{"add-url-unverified", Severity::Warning, Habit::BeSpecific, RuleScope::Dockerfile,
                                  "ADD downloads a URL without --checksum (or a git URL without a pinned ref)."};

namespace {

bool is_git_url(std::string_view url) {
    if (url.starts_with("git@") || url.starts_with("git://") || url.starts_with("ssh://")) return true;
    std::string_view without_ref = url.substr(0, url.find('#'));
    return without_ref.ends_with(".git") || without_ref.ends_with(".git/");
}

} // namespace

void check_add_url_unverified(const CheckContext& context, const Instruction& ins, std::vector<Diagnostic>& out) {
    if (ins.keyword() != "ADD") return;
    auto check = [&](const std::string& source, TextRange range) {
        bool http = source.starts_with("http://") || source.starts_with("https://");
        if (is_git_url(source)) {
            std::size_t hash = source.find('#');
            if (hash == std::string::npos || hash + 1 == source.size())
                out.push_back(make_diagnostic(add_url_unverified, range,
                                              "ADD of a git repository without a ref follows its default branch: "
                                              "pin a tag or commit, ADD " + source.substr(0, hash) +
                                                  "#<tag or commit>"));
            return;
        }
        if (http && !ins.has_flag("checksum"))
            out.push_back(make_diagnostic(add_url_unverified, range,
                                          "ADD downloads " + source +
                                              " unverified: add --checksum=sha256:<hash> so a changed file "
                                              "fails the build"));
    };
    if (ins.form == ArgumentForm::Json) {
        auto json = ins.json();
        for (std::size_t i = 0; i + 1 < json.size(); ++i) check(json[i].value, json[i].range);
    } else {
        for (std::size_t i = 0; i + 1 < ins.words.size(); ++i)
            check(unquote(ins.text_of(ins.words[i]), context.file.escape),
                  ins.range_of(ins.words[i]));
    }
}

} // namespace cdls::dockerfile::rules
