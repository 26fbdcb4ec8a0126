-- budc for Neovim, without nvim-lspconfig: the `bud` filetype, `budc lsp` for .bud buffers
-- (diagnostics, hover, completion, formatting, symbols, go to definition, inlay hints), and the
-- tree-sitter highlighting of editors/tree-sitter-bud when nvim-treesitter is installed.
--
-- Use: `:luafile path/to/budc.lua`, or from init.lua `dofile("path/to/budc.lua")`, or put it in
-- a `lua/` folder of your runtimepath and `require("budc").setup({ ... })`. Options (all
-- optional): `cmd` (default { "budc", "lsp" }: budc on the PATH), `inlay_hints` (default
-- false; 0.10+), `root_markers` (default { ".git" }).
--
-- One client per root: the folder above the file that holds a root marker, else the file's own
-- folder. Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable; 0.8–0.10 vim.lsp.start (which reuses
-- a client of the same name and root); 0.7 vim.lsp.start_client with a table of clients by
-- root. Older versions get a message saying what is needed.

local M = {}

local defaults = {
  cmd = { "budc", "lsp" },
  inlay_hints = false,
  root_markers = { ".git" },
}

local function has(version)
  return vim.fn.has("nvim-" .. version) == 1
end

-- The root of a file: the nearest folder above it holding a root marker, else its folder.
local function root_of(file, markers)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  for _, marker in ipairs(markers) do
    local found = vim.fn.finddir(marker, dir .. ";")
    if found == "" then
      found = vim.fn.findfile(marker, dir .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h:h")
    end
  end
  return dir
end

-- Where this file is: editors/neovim/, beside editors/tree-sitter-bud/.
local function here()
  local source = debug.getinfo(1, "S").source
  if source:sub(1, 1) == "@" then
    return vim.fn.fnamemodify(source:sub(2), ":p:h")
  end
  return nil
end

local function buffer_options(buf)
  vim.bo[buf].commentstring = "# %s"
  vim.bo[buf].expandtab = true
  vim.bo[buf].shiftwidth = 2
end

local function enable_inlay_hints(buf, opts)
  if opts.inlay_hints and vim.lsp.inlay_hint and has("0.10") then
    pcall(vim.lsp.inlay_hint.enable, true, { bufnr = buf })
  end
end

-- The tree-sitter parser, for nvim-treesitter's `:TSInstall bud` (a C compiler builds it from
-- editors/tree-sitter-bud/src; nothing is downloaded), and the highlight queries.
local function treesitter()
  local dir = here()
  if not dir then
    return
  end
  local grammar = vim.fn.fnamemodify(dir .. "/../tree-sitter-bud", ":p"):gsub("/$", "")
  if vim.fn.isdirectory(grammar) == 0 then
    return
  end
  local ok, parsers = pcall(require, "nvim-treesitter.parsers")
  if ok and parsers.get_parser_configs then
    parsers.get_parser_configs().bud = {
      install_info = { url = grammar, files = { "src/parser.c" } },
      filetype = "bud",
    }
  end
  -- The queries: editors/tree-sitter-bud/queries/highlights.scm as the `bud` highlights.
  local query = grammar .. "/queries/highlights.scm"
  if vim.treesitter and vim.treesitter.query and vim.fn.filereadable(query) == 1 then
    local text = table.concat(vim.fn.readfile(query), "\n")
    local set = vim.treesitter.query.set or vim.treesitter.query.set_query
    if set then
      pcall(set, "bud", "highlights", text)
    end
  end
  if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
    pcall(vim.treesitter.language.register, "bud", "bud")
  end
end

function M.setup(user)
  local opts = vim.tbl_deep_extend("force", defaults, user or {})
  if not has("0.7") then
    vim.notify("budc.lua needs Neovim 0.7 or later (0.8+ recommended)", vim.log.levels.ERROR)
    return
  end
  local group = vim.api.nvim_create_augroup("budc", { clear = true })

  -- The filetype.
  if vim.filetype and vim.filetype.add and has("0.8") then
    vim.filetype.add({ extension = { bud = "bud" } })
  else
    vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
      group = group,
      pattern = "*.bud",
      callback = function(args)
        vim.bo[args.buf].filetype = "bud"
      end,
    })
  end
  treesitter()

  if has("0.11") then
    vim.lsp.config("budc", {
      cmd = opts.cmd,
      filetypes = { "bud" },
      root_markers = opts.root_markers,
    })
    vim.lsp.enable("budc")
  end

  -- 0.7: the clients started, by root.
  local clients = {}

  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "bud",
    callback = function(args)
      local buf = args.buf
      buffer_options(buf)
      local file = vim.api.nvim_buf_get_name(buf)
      if has("0.11") then
        -- vim.lsp.enable starts or reuses the client.
      elseif has("0.8") then
        vim.lsp.start({
          name = "budc",
          cmd = opts.cmd,
          root_dir = root_of(file, opts.root_markers),
        }, { bufnr = buf })
      else
        local root = root_of(file, opts.root_markers)
        local id = clients[root]
        if not id or vim.lsp.client_is_stopped(id) then
          id = vim.lsp.start_client({ name = "budc", cmd = opts.cmd, root_dir = root })
          clients[root] = id
        end
        if id then
          vim.lsp.buf_attach_client(buf, id)
        else
          vim.notify("budc: cannot start " .. table.concat(opts.cmd, " "), vim.log.levels.ERROR)
        end
      end
    end,
  })

  if has("0.10") then
    vim.api.nvim_create_autocmd("LspAttach", {
      group = group,
      callback = function(args)
        local client = vim.lsp.get_client_by_id(args.data.client_id)
        if client and client.name == "budc" then
          enable_inlay_hints(args.buf, opts)
        end
      end,
    })
  end
end

-- Loaded with :luafile or dofile: set up with the defaults (or with vim.g.budc, a table of
-- options). Loaded with require: the caller calls setup.
if not (...) then
  M.setup(vim.g.budc)
end

return M
