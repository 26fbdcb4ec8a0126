-- Headless test of editors/neovim/budc.lua with a real `budc lsp` (run by ./run). It opens a
-- budget with one error, checks the diagnostic's line and column, reopens the file three times
-- and opens a second file of the same root (one client throughout), formats a line, then opens
-- a file of another root (a second client). Prints one line per check and "N passed, M failed";
-- exits 1 on a failure.
local dir = assert(os.getenv("BUDC_NVIM_TEST_DIR"), "BUDC_NVIM_TEST_DIR")
local passed, failed = 0, 0

-- print() in a headless Neovim writes to stderr with odd line breaks: write lines to stdout.
local function say(line)
  io.stdout:write(line, "\n")
  io.stdout:flush()
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say("ok   " .. name)
  else
    failed = failed + 1
    say("FAIL " .. name .. (detail and (": " .. detail) or ""))
  end
end

local function clients()
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  local out = {}
  for _, c in ipairs(all) do
    if c.name == "budc" and not c.is_stopped() then
      table.insert(out, c)
    end
  end
  return out
end

local function wait_for_diagnostics(buf)
  vim.wait(15000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  return vim.diagnostic.get(buf)
end

say("Neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))

-- 1. Diagnostics of a file with an error, where the error is.
vim.cmd("edit " .. dir .. "/one/a.bud")
local buf = vim.api.nvim_get_current_buf()
check("the filetype is bud", vim.bo[buf].filetype == "bud", vim.bo[buf].filetype)
check("commentstring is '# %s'", vim.bo[buf].commentstring == "# %s", vim.bo[buf].commentstring)
local diags = wait_for_diagnostics(buf)
check("one diagnostic", #diags == 1, tostring(#diags))
local d = diags[1] or {}
-- Line 13, UTF-16 column 13 for LSP: byte column 17 for Neovim ("  支出 2080110 ").
check("on line 13, byte column 17 (0-based)", d.lnum == 12 and d.col == 17, tostring(d.lnum) .. "," .. tostring(d.col))
check("code E0304 from budc", d.code == "E0304" and d.source == "budc", tostring(d.code) .. " " .. tostring(d.source))
check("the message is budc's", type(d.message) == "string" and d.message:find("科目名称与编码不符", 1, true) ~= nil, d.message)
check("one client", #clients() == 1, tostring(#clients()))

-- 2. Reopened three times, and a second file of the same root: still one client.
for _ = 1, 3 do
  vim.cmd("edit!")
  vim.wait(300)
end
check("one client after three :e!", #clients() == 1, tostring(#clients()))
vim.cmd("edit " .. dir .. "/one/sub/b.bud")
vim.wait(15000, function()
  return #vim.lsp.get_active_clients({ bufnr = 0 }) > 0 or (vim.lsp.get_clients and #vim.lsp.get_clients({ bufnr = 0 }) > 0)
end, 50)
check("one client for two files of a root", #clients() == 1, tostring(#clients()))

-- 3. Formatting.
vim.cmd("edit " .. dir .. "/one/a.bud")
buf = vim.api.nvim_get_current_buf()
wait_for_diagnostics(buf)
check("line 9 before formatting", vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1] == "收入   一般公共预算    310.00")
if vim.lsp.buf.format then
  vim.lsp.buf.format({ bufnr = buf, timeout_ms = 10000 })
else
  vim.lsp.buf.formatting_sync(nil, 10000)
end
local line = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]
check("line 9 formatted", line == "收入 一般公共预算 310.00", line)
check("19 lines after formatting", vim.api.nvim_buf_line_count(buf) == 19, tostring(vim.api.nvim_buf_line_count(buf)))

-- 4. A file of another root: a second client.
vim.cmd("edit " .. dir .. "/two/c.bud")
buf = vim.api.nvim_get_current_buf()
wait_for_diagnostics(buf)
check("two clients for two roots", #clients() == 2, tostring(#clients()))
local roots = {}
for _, c in ipairs(clients()) do
  table.insert(roots, vim.fn.fnamemodify(c.config.root_dir, ":t"))
end
table.sort(roots)
check("their roots", table.concat(roots, " ") == "one two", table.concat(roots, " "))

say(string.format("%d passed, %d failed", passed, failed))
for _, c in ipairs(clients()) do
  c.stop()
end
vim.wait(1000, function()
  return #clients() == 0
end, 50)
if failed > 0 then
  vim.cmd("cquit 1")
else
  vim.cmd("qall!")
end
