// Sibling runs of headings (same document, parent and family), and how each run is meant to
// start: at one, or on from an earlier run when the document numbers continuously.

import type { DocumentModel, Heading, LineKind, MarkerFamily } from "../model/document";
import { isBlankCode } from "../model/text";

export interface HeadingRun {
  items: Heading[];
  document: number;
  parent: number;
  family: MarkerFamily;
  rank: number;
  /** The run carries on the numbers of `continues`, whose last number was this. */
  continuesFrom?: number;
  continues?: HeadingRun;
}

const cache = new WeakMap<DocumentModel, HeadingRun[]>();

export function headingRuns(model: DocumentModel): HeadingRun[] {
  let runs = cache.get(model);
  if (!runs) {
    runs = computeRuns(model);
    cache.set(model, runs);
  }
  return runs;
}

function computeRuns(model: DocumentModel): HeadingRun[] {
  // The open run of each (document, parent, family, rank[, decimal prefix]), found among the
  // few runs under the same parent: no key string per heading.
  const underHeading = new Array<HeadingRun[] | undefined>(model.headings.length);
  const underRoot = new Array<HeadingRun[] | undefined>(model.documents.length);
  const runs: HeadingRun[] = [];
  for (const h of model.headings) {
    const scope = h.parent >= 0 ? underHeading : underRoot;
    const slot = h.parent >= 0 ? h.parent : h.document;
    let open = scope[slot];
    if (open === undefined) scope[slot] = open = [];
    // Decimal numbers count within their prefix: 1.1 1.2 and 2.1 2.2 are two runs.
    let at = 0;
    while (at < open.length && !sameRun(open[at], h)) at++;
    let run: HeadingRun | undefined = open[at];
    if (run && h.value === 1 && run.items.length > 0 && (isPartBreak(model, h.line, run.items[run.items.length - 1].line) || isAnnouncedList(model, run))) run = undefined;
    if (!run) {
      run = { items: [], document: h.document, parent: h.parent, family: h.family, rank: h.rank };
      open[at] = run;
      runs.push(run);
    }
    run.items.push(h);
  }
  // Continuous numbering across parents: 1.–4. under 一、, then 5.–6. under 二、.
  const byFamily = new Map<string, HeadingRun[]>();
  for (const run of runs) {
    const key = `${run.document}|${run.family}|${run.rank}`;
    const list = byFamily.get(key);
    if (list) list.push(run);
    else byFamily.set(key, [run]);
  }
  for (const list of byFamily.values()) {
    if (list.length < 2) continue;
    let continuing = 0;
    let restarting = 0;
    for (let k = 1; k < list.length; k++) {
      const first = list[k].items[0].value;
      if (first === 1) restarting++;
      else if (first === lastValue(list[k - 1]) + 1) continuing++;
    }
    const wholeDocument = continuing > 0 && restarting === 0;
    for (let k = 1; k < list.length; k++) {
      const first = list[k].items[0].value;
      const prevLast = lastValue(list[k - 1]);
      // A run starting just past the previous one's end carries on its numbers, with a gap
      // when an item went missing at the seam ("25. 26. (五) 28. 29.").
      if (wholeDocument || (first !== 1 && (first === prevLast + 1 || (first > prevLast && first <= prevLast + 3 && prevLast > 1)))) {
        list[k].continuesFrom = prevLast;
        list[k].continues = list[k - 1];
      }
    }
  }
  return runs;
}

function sameRun(run: HeadingRun, h: Heading): boolean {
  return run.document === h.document && run.family === h.family && run.rank === h.rank && (h.family !== "decimal" || run.items[0].marker.open === h.marker.open);
}

function lastValue(run: HeadingRun): number {
  let high = 0;
  for (const h of run.items) high = Math.max(high, h.value);
  return high;
}

/**
 * Numbering may start again after an unnumbered title, part label or lead-in this model did
 * not take for a document title ("2024年工作计划", "三月主题：养成文明习惯", "具体安排如下："),
 * a sign-off and the next document's title, or a wide blank gap, between the previous
 * heading of the run and this one.
 */
function isPartBreak(model: DocumentModel, line: number, previousLine: number): boolean {
  let blanks = 0;
  for (let i = line - 1; i > previousLine; i--) {
    const l = model.lines[i];
    if (l.kind === "blank") {
      if (++blanks >= 2) return true;
      continue;
    }
    blanks = 0;
    if (l.kind === "title" || l.kind === "toc-caption" || isElementKind(l.kind)) return true;
    if (l.kind === "body" && isLabel(model.text.slice(l.contentStart, l.contentEnd))) return true;
  }
  return false;
}

/** A sign-off, an attachment note, a 版记 or a 版头 lies between: a document's end or a new one's head. */
function isElementKind(kind: LineKind): boolean {
  return kind === "signature" || kind === "date" || kind === "attachment" || kind === "colophon" || kind === "doc-number" || kind === "masthead" || kind === "addressee";
}

/** A run announced by a lead-in ("主要讲三个问题：") is a list of topics; the sections that follow restart. */
function isAnnouncedList(model: DocumentModel, run: HeadingRun): boolean {
  const firstLine = run.items[0].line;
  for (let i = firstLine - 1; i >= 0; i--) {
    const l = model.lines[i];
    if (l.kind === "blank") continue;
    if (l.kind !== "body" && l.kind !== "heading") return false;
    return /[：:]$/.test(model.text.slice(l.contentStart, l.contentEnd));
  }
  return false;
}

/** A short line without sentence punctuation (a colon may end it), or any line ending in a colon. */
function isLabel(content: string): boolean {
  if (/[：:]$/.test(content)) return true;
  let visible = 0;
  for (let k = 0; k < content.length; k++) if (!isBlankCode(content.charCodeAt(k))) visible++;
  // "三月主题：养成文明习惯，我能行" is a label too: short, and no sentence ends in it.
  return visible >= 2 && visible <= 40 && !/[。；！？;!?]/.test(content) && !/[，,、]$/.test(content) && !/^\d{4}年\d{1,2}月/.test(content);
}
