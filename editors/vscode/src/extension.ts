// Starts cdls (the container definition language server) for Apptainer definition files and
// Dockerfiles, and restarts it when its path changes or on "cdls: Restart server".
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let traceOutput: vscode.OutputChannel | undefined;

// The binary shipped inside the .vsix for this platform, if the package has one.
function bundledBinary(context: vscode.ExtensionContext): string | undefined {
  const exe = process.platform === "win32" ? "cdls.exe" : "cdls";
  const candidate = context.asAbsolutePath(path.join("bin", `${process.platform}-${process.arch}`, exe));
  if (!fs.existsSync(candidate)) return undefined;
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
  } catch {
    // a .vsix does not always keep the executable bit
    fs.chmodSync(candidate, 0o755);
  }
  return candidate;
}

// Finds `name` on PATH the way a shell would; undefined when it is not there.
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: keep looking
    }
  }
  return undefined;
}

function expandHome(p: string): string {
  return p.startsWith("~/") ? path.join(process.env.HOME ?? "", p.slice(2)) : p;
}

interface ResolvedServer {
  command?: string;
  problem?: string;
}

// cdls.path when set, else the bundled binary, else `cdls` from PATH.
export function resolveServer(context: vscode.ExtensionContext): ResolvedServer {
  const configured = vscode.workspace.getConfiguration("cdls").get<string>("path", "").trim();
  if (configured) {
    const p = expandHome(configured);
    if (path.isAbsolute(p) || p.includes(path.sep)) {
      if (!fs.existsSync(p)) return { problem: `cdls.path is set to "${configured}", but there is no file there.` };
      return { command: p };
    }
    const found = onPath(p);
    if (!found) return { problem: `cdls.path is set to "${configured}", which is not on PATH.` };
    return { command: found };
  }
  const bundled = bundledBinary(context);
  if (bundled) return { command: bundled };
  const found = onPath(process.platform === "win32" ? "cdls.exe" : "cdls");
  if (found) return { command: found };
  return {
    problem:
      "The cdls language server was not found: this extension has no bundled binary for " +
      `${process.platform}-${process.arch} and "cdls" is not on PATH. Build it (cmake --preset release && ` +
      'cmake --build --preset release) and set "cdls.path" to build/release/cdls.',
  };
}

// The settings cdls reads (the same keys as a .cdls.json file); editor-only ones stay out.
export function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("cdls");
  const settings: Record<string, unknown> = { rules: config.get<Record<string, string>>("rules", {}) };
  for (const key of ["trustedRegistries", "allowedImages", "dataExtensions"]) {
    const value = config.get<string[]>(key, []);
    if (value.length) settings[key] = value;
  }
  // Only what the user set: defaults must not override a project's .cdls.json `registry`.
  const registry: Record<string, unknown> = {};
  for (const key of ["enabled", "diagnostics", "timeoutMs", "cacheTtlSeconds", "registries", "credentials"]) {
    const seen = config.inspect(`registry.${key}`);
    const value = seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue;
    if (value !== undefined) registry[key] = value;
  }
  if (Object.keys(registry).length) settings.registry = registry;
  return settings;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const server = resolveServer(context);
  if (!server.command) {
    output?.appendLine(`[cdls] ${server.problem}`);
    const choice = await vscode.window.showErrorMessage(server.problem ?? "cdls not found", "Open Settings");
    if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "cdls.path");
    return;
  }
  const serverOptions: ServerOptions = {
    command: server.command,
    args: ["--stdio"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "apptainer" },
      { scheme: "untitled", language: "apptainer" },
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
    ],
    initializationOptions: serverSettings(),
    middleware: {
      workspace: {
        // Answer workspace/configuration for section "cdls" with the server's keys only.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === "cdls" ? serverSettings() : result[i]));
        },
      },
    },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient("cdls", "cdls", serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) output?.appendLine("[cdls] server stopped");
  });
  try {
    await client.start();
    output?.appendLine(`[cdls] started ${server.command}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output?.appendLine(`[cdls] could not start ${server.command}: ${message}`);
    void vscode.window.showErrorMessage(`cdls could not start "${server.command}": ${message}`);
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch {
      // a server that already exited has nothing left to stop
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("cdls");
  traceOutput = vscode.window.createOutputChannel("cdls trace");
  context.subscriptions.push(output, traceOutput);
  context.subscriptions.push(
    vscode.commands.registerCommand("cdls.restartServer", () => restart(context)),
    vscode.commands.registerCommand("cdls.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("cdls.path")) void restart(context);
      else if (e.affectsConfiguration("cdls") && client?.isRunning())
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: { cdls: serverSettings() } });
    }),
  );
  await start(context);
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}
