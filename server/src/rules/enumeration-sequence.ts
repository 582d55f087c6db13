// enumeration-sequence: 一是/二是, 一要/二要, 第一/第二, 首先/其次, ①②③, （1）（2） out of sequence.

import type { EnumerationFamily, EnumerationItem } from "../model/document";
import { formatEnumerationNumber, rewriteKeepsEnumeration } from "../model/numbering";
import { defineRule } from "../engine/rule";
import { checkSequence, sequenceMessage } from "./sequence";

export default defineRule({
  id: "enumeration-sequence",
  meta: {
    name: { zh: "列举顺序", en: "enumeration order" },
    description: { zh: "段内列举（一是、二是……）应依次排列", en: "Inline enumerations (一是, 二是 …) run in sequence" },
    severity: "warning",
    fixable: true,
    tags: ["numbering", "enumeration"],
  },
  defaultOptions: {},
  check(model, context) {
    for (const run of model.enumerations) {
      if (run.items.length < 2) continue;
      const next = run.family === "shouxian" ? nextOrderWord : (v: number) => v + 1;
      // Most runs are in sequence: checked without building the values array.
      let ordered = true;
      for (let k = 1; k < run.items.length && ordered; k++) ordered = run.items[k].value === next(run.items[k - 1].value);
      if (ordered) continue;
      const findings = checkSequence(run.items.map((i) => i.value), undefined, next);
      for (const f of findings) {
        const item = run.items[f.index];
        // 最后 may close a list at any point; only words going backwards or repeating are wrong.
        if (run.family === "shouxian" && f.fault === "gap") continue;
        const actual = model.text.slice(item.start, item.end);
        const expected = tokenText(run.family, item, f.expected, model.text);
        const edit = { start: item.numberStart, end: item.numberEnd, newText: formatEnumerationNumber(run.family, f.expected) };
        // ⑳ has no circled successor, 第九十九 none in the 第X form: then report without a fix.
        const line = model.lines[item.line];
        const keeps = rewriteKeepsEnumeration(line.text, item.start - line.start, [{ start: edit.start - line.start, end: edit.end - line.start, newText: edit.newText }], run.family, f.expected);
        context.report({
          start: item.start,
          end: item.end,
          message: sequenceMessage(f.fault, expected, actual, "enumeration"),
          fixes: keeps ? [{ title: { zh: `改为“${expected}”`, en: `Change to "${expected}"` }, edits: [edit], safe: true, preferred: true }] : [],
        });
      }
    }
  },
});

function nextOrderWord(v: number): number {
  return v >= 3 ? 100 : v + 1;
}

function tokenText(family: EnumerationFamily, item: EnumerationItem, value: number, text: string): string {
  return text.slice(item.start, item.numberStart) + formatEnumerationNumber(family, value) + text.slice(item.numberEnd, item.end);
}
