// numbering-sequence: gaps, repeats, out-of-order numbers and bad starts among sibling headings.

import type { DocumentModel, Heading } from "../model/document";
import { formatMarker, formatMarkerNumber, rewriteKeepsMarker } from "../model/numbering";
import { defineRule, type Fix, type TextEdit } from "../engine/rule";
import { checkSequence, sequenceMessage } from "./sequence";
import { headingRuns, type HeadingRun } from "./heading-runs";

export default defineRule({
  id: "numbering-sequence",
  meta: {
    description: { zh: "同级标题序号应连续：不跳号、不重号、不颠倒，从头开始", en: "Sibling heading numbers run in sequence: no gaps, repeats or reversals, starting at one" },
    severity: "warning",
    fixable: true,
    tags: ["numbering"],
  },
  defaultOptions: {},
  check(model, context) {
    for (const run of headingRuns(model)) {
      const values = run.items.map((h) => h.value);
      const findings = checkSequence(values, run.continuesFrom === undefined ? 1 : run.continuesFrom + 1);
      if (findings.length === 0) continue;
      const renumber = renumberRunEdits(run, model);
      for (const f of findings) {
        const h = run.items[f.index];
        const edit = numberEdit(h, f.expected, model);
        const fixes: Fix[] = [];
        if (edit) {
          fixes.push({
            title: { zh: `将序号改为“${display(h, f.expected, model)}”`, en: `Change the number to "${display(h, f.expected, model)}"` },
            edits: [edit],
            safe: true,
            preferred: true,
          });
        }
        if (renumber.length > 1) {
          fixes.push({ title: { zh: "重新编号本组同级标题", en: "Renumber these sibling headings" }, edits: renumber, safe: false });
        }
        context.report({
          start: h.marker.start,
          end: h.marker.end,
          message: sequenceMessage(f.fault, display(h, f.expected, model), model.text.slice(h.marker.start, h.marker.end)),
          fixes,
        });
      }
    }
  },
});

function display(h: Heading, value: number, model: DocumentModel): string {
  const digits = /^\d+$/.test(model.text.slice(h.marker.numberStart, h.marker.numberEnd));
  return formatMarker(h.family, value, h.marker.open, h.marker.close, digits);
}

/** The edit writing `value` into the heading's number; undefined when the result would no longer read as that heading. */
function numberEdit(h: Heading, value: number, model: DocumentModel): TextEdit | undefined {
  const current = model.text.slice(h.marker.numberStart, h.marker.numberEnd);
  const digits = /^\d+$/.test(current);
  const edit = { start: h.marker.numberStart, end: h.marker.numberEnd, newText: formatMarkerNumber(h.family, value, digits) };
  const line = model.lines[h.line];
  const relative = { start: edit.start - line.start, end: edit.end - line.start, newText: edit.newText };
  return rewriteKeepsMarker(line.text, h.marker.start - line.start, [relative], h.family, value) ? edit : undefined;
}

function renumberRunEdits(run: HeadingRun, model: DocumentModel): TextEdit[] {
  const edits: TextEdit[] = [];
  let value = run.continuesFrom === undefined ? 1 : run.continuesFrom + 1;
  for (const h of run.items) {
    const edit = h.value !== value ? numberEdit(h, value, model) : undefined;
    if (edit) edits.push(edit);
    value++;
  }
  return edits;
}

/** Edits that renumber every heading of the text in sequence (the "renumber document" command). */
export function renumberDocumentEdits(model: DocumentModel): TextEdit[] {
  const edits: TextEdit[] = [];
  // Runs are re-based on the renumbered end of the run they continue.
  const renumberedLast = new Map<HeadingRun, number>();
  for (const run of headingRuns(model)) {
    let value = 1;
    if (run.continues) value = (renumberedLast.get(run.continues) ?? run.continuesFrom ?? 0) + 1;
    for (const h of run.items) {
      const edit = h.value !== value ? numberEdit(h, value, model) : undefined;
      if (edit) edits.push(edit);
      value++;
    }
    renumberedLast.set(run, value - 1);
  }
  return edits.sort((a, b) => a.start - b.start);
}
