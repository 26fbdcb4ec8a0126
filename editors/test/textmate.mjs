// The two grammars in step: the TextMate grammar of the VS Code extension
// (editors/vscode/syntaxes/bud.tmLanguage.json) must colour what the tree-sitter grammar
// (editors/tree-sitter-bud) colours, as its highlight query names it.
//
// 1. The highlight assertions of editors/tree-sitter-bud/test/highlight/*.bud (which
//    `tree-sitter test` checks against tree-sitter) are checked here against TextMate.
// 2. With a tree-sitter CLI on the PATH, every capture of the highlight query in every bundled
//    example (examples/*.bud) is checked against TextMate at the capture's first character.
// 3. An indented line's indentation has no scope but the file's.
//
// Run: node textmate.mjs (after npm ci). Prints "N passed, M failed"; exits 1 on a failure.
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const tsDir = join(root, "editors", "tree-sitter-bud");

// tree-sitter capture → the TextMate scope that must be innermost-or-enclosing at that spot.
const SCOPE = {
  keyword: "keyword.",
  operator: "keyword.operator.",
  "punctuation.delimiter": "punctuation.separator.",
  "punctuation.special": "punctuation.definition.quote.",
  constant: "constant.other.code.",
  "constant.numeric": "constant.numeric.",
  label: "entity.name.label.",
  type: "entity.name.type.",
  "type.builtin": "support.type.unit.",
  string: "string.unquoted.",
  "string.special": "string.other.indicator-value.",
  "markup.quote": "markup.quote.",
  variable: "variable.other.reference.",
  "variable.other.member": "variable.other.member.",
  comment: "comment.line.",
  error: "invalid.illegal.",
};

const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (p) => new oniguruma.OnigScanner(p),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () =>
    vsctm.parseRawGrammar(
      readFileSync(join(root, "editors", "vscode", "syntaxes", "bud.tmLanguage.json"), "utf8"),
      "bud.tmLanguage.json",
    ),
});
const grammar = await registry.loadGrammar("source.bud");

/** The scopes of each UTF-16 unit of each line of `text`. */
function scopes(text) {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n|\r/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const at = new Array(line.length);
    for (const t of r.tokens) {
      for (let i = t.startIndex; i < t.endIndex; i++) at[i] = t.scopes;
    }
    return at;
  });
}

let passed = 0;
const failures = [];
function check(where, scopesHere, capture) {
  const want = SCOPE[capture];
  if (!want) {
    failures.push(`${where}: no TextMate scope is mapped to the capture ${capture}`);
    return;
  }
  const got = scopesHere || [];
  if (got.some((s) => s.startsWith(want))) {
    passed++;
  } else {
    failures.push(`${where}: tree-sitter says ${capture}, TextMate has ${got.join(" ") || "nothing"}`);
  }
}

// 1. The highlight assertions (columns in characters, as tree-sitter 0.25 counts them).
const hlDir = join(tsDir, "test", "highlight");
for (const name of readdirSync(hlDir).filter((f) => f.endsWith(".bud")).sort()) {
  const text = readFileSync(join(hlDir, name), "utf8");
  const lines = text.split("\n");
  const all = scopes(text);
  let target = -1;
  lines.forEach((line, row) => {
    const m = /^#( *)(\^|<-) (!?)([\w.]+)$/.exec(line);
    if (!m) {
      target = row;
      if (line.startsWith(" ") && line.trim()) {
        // 3. Indentation: only the file's scope.
        const s = all[row][0] || [];
        if (s.length === 1 && s[0] === "source.bud") passed++;
        else failures.push(`${name}:${row + 1}:1: the indentation has ${s.join(" ")}`);
      }
      return;
    }
    if (m[3] === "!") return;
    const chars = m[2] === "<-" ? 0 : m[1].length + 1;
    // Characters to UTF-16 units.
    const col = Array.from(lines[target]).slice(0, chars).join("").length;
    check(`${name}:${target + 1}:${chars + 1}`, all[target][col], m[4]);
  });
}

// 2. Every capture in the examples, where a tree-sitter CLI is at hand.
let cli = true;
try {
  execFileSync("tree-sitter", ["--version"], { stdio: "ignore" });
} catch {
  cli = false;
  console.log("textmate: no tree-sitter CLI on the PATH: the examples are not compared");
}
if (cli) {
  const examples = join(root, "examples");
  for (const name of readdirSync(examples).filter((f) => f.endsWith(".bud")).sort()) {
    const file = join(examples, name);
    const text = readFileSync(file, "utf8");
    const lines = text.split(/\r?\n|\r/);
    const all = scopes(text);
    const out = execFileSync(
      "tree-sitter",
      ["query", "--config-path", join(tsDir, "test", "config.json"), join(tsDir, "queries", "highlights.scm"), file],
      { cwd: tsDir, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] },
    ).toString();
    for (const m of out.matchAll(/capture: \d+ - ([\w.]+), start: \((\d+), (\d+)\)/g)) {
      const [row, byte] = [Number(m[2]), Number(m[3])];
      // Byte columns to UTF-16 units.
      const col = Buffer.from(lines[row], "utf8").subarray(0, byte).toString("utf8").length;
      check(`${name}:${row + 1}:${col + 1}`, all[row][col], m[1]);
    }
  }
}

for (const f of failures.slice(0, 40)) console.log(f);
if (failures.length > 40) console.log(`… and ${failures.length - 40} more`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
