// numbering-style: one heading level written in more than one style within a document.

import { standardLevel, type Heading, type MarkerFamily } from "../model/document";
import { formatMarkerNumber, rewriteKeepsMarker, STANDARD_STYLE } from "../model/numbering";
import { defineRule, type Message, type TextEdit } from "../engine/rule";

const LEVEL_NAME: Record<number, Message> = {
  1: { zh: "一级", en: "level-1" },
  2: { zh: "二级", en: "level-2" },
  3: { zh: "三级", en: "level-3" },
  4: { zh: "四级", en: "level-4" },
};

interface StyleCount {
  open: string;
  close: string;
  count: number;
  first: number;
}

export default defineRule({
  id: "numbering-style",
  meta: {
    name: { zh: "序号写法不一致", en: "heading number style" },
    description: { zh: "同一文档中同级序号写法应一致", en: "One heading level is written in one style throughout a document" },
    severity: "warning",
    fixable: true,
    tags: ["numbering"],
  },
  defaultOptions: {
    /** "dominant": the document's most common writing; "standard": the GB/T 9704-2012 forms. */
    enforce: "dominant",
  },
  check(model, context) {
    // One group per document and level (the four standard families), keyed by a number.
    const groupAt = new Map<number, Heading[]>();
    const groups: Heading[][] = [];
    for (const h of model.headings) {
      const level = standardLevel(h.family);
      if (level === 0) continue;
      const key = h.document * 4 + level;
      const list = groupAt.get(key);
      if (list) list.push(h);
      else {
        const created = [h];
        groupAt.set(key, created);
        groups.push(created);
      }
    }
    for (const list of groups) {
      const family = list[0].family;
      const expected = context.options.enforce === "standard" ? standardOf(family) : dominantOf(list, family);
      if (!expected) continue;
      const level = LEVEL_NAME[standardLevel(family)];
      const sample = expected.open + formatMarkerNumber(family, 1, false) + expected.close;
      for (const h of list) {
        if (h.marker.open === expected.open && h.marker.close === expected.close) continue;
        const actual = model.text.slice(h.marker.start, h.marker.end);
        const edits = styleEdits(h, expected.open, expected.close);
        // "1、5亿元" restyled to "1.5亿元" would read as a decimal: report it, offer no fix.
        const line = model.lines[h.line];
        const relative = edits.map((e) => ({ start: e.start - line.start, end: e.end - line.start, newText: e.newText }));
        const safe = rewriteKeepsMarker(line.text, h.marker.start - line.start, relative, h.family, h.value);
        const fixed = expected.open + model.text.slice(h.marker.numberStart, h.marker.numberEnd) + expected.close;
        const message: Message =
          context.options.enforce === "standard"
            ? { zh: `序号写法不合规范：${level.zh}序号应写作“${sample}”式，此处为“${actual}”`, en: `Non-standard numbering: ${level.en} numbers are written like "${sample}" (GB/T 9704-2012), found "${actual}"` }
            : { zh: `序号写法不一致：本文档${level.zh}序号多写作“${sample}”式，此处为“${actual}”`, en: `Inconsistent numbering style: ${level.en} numbers in this document are written like "${sample}", found "${actual}"` };
        context.report({
          start: h.marker.start,
          end: h.marker.end,
          message,
          fixes: safe
            ? [
                {
                  title: { zh: `改为“${fixed}”`, en: `Change to "${fixed}"` },
                  edits,
                  safe: true,
                  preferred: true,
                },
              ]
            : [],
        });
      }
    }
  },
});

function standardOf(family: MarkerFamily): { open: string; close: string } | undefined {
  const s = STANDARD_STYLE[family];
  return s ? { open: s[0], close: s[1] } : undefined;
}

/** The most used writing; a tie goes to the standard form, then to the one seen first. */
function dominantOf(list: Heading[], family: MarkerFamily): { open: string; close: string } | undefined {
  // Most levels are written one way throughout: then there is nothing to count.
  const style = list[0].marker.style;
  let mixed = false;
  for (let i = 1; i < list.length && !mixed; i++) mixed = list[i].marker.style !== style;
  if (!mixed) return undefined;
  const counts = new Map<string, StyleCount>();
  for (let i = 0; i < list.length; i++) {
    const h = list[i];
    const c = counts.get(h.marker.style);
    if (c) c.count++;
    else counts.set(h.marker.style, { open: h.marker.open, close: h.marker.close, count: 1, first: i });
  }
  const standard = STANDARD_STYLE[family];
  let best: StyleCount | undefined;
  for (const c of counts.values()) {
    if (!best || c.count > best.count) { best = c; continue; }
    if (c.count === best.count) {
      const cStd = standard && c.open === standard[0] && c.close === standard[1];
      const bStd = standard && best.open === standard[0] && best.close === standard[1];
      if (cStd && !bStd) best = c;
      else if (cStd === bStd && c.first < best.first) best = c;
    }
  }
  return best;
}

/** Edits only the characters around the number: the number itself and the text stay. */
function styleEdits(h: Heading, open: string, close: string): TextEdit[] {
  const edits: TextEdit[] = [];
  if (h.marker.open !== open) edits.push({ start: h.marker.start, end: h.marker.numberStart, newText: open });
  if (h.marker.close !== close) edits.push({ start: h.marker.numberEnd, end: h.marker.end, newText: close });
  return edits;
}
