// textDocument/codeAction: quick fixes, suppressions and fix-all as LSP code actions.
#pragma once

#include "server/language_server.hpp"

namespace cdls::server {

void register_code_actions(Handlers& handlers);

// A WorkspaceEdit for edits to one document: versioned `documentChanges` when the client
// supports them, `changes` otherwise.
json workspace_edit(const Session& session, const Document& document,
                    const std::vector<TextEdit>& edits);

} // namespace cdls::server
