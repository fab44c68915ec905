-- cdls for Neovim 0.7 to 0.10: starts one cdls client per project root and attaches it to
-- apptainer and dockerfile buffers. On 0.11+ prefer lsp/cdls.lua with vim.lsp.enable('cdls').
local M = {}

local defaults = {
  cmd = { 'cdls', '--stdio' },
  filetypes = { 'apptainer', 'dockerfile' },
  root_markers = { '.git' },
  rules = {}, -- e.g. { ['pip-unpinned'] = 'error', ['image-latest-tag'] = 'off' }
  on_attach = nil,
  capabilities = nil,
}

M.config = vim.deepcopy(defaults)
local clients = {} -- root directory -> client id

-- The nearest parent of the buffer's file that holds a root marker, else the file's folder.
local function root_of(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local current = dir
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(current .. '/' .. marker) then return current end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then return dir end
    current = parent
  end
end

-- Starts (or reuses) the client for the buffer's root and attaches it; returns the client id.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local cfg = M.config
  if vim.fn.executable(cfg.cmd[1]) ~= 1 then
    vim.notify_once(('cdls: %q is not executable; set require("cdls").setup({ cmd = { "/path/to/cdls", "--stdio" } })')
      :format(cfg.cmd[1]), vim.log.levels.ERROR)
    return nil
  end
  local root = root_of(bufnr, cfg.root_markers)
  -- An empty Lua table would go out as a JSON array; the server wants an object.
  local rules = next(cfg.rules) and cfg.rules or vim.empty_dict()
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.get_client_by_id(id).is_stopped() then
    id = vim.lsp.start_client({
      name = 'cdls',
      cmd = cfg.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      init_options = { rules = rules },
      settings = { cdls = { rules = rules } },
      capabilities = cfg.capabilities or vim.lsp.protocol.make_client_capabilities(),
      on_attach = cfg.on_attach,
    })
    if id == nil then return nil end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup('cdls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args) M.attach(args.buf) end,
  })
  -- Buffers opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
