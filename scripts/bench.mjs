// `npm run bench`: how fast the engine and the language server are on plan documents of
// 10 KB … 10 MB, against a floor (the least work any checker must do) measured in the same
// run. Prints one table and writes bench/results.json. Budgets are read, not asserted.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildPlanDocument, loadCorpus, prng } from "./bench-docs.mjs";
import { benchInitializeParams, lineStarts, positionOf } from "./lsp-messages.mjs";
import { BenchClient, BENCH_NODE_ARGS } from "./bench-client.mjs";
import { benchExport } from "./bench-export.mjs";
import { benchPreview } from "./bench-preview.mjs";
import { measureTypicalApart } from "./bench-typical.mjs";
import { budgetsOf, reportTable } from "./bench-report.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = process.env.GONGWEN_CORPUS ?? resolve(ROOT, "..", "shared", "corpus");
const SIZES = [
  { label: "10 KB", bytes: 10_000, runs: 40 },
  { label: "100 KB", bytes: 100_000, runs: 25 },
  { label: "1 MB", bytes: 1_000_000, runs: 12 },
  { label: "10 MB", bytes: 10_000_000, runs: 5 },
];
const KEYSTROKES = 200;
const SEED = 20240115;

// The in-process part wants gc() between runs, so each run starts from the same heap.
if (typeof globalThis.gc !== "function") {
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const started = Date.now();
const loadAtStart = loadavg();
const log = (...a) => process.stderr.write(a.join(" ") + "\n");

// ---------------------------------------------------------------------------------------
// Engine bundle (parse + lint from the sources, as the server bundles them)

mkdirSync(join(ROOT, "out", "bench"), { recursive: true });
const engineFile = join(ROOT, "out", "bench", "engine.mjs");
await build({
  stdin: {
    contents: `export { parseDocument, LineFactsCache } from "./server/src/model/parse";
export { lint } from "./server/src/engine/lint";
export { RULES } from "./server/src/rules";
export { clearMemos } from "./server/src/engine/memo";
export { readDocx } from "./server/src/docx/read";
export { buildWord } from "./test/support/word";`,
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  outfile: engineFile,
  logLevel: "warning",
});
const { parseDocument, LineFactsCache, lint, RULES, clearMemos, readDocx, buildWord } = await import(pathToFileURL(engineFile).href);

// ---------------------------------------------------------------------------------------
// Documents

const corpus = loadCorpus(CORPUS);
const docs = SIZES.map((s) => {
  const d = buildPlanDocument(corpus, s.bytes, SEED + s.bytes);
  writeFileSync(join(ROOT, "out", "bench", `plan-${s.bytes}.txt`), d.text);
  return { ...s, ...d, utf8: Buffer.byteLength(d.text, "utf8"), lines: d.text.split("\n").length };
});

// ---------------------------------------------------------------------------------------
// The floor: read the text, split lines, one combined regular expression per line, one hash
// map of normalised paragraphs. Any checker of these documents does at least this much.

const FLOOR_PATTERN = /^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、)）])|[一二三四五六七八九十]{1,3}[是要]|[XＸ×x]{2,}|某某|[,;:()](?=[\u4e00-\u9fff])/g;
const FLOOR_DROP = /[^0-9a-z\u4e00-\u9fff]+/g;
function floor(bytes) {
  const text = bytes.toString("utf8");
  const lines = text.split(/\r\n|\r|\n/);
  const seen = new Map();
  let hits = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    FLOOR_PATTERN.lastIndex = 0;
    while (FLOOR_PATTERN.exec(line) !== null) hits++;
    const key = line.replace(FLOOR_DROP, "");
    if (key.length >= 10) {
      if (seen.has(key)) hits++;
      else seen.set(key, i);
    }
  }
  return hits;
}

/** The engine as the CLI and a first open run it: read the text, parse (no cache), every rule. */
function engine(bytes, timings) {
  // Cold: no line cache, and no rule memo left over from the previous run.
  clearMemos();
  const text = bytes.toString("utf8");
  const model = parseDocument({ text, uri: "file:///bench.txt", version: 1, languageId: "plaintext" });
  return lint(model, RULES, {}, { timings });
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { min: s[0], median: s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, p95: q(0.95), max: s[s.length - 1], n: s.length };
};

const inProcess = [];
for (const d of docs) {
  const bytes = Buffer.from(d.text, "utf8");
  // Warm-up: compile the code paths once, outside the measurement.
  floor(bytes);
  const problems = engine(bytes, new Map());
  const floorTimes = [];
  const engineTimes = [];
  const ruleTimes = new Map(RULES.map((r) => [r.id, []]));
  const parseTimes = [];
  const warmTimes = [];
  const cache = new LineFactsCache();
  parseDocument({ text: d.text, languageId: "plaintext" }, cache);
  for (let r = 0; r < d.runs; r++) {
    globalThis.gc();
    let t = performance.now();
    floor(bytes);
    floorTimes.push(performance.now() - t);
    globalThis.gc();
    const timings = new Map();
    t = performance.now();
    engine(bytes, timings);
    engineTimes.push(performance.now() - t);
    for (const [id, ms] of timings) ruleTimes.get(id)?.push(ms);
    parseTimes.push(engineTimes[engineTimes.length - 1] - [...timings.values()].reduce((a, b) => a + b, 0));
    // Re-check with every line already analysed (what the server does after an edit).
    globalThis.gc();
    t = performance.now();
    lint(parseDocument({ text: d.text, languageId: "plaintext" }, cache), RULES);
    warmTimes.push(performance.now() - t);
  }
  const byRule = {};
  for (const [id, xs] of ruleTimes) byRule[id] = stat(xs).median;
  const byRuleCount = {};
  for (const p of problems) byRuleCount[p.ruleId] = (byRuleCount[p.ruleId] ?? 0) + 1;
  const row = {
    size: d.label,
    bytes: d.utf8,
    lines: d.lines,
    documents: d.documents,
    injected: d.injected,
    findings: problems.length,
    findingsByRule: byRuleCount,
    floorMs: stat(floorTimes),
    engineMs: stat(engineTimes),
    parseMs: stat(parseTimes),
    ruleMs: byRule,
    warmRelintMs: stat(warmTimes),
  };
  row.ratio = row.engineMs.median / row.floorMs.median;
  inProcess.push(row);
  log(`in-process ${d.label}: engine ${row.engineMs.median.toFixed(1)} ms, floor ${row.floorMs.median.toFixed(1)} ms, ratio ${row.ratio.toFixed(2)}`);
}

// ---------------------------------------------------------------------------------------
// Word documents: the 1 MB plan as a .docx as drafts come (headings numbered by Word's list
// feature, runs split and formatted, tracked changes), read from its bytes to the text the
// rules check: unzip, XML, numbering. The server and the CLI do this once per file.

const word = [];
for (const d of docs.filter((x) => x.bytes === 100_000 || x.bytes === 1_000_000)) {
  const built = await buildWord(d.text, { numbering: true, formatted: true, changes: SEED });
  writeFileSync(join(ROOT, "out", "bench", `plan-${d.bytes}.docx`), built.bytes);
  const first = readDocx(built.bytes);
  if (first.text !== built.text) throw new Error(`the ${d.label} .docx reads back differently`);
  const times = [];
  for (let r = 0; r < d.runs; r++) {
    globalThis.gc();
    const t = performance.now();
    readDocx(built.bytes);
    times.push(performance.now() - t);
  }
  const row = { size: d.label, docxBytes: built.bytes.length, textBytes: Buffer.byteLength(first.text, "utf8"), paragraphs: first.paragraphCount, readMs: stat(times) };
  word.push(row);
  log(`word ${d.label}: read ${row.readMs.median.toFixed(1)} ms (${(row.docxBytes / 1024).toFixed(0)} KB .docx, ${row.paragraphs} paragraphs)`);
}

// ---------------------------------------------------------------------------------------
// Through the protocol

const client = new BenchClient(join(ROOT, "dist", "server.js"));
await client.request("initialize", benchInitializeParams());
client.notify("initialized", {});

let uriCounter = 0;
const newUri = (label) => `file:///bench/${++uriCounter}-${label.replace(" ", "")}.txt`;
function open(uri, text, version = 1) {
  const sent = performance.now();
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "plaintext", version, text } });
  return client.diagnostics(uri, version).then((r) => ({ ms: r.at - sent, diagnostics: r.params.diagnostics.length }));
}
const close = (uri) => client.notify("textDocument/didClose", { textDocument: { uri } });


const protocol = [];
for (const d of docs) {
  const runs = Math.max(3, Math.min(10, Math.floor(d.runs / 2)));
  const openTimes = [];
  const computeTimes = [];
  let findings = 0;
  let lastUri;
  for (let r = 0; r < runs; r++) {
    const uri = newUri(d.label);
    const o = await open(uri, d.text);
    openTimes.push(o.ms);
    computeTimes.push((await client.timing(uri, 1))?.computeMs ?? NaN);
    findings = o.diagnostics;
    if (r < runs - 1) close(uri);
    lastUri = uri;
  }
  const row = { size: d.label, openMs: stat(openTimes), openComputeMs: stat(computeTimes), findings };
  const symbolTimes = [];
  const foldingTimes = [];
  for (let r = 0; r < 10; r++) {
    symbolTimes.push((await client.request("textDocument/documentSymbol", { textDocument: { uri: lastUri } })).ms);
    foldingTimes.push((await client.request("textDocument/foldingRange", { textDocument: { uri: lastUri } })).ms);
  }
  row.documentSymbolMs = stat(symbolTimes);
  row.foldingRangeMs = stat(foldingTimes);
  d.uri = lastUri;
  if (d.bytes === 10_000_000) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 500));
    row.memory = client.status();
  }
  protocol.push(row);
  log(`protocol ${d.label}: didOpen→diagnostics ${row.openMs.median.toFixed(1)} ms (compute ${row.openComputeMs.median.toFixed(1)}), documentSymbol ${row.documentSymbolMs.median.toFixed(1)} ms`);
}

/** Single-character edits at random places, each timed to its diagnostics. */
async function keystrokes(d, count, seed) {
  const rand = prng(seed);
  let text = d.text;
  let version = 1;
  const roundTrip = [];
  const compute = [];
  const inserts = "的一是，。、1XX（）进推工作　";
  for (let k = 0; k < count; k++) {
    const starts = lineStarts(text);
    let offset = Math.floor(rand() * text.length);
    // Keep surrogate pairs and CRLF whole: never edit between their halves.
    while (offset > 0 && offset < text.length && (text.charCodeAt(offset) & 0xfc00) === 0xdc00) offset--;
    const insert = rand() < 0.7 || text.charCodeAt(offset) === 10 || offset >= text.length;
    const range = { start: positionOf(starts, offset), end: positionOf(starts, insert ? offset : offset + 1) };
    const newText = insert ? inserts[Math.floor(rand() * inserts.length)] : "";
    text = text.slice(0, offset) + newText + text.slice(insert ? offset : offset + 1);
    version++;
    const sent = performance.now();
    client.notify("textDocument/didChange", { textDocument: { uri: d.uri, version }, contentChanges: [{ range, text: newText }] });
    const r = await client.diagnostics(d.uri, version);
    roundTrip.push(r.at - sent);
    compute.push((await client.timing(d.uri, version))?.computeMs ?? NaN);
  }
  d.version = version;
  d.editedText = text;
  return { roundTripMs: stat(roundTrip), computeMs: stat(compute) };
}

const typing = {};
for (const d of docs.filter((x) => x.bytes === 100_000 || x.bytes === 1_000_000)) {
  typing[d.label] = await keystrokes(d, KEYSTROKES, SEED + 7);
  log(`typing ${d.label}: compute p50 ${typing[d.label].computeMs.median.toFixed(1)} p95 ${typing[d.label].computeMs.p95.toFixed(1)} ms`);
}

// The debounce, separately: the default delay, edits timed to their diagnostics.
client.settings = { debounceMs: 200 };
client.notify("workspace/didChangeConfiguration", { settings: null });
await new Promise((r) => setTimeout(r, 300));
const d100 = docs.find((x) => x.bytes === 100_000);
const debounceTimes = [];
for (let k = 0; k < 10; k++) {
  const starts = lineStarts(d100.editedText);
  const offset = Math.floor(d100.editedText.length / 2);
  const pos = positionOf(starts, offset);
  d100.editedText = d100.editedText.slice(0, offset) + "的" + d100.editedText.slice(offset);
  const version = ++d100.version;
  const sent = performance.now();
  client.notify("textDocument/didChange", { textDocument: { uri: d100.uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: "的" }] });
  debounceTimes.push((await client.diagnostics(d100.uri, version)).at - sent);
}
client.settings = { debounceMs: 0 };
client.notify("workspace/didChangeConfiguration", { settings: null });
await new Promise((r) => setTimeout(r, 300));

// Responsiveness: documentSymbol on the 100 KB document while the 10 MB one is re-checked.
const d10 = docs.find((x) => x.bytes === 10_000_000);
const busySymbolTimes = [];
for (let k = 0; k < 3; k++) {
  const version = (d10.version ?? 1) + 1;
  d10.version = version;
  const starts = lineStarts(d10.text);
  const offset = Math.floor(d10.text.length * (0.2 + 0.3 * k));
  const pos = positionOf(starts, offset);
  d10.text = d10.text.slice(0, offset) + "的" + d10.text.slice(offset);
  client.notify("textDocument/didChange", { textDocument: { uri: d10.uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: "的" }] });
  const done = client.diagnostics(d10.uri, version);
  await new Promise((r) => setTimeout(r, 20));
  for (let q = 0; q < 5; q++) {
    busySymbolTimes.push((await client.request("textDocument/documentSymbol", { textDocument: { uri: d100.uri } })).ms);
    await new Promise((r) => setTimeout(r, 15));
  }
  await done;
}

const exportRuns = await benchExport(client, { root: ROOT, file100KB: join(ROOT, "out", "bench", "plan-100000.txt"), text100KB: d100.text, doc10MB: d10 });
const [exportCold, exportWarm, cliExport, exportBig] = [stat(exportRuns.cold100KB), stat(exportRuns.warm100KB), stat(exportRuns.cli100KB), exportRuns.server10MB];
log(`export 100 KB: ${exportCold.median.toFixed(0)} ms cold, ${exportWarm.median.toFixed(0)} ms warm, ${cliExport.median.toFixed(0)} ms CLI; 10 MB: ${exportBig.ms.toFixed(0)} ms`);

// The page preview while typing, with the editor's default diagnostics delay.
client.settings = { debounceMs: 200 };
client.notify("workspace/didChangeConfiguration", { settings: null });
const previewRuns = await benchPreview(client, { root: ROOT, doc100: { uri: d100.uri, text: d100.editedText, version: d100.version }, doc10MB: d10, seed: SEED + 11 });
client.settings = { debounceMs: 0 };
client.notify("workspace/didChangeConfiguration", { settings: null });
const previewKeystroke = stat(previewRuns.keystroke100KB.roundTripMs.map((ms) => ms + previewRuns.keystroke100KB.delayMs));
const previewServer = stat(previewRuns.keystroke100KB.serverMs);
const activation = previewRuns.activation;
log(`preview 100 KB: keystroke → pages p95 ${previewKeystroke.p95.toFixed(0)} ms (server ${previewServer.median.toFixed(1)} ms); first ${previewRuns.first100KB.ms.toFixed(0)} ms; 10 MB first ${previewRuns.first10MB.ms.toFixed(0)} ms`);

// Idle: nothing to do, nothing done.
await new Promise((r) => setTimeout(r, 1000));
const ticksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"]).stdout.toString().trim()) || 100;
const idleSeconds = 3;
const t0 = client.cpuTicks();
await new Promise((r) => setTimeout(r, idleSeconds * 1000));
const idleCpuPercent = ((client.cpuTicks() - t0) / ticksPerSecond / idleSeconds) * 100;

await client.request("shutdown", null);
client.notify("exit", null);

// Typical documents (issue 17): a fresh server, 10 KB and 100 KB opened and typed into — started
// as the extension starts it, and with no Node options as another editor may — each measured
// from a client process of its own (bench-typical.mjs, measureTypicalApart, says why).
const typical = measureTypicalApart(join(ROOT, "dist", "server.js"), SEED, BENCH_NODE_ARGS);
const typicalPlain = measureTypicalApart(join(ROOT, "dist", "server.js"), SEED, []);
for (const t of [...typical, ...typicalPlain]) log(`typical ${t.size} (${t.nodeArgs.join(" ") || "no options"}): open p50 ${t.openMs.median.toFixed(2)} ms, keystroke p95 ${t.keystrokeMs.p95.toFixed(2)} ms`);

// ---------------------------------------------------------------------------------------
// Report

const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const results = {
  date: new Date().toISOString(),
  machine,
  seed: SEED,
  inProcess,
  word,
  protocol,
  typing,
  typical,
  typicalPlain,
  debounce: { configuredMs: 200, editToDiagnosticsMs: stat(debounceTimes) },
  documentSymbolWhile10MBCheckMs: stat(busySymbolTimes),
  exportMs: { cold100KB: exportCold, warm100KB: exportWarm, cli100KB: cliExport, server10MB: exportBig.ms, server10MBStatus: exportBig.status },
  preview: { keystroke100KBMs: previewKeystroke, server100KBMs: previewServer, first100KB: previewRuns.first100KB, first10MB: previewRuns.first10MB, activation },
  idleCpuPercent,
  idleSeconds,
  benchSeconds: (Date.now() - started) / 1000,
  // 1-minute load averages: the bench itself keeps about 1-2 runnable; more means other work ran.
  loadAverage: { start: loadAtStart[0], end: loadavg()[0] },
};
results.budgets = budgetsOf(results);
mkdirSync(join(ROOT, "bench"), { recursive: true });
writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
const table = reportTable(results, RULES.map((r) => r.id));
console.log(table);
writeFileSync(join(ROOT, "bench", "results.md"), table + "\n");
