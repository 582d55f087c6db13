// punctuation-width: half-width , ; : ? ! ( ) and a sentence-final . in Chinese text, and ASCII
// quotes used as quotation marks, → their full-width forms (GB/T 15834-2011 5.1). One finding per
// line: a text converted from a web page can have hundreds of half-width commas, and one squiggle
// per line with a fix for the line (and the document-wide fix) is kinder than hundreds.

import { defineRule, type Message, type RelatedLocation, type TextEdit } from "../engine/rule";
import { LineMemo, type LineTable } from "../engine/memo";
import { PUNCTUATION_KINDS } from "./chinese-text";
import type { LineKind } from "../model/document";

/** Prose lines, and the entries of a table of contents (document titles: their marks are the titles' own). */
const WIDTH_KINDS: ReadonlySet<LineKind> = new Set<LineKind>([...PUNCTUATION_KINDS, "toc-entry"]);
import { scanWidth, WIDTH_TRIGGERS, type WidthHits, type WidthMark } from "./punctuation-width-scan";

/** Related locations listed per finding (the fix changes every mark of the line, listed or not). */
const MAX_RELATED = 50;
/** Lines between two of the check's pauses (a power of two). */
const STEP_LINES = 4096;

const plainHits = new LineMemo<WidthHits>();
const markdownHits = new LineMemo<WidthHits>();

export default defineRule({
  id: "punctuation-width",
  meta: {
    name: { zh: "半角标点", en: "half-width punctuation" },
    description: { zh: "中文文本应使用全角标点（，；：？！（）“”）", en: "Chinese text takes full-width punctuation (，；：？！（）“”)" },
    severity: "warning",
    fixable: true,
    tags: ["punctuation"],
  },
  defaultOptions: {},
  *check(model, context) {
    // The memo's table is made on the first line that needs it: most documents have few such
    // lines, and a table holds two arrays as long as the document.
    let table: LineTable<WidthHits> | undefined;
    const lines = model.lines;
    for (let i = 0; i < lines.length; i++) {
      if ((i & (STEP_LINES - 1)) === STEP_LINES - 1) yield;
      // The bit test first: most lines hold no half-width mark and never reach the memo.
      const line = lines[i];
      if ((line.facts.chars & WIDTH_TRIGGERS) === 0 || !WIDTH_KINDS.has(line.kind)) continue;
      table ??= (model.isMarkdown ? markdownHits : plainHits).table(model.uri, model.lines);
      let hits = table.get(i);
      if (hits === undefined) {
        hits = scanWidth(line.text, line.facts, model.isMarkdown);
        table.set(i, hits);
      }
      if (hits.certain.length > 0) {
        const marks = hits.certain;
        const first = marks[0];
        const text = line.text;
        context.report({
          start: line.start + first.at,
          end: line.start + first.at + 1,
          message: certainMessage(text, marks),
          related: relatedOf(line.start, text, marks),
          fixes: [{ title: fixTitle(marks), edits: editsOf(line.start, marks), safe: true, preferred: true }],
        });
      }
      if (hits.guessed.length > 0) {
        const marks = hits.guessed;
        const first = marks[0];
        context.report({
          start: line.start + first.at,
          end: line.start + first.at + 1,
          message: {
            zh: "英文引号：中文文本应使用中文引号“”‘’，但本行引号无法确定配对，请逐一确认",
            en: "ASCII quotes in Chinese text should be Chinese quotes “” ‘’, but this line's quotes do not pair up: check each",
          },
          related: relatedOf(line.start, line.text, marks),
          fixes: [{ title: { zh: "按推测改为中文引号（请核对方向）", en: "Change to Chinese quotes as guessed (check the direction)" }, edits: editsOf(line.start, marks), safe: false }],
        });
      }
    }
  },
});

function editsOf(base: number, marks: readonly WidthMark[]): TextEdit[] {
  return marks.map((m) => ({ start: base + m.at, end: base + m.at + 1, newText: m.to }));
}

function relatedOf(base: number, text: string, marks: readonly WidthMark[]): RelatedLocation[] | undefined {
  if (marks.length < 2) return undefined;
  return marks.slice(1, 1 + MAX_RELATED).map((m) => ({
    start: base + m.at,
    end: base + m.at + 1,
    message: { zh: `同一行：“${text[m.at]}”→“${m.to}”`, en: `Same line: "${text[m.at]}" → "${m.to}"` },
  }));
}

/** The distinct changes of a line, for its message: ", → ，" … (at most four). */
function changesOf(text: string, marks: readonly WidthMark[]): string[] {
  const seen = new Set<string>();
  for (const m of marks) {
    seen.add(`${text[m.at]} → ${m.to}`);
    if (seen.size === 4) break;
  }
  return [...seen];
}

function certainMessage(text: string, marks: readonly WidthMark[]): Message {
  if (marks.length === 1) {
    const m = marks[0];
    return { zh: `半角标点：中文文本中的“${text[m.at]}”应为全角“${m.to}”`, en: `Half-width punctuation in Chinese text: "${text[m.at]}" should be "${m.to}"` };
  }
  const changes = changesOf(text, marks).join("  ");
  return {
    zh: `半角标点：本行有${marks.length}处半角标点应为全角（${changes}）`,
    en: `${marks.length} half-width marks in this line of Chinese text should be full-width (${changes})`,
  };
}

function fixTitle(marks: readonly WidthMark[]): Message {
  if (marks.length === 1) return { zh: `改为“${marks[0].to}”`, en: `Change to "${marks[0].to}"` };
  return { zh: `将本行${marks.length}处半角标点改为全角`, en: `Make the ${marks.length} marks of this line full-width` };
}
