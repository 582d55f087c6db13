// What the rules keep between checks must not keep the models of earlier versions. A model held
// past the next version is copied by each young-generation collection and then promoted: with
// per-model caches in WeakMaps, every version since the last full collection stayed, and the
// young collections on a 10 KB document took ~3 ms instead of under 1 (the tail of keystroke →
// diagnostics, docs/benchmark.md). Young collections only here: a full one would hide it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { getHeapSpaceStatistics } from "node:v8";
import { parseDocument, LineFactsCache } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { clearMemos, forgetDocumentMemos, perModel } from "../../server/src/engine/memo";
import { RULES } from "../../server/src/rules";
import { FIXTURE_ROOT } from "../support/fixtures";

type Collect = (options?: { type: "minor" | "major" }) => void;

const CHILD = "GONGWEN_RETENTION_CHILD";

/** Bytes in the young generation: after a young collection, what survived it. */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_used_size;
}

/**
 * Run in a child Node whose young generation is big enough that no collection happens on its
 * own: the collections are the test's. Measures what survives a young collection after one
 * check, then after ten more checks of later versions. (WeakRefs cannot tell: young
 * collections keep their targets too.) Prints both.
 */
async function retentionScenario(): Promise<void> {
  const gc = (globalThis as { gc?: Collect }).gc!;
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const text = readFileSync(join(FIXTURE_ROOT, "corpus", "plans-2024.txt"), "utf8").slice(0, 12_000);
  const uri = "file:///retention.txt";
  const cache = new LineFactsCache();
  // A version as a keystroke makes it: one character more, checked by every rule.
  const check = (version: number) => {
    const at = (version * 997) % text.length;
    lint(parseDocument({ text: text.slice(0, at) + "的" + text.slice(at), uri, version, languageId: "plaintext" }, cache), RULES);
  };
  check(1);
  await turn();
  // Twice: whatever the first check left is promoted out of the way.
  gc({ type: "minor" });
  gc({ type: "minor" });
  check(2);
  await turn();
  gc({ type: "minor" });
  const afterOne = youngBytes();
  gc({ type: "minor" });
  for (let version = 3; version <= 12; version++) check(version);
  await turn();
  gc({ type: "minor" });
  process.stdout.write(JSON.stringify({ afterOne, afterTen: youngBytes() }));
  forgetDocumentMemos(uri);
}

if (process.env[CHILD] === "1") {
  void retentionScenario();
} else {
  test("ten edits later, a young collection keeps about one version's model and state, not ten", () => {
    const out = execFileSync(process.execPath, ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64", __filename], { env: { ...process.env, [CHILD]: "1" }, encoding: "utf8" });
    const { afterOne, afterTen } = JSON.parse(out) as { afterOne: number; afterTen: number };
    // One version's model and the rules' state for it: ~70 KB; ten versions later about twice
    // that (the line caches keep two generations). With the models kept it was 8 times.
    assert.ok(afterOne > 10_000, `a check leaves its model alive (${afterOne} bytes)`);
    assert.ok(afterTen < 3 * afterOne, `after ten versions ${(afterTen / 1024).toFixed(0)} KB survive a young collection, after one ${(afterOne / 1024).toFixed(0)} KB`);
  });
}

if (process.env[CHILD] !== "1") test("a per-model value is computed once per model, again for another, and dropped on clearing or closing", () => {
  let computed = 0;
  const valueOf = perModel((model: { uri: string }) => ({ n: ++computed, uri: model.uri }));
  const a = { uri: "file:///a.txt" };
  const b = { uri: "file:///b.txt" };
  assert.equal(valueOf(a).n, 1);
  assert.equal(valueOf(a).n, 1, "the same model: the same value");
  assert.equal(valueOf(b).n, 2, "another model: computed for it");
  assert.equal(valueOf(a).n, 3, "only the last model is kept");
  clearMemos();
  assert.equal(valueOf(a).n, 4, "cleared memos: computed again");
  forgetDocumentMemos("file:///a.txt");
  assert.equal(valueOf(a).n, 5, "its document closed: computed again");
  forgetDocumentMemos("file:///other.txt");
  assert.equal(valueOf(a).n, 5, "another document closed: kept");
});
