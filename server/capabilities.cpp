// The capabilities cdls announces in the initialize result. Each feature adds its entry here.
#include "server/feature_structure.hpp"
#include "server/feature_completion.hpp"
#include "server/feature_diagnostics.hpp"
#include "server/language_server.hpp"

namespace cdls::server {

json server_capabilities(const Session& s) {
    json caps = {
        {"positionEncoding", s.encoding == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
    };
    caps["codeActionProvider"] = {{"codeActionKinds", {"quickfix", "refactor.rewrite", "source.fixAll.cdls"}}};
    caps["definitionProvider"] = true;
    caps["referencesProvider"] = true;
    caps["documentHighlightProvider"] = true;
    caps["renameProvider"] = {{"prepareProvider", true}};
    caps["documentLinkProvider"] = {{"resolveProvider", false}};
    caps.update(structure_capabilities());
    caps["completionProvider"] = completion_capabilities();
    caps["hoverProvider"] = true;
    if (s.pulls_diagnostics()) caps["diagnosticProvider"] = diagnostic_capabilities();
    return caps;
}

} // namespace cdls::server
