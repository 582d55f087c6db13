// The benchmark's page-preview part. Typing: one-character edits in the 100 KB document, each
// followed by the request the preview makes after its 30 ms pause (the pages in view, with the
// keys it holds), timed to the answer; the first preview of the 100 KB and 10 MB documents; the
// server's memory after the 10 MB preview. Activation: loading dist/extension.js (with a stand-in
// for the vscode module) as it is, with the preview loaded on first use, against the same entry
// with the preview bundled in.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prng } from "./bench-docs.mjs";
import { lineStarts, positionOf } from "./lsp-messages.mjs";

/** The client's pause after the last keystroke (client/src/preview/index.ts EDIT_DELAY_MS). */
export const PREVIEW_DELAY_MS = 30;

/** `doc100`: { uri, text, version } open in `client`'s server; `doc10MB` likewise. */
export async function benchPreview(client, { root, doc100, doc10MB, seed, edits = 40 }) {
  const request = (uri, from, to, known) => client.request("gongwen/previewPages", { uri, from, to, known });
  // First preview: every page laid out, three drawn.
  const first100 = await request(doc100.uri, 1, 3, {});
  let pages = first100.result.pages;
  const rand = prng(seed);
  const roundTrip = [];
  const server = [];
  const htmlBytes = [];
  let text = doc100.text;
  let version = doc100.version;
  for (let k = 0; k < edits; k++) {
    const offset = Math.floor(rand() * text.length);
    const at = positionOf(lineStarts(text), offset);
    text = text.slice(0, offset) + "的" + text.slice(offset);
    version++;
    client.notify("textDocument/didChange", { textDocument: { uri: doc100.uri, version }, contentChanges: [{ range: { start: at, end: at }, text: "的" }] });
    // The writer looks at the page being edited: it and the next two are in view.
    let page = 1;
    for (const p of pages) if (p.line >= 0 && p.line <= at.line) page = p.number;
    const known = Object.fromEntries(pages.slice(page - 1, page + 2).map((p) => [p.number, p.key]));
    const r = await request(doc100.uri, page, page + 2, known);
    if (r.result.version !== version) throw new Error(`preview answered version ${r.result.version}, expected ${version}`);
    pages = r.result.pages;
    roundTrip.push(r.ms);
    server.push(r.result.ms);
    htmlBytes.push(r.result.html.reduce((n, h) => n + h.html.length, 0));
  }
  doc100.text = text;
  doc100.version = version;
  const first10MB = await request(doc10MB.uri, 1, 3, {});
  const memory = client.status();
  return {
    first100KB: { ms: first100.ms, serverMs: first100.result.ms, pages: first100.result.pages.length },
    keystroke100KB: { roundTripMs: roundTrip, serverMs: server, htmlBytes, delayMs: PREVIEW_DELAY_MS },
    first10MB: { ms: first10MB.ms, serverMs: first10MB.result.ms, pages: first10MB.result.pages.length, rssMB: memory.rssMB, peakRssMB: memory.peakRssMB },
    activation: await benchActivation(root),
  };
}

/** Milliseconds to load a bundle that imports `vscode`, in a fresh node, median of `runs`. */
function loadTime(file, runs = 9) {
  const probe = `
const Module = require("module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest); };
const stub = new Proxy(function () {}, { get: () => stub, apply: () => stub, construct: () => stub });
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: stub };
const t = process.hrtime.bigint();
require(${JSON.stringify(file)});
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const times = [];
  for (let k = 0; k < runs; k++) {
    const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`loading ${file} failed: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  times.sort((a, b) => a - b);
  return times[(runs - 1) >> 1];
}

async function benchActivation(root) {
  const dir = join(root, "out", "bench", "activation");
  mkdirSync(dir, { recursive: true });
  // The same entry with the preview bundled in, as it would be without lazy loading.
  const eager = join(dir, "extension-with-preview.js");
  // As scripts/build.mjs builds it (minified, names kept), without the plugin that keeps the preview out.
  await build({ entryPoints: [join(root, "client", "src", "extension.ts")], outfile: eager, bundle: true, platform: "node", target: "node20", format: "cjs", minify: true, keepNames: true, external: ["vscode"], logLevel: "warning" });
  const lazy = join(root, "dist", "extension.js");
  const preview = join(root, "dist", "preview.js");
  const result = {
    extensionKB: statSync(lazy).size / 1024,
    extensionLoadMs: loadTime(lazy),
    eagerKB: statSync(eager).size / 1024,
    eagerLoadMs: loadTime(eager),
    previewKB: statSync(preview).size / 1024,
    previewLoadMs: loadTime(preview),
  };
  writeFileSync(join(dir, "result.json"), JSON.stringify(result, null, 2));
  return result;
}
