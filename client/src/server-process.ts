// Starts the language server's process (node dist/server.js --stdio). Kept apart from the
// language client library so that activate() can start the server first: the server boots in
// its own process while the extension host loads vscode-languageclient (scripts/e2e/latency.mjs).
import { fork, type ChildProcess } from "node:child_process";
import SERVER_NODE_ARGS from "./server-node-args.json";

/** Whether the extension host runs under a debugger: then the server listens for one too. */
function debugging(): boolean {
  return process.execArgv.some((arg) => /^--inspect(?:-brk)?(?:=|$)/.test(arg));
}

/**
 * The server's Node options (server-node-args.json; the benchmark starts the server with the
 * same ones). One V8 worker thread instead of Node's default four: on a 2-core machine those
 * threads (optimising compiles, collections) ran beside the server and the editor and kept them
 * from the CPU for a scheduler slice (3–5 ms), the tail of keystroke → diagnostics
 * (docs/benchmark.md, "Typical documents"). The server's work is one document at a time; one
 * helper thread is enough for it.
 */
export function serverNodeArgs(): string[] {
  return [...SERVER_NODE_ARGS, ...(debugging() ? ["--nolazy", "--inspect=6019"] : [])];
}

export function startServerProcess(serverModule: string): ChildProcess {
  return fork(serverModule, ["--stdio"], {
    // Piped stdio: the language client speaks LSP over stdin/stdout and shows stderr.
    silent: true,
    execArgv: serverNodeArgs(),
    // In desktop VS Code process.execPath is the Electron binary: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
  });
}
