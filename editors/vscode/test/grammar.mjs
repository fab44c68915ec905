// Tokenizes definition-file snippets with the extension's TextMate grammar (the same engine
// VS Code uses: vscode-textmate + Oniguruma) and checks the scopes of header keys, agents,
// sections, comments, build arguments and embedded shell. Also checks the language
// contribution (file names, first line). Prints PASS/FAIL lines and a summary; exits 1 on
// failure. With SHELL_GRAMMAR (VS Code's shell grammar file) the shell inside sections is
// tokenized too.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, "..");
const require = createRequire(import.meta.url);
const counts = { passed: 0, failed: 0 };
const pass = (name) => (counts.passed++, console.log(`PASS ${name}`));
const fail = (name, why) => (counts.failed++, console.log(`FAIL ${name}: ${why}`));

const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const grammarFiles = {
  "source.apptainer": path.join(extensionDir, "syntaxes", "apptainer.tmLanguage.json"),
};
if (process.env.SHELL_GRAMMAR && fs.existsSync(process.env.SHELL_GRAMMAR)) grammarFiles["source.shell"] = process.env.SHELL_GRAMMAR;
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) => {
    const file = grammarFiles[scopeName];
    if (!file) return null;
    return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
  },
});
const grammar = await registry.loadGrammar("source.apptainer");

// Tokens of every line: [{ line, text, scopes }].
function tokenize(source) {
  const tokens = [];
  let state = vsctm.INITIAL;
  source.split("\n").forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) tokens.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return tokens;
}

const source = [
  "# Build a small Python image", // 0
  "Bootstrap: docker", // 1
  "From: python:{{ PYTHON_TAG }}", // 2
  "Stage: build", // 3
  "", // 4
  "%arguments", // 5
  "    PYTHON_TAG=3.12.7-slim", // 6
  "", // 7
  "%labels", // 8
  "    Author ada@example.org", // 9
  "", // 10
  "%post -c /bin/bash", // 11
  "    pip install numpy==2.1.3", // 12
  "    key: not a header", // 13
  "", // 14
  "%bogus", // 15
  "    text", // 16
].join("\n");
const tokens = tokenize(source);

function expectScope(name, line, text, scope, present = true) {
  const token = tokens.find((t) => t.line === line && t.text.includes(text));
  if (!token) return fail(name, `no token with ${JSON.stringify(text)} on line ${line + 1}`);
  const has = token.scopes.some((s) => s === scope || s.startsWith(scope + "."));
  if (has === present) pass(name);
  else fail(name, `${JSON.stringify(token.text)} has scopes ${token.scopes.join(" ")}`);
}

expectScope("grammar: comment", 0, "Build", "comment.line.number-sign.apptainer");
expectScope("grammar: Bootstrap is a header key", 1, "Bootstrap", "keyword.other.header.apptainer");
expectScope("grammar: docker is the agent", 1, "docker", "entity.name.type.agent.apptainer");
expectScope("grammar: From is a header key", 2, "From", "keyword.other.header.apptainer");
expectScope("grammar: {{ PYTHON_TAG }} is a build argument", 2, "PYTHON_TAG", "variable.parameter.build-argument.apptainer");
expectScope("grammar: %post is a section name", 11, "post", "entity.name.section.apptainer");
expectScope("grammar: %post body is embedded shell", 12, "pip", "meta.embedded.block.shell");
expectScope("grammar: key: inside %post is not a header key", 13, "key", "keyword.other.header.apptainer", false);
expectScope("grammar: %labels key", 9, "Author", "variable.other.label.apptainer");
expectScope("grammar: %arguments name", 6, "PYTHON_TAG", "variable.other.build-argument.apptainer");
expectScope("grammar: unknown section is flagged", 15, "bogus", "invalid.illegal.unknown-section.apptainer");
if (grammarFiles["source.shell"]) {
  const pip = tokens.find((t) => t.line === 12 && t.text.includes("pip"));
  const shellScopes = (pip?.scopes ?? []).filter((s) => s.endsWith(".shell") && s !== "meta.embedded.block.shell");
  if (shellScopes.length) pass(`grammar: VS Code's shell grammar tokenizes %post (${shellScopes.at(-1)})`);
  else fail("grammar: VS Code's shell grammar tokenizes %post", `"pip" has scopes ${pip?.scopes.join(" ")}`);
}

// The language contribution: file names and first line.
const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, "package.json"), "utf8"));
const language = manifest.contributes.languages.find((l) => l.id === "apptainer");
const firstLine = new RegExp(language.firstLine);
const firstLineCases = [
  ["Bootstrap: docker", true],
  ["bootstrap:library", true],
  ["BootStrap: debootstrap", true],
  ["FROM python:3.12", false],
  ["# Bootstrap: docker", false],
];
for (const [line, expected] of firstLineCases) {
  if (firstLine.test(line) === expected) pass(`firstLine ${expected ? "matches" : "skips"} ${JSON.stringify(line)}`);
  else fail(`firstLine on ${JSON.stringify(line)}`, `expected ${expected}`);
}
const fileCases = ["seed.def", "Singularity", "Singularity.gpu", "Apptainer", "Apptainer.cuda"];
const globToRegExp = (glob) => new RegExp("^" + glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
for (const name of fileCases) {
  const ok =
    (language.extensions ?? []).some((e) => name.endsWith(e)) ||
    (language.filenames ?? []).includes(name) ||
    (language.filenamePatterns ?? []).some((p) => globToRegExp(p).test(name));
  if (ok) pass(`language apptainer claims ${name}`);
  else fail(`language apptainer claims ${name}`, "no extension, filename or pattern matches");
}
console.log(`grammar: ${counts.passed} passed, ${counts.failed} failed`);
process.exitCode = counts.failed ? 1 : 0;
