-- Headless Neovim (0.7+) test of the cdls integration on examples/seed.def: filetype
-- detection, diagnostics, completion, hover and the pin quick fix. Prints one line per check
-- ("PASS name", "FAIL name: why", "SKIP name: why") and exits 0 only when nothing failed.
-- Environment: CDLS_BIN (the server binary), CDLS_SEED (the seed example), CDLS_OUT (a folder
-- for the log). Run: nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/nvim'
--                         -c 'luafile editors/nvim/test/run.lua'
local results = { passed = 0, failed = 0, skipped = 0 }
local check_dockerfile
local out_dir = os.getenv('CDLS_OUT') or '.'
local log = assert(io.open(out_dir .. '/nvim-test.log', 'w'))

local function report(line)
  io.stdout:write(line .. '\n')
  log:write(line .. '\n')
  log:flush()
end
local function pass(name) results.passed = results.passed + 1; report('PASS ' .. name) end
local function fail(name, why) results.failed = results.failed + 1; report('FAIL ' .. name .. ': ' .. why) end
local function skip(name, why) results.skipped = results.skipped + 1; report('SKIP ' .. name .. ': ' .. why) end

local function finish()
  report(('nvim: %d passed, %d failed, %d skipped'):format(results.passed, results.failed, results.skipped))
  log:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd(results.failed == 0 and 'qall!' or 'cquit! 1')
end

-- A Dockerfile gets the same server: filetype dockerfile, cdls attached, its diagnostics.
check_dockerfile = function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local file = dir .. '/Dockerfile'
  vim.fn.writefile({ 'FROM python:latest', 'RUN pip install numpy' }, file)
  local seed_win_buf = vim.api.nvim_get_current_buf()
  vim.cmd('split ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local name = 'Dockerfile: cdls reports image-latest-tag'
  local found = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if (d.code or (d.user_data and d.user_data.lsp or {}).code) == 'image-latest-tag' and d.source == 'cdls' then return true end
    end
    return false
  end, 50)
  if vim.bo[buf].filetype ~= 'dockerfile' then
    fail(name, 'filetype is ' .. vim.bo[buf].filetype)
  elseif found then
    pass(name)
  else
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do codes[#codes + 1] = tostring(d.code) end
    fail(name, 'diagnostics: [' .. table.concat(codes, ', ') .. ']')
  end
  vim.cmd('bwipeout!')
  vim.fn.delete(dir, 'rf')
  vim.api.nvim_set_current_buf(seed_win_buf)
end

-- Anything thrown below is a failure of the run, not a crash of Neovim.
local function main()
  local bin = assert(os.getenv('CDLS_BIN'), 'CDLS_BIN is not set')
  local seed = assert(os.getenv('CDLS_SEED'), 'CDLS_SEED is not set')
  vim.cmd('filetype plugin on')
  vim.cmd('syntax on')
  -- The plugin file is what a user's Neovim loads; on 0.7-0.10 it calls require('cdls').setup().
  vim.g.cdls_setup = { cmd = { bin, '--stdio' } }
  vim.cmd('runtime plugin/cdls.lua')
  if vim.g.loaded_cdls then pass('plugin/cdls.lua loads') else fail('plugin/cdls.lua loads', 'vim.g.loaded_cdls unset') end

  -- The Neovim 0.11 config (lsp/cdls.lua) must be a vim.lsp.config table even where 0.7 runs.
  local config_file = vim.api.nvim_get_runtime_file('lsp/cdls.lua', false)[1]
  local ok_config, config = pcall(dofile, config_file or 'lsp/cdls.lua')
  if ok_config and type(config) == 'table' and config.cmd and config.cmd[1] == 'cdls'
      and vim.tbl_contains(config.filetypes or {}, 'apptainer') and vim.tbl_contains(config.filetypes, 'dockerfile')
      and config.root_markers and config.settings and config.settings.cdls then
    pass('lsp/cdls.lua is a vim.lsp.config table')
  else
    fail('lsp/cdls.lua is a vim.lsp.config table', vim.inspect(config))
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(seed))
  local buf = vim.api.nvim_get_current_buf()

  if vim.bo[buf].filetype == 'apptainer' then pass('filetype apptainer for seed.def')
  else fail('filetype apptainer for seed.def', 'filetype is ' .. vim.inspect(vim.bo[buf].filetype)) end

  -- syntax/apptainer.vim: the syntax group under a few words of the seed.
  for _, check in ipairs({ { 1, 1, 'apptainerHeaderKey' }, { 1, 12, 'apptainerAgent' }, { 2, 1, 'apptainerHeaderKey' },
                           { 11, 1, 'apptainerSection' } }) do
    local line, col, group = check[1], check[2], check[3]
    local got = vim.fn.synIDattr(vim.fn.synID(line, col, 1), 'name')
    local word = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]:sub(col):match('^%S+')
    if got == group then pass(('syntax: %s is %s'):format(word, group))
    else fail(('syntax: %s is %s'):format(word, group), 'got ' .. vim.inspect(got)) end
  end

  local client
  vim.wait(10000, function()
    for _, c in pairs(vim.lsp.get_active_clients()) do
      if c.name == 'cdls' and vim.lsp.buf_is_attached(buf, c.id) and c.server_capabilities then client = c end
    end
    return client ~= nil
  end, 50)
  if not client then
    fail('cdls client attached and initialized', 'no initialized client after 10 s')
    return
  end
  pass('cdls client attached and initialized')
  local caps = client.server_capabilities or {}

  -- Diagnostics: image-latest-tag on `latest` (line 2) and pip-unpinned on `numpy`.
  local function find_diagnostic(code)
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp_d = d.user_data and d.user_data.lsp or {}
      if (d.code or lsp_d.code) == code then return d end
    end
  end
  vim.wait(10000, function() return find_diagnostic('image-latest-tag') and find_diagnostic('pip-unpinned') end, 50)
  local function check_diagnostic(code, line_text, word)
    local name = 'diagnostic ' .. code
    local d = find_diagnostic(code)
    if not d then
      local seen = {}
      for _, other in ipairs(vim.diagnostic.get(buf)) do
        seen[#seen + 1] = tostring(other.code or (other.user_data and other.user_data.lsp or {}).code)
      end
      return fail(name, 'not published; got [' .. table.concat(seen, ', ') .. ']')
    end
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
    local covered = line:sub(d.col + 1, d.end_col)
    if d.source ~= 'cdls' then return fail(name, 'source is ' .. vim.inspect(d.source)) end
    if not line:find(line_text, 1, true) then return fail(name, 'on line ' .. (d.lnum + 1) .. ': ' .. line) end
    if covered ~= word then return fail(name, ('covers %q, expected %q'):format(covered, word)) end
    pass(name .. ' on ' .. word .. ' (line ' .. (d.lnum + 1) .. ')')
  end
  check_diagnostic('image-latest-tag', 'From: python:latest', 'latest')
  check_diagnostic('pip-unpinned', 'pip install numpy', 'numpy')

  -- Completion: `%` typed at the start of a new last line offers %post.
  if not caps.completionProvider then
    skip('completion offers %post', 'server has no completion yet')
  else
    local last = vim.api.nvim_buf_line_count(buf)
    vim.api.nvim_buf_set_lines(buf, last, last, false, { '%' })
    vim.wait(400) -- let the change reach the server
    -- Where the cursor is in insert mode right after typing `%` (normal mode would clamp it).
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      position = { line = last, character = 1 },
      context = { triggerKind = 2, triggerCharacter = '%' },
    }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000) or {}
    local labels, found = {}, false
    for _, response in pairs(responses) do
      local items = response.result and (response.result.items or response.result) or {}
      for _, item in ipairs(items) do
        labels[#labels + 1] = item.label
        local text = (item.textEdit and item.textEdit.newText) or item.insertText or item.label
        if item.label == '%post' or text:match('^%%post') then found = true end
      end
    end
    if found then pass('completion offers %post')
    else fail('completion offers %post', 'items: ' .. table.concat(labels, ', ')) end
    vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})
    vim.wait(400)
  end

  -- Hover on the base image shows its lineage down to Debian.
  if not caps.hoverProvider then
    skip('hover on python:latest shows lineage', 'server has no hover yet')
  else
    vim.api.nvim_win_set_cursor(0, { 2, 8 })
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 5000) or {}
    local text = ''
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      if contents then text = text .. table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n') end
    end
    if text:lower():find('debian', 1, true) then pass('hover on python:latest shows lineage')
    else fail('hover on python:latest shows lineage', 'hover text: ' .. vim.inspect(text)) end
  end

  check_dockerfile()

  -- The pin quick fix replaces `latest` with a concrete version.
  if not caps.codeActionProvider then
    skip('pin quick fix replaces latest', 'server has no code actions yet')
    return
  end
  local d = find_diagnostic('image-latest-tag')
  if not d then return fail('pin quick fix replaces latest', 'no image-latest-tag diagnostic to fix') end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = { d.user_data and d.user_data.lsp }, only = { 'quickfix' } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  local action, titles = nil, {}
  for _, response in pairs(responses) do
    for _, a in ipairs(response.result or {}) do
      titles[#titles + 1] = a.title
      if not action and a.title:match('^Pin') then action = a end
    end
  end
  if not action then
    return fail('pin quick fix replaces latest', 'no "Pin ..." action among: ' .. table.concat(titles, ' | '))
  end
  if not action.edit and caps.codeActionProvider.resolveProvider then
    local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, 5000) or {}
    for _, response in pairs(resolved) do if response.result then action = response.result end end
  end
  if not action.edit then return fail('pin quick fix replaces latest', 'action "' .. action.title .. '" has no edit') end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local tag = line:match('^From:%s*python:(%S+)%s*$')
  if tag and tag ~= 'latest' and tag:match('%d') then
    pass('pin quick fix "' .. action.title .. '" gives ' .. line)
  else
    fail('pin quick fix replaces latest', 'line 2 after the fix: ' .. line)
  end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then fail('test run', tostring(err)) end
finish()
