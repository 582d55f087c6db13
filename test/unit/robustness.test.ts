// Property-based robustness: any text parses and lints without a throw, every range sits on a
// UTF-16 boundary inside the document, findings are deterministic, and fixes rewrite markers only.
// Fixed seed and bounded runs here; `npm run fuzz` runs the same properties for minutes.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { LineFactsCache } from "../../server/src/model/parse";
import { formatChineseNumber } from "../../server/src/model/text";
import { applyEdits, diffEdits } from "../../server/src/engine/fixes";
import { anyDocumentArb, datedDocumentArb, documentArb, HOSTILE, outlineDocumentArb } from "../support/generators";
import { checkDocument, checkModel, checkProblems, isBoundary, lintAll, parse } from "../support/properties";

const SEED = 20240115;
/** A safety net only: the run counts below finish well inside it on two cores. */
const TIME_LIMIT_MS = 20_000;
const settings = { seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false };

test("random documents: no throw, ranges on boundaries, deterministic, fixes touch markers only", () => {
  const warmed = new LineFactsCache(5_000);
  fc.assert(
    fc.property(anyDocumentArb, fc.array(fc.tuple(fc.integer({ min: -2, max: 60 }), fc.integer({ min: -2, max: 200 })), { maxLength: 4 }), (doc, positions) => {
      checkDocument(doc, warmed, positions);
    }),
    { ...settings, numRuns: 400 },
  );
});

test("outline documents with slips: fix-all is idempotent and leaves no fixable finding", () => {
  const warmed = new LineFactsCache();
  fc.assert(
    fc.property(outlineDocumentArb, fc.constantFrom("plaintext", "markdown"), (text, languageId) => {
      checkDocument({ text, languageId }, warmed);
    }),
    { ...settings, numRuns: 250 },
  );
});

test("documents with dates: fix-all rewrites only the dates and numbers it flags, and is idempotent", () => {
  const warmed = new LineFactsCache();
  fc.assert(
    fc.property(datedDocumentArb, fc.constantFrom("plaintext", "markdown"), (text, languageId) => {
      checkDocument({ text, languageId }, warmed);
    }),
    { ...settings, numRuns: 250 },
  );
  // Guards the generator: a property over documents without date fixes proves nothing.
  const samples = fc.sample(datedDocumentArb, { seed: SEED, numRuns: 100 });
  const fixed = samples.filter((text) => lintAll(parse({ text, languageId: "plaintext" })).some((p) => (p.ruleId === "date-format" || p.ruleId === "doc-number-format") && p.fixes.some((f) => f.safe)));
  assert.ok(fixed.length >= 30, `dated documents carry fixable date findings (${fixed.length}/100)`);
});

test("every line-ending mix and hostile character, one per line and glued together", () => {
  const warmed = new LineFactsCache();
  const breaks = ["\n", "\r\n", "\r", "\n\r", "\r\r\n", ""];
  for (const ch of HOSTILE) {
    for (const br of breaks) {
      const text = `\uFEFF区统计局2024年工作计划${br}一、${ch}总体要求${br}（一）${ch}${br}${ch}二是加强${br}三、${ch}XX县${ch}${br}${ch}`;
      for (const languageId of ["plaintext", "markdown"]) checkDocument({ text, languageId }, warmed, [[1, 0], [2, 1], [5, 3]]);
    }
  }
});

test("edge documents: empty, only breaks, only a BOM, lone surrogates at every end", () => {
  const warmed = new LineFactsCache();
  const texts = ["", "\n", "\r", "\r\n", "\uFEFF", "\uFEFF\n", "\uD800", "\uDC00", "一、\uD800", "\uDC00一、", "1.\u0000", "\u0000\u0000", "#", "# ", "（", "第", "①", "\n\n\n\r\r\r\r\n"];
  for (const text of texts) for (const languageId of ["plaintext", "markdown", "gongwen"]) checkDocument({ text, languageId }, warmed, [[0, 0], [0, 5], [9, 9]]);
});

test("a 5 MB single line parses and lints without a throw", () => {
  const unit = "一是加强XX县20__年工作𠀀😀（1）①第一，首先，1.5亿元，统一是，";
  const text = "一、" + unit.repeat(Math.ceil(5_000_000 / unit.length));
  assert.ok(text.length >= 5_000_000);
  const model = parse({ text, languageId: "plaintext" });
  checkModel(model);
  checkProblems(model, lintAll(model));
});

test("100 000 headings parse and lint without a throw, ranges in bounds", () => {
  // 100 top-level headings, each over 999 numbered items; a few planted gaps and style slips.
  const lines: string[] = ["区统计局2024年工作计划"];
  for (let top = 1; top <= 100; top++) {
    lines.push(`${top === 50 ? "五十一" : formatChineseNumber(top)}、重点工作`);
    for (let i = 1; i <= 999; i++) lines.push(`${i === 500 ? 501 : i}${i === 7 ? "、" : "."}加强管理工作。`);
  }
  const model = parse({ text: lines.join("\n"), languageId: "plaintext" });
  assert.equal(model.headings.length, 100_000);
  checkModel(model);
  const problems = lintAll(model);
  assert.ok(problems.some((p) => p.ruleId === "numbering-sequence"), "the planted gaps are found");
  checkProblems(model, problems);
});

test("diffEdits reproduces any target text and never splits a surrogate pair", () => {
  const textArb = fc.string({ unit: fc.constantFrom("一", "二", "𠀀", "😀", "\uD800", "\uDC00", "a", "\n", "\r", "、"), maxLength: 30 });
  fc.assert(
    fc.property(textArb, textArb, (before, after) => {
      const edits = diffEdits(before, after);
      assert.equal(applyEdits(before, edits), after);
      for (const e of edits) assert.ok(isBoundary(before, e.start) && isBoundary(before, e.end), `edit ${e.start}-${e.end} of ${JSON.stringify(before)}`);
    }),
    { ...settings, numRuns: 2000 },
  );
});

test("a fix next to an astral character keeps it whole (街霸 stays 街霸)", () => {
  const text = "区统计局2024年工作计划\n一、街霸𠀀\n三、😀街霸\n五、𠀀";
  const model = parse({ text, languageId: "plaintext" });
  const problems = lintAll(model);
  checkProblems(model, problems);
  assert.ok(problems.length >= 1, "the gaps are found");
  const fixed = checkDocument({ text, languageId: "plaintext" }, new LineFactsCache());
  assert.ok(fixed >= 1);
});

test("the generator produces the shapes it promises", () => {
  // Guards the generator itself: a property over documents that never contain headings proves nothing.
  const samples = fc.sample(documentArb, { seed: SEED, numRuns: 200 });
  const models = samples.map((text) => parse({ text, languageId: "plaintext" }));
  assert.ok(models.some((m) => m.headings.length >= 3), "some documents have headings");
  assert.ok(models.some((m) => m.enumerations.length >= 1), "some documents have enumerations");
  assert.ok(samples.some((t) => t.includes("\r\n")) && samples.some((t) => /\r(?!\n)/.test(t)), "line-ending mixes occur");
  assert.ok(samples.some((t) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(t)), "lone surrogates occur");
  const outlines = fc.sample(outlineDocumentArb, { seed: SEED, numRuns: 100 });
  const withFindings = outlines.filter((text) => lintAll(parse({ text, languageId: "plaintext" })).some((p) => p.fixes.some((f) => f.safe)));
  assert.ok(withFindings.length >= 20, `outline documents carry fixable findings (${withFindings.length}/100)`);
  // The punctuation and spacing rules' fixes are exercised too (fix-all changes their characters only).
  const fixed = new Map<string, number>();
  for (const text of [...samples, ...outlines]) {
    for (const p of lintAll(parse({ text, languageId: "plaintext" }))) if (p.fixes.some((f) => f.safe)) fixed.set(p.ruleId, (fixed.get(p.ruleId) ?? 0) + 1);
  }
  for (const id of ["punctuation-width", "stray-space", "marker-punctuation", "list-separator"]) assert.ok((fixed.get(id) ?? 0) >= 5, `${id} has safe fixes in the samples (${fixed.get(id) ?? 0})`);
});
