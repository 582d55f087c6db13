// marker-punctuation: a heading or list marker carries its own punctuation, so nothing follows
// it: （一）、 (1)、 1.、 一、， ①、 → （一） (1) 1. 一、 ①.

import { defineRule, type Message } from "../engine/rule";
import type { DocumentModel } from "../model/document";
import { extraMarkerPunctuationEnd } from "./chinese-text";

const HEADING_FAMILIES = new Set(["cn", "cn-paren", "ar", "ar-paren", "circled"]);
const ENUMERATION_FAMILIES = new Set(["circled", "paren"]);

interface Found {
  /** Absolute offsets of the marker and of the punctuation after it. */
  markerStart: number;
  markerEnd: number;
  end: number;
}

function findings(model: DocumentModel): Found[] {
  const found: Found[] = [];
  const check = (markerStart: number, markerEnd: number, lineIndex: number) => {
    const line = model.lines[lineIndex];
    const end = extraMarkerPunctuationEnd(line.text, markerEnd - line.start);
    if (end + line.start > markerEnd) found.push({ markerStart, markerEnd, end: end + line.start });
  };
  for (const h of model.headings) if (HEADING_FAMILIES.has(h.family)) check(h.marker.start, h.marker.end, h.line);
  for (const run of model.enumerations) {
    if (!ENUMERATION_FAMILIES.has(run.family)) continue;
    for (const item of run.items) check(item.start, item.end, item.line);
  }
  return found.sort((a, b) => a.markerEnd - b.markerEnd);
}

export default defineRule({
  id: "marker-punctuation",
  meta: {
    name: { zh: "序号后多余的标点", en: "punctuation after a number" },
    description: { zh: "序号自带标点，其后不再加标点（“（一）、”“1.、”）", en: "Nothing follows a number that carries its own punctuation (（一）、, 1.、)" },
    severity: "warning",
    fixable: true,
    tags: ["punctuation"],
  },
  defaultOptions: {},
  check(model, context) {
    let previous = -1;
    for (const f of findings(model)) {
      // A heading marker that is also an enumeration token (①) is reported once.
      if (f.markerEnd === previous) continue;
      previous = f.markerEnd;
      const marker = model.text.slice(f.markerStart, f.markerEnd);
      const extra = model.text.slice(f.markerEnd, f.end);
      // 一、 and 1. end in their own mark; after （一） (1) ① the standard puts no mark at all.
      const ownMark = /[、.．]$/.test(marker);
      const message: Message = ownMark
        ? { zh: `序号“${marker}”已带标点，其后不再加“${extra}”`, en: `The number "${marker}" already ends in its mark: remove the "${extra}" after it` }
        : { zh: `序号“${marker}”后不加标点：应删去“${extra}”`, en: `No punctuation follows the number "${marker}": remove the "${extra}"` };
      context.report({
        start: f.markerEnd,
        end: f.end,
        message,
        related: [{ start: f.markerStart, end: f.markerEnd, message: { zh: "序号", en: "The number" } }],
        fixes: [{ title: { zh: `删除“${extra}”`, en: `Remove "${extra}"` }, edits: [{ start: f.markerEnd, end: f.end, newText: "" }], safe: true, preferred: true }],
      });
    }
  },
});
