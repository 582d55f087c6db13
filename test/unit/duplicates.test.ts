// The duplicate detector as a library: cross-file use, the exact similarity it reports, recall on
// copies with a few characters changed, and nothing reported below the threshold.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../../server/src/model/parse";
import { boundedEditDistance, DuplicateFinder, findDuplicates, paragraphItems, similarityAtLeast, type DuplicateItem } from "../../server/src/rules/duplicates";
import { FIXTURE_ROOT } from "../support/fixtures";
import { seededRandom } from "../support/random";

/** Plain O(n·m) Levenshtein distance: the reference the bounded one must agree with. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const curr = [i];
    for (let j = 1; j <= b.length; j++) curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = curr;
  }
  return prev[b.length];
}

/** Body paragraphs of the real corpus fixtures, normalised, at least 40 characters. */
function corpusParagraphs(): string[] {
  const out: string[] = [];
  for (const name of ["plans-2023q2.txt", "plans-2024.txt", "summaries-2023-plans-2024.txt"]) {
    const model = parseDocument({ text: readFileSync(join(FIXTURE_ROOT, "corpus", name), "utf8") });
    for (const item of paragraphItems(model)) if (item.near !== false && item.text.length >= 40) out.push(item.text);
  }
  return [...new Set(out)];
}

const CHARS = "的一是在不了有和人这中大为上个国以要时来用们生到作地于出分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";

test("bounded edit distance agrees with plain Levenshtein within the bound and refuses beyond it", () => {
  const rand = seededRandom(7);
  const word = (n: number) => Array.from({ length: n }, () => "甲乙丙丁戊"[Math.floor(rand() * 5)]).join("");
  for (let t = 0; t < 400; t++) {
    const a = word(Math.floor(rand() * 30));
    const b = rand() < 0.5 ? word(Math.floor(rand() * 30)) : a.slice(0, Math.floor(rand() * a.length)) + word(3) + a.slice(Math.floor(rand() * a.length));
    const k = Math.floor(rand() * 8);
    const d = levenshtein(a, b);
    assert.equal(boundedEditDistance(a, b, k), d <= k ? d : undefined, `${a} / ${b} / k=${k}`);
  }
});

test("copies of real paragraphs with a few characters changed are found, pointing at the original", () => {
  const originals = corpusParagraphs();
  assert.ok(originals.length > 200, "enough real paragraphs");
  const rand = seededRandom(2024);
  const items: DuplicateItem[] = originals.map((text) => ({ source: 0, text, length: text.length }));
  const expected = new Map<number, number>();
  for (let i = 0; i < originals.length; i += 3) {
    // Scattered substitutions, insertions and deletions: up to 9 % of the characters.
    let text = originals[i];
    const edits = 1 + Math.floor(rand() * text.length * 0.09);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * text.length);
      const ch = CHARS[Math.floor(rand() * CHARS.length)];
      const op = rand();
      text = op < 0.5 ? text.slice(0, at) + ch + text.slice(at + 1) : op < 0.75 ? text.slice(0, at) + ch + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
    if (similarityAtLeast(originals[i], text, 0.9) === undefined) continue;
    items.push({ source: 1, text, length: text.length });
    expected.set(items.length - 1, i);
  }
  const matches = findDuplicates(items);
  const found = new Map(matches.map((m) => [m.item, m]));
  let hits = 0;
  for (const [copy, original] of expected) {
    const m = found.get(copy);
    if (!m) continue;
    hits++;
    assert.equal(m.first, original, "the copy points at its original");
    assert.equal(m.similarity, 1 - levenshtein(items[m.first].text, items[copy].text) / Math.max(items[m.first].text.length, items[copy].text.length), "the reported similarity is exact");
  }
  // MinHash/LSH is probabilistic: nearly all, not necessarily all.
  assert.ok(hits >= expected.size * 0.97, `found ${hits} of ${expected.size} near copies`);
  // Among the real paragraphs themselves only true near repeats (the source site's advert, once
  // with its contact name and once without) may be reported.
  for (const m of matches.filter((x) => x.item < originals.length)) {
    const a = items[m.first].text;
    const b = items[m.item].text;
    assert.ok(1 - levenshtein(a, b) / Math.max(a.length, b.length) >= 0.9, `${a} / ${b}`);
  }
});

test("a pair below the similarity threshold is not reported, one above it is", () => {
  const base = "全面推进基层应急能力建设完善乡镇应急物资储备组织开展地震地质灾害应急演练提升群众自救互救能力"; // 46
  const fiveChanged = "全面推进基层消防能力建设完善乡镇消防物资储备组织开展火灾应急演练提升群众自救互救能力"; // well below 90 %
  const oneChanged = base.replace("地震", "洪涝");
  const item = (text: string): DuplicateItem => ({ source: 0, text, length: text.length });
  assert.deepEqual(findDuplicates([item(base), item(fiveChanged)]), []);
  const m = findDuplicates([item(base), item(oneChanged)]);
  assert.equal(m.length, 1);
  assert.equal(m[0].exact, false);
  // similarity 1 asks for exact repeats only.
  assert.deepEqual(findDuplicates([item(base), item(oneChanged)], { similarity: 1 }), []);
});

test("findDuplicates compares paragraphs across files (sources) and respects minLength", () => {
  const a = parseDocument({ text: "甲局2024年工作计划\n\n一、工作目标\n深入学习贯彻党的二十大精神，坚持稳中求进工作总基调，推动各项工作取得新成效。\n加强组织领导。\n", uri: "file:///a.txt" });
  const b = parseDocument({ text: "乙局2024年工作计划\n\n一、工作目标\n加强组织领导。\n深入学习贯彻党的二十大精神，坚持稳中求进工作总基调，推动各项工作取得新成效！\n", uri: "file:///b.txt" });
  const itemsA = paragraphItems(a, 0);
  const itemsB = paragraphItems(b, 1);
  const all = [...itemsA, ...itemsB];
  const matches = findDuplicates(all);
  assert.equal(matches.length, 1, "only the long paragraph; the short line and the same heading are legitimate");
  const m = matches[0];
  assert.equal(all[m.item].source, 1);
  assert.equal(all[m.first].source, 0);
  assert.equal(m.exact, true, "punctuation does not count");
  assert.equal(b.paragraphs[m.item - itemsA.length].startLine, 4);
  assert.equal(a.paragraphs[m.first].startLine, 3);
  // With a minimum above the paragraph's length nothing is compared.
  assert.deepEqual(findDuplicates(all, { minLength: 100 }), []);
  // Nonsense options fall back to the defaults instead of breaking the search.
  assert.equal(findDuplicates(all, { minLength: -3, similarity: 7 }).length, 1);
});

test("a finder run in steps, interleaved with another document's finder, finds what findDuplicates finds", () => {
  const originals = corpusParagraphs();
  const rand = seededRandom(99);
  // Two documents made of real paragraphs, with exact and near copies of their own paragraphs.
  const documentOf = (count: number): DuplicateItem[] => {
    const items: DuplicateItem[] = [];
    for (let i = 0; i < count; i++) {
      const r = rand();
      let text = originals[Math.floor(rand() * originals.length)];
      if (r < 0.15 && items.length > 0) text = items[Math.floor(rand() * items.length)].text;
      else if (r < 0.3 && items.length > 0) {
        const chars = [...items[Math.floor(rand() * items.length)].text];
        chars[Math.floor(rand() * chars.length)] = CHARS[Math.floor(rand() * CHARS.length)];
        text = chars.join("");
      }
      items.push({ source: 0, text, length: text.length });
    }
    return items;
  };
  const first = documentOf(300);
  const second = documentOf(200);
  const expectedFirst = findDuplicates(first);
  const expectedSecond = findDuplicates(second);
  assert.ok(expectedFirst.some((m) => !m.exact) && expectedFirst.some((m) => m.exact), "the document has exact and near copies");

  // One at a time, in small steps.
  const alone = new DuplicateFinder(first);
  let steps = 0;
  while (!alone.step(7)) steps++;
  assert.ok(steps > 10, "the work was split into steps");
  assert.deepEqual(alone.matches, expectedFirst);

  // Both at once (a server checking two big documents): the shared tables are taken over by the
  // second finder, and the first must still end with its own right answer.
  const a = new DuplicateFinder(first);
  const b = new DuplicateFinder(second);
  let aDone = false;
  let bDone = false;
  while (!aDone || !bDone) {
    if (!aDone) aDone = a.step(11);
    if (!bDone) bDone = b.step(5);
  }
  assert.deepEqual(a.matches, expectedFirst);
  assert.deepEqual(b.matches, expectedSecond);
});
