// End-to-end test of the cdls extension in a real VS Code (code-server) driven by Chromium:
// installs the .vsix, opens examples/seed.def and checks the language mode, the Problems
// panel, completion after `%`, hover on the base image and the pin quick fix. Features the
// server does not announce yet are reported as skipped, never as passed.
//
// Environment: CODE_SERVER (the code-server launcher), CDLS_VSIX, CDLS_BIN (for the
// capability probe), CDLS_SEED (examples/seed.def), CDLS_OUT (screenshots and logs),
// CDLS_DOCS_IMG (optional: folder for the documentation screenshot), CHROMIUM (default
// /usr/bin/chromium). Prints "PASS/FAIL/SKIP name" lines and a summary; exits 1 on failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { probeCapabilities } from "./lsp-probe.mjs";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const codeServer = env("CODE_SERVER");
const vsix = env("CDLS_VSIX");
const cdlsBin = env("CDLS_BIN");
const seed = env("CDLS_SEED");
const outDir = env("CDLS_OUT");
const docsImg = process.env.CDLS_DOCS_IMG;
const chromiumPath = env("CHROMIUM", "/usr/bin/chromium");

fs.mkdirSync(outDir, { recursive: true });
const logFile = path.join(outDir, "vscode-test.log");
fs.writeFileSync(logFile, "");
const counts = { passed: 0, failed: 0, skipped: 0 };
const report = (line) => {
  console.log(line);
  fs.appendFileSync(logFile, line + "\n");
};
const pass = (name) => (counts.passed++, report(`PASS ${name}`));
const fail = (name, why) => (counts.failed++, report(`FAIL ${name}: ${why}`));
const skip = (name, why) => (counts.skipped++, report(`SKIP ${name}: ${why}`));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `probe` until it returns a truthy value or `ms` pass; returns the last value.
async function waitFor(probe, ms, every = 250) {
  const deadline = Date.now() + ms;
  let value;
  while (!(value = await probe()) && Date.now() < deadline) await sleep(every);
  return value;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// A throwaway VS Code profile, extensions folder and workspace holding a copy of the seed.
function makeSandbox() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cdls-vscode-"));
  const dirs = {
    root,
    userData: path.join(root, "user-data"),
    extensions: path.join(root, "extensions"),
    workspace: path.join(root, "workspace"),
    browser: path.join(root, "browser-profile"),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, "User"), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, "User", "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "workbench.welcomePage.walkthroughs.openOnInstall": false,
        "security.workspace.trust.enabled": false,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "extensions.ignoreRecommendations": true,
        "git.enabled": false,
        "editor.minimap.enabled": false,
        "editor.hover.delay": 200,
        "chat.disableAIFeatures": true,
      },
      null,
      2,
    ),
  );
  // code-server writes a default config file unless it is given one: keep it in the sandbox.
  dirs.config = path.join(root, "code-server.yaml");
  fs.writeFileSync(dirs.config, "auth: none\ncert: false\n");
  fs.copyFileSync(seed, path.join(dirs.workspace, "seed.def"));
  const script = path.join(path.dirname(seed), "summation.py");
  if (fs.existsSync(script)) fs.copyFileSync(script, path.join(dirs.workspace, "summation.py"));
  return dirs;
}

function installExtension(dirs) {
  const r = spawnSync(
    codeServer,
    ["--config", dirs.config, "--user-data-dir", dirs.userData, "--extensions-dir", dirs.extensions, "--install-extension", vsix],
    { encoding: "utf8", timeout: 120000 },
  );
  fs.writeFileSync(path.join(outDir, "install-extension.log"), `${r.stdout ?? ""}\n${r.stderr ?? ""}`);
  const installed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith("cdls.cdls-"));
  return { ok: r.status === 0 && installed.length > 0, detail: (r.stderr || r.stdout || "").trim().split("\n").pop() };
}

async function startCodeServer(dirs, port) {
  const log = fs.openSync(path.join(outDir, "code-server.log"), "w");
  const child = spawn(
    codeServer,
    [
      "--config", dirs.config,
      "--bind-addr", `127.0.0.1:${port}`,
      "--auth", "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--user-data-dir", dirs.userData,
      "--extensions-dir", dirs.extensions,
      dirs.workspace,
    ],
    { stdio: ["ignore", log, log], detached: true },
  );
  const ready = await waitFor(async () => {
    if (child.exitCode !== null) return "exited";
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok ? "ready" : false;
    } catch {
      return false;
    }
  }, 60000, 500);
  return { child, ready: ready === "ready" };
}

// Kills code-server and everything it started (its process group, which we created).
function stopCodeServer(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

// The text of the visible lines of the active editor, top to bottom.
async function editorLines(page) {
  return page.$$eval(".editor-group-container.active .monaco-editor .view-lines .view-line", (lines) =>
    lines
      .map((l) => ({ top: parseFloat(l.style.top) || 0, text: (l.textContent ?? "").replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

async function shot(page, name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  return file;
}

async function focusEditor(page) {
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click({ position: { x: 400, y: 5 } });
}

async function run(page, caps) {
  const workbench = await page.waitForSelector(".monaco-workbench", { timeout: 90000 }).catch(() => null);
  if (!workbench) return fail("VS Code workbench loads", "no .monaco-workbench after 90 s");
  pass("VS Code workbench loads");
  await sleep(2000); // let the workbench restore its layout before typing into it

  // Open seed.def through Quick Open, once its file search lists it.
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 300 } }).catch(() => {});
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { state: "visible", timeout: 15000 });
  await page.keyboard.type("seed.def");
  const result = page.locator(".quick-input-widget .monaco-list-row", { hasText: "seed.def" }).first();
  await result.waitFor({ state: "visible", timeout: 30000 }).catch(() => {});
  await page.keyboard.press("Enter");
  const opened = await waitFor(async () => (await editorLines(page)).some((l) => l.startsWith("Bootstrap:")), 20000);
  if (!opened) {
    await shot(page, "failed-open.png");
    return fail("seed.def opens", "the editor never showed Bootstrap: (see failed-open.png)");
  }
  pass("seed.def opens");

  const mode = await waitFor(async () => {
    const text = (await page.locator('[id="status.editor.mode"]').textContent().catch(() => "")) ?? "";
    return text.includes("Apptainer") ? text.trim() : false;
  }, 15000);
  if (mode) pass(`language mode is Apptainer (${mode})`);
  else fail("language mode is Apptainer", `status bar shows ${JSON.stringify(await page.locator('[id="status.editor.mode"]').textContent().catch(() => ""))}`);

  // Diagnostics in the Problems panel.
  await page.keyboard.press("Control+Shift+M");
  const problemsText = async () => (await page.locator(".markers-panel").innerText().catch(() => "")) ?? "";
  await waitFor(async () => {
    const t = await problemsText();
    return t.includes("image-latest-tag") && t.includes("pip-unpinned");
  }, 30000);
  const problems = await problemsText();
  const problemsShot = await shot(page, "01-problems.png");
  if (docsImg && problems.includes("image-latest-tag")) {
    fs.mkdirSync(docsImg, { recursive: true });
    fs.copyFileSync(problemsShot, path.join(docsImg, "vscode-diagnostics.png"));
  }
  for (const code of ["image-latest-tag", "pip-unpinned"]) {
    if (problems.includes(`cdls(${code})`) || (problems.includes(code) && problems.includes("cdls")))
      pass(`Problems panel lists cdls ${code}`);
    else fail(`Problems panel lists cdls ${code}`, `panel text: ${JSON.stringify(problems.slice(0, 400))}`);
  }

  // Completion: `%` at the start of the empty last line.
  if (!caps.completionProvider) {
    skip("typing % offers %post", "server has no completion yet");
  } else {
    await focusEditor(page);
    await page.keyboard.press("Control+End");
    await page.keyboard.type("%");
    const suggest = page.locator(".editor-widget.suggest-widget.visible");
    const rows = await waitFor(async () => {
      const texts = await suggest.locator(".monaco-list-row").allTextContents().catch(() => []);
      return texts.length ? texts : false;
    }, 15000);
    await shot(page, "02-completion.png");
    if (rows && rows.some((r) => r.includes("%post"))) pass("typing % offers %post");
    else fail("typing % offers %post", rows ? `suggestions: ${rows.slice(0, 12).join(" | ")}` : "the suggest widget did not open");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Z");
    await waitFor(async () => !(await editorLines(page)).some((l) => l === "%"), 5000);
  }

  // Hover on the base image.
  if (!caps.hoverProvider) {
    skip("hover on python:latest shows its lineage", "server has no hover yet");
  } else {
    const image = page.locator(".editor-group-container.active .view-line span span", { hasText: "python" }).first();
    const box = await image.boundingBox();
    let hoverText = "";
    if (box) {
      await page.mouse.move(box.x + 4, box.y + box.height / 2);
      await page.mouse.move(box.x + 10, box.y + box.height / 2);
      hoverText = await waitFor(async () => {
        const t = (await page.locator(".monaco-hover:visible").allTextContents().catch(() => [])).join("\n");
        return /debian/i.test(t) ? t : false;
      }, 15000);
      await shot(page, "03-hover.png");
    }
    if (hoverText) pass("hover on python:latest shows its lineage (debian)");
    else {
      const seen = (await page.locator(".monaco-hover:visible").allTextContents().catch(() => [])).join(" ");
      fail("hover on python:latest shows its lineage", box ? `hover text: ${JSON.stringify(seen.slice(0, 300))}` : "python:latest not found in the editor");
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");
  }

  // The pin quick fix on `latest`.
  if (!caps.codeActionProvider) {
    skip("pin quick fix replaces latest", "server has no code actions yet");
    return;
  }
  await focusEditor(page);
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await sleep(500);
  await page.keyboard.press("Control+.");
  const menu = page.locator(".action-widget, .context-view .monaco-list");
  const items = await waitFor(async () => {
    const t = await menu.locator(".monaco-list-row").allTextContents().catch(() => []);
    return t.length ? t : false;
  }, 15000);
  const docShot = await shot(page, "04-quickfix-menu.png");
  const pinIndex = items ? items.findIndex((t) => /^\s*Pin/.test(t)) : -1;
  if (pinIndex < 0) {
    fail("pin quick fix replaces latest", items ? `no "Pin ..." among: ${items.join(" | ")}` : "the quick fix menu did not open");
    return;
  }
  if (docsImg) {
    fs.mkdirSync(docsImg, { recursive: true });
    fs.copyFileSync(docShot, path.join(docsImg, "vscode-diagnostics-quickfix.png"));
  }
  const title = items[pinIndex].trim();
  // Keyboard, as a user would: the menu's pointer block swallows synthetic clicks.
  for (let i = 0; i <= items.length; i++) {
    const focused = (await menu.locator(".monaco-list-row.focused").first().getAttribute("aria-label").catch(() => "")) ?? "";
    if (/^\s*Pin/.test(focused)) break;
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  const fixed = await waitFor(async () => {
    const line = (await editorLines(page)).find((l) => l.startsWith("From:"));
    return line && !line.includes("latest") ? line : false;
  }, 10000);
  await shot(page, "05-after-fix.png");
  const tag = fixed ? /^From:\s*python:(\S+)\s*$/.exec(fixed)?.[1] : undefined;
  if (tag && /\d/.test(tag)) pass(`pin quick fix "${title}" gives ${fixed.trim()}`);
  else fail("pin quick fix replaces latest", `line 2 after the fix: ${JSON.stringify(fixed || (await editorLines(page))[1])}`);
}

// Changing cdls.path restarts the server: a path with no binary gives a clear error, and a good
// path brings the diagnostics back.
async function checkServerPath(page, dirs) {
  const problemsText = async () => (await page.locator(".markers-panel").innerText().catch(() => "")) ?? "";
  // cdls.path is machine-scoped: in code-server that is the server's Machine settings file,
  // which VS Code watches like a user editing it would.
  const machineSettings = path.join(dirs.userData, "Machine", "settings.json");
  fs.mkdirSync(path.dirname(machineSettings), { recursive: true });
  const setPath = async (value) => fs.writeFileSync(machineSettings, JSON.stringify({ "cdls.path": value }, null, 2));
  const missing = path.join(dirs.root, "no-such-dir", "cdls");
  await setPath(missing);
  const toast = await waitFor(async () => {
    const t = (await page.locator(".notifications-toasts").innerText().catch(() => "")) ?? "";
    return t.includes("cdls.path") ? t : false;
  }, 20000);
  await shot(page, "06-missing-binary.png");
  if (toast && toast.includes(missing)) pass("a cdls.path with no binary restarts the server into a clear error");
  else fail("a cdls.path with no binary gives a clear error", `notifications: ${JSON.stringify(toast)}`);
  const cleared = await waitFor(async () => !(await problemsText()).includes("pip-unpinned"), 10000);
  await setPath(cdlsBin);
  const back = await waitFor(async () => (await problemsText()).includes("pip-unpinned"), 30000);
  await shot(page, "07-path-restored.png");
  if (cleared && back) pass("setting cdls.path to the binary restarts the server (diagnostics back)");
  else fail("setting cdls.path restarts the server", cleared ? "the diagnostics did not come back" : "the old diagnostics stayed after the stop");
}

async function main() {
  const deadline = setTimeout(() => {
    fail("test run", "took longer than 6 minutes");
    process.exit(1);
  }, 6 * 60 * 1000);
  let caps = {};
  try {
    const init = await probeCapabilities(cdlsBin);
    caps = init.capabilities ?? {};
    report(`info: cdls announces ${Object.keys(caps).join(", ")}`);
  } catch (err) {
    fail("cdls answers initialize", err.message);
  }
  const dirs = makeSandbox();
  const installed = installExtension(dirs);
  if (!installed.ok) {
    fail("code-server installs the .vsix", installed.detail);
    return finish(deadline);
  }
  pass("code-server installs the .vsix");

  const port = await freePort();
  const { child, ready } = await startCodeServer(dirs, port);
  let context;
  try {
    if (!ready) {
      fail("code-server starts", `not healthy on 127.0.0.1:${port} (see code-server.log)`);
      return;
    }
    context = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 860 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (err) => fs.appendFileSync(path.join(outDir, "page-errors.log"), `${err}\n`));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await run(page, caps);
    await checkServerPath(page, dirs);
  } catch (err) {
    fail("test run", err.stack ?? String(err));
  } finally {
    if (context) await context.close().catch(() => {});
    stopCodeServer(child);
    await sleep(1000);
    fs.rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
    finish(deadline);
  }
}

function finish(deadline) {
  clearTimeout(deadline);
  report(`vscode: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

await main();
