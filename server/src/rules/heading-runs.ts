// Sibling runs of headings (same document, parent and family), and how each run is meant to
// start: at one, or on from an earlier run when the document numbers continuously.

import type { DocumentModel, Heading, Line, LineKind, MarkerFamily } from "../model/document";
import { isBlankCode } from "../model/text";
import { parseWholeDate } from "../model/dates";
import { perModel } from "../engine/memo";

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

/** The heading runs of a model, computed once for all the numbering rules of a check. */
export const headingRuns: (model: DocumentModel) => HeadingRun[] = perModel(computeRuns);

function computeRuns(model: DocumentModel): HeadingRun[] {
  // The open run of each (document, parent, family, rank[, decimal prefix]), found among the
  // few runs under the same parent: no key string per heading.
  const underHeading = new Array<HeadingRun[] | undefined>(model.headings.length);
  const underRoot = new Array<HeadingRun[] | undefined>(model.documents.length);
  const runs: HeadingRun[] = [];
  // What isAnnouncedList asks of a run, kept up to date as items join it: asking it afresh at
  // each "一、" of a long run made the whole pass quadratic (20 000 of them: 0.8 s).
  const announced = new Map<HeadingRun, AnnouncedState>();
  for (const h of model.headings) {
    const scope = h.parent >= 0 ? underHeading : underRoot;
    const slot = h.parent >= 0 ? h.parent : h.document;
    let open = scope[slot];
    if (open === undefined) scope[slot] = open = [];
    // Decimal numbers count within their prefix: 1.1 1.2 and 2.1 2.2 are two runs.
    let at = 0;
    while (at < open.length && !sameRun(open[at], h)) at++;
    let run: HeadingRun | undefined = open[at];
    if (run && h.value === 1 && run.items.length > 0 && (isPartBreak(model, h.line, run.items[run.items.length - 1].line) || isAnnouncedList(run, announced.get(run)!))) run = undefined;
    if (!run) {
      run = { items: [], document: h.document, parent: h.parent, family: h.family, rank: h.rank };
      open[at] = run;
      runs.push(run);
      announced.set(run, { plain: true, adjacent: true, leadIn: endsWithColonBefore(model, h.line) });
    }
    const state = announced.get(run)!;
    if (h.runIn) state.plain = false;
    if (state.adjacent && run.items.length > 0) state.adjacent = onlyBlankBetween(model, run.items[run.items.length - 1].line, h.line);
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
    // How far the numbers should have got by the end of the previous run: its items counted
    // (a run "1. 1." meant to reach 2, so "3." under the next parent carries on from it).
    let counted = list[0].items.length;
    for (let k = 1; k < list.length; k++) {
      const first = list[k].items[0].value;
      const prevLast = lastValue(list[k - 1]);
      // A run starting just past the previous one's end carries on its numbers, with a gap
      // when an item went missing at the seam ("25. 26. (五) 28. 29.").
      const seam = first === prevLast + 1 || first === counted + 1 || (first > prevLast && first <= prevLast + 3 && prevLast > 1);
      if (wholeDocument || (first !== 1 && seam)) {
        list[k].continuesFrom = first === counted + 1 && first !== prevLast + 1 ? counted : prevLast;
        list[k].continues = list[k - 1];
        counted += list[k].items.length;
      } else counted = list[k].items.length;
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
 * Numbering may start again only for a reason between the previous heading of the run and
 * this one: a title this model did not take for a document title, a part label or a lead-in
 * ("2024年工作计划", "三月主题：养成文明习惯", "具体安排如下：", and right before the list
 * also "重点抓好以下几项工作。"), a table of contents, a sign-off, an attachment note or the
 * next document's 版头, a Markdown thematic break. A label counts only after the last heading
 * in between: a short line inside an earlier subsection labels that subsection, not a new
 * list. Blank lines alone are no reason.
 */
function isPartBreak(model: DocumentModel, line: number, previousLine: number): boolean {
  let labelsCount = true;
  let directlyBefore = true;
  for (let i = line - 1; i > previousLine; i--) {
    const l = model.lines[i];
    if (l.kind === "blank") continue;
    if (l.kind === "title" || l.kind === "toc-caption" || l.kind === "markup" || isElementKind(l.kind)) return true;
    if (l.kind === "heading") labelsCount = false;
    else if (l.kind === "body") {
      const content = model.text.slice(l.contentStart, l.contentEnd);
      if ((labelsCount && isLabel(content) && !opensWithEnumeration(l)) || (directlyBefore && LEAD_IN.test(content)) || isDateLine(l.facts.visibleLength, content)) return true;
    }
    directlyBefore = false;
  }
  return false;
}

/** "九是按照《……的通知》": the first line of a paragraph that wraps onto the next, not a label. */
function opensWithEnumeration(l: Line): boolean {
  const tokens = l.facts.enumerations;
  return tokens.length > 0 && tokens[0].start === l.facts.contentStart;
}

/** A date alone on its line ("2024年1月15日", "二〇二四年一月十五日"): a sign-off the model did not take for one. */
function isDateLine(visible: number, content: string): boolean {
  return visible >= 6 && visible <= 20 && parseWholeDate(content.replace(/[\s\u3000]+/g, "")) !== undefined;
}

/** A lead-in sentence that may end in a full stop ("重点抓好以下几个方面的工作。"), right before the list it announces. */
const LEAD_IN = /(?:如下|以下|下列|下面|几个方面|几项|几点)[^。；！？，,]{0,12}[。：:]$/;

/** A sign-off, an attachment note, a 版记 or a 版头 lies between: a document's end or a new one's head. */
function isElementKind(kind: LineKind): boolean {
  return kind === "signature" || kind === "date" || kind === "attachment" || kind === "colophon" || kind === "doc-number" || kind === "masthead" || kind === "addressee";
}

/**
 * A list of topics announced by a lead-in ("主要讲三个问题：") and written one topic a line, with
 * nothing between them, is taken up again topic by topic: the sections that follow restart.
 * Sections after a lead-in ("现将有关情况报告如下："), with text between them or run into
 * their lines, are no such list.
 */
interface AnnouncedState {
  /** No item has its text run in ("一、打造品牌。坚定……" is a section, not a topic). */
  plain: boolean;
  /** Nothing but blank lines between one item and the next. */
  adjacent: boolean;
  /** The line before the first item ends in a colon. */
  leadIn: boolean;
}

function isAnnouncedList(run: HeadingRun, state: AnnouncedState): boolean {
  return run.items.length >= 2 && state.plain && state.adjacent && state.leadIn;
}

function onlyBlankBetween(model: DocumentModel, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (model.lines[i].kind !== "blank") return false;
  return true;
}

/** Whether the last non-blank line before `line` is body or heading text ending in a colon. */
function endsWithColonBefore(model: DocumentModel, line: number): boolean {
  for (let i = line - 1; i >= 0; i--) {
    const l = model.lines[i];
    if (l.kind === "blank") continue;
    if (l.kind !== "body" && l.kind !== "heading") return false;
    return /[：:]$/.test(model.text.slice(l.contentStart, l.contentEnd));
  }
  return false;
}

/**
 * A line ending in a colon, or a short line without sentence punctuation that is not a
 * clause cut off mid-sentence (a comma inside, or at its end, outside a "label：text" line).
 */
function isLabel(content: string): boolean {
  if (/[：:]$/.test(content)) return true;
  let visible = 0;
  for (let k = 0; k < content.length; k++) if (!isBlankCode(content.charCodeAt(k))) visible++;
  // "三月主题：养成文明习惯，我能行" is a label too: short, and no sentence ends in it.
  if (visible < 2 || visible > 40 || /[。；！？;!?]/.test(content) || /[，,、]$/.test(content) || /^\d{4}年\d{1,2}月/.test(content)) return false;
  return !/[，,]/.test(content) || /[：:]/.test(content);
}
