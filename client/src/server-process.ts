// Starts the language server's process (node dist/server.js --stdio). Kept apart from the
// language client library so that activate() can start the server first: the server boots in
// its own process while the extension host loads vscode-languageclient (scripts/e2e/latency.mjs).
import { fork, type ChildProcess } from "node:child_process";

/** Whether the extension host runs under a debugger: then the server listens for one too. */
function debugging(): boolean {
  return process.execArgv.some((arg) => /^--inspect(?:-brk)?(?:=|$)/.test(arg));
}

export function startServerProcess(serverModule: string): ChildProcess {
  return fork(serverModule, ["--stdio"], {
    // Piped stdio: the language client speaks LSP over stdin/stdout and shows stderr.
    silent: true,
    execArgv: debugging() ? ["--nolazy", "--inspect=6019"] : [],
    // In desktop VS Code process.execPath is the Electron binary: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
  });
}
