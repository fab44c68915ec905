-- Starts cdls for apptainer and dockerfile buffers: vim.lsp.enable on Neovim 0.11+, the
-- `cdls` module (vim.lsp.start_client) on 0.7-0.10. Set vim.g.cdls_autostart = false to start
-- it yourself (vim.lsp.enable('cdls') or require('cdls').setup({...})).
if vim.g.loaded_cdls then return end
vim.g.loaded_cdls = true
if vim.g.cdls_autostart == false then return end

if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
  vim.lsp.enable('cdls')
else
  require('cdls').setup(vim.g.cdls_setup or {})
end
