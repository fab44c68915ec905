-- cdls for Neovim 0.11+: `vim.lsp.enable('cdls')` picks this file up from the runtimepath.
-- Change it with vim.lsp.config('cdls', { cmd = { '/path/to/cdls', '--stdio' }, ... }).
---@type vim.lsp.Config
return {
  cmd = { 'cdls', '--stdio' },
  filetypes = { 'apptainer', 'dockerfile' },
  root_markers = { '.git' },
  -- Per-rule severity ('error', 'warning', 'information', 'hint' or 'off'), e.g.
  -- rules = { ['pip-unpinned'] = 'error' }. Sent at start and on workspace/configuration.
  init_options = { rules = vim.empty_dict() },
  settings = { cdls = { rules = vim.empty_dict() } },
}
