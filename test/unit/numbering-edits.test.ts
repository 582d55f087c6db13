// The edits that leave numbering mistakes in real documents, made on every run of the corpus
// documents: a section deleted, a number changed by hand to the one before, both (the last item
// renumbered after a deletion), two neighbours swapped, the last item renumbered to one. The
// check must report the edited lines and nothing else.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentModel, Heading } from "../../server/src/model/document";
import { formatMarkerNumber } from "../../server/src/model/numbering";
import { parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { headingRuns } from "../../server/src/rules/heading-runs";
import numberingSequence from "../../server/src/rules/numbering-sequence";
import { FIXTURE_ROOT } from "../support/fixtures";

const CORPUS = join(FIXTURE_ROOT, "corpus");

interface Edited {
  kind: string;
  lines: string[];
  /** Lines (0-based, in the edited text) where the edit left a mistake. */
  wrong: number[];
}

function setNumber(model: DocumentModel, lines: string[], h: Heading, value: number): void {
  const line = model.lines[h.line];
  const digits = /^\d+$/.test(model.text.slice(h.marker.numberStart, h.marker.numberEnd));
  const s = h.marker.numberStart - line.start;
  const e = h.marker.numberEnd - line.start;
  lines[h.line] = lines[h.line].slice(0, s) + formatMarkerNumber(h.family, value, digits) + lines[h.line].slice(e);
}

/** Every edit on every clean run of three or more headings of one document's text. */
function edits(text: string): Edited[] {
  const model = parseDocument({ text, languageId: "plaintext" });
  const lines = text.split("\n");
  const out: Edited[] = [];
  for (const run of headingRuns(model)) {
    const it = run.items;
    if (it.length < 3 || run.continues !== undefined || it.some((h, i) => h.value !== i + 1)) continue;
    const last = it[it.length - 1];
    const toOne = lines.slice();
    setNumber(model, toOne, last, 1);
    out.push({ kind: "last renumbered to one", lines: toOne, wrong: [last.line] });
    for (let k = 1; k < it.length; k++) {
      const repeat = lines.slice();
      setNumber(model, repeat, it[k], it[k - 1].value);
      out.push({ kind: "repeat", lines: repeat, wrong: [it[k].line] });
      const swap = lines.slice();
      setNumber(model, swap, it[k], it[k - 1].value);
      setNumber(model, swap, it[k - 1], it[k].value);
      out.push({ kind: "swap", lines: swap, wrong: [it[k - 1].line, it[k].line] });
      if (k === it.length - 1) continue;
      // The section of item k goes, up to the next item of the run.
      const removed = it[k + 1].line - it[k].line;
      const deleted = lines.slice();
      deleted.splice(it[k].line, removed);
      out.push({ kind: "deleted section", lines: deleted, wrong: [it[k + 1].line - removed] });
      if (k + 1 === it.length - 1) continue;
      const both = lines.slice();
      setNumber(model, both, last, it[it.length - 2].value);
      both.splice(it[k].line, removed);
      out.push({ kind: "deleted section, last renumbered by hand", lines: both, wrong: [it[k + 1].line - removed, last.line - removed] });
    }
  }
  return out;
}

test("edits on real documents: the edited lines are reported, and nothing else", () => {
  const tally = new Map<string, { edits: number; found: number; missed: number; extra: number }>();
  const misses: string[] = [];
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".txt") && !f.endsWith(".fixed.txt"))) {
    const whole = parseDocument({ text: readFileSync(join(CORPUS, file), "utf8"), languageId: "plaintext" });
    // Each document of a compilation on its own: the edits stay inside it, the parse stays small.
    for (const doc of whole.documents) {
      const text = whole.lines.slice(doc.startLine, doc.endLine + 1).map((l) => l.text).join("\n");
      for (const e of edits(text)) {
        const model = parseDocument({ text: e.lines.join("\n"), languageId: "plaintext" });
        const lines = new Set(lint(model, [numberingSequence]).map((p) => model.lines.findIndex((l) => l.start <= p.start && p.start <= l.end)));
        const t = tally.get(e.kind) ?? { edits: 0, found: 0, missed: 0, extra: 0 };
        tally.set(e.kind, t);
        t.edits++;
        for (const w of e.wrong) if (lines.has(w)) t.found++; else t.missed++;
        for (const l of lines) if (!e.wrong.includes(l)) t.extra++;
        if (e.wrong.some((w) => !lines.has(w)) || [...lines].some((l) => !e.wrong.includes(l))) misses.push(`${file} ${doc.title}: ${e.kind} at ${e.wrong.map((w) => doc.startLine + w + 1).join(", ")}`);
      }
    }
  }
  let found = 0;
  let missed = 0;
  let extra = 0;
  for (const [kind, t] of tally) {
    assert.ok(t.edits >= 10, `${kind}: the corpus gives enough cases (${t.edits})`);
    found += t.found;
    missed += t.missed;
    extra += t.extra;
  }
  // Known (3 of nearly 800 edits): a swap inside the same-style item list under "1.大气环境质量"
  // unmakes that list; "（二）（一）" under 四、 reads as carrying on the lone "（一）" under 三、;
  // a line "九是按照《……的通知》" cut mid-sentence is taken for a title once 一、 follows it.
  assert.ok(misses.length <= 3, `edits read wrongly:\n${misses.join("\n")}`);
  const precision = found / (found + extra);
  const recall = found / (found + missed);
  assert.ok(precision >= 0.99 && recall >= 0.99, `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}: ${JSON.stringify([...tally])}`);
});
