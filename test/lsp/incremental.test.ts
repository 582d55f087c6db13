// Long runs of incremental edits through the protocol: the outline, the folding ranges and the
// diagnostics the server keeps answering must equal those of a fresh open of the same text, so
// neither the per-line cache, the sliced checking of big documents nor the dropping of stale
// versions can leave anything behind.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LspClient } from "../support/lsp-client";
import { REPO_ROOT } from "../support/fixtures";
import { seededRandom } from "../support/random";

type Position = { line: number; character: number };

const CORPUS = join(REPO_ROOT, "test", "fixtures", "corpus");
const SMALL = readFileSync(join(CORPUS, "plans-2024.txt"), "utf8");
// Over 100 000 characters, so the server checks it in slices between other requests.
const BIG = [readFileSync(join(CORPUS, "summaries-2023-plans-2024.txt"), "utf8"), SMALL, readFileSync(join(CORPUS, "plans-2023q2.txt"), "utf8")].join("\n\n").repeat(2);

/** Edits that change structure as well as text: new headings, joined and split lines, deletions. */
const INSERTS = ["\n一、", "\n（二）", "\n3.", "\n", "一是", "二是", "的", "。", "XX", "\n\n区统计局2025年工作计划\n\n", "（", "1"];

function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

let client: LspClient;
before(async () => {
  client = new LspClient();
  client.settings = { debounceMs: 0 };
  await client.initialize({ locale: "zh-cn" });
});
after(async () => {
  await client.shutdown();
});

async function outlineOf(uri: string): Promise<{ symbols: unknown; folding: unknown }> {
  const symbols = await client.request("textDocument/documentSymbol", { textDocument: { uri } });
  const folding = await client.request("textDocument/foldingRange", { textDocument: { uri } });
  return { symbols, folding };
}

async function editAndCompare(name: string, original: string, edits: number, seed: number): Promise<void> {
  const uri = `file:///incremental/${name}.txt`;
  client.open(uri, original, "plaintext", 1);
  await client.diagnostics(uri, (p) => p.version === 1, 30000);
  const rand = seededRandom(seed);
  let text = original;
  let version = 1;
  for (let k = 0; k < edits; k++) {
    const offset = Math.floor(rand() * text.length);
    const remove = rand() < 0.35 ? Math.min(1 + Math.floor(rand() * 3), text.length - offset) : 0;
    const insert = remove > 0 && rand() < 0.5 ? "" : INSERTS[Math.floor(rand() * INSERTS.length)];
    const range = { start: positionOf(text, offset), end: positionOf(text, offset + remove) };
    // No edit may split a CRLF or a surrogate pair: the corpus has neither, so any offset will do.
    text = text.slice(0, offset) + insert + text.slice(offset + remove);
    version++;
    client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
    // Ask for the outline now and then while checks are still running.
    if (k % 25 === 0) await outlineOf(uri);
  }
  const last = await client.diagnostics(uri, (p) => p.version === version, 30000);
  const edited = await outlineOf(uri);

  const freshUri = `file:///incremental/${name}-fresh.txt`;
  client.open(freshUri, text, "plaintext", 1);
  const fresh = await client.diagnostics(freshUri, (p) => p.version === 1, 30000);
  const reference = await outlineOf(freshUri);

  assert.ok(Array.isArray(reference.symbols) && reference.symbols.length > 0, "the edited text still has an outline");
  assert.deepEqual(edited.symbols, reference.symbols, "outline after incremental edits equals a fresh parse");
  assert.deepEqual(edited.folding, reference.folding, "folding after incremental edits equals a fresh parse");
  const strip = (d: typeof last.diagnostics) => d.map((x) => ({ range: x.range, code: x.code, message: x.message }));
  assert.deepEqual(strip(last.diagnostics), strip(fresh.diagnostics), "diagnostics of the last version equal a fresh check");
  // Only the newest version is ever published after the edits settle.
  const published = client.published.filter((p) => p.uri === uri);
  assert.equal(published[published.length - 1].version, version);
}

test("outline, folding and diagnostics after 300 incremental edits equal a fresh parse (small document)", async () => {
  await editAndCompare("small", SMALL, 300, 11);
});

test("outline, folding and diagnostics after 150 incremental edits equal a fresh parse (document checked in slices)", async () => {
  assert.ok(BIG.length > 100_000);
  await editAndCompare("big", BIG, 150, 23);
});
