// The benchmark's LSP client: starts dist/server.js with GONGWEN_TIMING=1, answers the server's
// requests (configuration from `settings`), and times requests, diagnostics and the server's
// own compute-time reports; reads the server process's memory and CPU from /proc.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { frame, MessageReader } from "./lsp-messages.mjs";

/** The Node options the extension starts the server with (client/src/server-process.ts says why). */
export const EXTENSION_NODE_ARGS = JSON.parse(readFileSync(new URL("../client/src/server-node-args.json", import.meta.url), "utf8"));

/** The options the bench starts its servers with: the extension's, or GONGWEN_NODE_ARGS ("" for none) to compare. */
export const BENCH_NODE_ARGS = process.env.GONGWEN_NODE_ARGS === undefined ? EXTENSION_NODE_ARGS : process.env.GONGWEN_NODE_ARGS.split(" ").filter(Boolean);

export class BenchClient {
  /**
   * Starts the server bundle `serverFile` on stdio, with its timing reports on; `nodeArgs`: the
   * Node options, by default those the extension uses (another editor may start it with none;
   * GONGWEN_NODE_ARGS overrides the default for a whole bench run).
   */
  constructor(serverFile, nodeArgs = BENCH_NODE_ARGS) {
    this.child = spawn(process.execPath, [...nodeArgs, serverFile, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, GONGWEN_TIMING: "1" } });
    this.reader = new MessageReader((message) => this.onMessage(message, performance.now()));
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.timings = new Map();
    this.settings = { debounceMs: 0 };
    this.stderr = "";
    this.child.stderr.on("data", (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    this.child.stdout.on("data", (chunk) => this.reader.push(chunk));
  }
  onMessage(m, at) {
    if (m.id !== undefined && m.method === undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (p) m.error ? p.reject(new Error(m.error.message)) : p.resolve({ result: m.result, at });
    } else if (m.method === "workspace/configuration") {
      this.send({ id: m.id, result: m.params.items.map(() => this.settings) });
    } else if (m.id !== undefined && m.method) {
      this.send({ id: m.id, result: null });
    } else if (m.method === "$/gongwen/timing") {
      this.timings.set(`${m.params.uri}#${m.params.version}`, m.params);
    } else if (m.method === "textDocument/publishDiagnostics") {
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== m.params.uri || w.version !== m.params.version) return true;
        w.resolve({ params: m.params, at });
        return false;
      });
    }
  }
  send(message) {
    this.child.stdin.write(frame(message));
  }
  request(method, params) {
    const id = this.nextId++;
    const sent = performance.now();
    this.send({ id, method, params });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: (r) => resolve({ ...r, ms: r.at - sent }), reject }));
  }
  notify(method, params) {
    this.send({ method, params });
  }
  diagnostics(uri, version, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }
  /** The server's own report of the compute time for a version (it follows the diagnostics). */
  async timing(uri, version) {
    for (let i = 0; i < 200 && !this.timings.has(`${uri}#${version}`); i++) await new Promise((r) => setTimeout(r, 1));
    return this.timings.get(`${uri}#${version}`);
  }
  status() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s*(\\d+)`, "m").exec(status)?.[1] ?? NaN);
    return { rssMB: kb("VmRSS") / 1024, peakRssMB: kb("VmHWM") / 1024 };
  }
  cpuTicks() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
  }
}
