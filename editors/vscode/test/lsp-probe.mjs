// Asks a language server binary for its initialize result over stdio (initialize, shutdown,
// exit), so a test knows which features the server announces before it asserts them.
import { spawn } from "node:child_process";

function frame(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}

// Resolves to the server's InitializeResult; rejects after `timeoutMs` or when the server dies.
export function probeCapabilities(binary, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
    let buffer = Buffer.alloc(0);
    let result;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${binary} did not answer initialize within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`${binary} exited (${code}) before answering initialize`));
    });
    child.stdout.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
        if (!Number.isFinite(length) || buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id === 1) {
          result = message.result;
          child.stdin.write(frame({ id: 2, method: "shutdown" }));
        } else if (message.id === 2) {
          child.stdin.write(frame({ method: "exit" }));
          child.stdin.end();
        }
      }
    });
    child.stdin.write(
      frame({
        id: 1,
        method: "initialize",
        params: { processId: process.pid, rootUri: null, capabilities: {}, clientInfo: { name: "cdls-editor-test" } },
      }),
    );
  });
}
