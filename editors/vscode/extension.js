// Starts `budc lsp` for .bud files: diagnostics, hover, completion, formatting, symbols,
// go to definition and inlay hints all come from the one budc binary.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("budc").get("path") || "budc";
  client = new LanguageClient(
    "budc",
    "budc",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "bud" }] }
  );
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
