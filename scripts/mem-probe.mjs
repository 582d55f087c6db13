// Memory probe: replays the benchmark's protocol sequence (scripts/bench.mjs) against
// dist/server.js and prints the server's resident memory and V8 heap after it, so what holds the
// memory after opening 10 MB can be looked at without running the whole benchmark.
//
//   node scripts/mem-probe.mjs [--runs N] [--snapshot DIR] [--trace-gc (each collection, into out/mem-probe-gc-N.txt)] [-- <node flags for the server>]
//
// Needs out/bench/plan-*.txt (written by `npm run bench`). Each run starts a fresh server,
// opens 10 KB … 10 MB as the bench does (several opens per size, all but the last closed, then
// 10 documentSymbol + 10 foldingRange requests), waits 500 ms and reads VmRSS / VmHWM. A preload
// module in the server answers SIGUSR2 with its heap statistics (on stderr); with --snapshot, the
// server also writes a heap snapshot (SIGPWR) after the reading, for DevTools' Memory tab.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { benchInitializeParams, frame, MessageReader } from "./lsp-messages.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dash = args.indexOf("--");
const serverFlags = dash >= 0 ? args.slice(dash + 1) : [];
const own = dash >= 0 ? args.slice(0, dash) : args;
const option = (name) => (own.includes(name) ? own[own.indexOf(name) + 1] : undefined);
const runs = Number(option("--runs") ?? 3);
const snapshotDir = option("--snapshot");
const traceGc = own.includes("--trace-gc");
/** documentSymbol + foldingRange requests per size (the bench sends 10). */
const requests = Number(option("--requests") ?? 10);
/** How much longer to wait for a last reading (whether V8 gives the memory back on its own). */
const laterMs = Number(option("--later") ?? 0);

const SIZES = [
  { label: "10 KB", bytes: 10_000, opens: 10 },
  { label: "100 KB", bytes: 100_000, opens: 10 },
  { label: "1 MB", bytes: 1_000_000, opens: 6 },
  { label: "10 MB", bytes: 10_000_000, opens: 3 },
];
const docs = SIZES.map((s) => {
  const file = join(ROOT, "out", "bench", `plan-${s.bytes}.txt`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench once`);
  return { ...s, text: readFileSync(file, "utf8") };
});

// The preload: heap statistics on SIGUSR2, written to stderr as one JSON line.
const preload = join(ROOT, "out", "mem-probe-preload.cjs");
mkdirSync(dirname(preload), { recursive: true });
writeFileSync(
  preload,
  `const v8 = require("node:v8");
function report(label) {
  const h = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.space_size / 1048576) + "/" + Math.round(s.space_used_size / 1048576)]));
  const m = process.memoryUsage();
  process.stderr.write("MEMPROBE " + JSON.stringify({ label, rss: m.rss, heapTotal: h.total_heap_size, heapUsed: h.used_heap_size, external: m.external, arrayBuffers: m.arrayBuffers, malloced: h.malloced_memory, spaces }) + "\\n");
}
if (process.env.MEMPROBE_GC === "1") {
  // --trace-gc would write into the LSP stream (stdout): each collection goes to stderr instead.
  const { PerformanceObserver, constants } = require("node:perf_hooks");
  const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: "major", [constants.NODE_PERFORMANCE_GC_MINOR]: "minor", [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb" };
  const t0 = performance.now();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const h = v8.getHeapStatistics();
      process.stderr.write("GC " + (e.startTime - t0).toFixed(0) + " ms " + (kinds[e.detail.kind] ?? e.detail.kind) + " " + e.duration.toFixed(1) + " ms; heap now " + Math.round(h.used_heap_size / 1048576) + "/" + Math.round(h.total_heap_size / 1048576) + " MB, rss " + Math.round(process.memoryUsage.rss() / 1048576) + " MB\\n");
    }
  }).observe({ entryTypes: ["gc"] });
}
process.on("SIGUSR2", () => {
  report("as is");
  // With --expose-gc: what is live, and what a full collection gives back.
  if (typeof gc === "function") { gc(); report("after a full gc"); }
});
`,
);

class Client {
  constructor(flags) {
    const nodeArgs = ["--require", preload, ...flags];
    if (snapshotDir) nodeArgs.push("--heapsnapshot-signal=SIGPWR", `--diagnostic-dir=${resolve(snapshotDir)}`);
    this.child = spawn(process.execPath, [...nodeArgs, join(ROOT, "dist", "server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, GONGWEN_TIMING: "1", MEMPROBE_GC: traceGc ? "1" : "0" } });
    this.reader = new MessageReader((message) => this.onMessage(message, performance.now()));
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.stderr = "";
    this.t0 = performance.now();
    this.events = [];
    this.child.stderr.on("data", (d) => (this.stderr += d));
    this.child.stdout.on("data", (chunk) => this.reader.push(chunk));
  }
  onMessage(m) {
    if (m.id !== undefined && m.method === undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.(m.result);
    } else if (m.method === "workspace/configuration") {
      this.send({ id: m.id, result: m.params.items.map(() => ({ debounceMs: 0 })) });
    } else if (m.id !== undefined && m.method) {
      this.send({ id: m.id, result: null });
    } else if (m.method === "textDocument/publishDiagnostics") {
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== m.params.uri || w.version !== m.params.version) return true;
        w.resolve(m.params.diagnostics.length);
        return false;
      });
    }
  }
  send(message) {
    this.child.stdin.write(frame(message));
  }
  request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }
  notify(method, params) {
    this.send({ method, params });
  }
  diagnostics(uri, version) {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }
  event(text) {
    if (traceGc) this.events.push(`EVENT ${(performance.now() - this.t0).toFixed(0)} ms ${text}; rss ${this.status().rssMB.toFixed(0)} MB`);
  }
  status() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s*(\\d+)`, "m").exec(status)?.[1] ?? NaN);
    return { rssMB: kb("VmRSS") / 1024, peakRssMB: kb("VmHWM") / 1024 };
  }
  /** Resident memory by kind of mapping: the malloc heap, anonymous mappings (V8's pages, big mallocs), files. */
  smaps() {
    const sums = { "malloc [heap]": 0, anonymous: 0, files: 0, other: 0 };
    let kind = "other";
    let big = [];
    for (const l of readFileSync(`/proc/${this.child.pid}/smaps`, "utf8").split("\n")) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(l);
      if (head) {
        const name = head[3];
        kind = name === "[heap]" ? "malloc [heap]" : name === "" ? "anonymous" : name.startsWith("/") ? "files" : "other";
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(l);
      if (rss) {
        sums[kind] += Number(rss[1]);
        if (kind === "anonymous" && Number(rss[1]) > 8192) big.push((Number(rss[1]) / 1024).toFixed(0));
      }
    }
    return Object.entries(sums).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} MB`).join(", ") + ` (anonymous mappings over 8 MB: ${big.join(", ")})`;
  }
  async heap() {
    const before = this.stderr.length;
    this.child.kill("SIGUSR2");
    const expected = serverFlags.includes("--expose-gc") ? 2 : 1;
    const lines = () => this.stderr.slice(before).split("\n").filter((l) => l.startsWith("MEMPROBE "));
    for (let i = 0; i < 300 && lines().length < expected; i++) await sleep(10);
    return lines().map((l) => JSON.parse(l.slice(9)));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => (bytes / 1048576).toFixed(0);

async function run(index) {
  const client = new Client(serverFlags);
  await client.request("initialize", benchInitializeParams());
  client.notify("initialized", {});
  let counter = 0;
  const peaks = [];
  const openMs = [];
  for (const d of docs) {
    let last;
    for (let r = 0; r < d.opens; r++) {
      const uri = `file:///bench/${++counter}-${d.label.replace(" ", "")}.txt`;
      const published = client.diagnostics(uri, 1);
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "plaintext", version: 1, text: d.text } });
      client.event(`didOpen ${d.label} #${r + 1} sent`);
      const sent = performance.now();
      await published;
      if (d.bytes === 10_000_000) openMs.push((performance.now() - sent).toFixed(0));
      client.event(`diagnostics ${d.label} #${r + 1}`);
      if (d.bytes === 10_000_000) peaks.push(client.status().rssMB.toFixed(0));
      if (r < d.opens - 1) client.notify("textDocument/didClose", { textDocument: { uri } });
      last = uri;
    }
    for (let r = 0; r < requests; r++) {
      const symbols = await client.request("textDocument/documentSymbol", { textDocument: { uri: last } });
      const folding = await client.request("textDocument/foldingRange", { textDocument: { uri: last } });
      if (r === 0 && d.bytes === 10_000_000) client.event(`documentSymbol ${JSON.stringify(symbols).length} chars, foldingRange ${JSON.stringify(folding).length} chars`);
    }
    client.event(`requests ${d.label} answered`);
  }
  await sleep(500);
  const s = client.status();
  const h = await client.heap();
  let line = `run ${index}: VmRSS ${s.rssMB.toFixed(0)} MB, VmHWM ${s.peakRssMB.toFixed(0)} MB; RSS after each 10 MB diagnostics ${peaks.join(", ")} MB; 10 MB didOpen → diagnostics ${openMs.join(", ")} ms`;
  for (const x of h) line += `\n  ${x.label}: rss ${mb(x.rss)} MB, heap total ${mb(x.heapTotal)} MB, used ${mb(x.heapUsed)} MB, external ${mb(x.external)} MB (array buffers ${mb(x.arrayBuffers)}), malloced ${mb(x.malloced)} MB\n    spaces (size/used MB) ${JSON.stringify(x.spaces)}`;
  line += `\n  ${client.smaps()}`;
  await sleep(1000);
  if (laterMs > 0) {
    line += `\n  1 s later: VmRSS ${client.status().rssMB.toFixed(0)} MB`;
    await sleep(laterMs);
  }
  line += `\n  ${((1000 + laterMs) / 1000).toFixed(0)} s later: VmRSS ${client.status().rssMB.toFixed(0)} MB; ${client.smaps()}`;
  console.log(line);
  if (snapshotDir) {
    mkdirSync(snapshotDir, { recursive: true });
    const before = new Set(readdirSync(snapshotDir));
    client.child.kill("SIGPWR");
    for (let i = 0; i < 600; i++) {
      await sleep(100);
      const added = readdirSync(snapshotDir).filter((f) => !before.has(f) && f.endsWith(".heapsnapshot"));
      if (added.length > 0) {
        // Written in pieces: done when its size stops changing.
        const file = join(snapshotDir, added[0]);
        for (let size = -1; statSync(file).size !== size || size === 0; ) {
          size = statSync(file).size;
          await sleep(1000);
        }
        console.log(`  heap snapshot: ${join(snapshotDir, added[0])}`);
        break;
      }
    }
  }
  if (traceGc) writeFileSync(join(ROOT, "out", `mem-probe-gc-${index}.txt`), [...client.stderr.split("\n").filter((l) => l.startsWith("GC ")), ...client.events].sort((a, b) => Number(a.split(" ")[1]) - Number(b.split(" ")[1])).join("\n"));
  client.child.kill();
  return s.rssMB;
}

const readings = [];
for (let i = 1; i <= runs; i++) readings.push(await run(i));
console.log(`VmRSS over ${runs} runs: ${readings.map((r) => r.toFixed(0)).join(", ")} MB`);
