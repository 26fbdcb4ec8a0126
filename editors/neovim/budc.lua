-- budc for Neovim 0.7+ (works without nvim-lspconfig): `luafile path/to/budc.lua` or require it
-- from init.lua. Starts `budc lsp` for every .bud buffer (budc must be on the PATH).
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = "*.bud",
  callback = function(args)
    vim.bo[args.buf].filetype = "bud"
    vim.bo[args.buf].commentstring = "# %s"
    local id = vim.lsp.start_client({ name = "budc", cmd = { "budc", "lsp" }, root_dir = vim.fn.getcwd() })
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
