// The "typical document" table of `npm run bench`: plans of 10 KB and 100 KB (the size users
// write), opened and edited through the protocol with the debounce at 0, as an editor would —
// the settings answered through workspace/configuration, every step the server takes between
// the message and publishDiagnostics included. Also runnable alone:
//   node scripts/bench-typical.mjs [dist/server.js]
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlanDocument, loadCorpus, prng } from "./bench-docs.mjs";
import { BenchClient, BENCH_NODE_ARGS, EXTENSION_NODE_ARGS } from "./bench-client.mjs";
import { benchInitializeParams, lineStarts, positionOf } from "./lsp-messages.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const TYPICAL_SIZES = [
  { label: "10 KB", bytes: 10_000, opens: 40, keystrokes: 201 },
  { label: "100 KB", bytes: 100_000, opens: 20, keystrokes: 201 },
];
/** Opens on the fresh server before any typing: the first is reported alone, the rest as a median. */
const FRESH_OPENS = 6;
/** One-character edits typed before the timed ones: the first minute of writing, while the JIT optimises the checks. */
const WARM_KEYSTROKES = 100;

function stat(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.floor(p * (v.length - 1) + 0.5))];
  return { median: q(0.5), p95: q(0.95), max: v[v.length - 1], n: v.length };
}


/** `count` one-character insertions (70 %) and deletions at random places, as LSP content changes in order. */
function typingEdits(text, count, rand) {
  let current = text;
  const edits = [];
  const inserts = "的一是，。、1XX（）进推工作　";
  for (let k = 0; k < count; k++) {
    const starts = lineStarts(current);
    let offset = Math.floor(rand() * current.length);
    while (offset > 0 && offset < current.length && (current.charCodeAt(offset) & 0xfc00) === 0xdc00) offset--;
    const insert = rand() < 0.7 || current.charCodeAt(offset) === 10 || offset >= current.length;
    const range = { start: positionOf(starts, offset), end: positionOf(starts, insert ? offset : offset + 1) };
    const newText = insert ? inserts[Math.floor(rand() * inserts.length)] : "";
    current = current.slice(0, offset) + newText + current.slice(insert ? offset : offset + 1);
    edits.push({ range, text: newText });
  }
  return edits;
}

/**
 * Per size, on a fresh server: the first opens (a server just started: its code not yet
 * optimised by the JIT), then one-character edits into the last one — WARM_KEYSTROKES untimed,
 * then `keystrokes` timed — then `opens` more documents opened as a user who has been writing
 * opens the next file. Every open is a
 * different plan of that size (no cache helps one open with another's text). Each is timed from
 * the message to its diagnostics; `steps`: the server's own report of where the time went.
 * `nodeArgs`: the server's Node options — by default the extension's; an editor that runs
 * `node dist/server.js --stdio` passes none.
 */
export async function measureTypical(serverFile, corpus, seed, nodeArgs = BENCH_NODE_ARGS) {
  const rows = [];
  let n = 0;
  for (const size of TYPICAL_SIZES) {
    const client = new BenchClient(serverFile, nodeArgs);
    await client.request("initialize", benchInitializeParams());
    client.notify("initialized", {});
    let uri;
    let text;
    let docSeed = seed + size.bytes;
    const openOne = async (times, steps) => {
      if (uri) client.notify("textDocument/didClose", { textDocument: { uri } });
      uri = `file:///bench/typical/${++n}-${size.bytes}.txt`;
      text = buildPlanDocument(corpus, size.bytes, docSeed++).text;
      const sent = performance.now();
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "plaintext", version: 1, text } });
      const d = await client.diagnostics(uri, 1);
      times.push(d.at - sent);
      if (steps) steps.push(await client.timing(uri, 1));
    };
    const fresh = [];
    for (let r = 0; r < FRESH_OPENS; r++) await openOne(fresh);
    // The edits are made up front: the client's own work (and its garbage) stays out of the timings.
    const edits = typingEdits(text, WARM_KEYSTROKES + size.keystrokes, prng(seed + 1));
    const edit = [];
    const editSteps = [];
    for (let k = 0; k < edits.length; k++) {
      const version = k + 2;
      const sent = performance.now();
      client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [edits[k]] });
      const d = await client.diagnostics(uri, version);
      if (k >= WARM_KEYSTROKES) {
        edit.push(d.at - sent);
        editSteps.push(await client.timing(uri, version));
      }
    }
    const open = [];
    const openSteps = [];
    for (let r = 0; r < size.opens; r++) await openOne(open, openSteps);
    client.child.kill();
    rows.push({
      size: size.label,
      nodeArgs,
      bytes: Buffer.byteLength(text, "utf8"),
      firstOpenMs: fresh[0],
      freshOpenMs: stat(fresh.slice(1)),
      openMs: stat(open),
      keystrokeMs: stat(edit),
      openSteps: averageSteps(openSteps),
      keystrokeSteps: averageSteps(editSteps),
    });
  }
  return rows;
}

/** How a row's server was started, for the table. */
export function launchLabel(nodeArgs) {
  if (nodeArgs.length === 0) return "node, no options";
  const asExtension = nodeArgs.join(" ") === EXTENSION_NODE_ARGS.join(" ");
  return `node ${nodeArgs.join(" ")}${asExtension ? " (as the extension starts it)" : ""}`;
}

/**
 * The README's "typical document" table: open and keystroke p50 / p95 beside the floor, and
 * where the time went; `rows` may hold runs of servers started with different Node options.
 */
export function typicalTable(rows, floorMs, f) {
  const out = [
    "| typical document (debounce 0) | server started with | open → diagnostics p50 / p95 ms | keystroke → diagnostics p50 / p95 ms | floor ms | fresh server: first open, next five (median) ms | server steps on a keystroke (mean ms) |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const steps = Object.entries(r.keystrokeSteps).map(([k, v]) => `${k} ${f(v, 2)}`).join(", ");
    out.push(`| ${r.size} (${f(r.bytes / 1000, 1)} KB UTF-8) | ${launchLabel(r.nodeArgs ?? [])} | ${f(r.openMs.median, 2)} / ${f(r.openMs.p95, 2)} | ${f(r.keystrokeMs.median, 2)} / ${f(r.keystrokeMs.p95, 2)} | ${f(floorMs(r.size), 2)} | ${f(r.firstOpenMs, 1)}, ${f(r.freshOpenMs.median, 2)} | ${steps} |`);
  }
  return out.join("\n");
}

/** The mean of each step the server reported (ms). */
function averageSteps(reports) {
  const sums = {};
  let count = 0;
  for (const r of reports) {
    if (!r?.steps) continue;
    count++;
    for (const [k, v] of Object.entries(r.steps)) sums[k] = (sums[k] ?? 0) + v;
  }
  for (const k of Object.keys(sums)) sums[k] = Number((sums[k] / count).toFixed(3));
  return sums;
}

/**
 * The typical rows measured by a client process of their own (`npm run bench` calls this): the
 * bench's process has by then handled 10 MB documents, and its own collections ran beside the
 * server on the two cores and were timed as the server's (10 KB keystroke p95 2.1–4.6 ms inside
 * the bench against 2.2–2.7 ms alone, the same server). `nodeArgs`: the server's Node options.
 */
export function measureTypicalApart(serverFile, seed, nodeArgs) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), serverFile, "--json", `--seed=${seed}`], {
    env: { ...process.env, GONGWEN_NODE_ARGS: nodeArgs.join(" ") },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = loadCorpus(process.env.GONGWEN_CORPUS ?? resolve(ROOT, "..", "shared", "corpus"));
  // GONGWEN_NODE_ARGS="" measures a server started with no Node options (another editor's way).
  const nodeArgs = BENCH_NODE_ARGS;
  const args = process.argv.slice(2);
  const seed = Number(args.find((a) => a.startsWith("--seed="))?.slice(7) ?? 20240115);
  const serverFile = args.find((a) => !a.startsWith("--"));
  const rows = await measureTypical(resolve(serverFile ?? join(ROOT, "dist", "server.js")), corpus, seed, nodeArgs);
  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify(rows));
    process.exit(0);
  }
  for (const r of rows) {
    console.log(`${r.size} (${r.bytes} bytes), ${launchLabel(nodeArgs)}: open p50 ${r.openMs.median.toFixed(2)} p95 ${r.openMs.p95.toFixed(2)} ms; keystroke p50 ${r.keystrokeMs.median.toFixed(2)} p95 ${r.keystrokeMs.p95.toFixed(2)} ms; fresh server: first open ${r.firstOpenMs.toFixed(1)} ms, next ${r.freshOpenMs.median.toFixed(2)} ms`);
    console.log(`  open steps ${JSON.stringify(r.openSteps)}`);
    console.log(`  keystroke steps ${JSON.stringify(r.keystrokeSteps)}`);
  }
}
