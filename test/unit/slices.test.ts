// Checking in slices (what the server does with big documents): the same findings as one lint()
// call, with the event loop given turns inside the duplicate detector too, and a check abandoned
// half-way (a newer version arrived) leaves nothing behind that changes the next check.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { lintInSlices, type SliceStats } from "../../server/src/engine/slices";
import { RULES } from "../../server/src/rules";
import { FIXTURE_ROOT } from "../support/fixtures";

/** The three corpus documents, four times over: about 2 200 paragraphs, with real repeats. */
function bigDocument(uri: string) {
  const texts = ["plans-2023q2.txt", "plans-2024.txt", "summaries-2023-plans-2024.txt"].map((name) => readFileSync(join(FIXTURE_ROOT, "corpus", name), "utf8"));
  return parseDocument({ text: [...texts, ...texts, ...texts, ...texts].join("\n\n"), uri, version: 1, languageId: "plaintext" });
}

test("a sliced check finds exactly what lint() finds, pausing inside the duplicate detector", async () => {
  const model = bigDocument("file:///big.txt");
  assert.ok(model.paragraphs.length > 2000, `${model.paragraphs.length} paragraphs`);
  const expected = lint(model, RULES);
  assert.ok(expected.some((p) => p.ruleId === "duplicate-paragraph"), "the document repeats paragraphs");
  const stats: SliceStats = { busyMs: 0, yields: 0 };
  // A zero-length slice: a turn of the event loop at every step.
  const sliced = await lintInSlices(model, RULES, {}, {}, { isStale: () => false, sliceMs: 0 }, stats);
  assert.deepEqual(sliced, expected);
  assert.ok(stats.yields > RULES.length, `${stats.yields} turns for ${RULES.length} rules: the duplicate rule gave turns too`);
});

test("two documents checked in slices at once, one abandoned half-way, still get lint()'s findings", async () => {
  const first = bigDocument("file:///first.txt");
  const second = parseDocument({ text: readFileSync(join(FIXTURE_ROOT, "corpus", "summaries-2023-plans-2024.txt"), "utf8").repeat(3), uri: "file:///second.txt", version: 1 });
  const expectedFirst = lint(first, RULES);
  const expectedSecond = lint(second, RULES);
  const stats = (): SliceStats => ({ busyMs: 0, yields: 0 });
  // Abandoned after two turns, while its duplicate detection (the first rule) is under way.
  let turns = 0;
  const abandoned = lintInSlices(first, RULES, {}, {}, { isStale: () => ++turns > 2, sliceMs: 0 }, stats());
  const [a, b, c] = await Promise.all([abandoned, lintInSlices(first, RULES, {}, {}, { isStale: () => false, sliceMs: 0 }, stats()), lintInSlices(second, RULES, {}, {}, { isStale: () => false, sliceMs: 0 }, stats())]);
  assert.equal(a, undefined, "the stale check stops");
  assert.deepEqual(b, expectedFirst);
  assert.deepEqual(c, expectedSecond);
  assert.deepEqual(lint(first, RULES), expectedFirst, "and a later check is unaffected");
});
