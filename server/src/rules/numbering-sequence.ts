// numbering-sequence: gaps, repeats, out-of-order numbers and bad starts among sibling headings.

import type { AttachmentNote, DocumentModel, Heading } from "../model/document";
import { formatMarker, formatMarkerNumber, rewriteKeepsMarker } from "../model/numbering";
import { defineRule, type Fix, type RuleContext, type TextEdit } from "../engine/rule";
import { planSequence, sequenceMessage, type SequenceFinding } from "./sequence";
import { isCjkCode } from "../model/text";
import { headingRuns, type HeadingRun } from "./heading-runs";

export default defineRule({
  id: "numbering-sequence",
  meta: {
    name: { zh: "序号不连续", en: "heading number out of sequence" },
    description: { zh: "同级标题序号应连续：不跳号、不重号、不颠倒，从头开始", en: "Sibling heading numbers run in sequence: no gaps, repeats or reversals, starting at one" },
    severity: "warning",
    fixable: true,
    tags: ["numbering"],
  },
  defaultOptions: {},
  check(model, context) {
    for (const items of headingChains(model)) {
      if (inSequence(items) || isMarkdownLazyList(model, items)) continue;
      const findings = planSequence(items.map((h) => h.value), 1);
      if (findings.length === 0) continue;
      // Fix-all renumbers the whole chain (the run and the runs that carry on its numbers) in
      // one go, so no pass leaves a half-renumbered list for the next to misread; never where
      // the run may start a new list.
      const uncertain = findings.some((f) => f.fault === "start" || f.fault === "restart");
      const renumber = renumberEdits(items, model);
      for (const f of findings) {
        const h = items[f.index];
        const glued = f.fault === "gap" || f.fault === "start" ? findRunIn(model, items, f, h) : undefined;
        if (glued !== undefined) {
          const marker = display(h, f.expected, model);
          context.report({
            start: glued,
            end: glued + marker.length,
            message: { zh: `序号“${marker}”没有另起一行`, en: `"${marker}" is run into the preceding text: start it on a new line` },
          });
          continue;
        }
        const fixes: Fix[] = [];
        const edit = numberEdit(h, f.expected, model);
        if (edit) {
          fixes.push({
            title: { zh: `将序号改为“${display(h, f.expected, model)}”`, en: `Change the number to "${display(h, f.expected, model)}"` },
            edits: [edit],
            safe: false,
            preferred: true,
          });
        }
        // The run's renumbering rides on its first finding only: one copy per run, not one
        // per finding (a run of thousands of wrong numbers would carry it thousands of times).
        // Safe, it is what fix-all applies even when it is one edit; where the run may start a
        // new list it is only offered, and only when it does more than the number's own fix.
        if (f === findings[0] && renumber.length > (uncertain ? 1 : 0)) {
          fixes.push({ title: { zh: "重新编号本组同级标题", en: "Renumber these sibling headings" }, edits: renumber, safe: !uncertain });
        }
        const previous = f.index > 0 ? items[f.index - 1] : undefined;
        context.report({
          start: h.marker.start,
          end: h.marker.end,
          message:
            f.fault === "restart" && previous
              ? {
                  zh: `序号重新开始：前一项为“${markerText(previous, model)}”，此处为“${markerText(h, model)}”`,
                  en: `Numbering starts again: the previous item is "${markerText(previous, model)}", this one is "${markerText(h, model)}"`,
                }
              : sequenceMessage(f.fault, display(h, f.expected, model), markerText(h, model)),
          fixes,
        });
      }
    }
    for (const doc of model.documents) if (doc.elements.attachments) checkAttachmentNumbers(model, doc.elements.attachments, context);
  },
});

/**
 * The numbered items of an 附件说明 ("附件：1.…" then "2.…"): not headings, but numbered from
 * one in sequence all the same (GB/T 9704-2012 7.3.4).
 */
function checkAttachmentNumbers(model: DocumentModel, note: AttachmentNote, context: RuleContext<object>): void {
  const items = note.items.filter((item) => item.number !== undefined && item.markerStart !== undefined);
  if (items.length < 2 || items.length !== note.items.length) return;
  const findings = planSequence(items.map((item) => item.number!), 1);
  for (const f of findings) {
    const item = items[f.index];
    const digits = String(item.number);
    const start = item.markerStart!;
    // The number's own mark ("1." "1、"), past any blank the writer left before it.
    let markAt = start + digits.length;
    while (markAt < item.start && /\s/.test(model.text[markAt])) markAt++;
    const mark = markAt < item.start ? model.text[markAt] : "";
    const fixed = `${f.expected}${mark}`;
    context.report({
      start,
      end: mark ? markAt + 1 : start + digits.length,
      message: sequenceMessage(f.fault === "restart" ? "repeat" : f.fault, fixed, digits + mark),
      fixes: [{ title: { zh: `将序号改为“${fixed}”`, en: `Change the number to "${fixed}"` }, edits: [{ start, end: start + digits.length, newText: String(f.expected) }], safe: false, preferred: true }],
    });
  }
}

/**
 * The lists to plan: each run that does not carry on another's numbers, with the runs that do
 * ("1.–4." under 一、 and "5.–6." under 二、 are one list).
 */
function headingChains(model: DocumentModel): Heading[][] {
  const runs = headingRuns(model);
  const successor = new Map<HeadingRun, HeadingRun>();
  for (const r of runs) if (r.continues !== undefined && !successor.has(r.continues)) successor.set(r.continues, r);
  const chains: Heading[][] = [];
  for (const run of runs) {
    if (run.continues !== undefined && successor.get(run.continues) === run) continue;
    let next = successor.get(run);
    if (next === undefined) {
      chains.push(run.items);
      continue;
    }
    const items = run.items.slice();
    for (; next !== undefined; next = successor.get(next)) for (const h of next.items) items.push(h);
    chains.push(items);
  }
  return chains;
}

/**
 * Markdown renders "1." "1." "1." as 1, 2, 3, and many writers number every item "1." on
 * purpose (markdownlint's "one" style): not a run of repeats.
 */
function isMarkdownLazyList(model: DocumentModel, items: Heading[]): boolean {
  if (!model.isMarkdown || items.length < 2) return false;
  for (const h of items) if (h.family !== "ar" || h.value !== 1 || h.marker.close !== "." || h.markdownPrefix) return false;
  return true;
}

function markerText(h: Heading, model: DocumentModel): string {
  return model.text.slice(h.marker.start, h.marker.end);
}

/**
 * The expected number written inside the text before this heading ("……问题及对策8.中央……"):
 * the item lost its line break, and the numbers are right. Returns its offset.
 */
function findRunIn(model: DocumentModel, items: Heading[], f: SequenceFinding, h: Heading): number | undefined {
  const wanted = display(h, f.expected, model);
  // Only inside this run's own stretch: after the previous item, or after the parent heading.
  const parentLine = h.parent >= 0 ? model.headings[h.parent].line : model.documents[h.document].startLine;
  const from = f.index > 0 ? Math.max(items[f.index - 1].line, parentLine) : parentLine;
  for (let i = h.line - 1; i >= from; i--) {
    const line = model.lines[i];
    if (line.kind !== "body" && line.kind !== "heading" && line.kind !== "title") continue;
    let at = line.text.indexOf(wanted, line.contentStart - line.start + 1);
    while (at >= 0) {
      const before = line.text.charCodeAt(at - 1);
      const after = line.text.charCodeAt(at + wanted.length);
      const numeralBefore = (before >= 0x30 && before <= 0x39) || "零〇一二两三四五六七八九十百第".includes(line.text[at - 1]);
      const textAfter = isCjkCode(after) || after === 0x201c || after === 0x300a; // “ 《
      const afterNumeral = "零〇一二两三四五六七八九十".includes(line.text[at + wanted.length] ?? "");
      if (!numeralBefore && textAfter && !afterNumeral && (!h.marker.open || line.text[at - 1] !== h.marker.open)) return line.start + at;
      at = line.text.indexOf(wanted, at + 1);
    }
  }
  return undefined;
}

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

/** The edits that number the items 1, 2, 3, … in order. */
function renumberEdits(items: Heading[], model: DocumentModel): TextEdit[] {
  const edits: TextEdit[] = [];
  let value = 1;
  for (const h of items) {
    const edit = h.value !== value ? numberEdit(h, value, model) : undefined;
    if (edit) edits.push(edit);
    value++;
  }
  return edits;
}

/** Items numbered 1, 2, 3, …: nothing to report. */
function inSequence(items: Heading[]): boolean {
  let value = 1;
  for (const h of items) if (h.value !== value++) return false;
  return true;
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
