// Printed paragraphs → their lines: each character's width from the element's size and run
// spacing (metrics.ts), breaks where the text reaches the line's width, following the Chinese
// line-breaking rules: no closing mark at a line's start, no opening mark at its end, commas
// and full stops hang past the edge, Latin words and numbers stay whole.

import type { Layout } from "../export/layout";
import { cannotEndLine, cannotStartLine, emWidth, isWordCharacter, mayHang } from "./metrics";
import type { PrintedParagraph, PrintedRun, PrintedTable } from "./paragraphs";
import { SourceAligner } from "./source-map";

/** Word's default tab stops (settings.xml defaultTabStop) past the last set one. */
const DEFAULT_TAB = 720;
/**
 * Extra space between a Chinese character and an adjacent Latin letter or digit (Word's
 * autoSpaceDE/DN, on unless a document turns it off): a fifth of an em, the run's condensing
 * not applied to it, as measured in LibreOffice's rendering of the export (docs/preview.md);
 * none next to Chinese punctuation.
 */
export const AUTOSPACE_EM = 0.2;

/**
 * How characters that Word sets in the Chinese face (the export puts it in hAnsi too) are
 * measured: as Word does ("word"), or as LibreOffice does ("libreoffice": “”‘’ after a Latin
 * letter or digit, and Latin-1 signs such as ·, in the Latin face), which the comparison with
 * LibreOffice's rendering uses (scripts/render/preview-vs-pdf.mjs).
 */
export interface MeasureOptions {
  faces?: "word" | "libreoffice";
}

/** Times New Roman widths of the characters LibreOffice sets in the Latin face, in thousandths of an em. */
const LIBREOFFICE_LATIN: Record<number, number> = { 0x201c: 444, 0x201d: 444, 0x2018: 333, 0x2019: 333, 0x00b7: 250 };

/** Script of a character for the automatic spacing: 1 ideograph, 2 Latin letter or digit, 0 other. */
function scriptOf(code: number): number {
  if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd840 && code <= 0xd87f)) return 1;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 2;
  return 0;
}

export interface PrintedLine {
  /** Characters [from, to) of the paragraph's text. */
  from: number;
  to: number;
  /** The line ends the paragraph or at a line break: not stretched to the block's width. */
  last: boolean;
}

/** A paragraph with its characters measured and its lines broken. */
export interface LaidParagraph {
  para: PrintedParagraph;
  /** The runs' text, a line break as "\n", the bullet and its tab first for a list item. */
  text: string;
  /** Index of each character's run (-1: the bullet). */
  run: Int32Array;
  /**
   * Source offset of each character relative to `base`, -1 where the layout added it (relative,
   * so that a paragraph laid out once serves again when text before it changes: preview/cache.ts).
   */
  source: Int32Array;
  base: number;
  /** Width of each character in twips (tabs: as set on its line); 16 bits hold a page's width. */
  width: Int16Array;
  /** Automatic space before each character (between Chinese and Latin), in twips; none at a line's start. */
  space: Int16Array;
  lines: PrintedLine[];
  /** Facts of each line computed once (html.ts summarize), shared by the copies the layout cache hands out. */
  memo: { lines?: LineMemo };
}

/** A table laid out: its cells in their columns, the height of each row. */
export interface LaidTable {
  table: PrintedTable;
  /** Cells laid in their columns. */
  rows: LaidParagraph[][];
  /** Height of each row in twips: its tallest cell's lines and the rule under it (between rows, or the bottom rule). */
  heights: number[];
}

/** Per printed line: a hash of what it prints, and the source offsets it covers (relative to `base`, -1: none). */
export interface LineMemo {
  hash: Uint32Array;
  first: Int32Array;
  min: Int32Array;
  max: Int32Array;
}

/** Characters of a paragraph's runs with their run index. */
function flatten(para: PrintedParagraph): { text: string; run: Int32Array } {
  let text = para.bullet !== undefined ? para.bullet + "\t" : "";
  const head = text.length;
  const parts: string[] = [text];
  const runOf: number[] = [];
  para.runs.forEach((r, k) => {
    const t = r.break ? "\n" : r.text;
    parts.push(t);
    for (let i = 0; i < t.length; i++) runOf.push(k);
  });
  text = parts.join("");
  const run = new Int32Array(text.length);
  run.fill(-1, 0, head);
  run.set(runOf, head);
  return { text, run };
}

/** Twips per em and run spacing of each run, from its element. */
function runMetrics(runs: readonly PrintedRun[], layout: Layout): Array<{ em: number; spacing: number; mono: boolean }> {
  return runs.map((r) => {
    const style = layout.elements[r.element];
    return { em: Math.round(style.sizePt * 20), spacing: style.characterSpacing, mono: r.code === true };
  });
}

/** The source offset of a laid paragraph's character i, or -1. */
export function sourceOf(laid: LaidParagraph, i: number): number {
  const o = laid.source[i];
  return o >= 0 ? laid.base + o : -1;
}

/** Lays out a paragraph's lines in a column `width` twips wide; `aligner` maps its characters to the source (offsets kept relative to `base`). */
export function layParagraph(para: PrintedParagraph, layout: Layout, width: number, aligner?: SourceAligner, options: MeasureOptions = {}, base = 0): LaidParagraph {
  const libreOffice = options.faces === "libreoffice";
  const { text, run } = flatten(para);
  const n = text.length;
  const metrics = runMetrics(para.runs, layout);
  const plain = metrics[0] ?? { em: Math.round(layout.elements[para.element].sizePt * 20), spacing: layout.elements[para.element].characterSpacing, mono: false };
  const widths = new Int16Array(n);
  const space = new Int16Array(n);
  const source = new Int32Array(n).fill(-1);
  let previousScript = 0;
  /** LibreOffice: the last letter, digit or sign was Latin (a quotation mark after it is set in the Latin face). */
  let latinRun = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const m = run[i] >= 0 ? metrics[run[i]] : plain;
    if (code === 0x0a || code === 0x09) {
      widths[i] = 0;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      widths[i] = 0;
    } else {
      let em = m.mono && code < 0x7f ? 600 : emWidth(code);
      if (libreOffice && LIBREOFFICE_LATIN[code] !== undefined && (code === 0x00b7 || latinRun)) em = LIBREOFFICE_LATIN[code];
      widths[i] = Math.round((em * m.em) / 1000) + m.spacing;
      const script = scriptOf(code);
      if (script !== 0 && previousScript !== 0 && script !== previousScript) space[i] = Math.round(AUTOSPACE_EM * m.em) - m.spacing;
    }
    if (code < 0xdc00 || code > 0xdfff) {
      previousScript = scriptOf(code);
      latinRun = (code > 0x20 && code < 0x7f) || (latinRun && LIBREOFFICE_LATIN[code] !== undefined);
    }
    if (aligner && run[i] >= 0) {
      const at = aligner.next(code);
      if (at >= 0) source[i] = at - base;
    }
  }
  const laid: LaidParagraph = { para, text, run, source, base, width: widths, space, lines: [], memo: {} };
  breakLines(laid, width);
  return laid;
}

/** Whether a line may break between characters a and a + 1. */
function canBreakAfter(text: string, a: number): boolean {
  const before = text.charCodeAt(a);
  const after = text.charCodeAt(a + 1);
  if (after >= 0xdc00 && after <= 0xdfff) return false;
  if (cannotStartLine(after) || cannotEndLine(before)) return false;
  if (isWordCharacter(before) && isWordCharacter(after)) return false;
  return true;
}

function breakLines(laid: LaidParagraph, columnWidth: number): void {
  const { para, text, width, space } = laid;
  const n = text.length;
  const lines = laid.lines;
  const available = (first: boolean) => Math.max(0, columnWidth - para.left - para.right - (first ? para.firstLine : 0));
  let start = 0;
  if (n === 0) {
    lines.push({ from: 0, to: 0, last: true });
    return;
  }
  while (start < n) {
    const first = lines.length === 0;
    const room = available(first);
    // x is measured from the line's own start; tab stops from the block's left edge.
    const origin = para.left + (first ? para.firstLine : 0);
    let x = 0;
    let i = start;
    let end = -1;
    let hard = false;
    for (; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x0a) {
        end = i;
        hard = true;
        break;
      }
      if (code === 0x09) width[i] = tabAdvance(para, origin + x);
      const w = width[i] + (i > start ? space[i] : 0);
      if (x + w > room && i > start && code !== 0x20) {
        end = lineEnd(text, start, i);
        break;
      }
      x += w;
    }
    if (end < 0) {
      lines.push({ from: start, to: n, last: true });
      break;
    }
    lines.push({ from: start, to: end, last: hard });
    start = hard ? end + 1 : end;
    if (hard && start === n) lines.push({ from: n, to: n, last: true });
  }
}

/** Where a line that overflows at character `i` ends. */
function lineEnd(text: string, start: number, i: number): number {
  const code = text.charCodeAt(i);
  // A comma, stop or colon after Chinese text hangs past the edge, unless what follows may not
  // start a line either (after a Latin letter, digit or sign it does not: LibreOffice).
  const before = text.charCodeAt(i - 1);
  if (mayHang(code) && !(before > 0x20 && before < 0x7f) && canBreakAfter(text, i)) return i + 1;
  for (let p = i; p > start; p--) if (canBreakAfter(text, p - 1)) return p;
  return i;
}

/** Width of a tab that starts at `x` (twips from the block's left edge): to the next tab stop. */
function tabAdvance(para: PrintedParagraph, x: number): number {
  for (const tab of para.tabs) if (tab.at > x && tab.align === "left") return tab.at - x;
  // A right tab: the text after it is set against the stop (the 版记's date); the line's
  // width is taken up to it. Rendering right-aligns that part.
  for (const tab of para.tabs) if (tab.at > x && tab.align === "right") return 0;
  const next = (Math.floor(x / DEFAULT_TAB) + 1) * DEFAULT_TAB;
  return next - x;
}
