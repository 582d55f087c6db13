// The robustness properties every document must satisfy, shared by the unit suite (fixed seed,
// bounded) and the soak run (`npm run fuzz`). Each check throws an Error naming what broke.

import { TextDocument } from "vscode-languageserver-textdocument";
import { parseDocument, LineFactsCache } from "../../server/src/model/parse";
import type { DocumentModel } from "../../server/src/model/document";
import { lint } from "../../server/src/engine/lint";
import { applyEdits, diffEdits, fixAll, safeFixEdits } from "../../server/src/engine/fixes";
import type { Problem, TextEdit } from "../../server/src/engine/rule";
import { renumberDocumentEdits } from "../../server/src/rules/numbering-sequence";
import { findRule, RULES } from "../../server/src/rules";
import { positionAt } from "../../server/src/lsp/positions";
import { toDiagnostic } from "../../server/src/lsp/diagnostics";
import { documentSymbols, foldingRanges } from "../../server/src/lsp/symbols";
import { headingCompletions } from "../../server/src/lsp/completion";
import { fixAllEdits } from "../../server/src/lsp/code-actions";

export interface Doc {
  text: string;
  languageId: string;
}

function fail(what: string): never {
  throw new Error(what);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** An offset inside the text that does not fall between the two halves of a surrogate pair. */
export function isBoundary(text: string, offset: number): boolean {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return false;
  return offset === 0 || offset === text.length || !(isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset)));
}

function checkRange(text: string, start: number, end: number, what: string): void {
  if (!(start <= end)) fail(`${what}: start ${start} after end ${end}`);
  if (!isBoundary(text, start) || !isBoundary(text, end)) fail(`${what}: range ${start}-${end} outside the text (length ${text.length}) or splitting a surrogate pair`);
}

/** Edits must also not cut a CRLF in two: that would change how many lines the document has. */
function checkEditRange(text: string, start: number, end: number, what: string): void {
  checkRange(text, start, end, what);
  for (const o of [start, end]) if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) fail(`${what}: edit boundary ${o} splits a CRLF`);
}

export function parse(doc: Doc, cache?: LineFactsCache, version = 1): DocumentModel {
  return parseDocument({ text: doc.text, uri: "file:///fuzz.txt", version, languageId: doc.languageId }, cache);
}

/** Lints with every rule and fails if any rule threw. */
export function lintAll(model: DocumentModel): Problem[] {
  const errors: string[] = [];
  const problems = lint(model, RULES, {}, { onRuleError: (id, e) => errors.push(`${id}: ${e instanceof Error ? e.stack : String(e)}`) });
  if (errors.length > 0) fail(`rule threw: ${errors.join("\n")}`);
  return problems;
}

/** The model's own invariants: lines tile the text, every offset is a boundary. */
export function checkModel(model: DocumentModel): void {
  const text = model.text;
  let at = 0;
  for (const line of model.lines) {
    if (line.start !== at) fail(`line ${line.index} starts at ${line.start}, expected ${at}`);
    if (text.slice(line.start, line.end) !== line.text) fail(`line ${line.index} text differs from the document`);
    const br = text.slice(line.end, line.breakEnd);
    if (br !== "" && br !== "\n" && br !== "\r\n" && br !== "\r") fail(`line ${line.index} break is ${JSON.stringify(br)}`);
    at = line.breakEnd;
  }
  if (at !== text.length) fail(`lines end at ${at}, text length ${text.length}`);
  for (const h of model.headings) {
    const line = model.lines[h.line];
    if (!(line.start <= h.marker.start && h.marker.start <= h.marker.numberStart && h.marker.numberStart < h.marker.numberEnd && h.marker.numberEnd <= h.marker.end && h.marker.end <= line.end)) {
      fail(`heading ${h.index} marker offsets out of its line`);
    }
    if (h.sectionEndLine < h.line || h.sectionEndLine >= model.lines.length) fail(`heading ${h.index} section end ${h.sectionEndLine}`);
    if (h.parent >= h.index) fail(`heading ${h.index} has a later parent ${h.parent}`);
  }
  for (const run of model.enumerations) {
    for (const item of run.items) checkRange(text, item.start, item.end, "enumeration token");
  }
}

/** Spans a fix may rewrite: heading markers and enumeration tokens. */
export function markerSpans(model: DocumentModel): Array<[number, number]> {
  const spans: Array<[number, number]> = model.headings.map((h) => [h.marker.start, h.marker.end]);
  for (const run of model.enumerations) for (const item of run.items) spans.push([item.start, item.end]);
  return spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function inside(spans: Array<[number, number]>, e: TextEdit): boolean {
  return spans.some(([s, t]) => s <= e.start && e.end <= t);
}

/**
 * Rules whose safe fixes rewrite the text they flag (not heading markers), with what their fixes
 * may write. Their edits must lie inside the flagged range: fix-all changes only what it flags.
 */
/** Full-width forms punctuation-width may write for each half-width mark. */
const FULL_WIDTH: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。", '"': "“”", "'": "‘’" };
const BLANKS = /^[ \t\u00a0\u3000]+$/;
const EXTRA_MARKS = /^[、，,.．：:；;]+$/;

/** What each text rule's safe fix may do to the characters it replaces (`replaced` → `newText`). */
const FLAGGED_TEXT_FIXES: Record<string, (replaced: string, newText: string) => boolean> = {
  // Dates and document numbers (issue 14): digits, 年月日, 〇, the range marks, 〔〕号.
  "date-format": (_, newText) => /^[0-9年月日〇—～]*$/.test(newText),
  "doc-number-format": (_, newText) => /^[0-9〔〕号]*$/.test(newText),
  // Punctuation and spacing (issue 13): a half-width mark to its full-width form; blanks, a mark
  // after a number or a separator between marked items deleted.
  "punctuation-width": (replaced, newText) => replaced.length === 1 && newText.length === 1 && (FULL_WIDTH[replaced] ?? "").includes(newText),
  "stray-space": (replaced, newText) => BLANKS.test(replaced) && newText === "",
  "marker-punctuation": (replaced, newText) => EXTRA_MARKS.test(replaced) && newText === "",
  "list-separator": (replaced, newText) => /^[、，,]$/.test(replaced) && newText === "",
};

/**
 * A safe fix of a text rule: inside the characters its finding names (its range, or one of its
 * related ranges: punctuation-width and stray-space name a line's other marks there), writing
 * only what the rule may write.
 */
function checkFlaggedEdit(model: DocumentModel, p: Problem, e: TextEdit, what: string): void {
  checkEditRange(model.text, e.start, e.end, what);
  const ranges: Array<[number, number]> = [[p.start, p.end], ...(p.related ?? []).filter((r) => !r.uri || r.uri === model.uri).map((r): [number, number] => [r.start, r.end])];
  if (!ranges.some(([s, t]) => s <= e.start && e.end <= t)) fail(`${what}: edit ${e.start}-${e.end} outside the characters its finding names (${p.start}-${p.end} and related)`);
  const replaced = model.text.slice(e.start, e.end);
  if (!FLAGGED_TEXT_FIXES[p.ruleId](replaced, e.newText)) fail(`${what}: ${JSON.stringify(replaced)} → ${JSON.stringify(e.newText)} is not what ${p.ruleId} may write`);
}

/** Characters a marker rewrite may produce: numerals, parentheses and the closing marks. */
const MARKER_CHARS = /^[0-9零〇一二两三四五六七八九十百\u2460-\u2473\u3251-\u325f\u32b1-\u32bf（()）、.．首其再最先次后]*$/;

function checkEdit(model: DocumentModel, e: TextEdit, spans: Array<[number, number]>, what: string): void {
  checkEditRange(model.text, e.start, e.end, what);
  if (!inside(spans, e)) fail(`${what}: edit ${e.start}-${e.end} ${JSON.stringify(model.text.slice(e.start, e.end))} → ${JSON.stringify(e.newText)} touches text outside any marker`);
  if (!MARKER_CHARS.test(e.newText)) fail(`${what}: edit inserts non-marker text ${JSON.stringify(e.newText)}`);
}

/** Every problem, fix and related range is on a boundary; every fix edits marker characters only. */
export function checkProblems(model: DocumentModel, problems: Problem[]): void {
  const spans = markerSpans(model);
  for (const p of problems) {
    const what = `${p.ruleId} problem at ${p.start}-${p.end}`;
    checkRange(model.text, p.start, p.end, what);
    if (!p.message.zh || !p.message.en) fail(`${what}: empty message`);
    for (const r of p.related ?? []) if (!r.uri || r.uri === model.uri) checkRange(model.text, r.start, r.end, `${what} related`);
    const numbering = findRule(p.ruleId)?.meta.tags.includes("numbering") === true;
    const flaggedText = FLAGGED_TEXT_FIXES[p.ruleId] !== undefined;
    for (const f of p.fixes) {
      if (flaggedText && f.safe) for (const e of f.edits) checkFlaggedEdit(model, p, e, `${what} fix "${f.title.zh}"`);
      for (const e of f.edits) {
        // Numbering fixes rewrite markers; other fixes (deleting a duplicate) stay whole-character.
        // Breaking a line before a run-in marker changes no character: it inserts a line break only.
        const lineBreakInsertion = e.start === e.end && /^(?:\r\n|\n|\r)$/.test(e.newText) && !f.safe;
        if (numbering && !lineBreakInsertion) checkEdit(model, e, spans, `${what} fix "${f.title.zh}"`);
        else if (lineBreakInsertion) checkEditRange(model.text, e.start, e.end, `${what} fix "${f.title.zh}"`);
        else checkEditRange(model.text, e.start, e.end, `${what} fix "${f.title.zh}"`);
      }
      // The preferred fix names one marker: the problem's own range.
      if (numbering && f.preferred && f.edits.every((e) => e.start !== e.end)) for (const e of f.edits) if (e.start < p.start || e.end > p.end) fail(`${what}: preferred fix edits ${e.start}-${e.end}, outside the marker it names`);
    }
  }
}

/** Same text, same findings: fresh parse, re-parse, and parse through a warmed line cache. */
export function checkDeterminism(doc: Doc, problems: Problem[], warmed: LineFactsCache): void {
  const again = JSON.stringify(lintAll(parse(doc)));
  if (again !== JSON.stringify(problems)) fail("a second lint of the same text gave different findings");
  parse(doc, warmed);
  const cached = JSON.stringify(lintAll(parse(doc, warmed)));
  if (cached !== JSON.stringify(problems)) fail("linting through a warmed LineFactsCache gave different findings");
}

/** Engine offsets agree with the editor's positions (vscode-languageserver-textdocument). */
export function checkPositions(model: DocumentModel, problems: Problem[]): void {
  const editorDoc = TextDocument.create(model.uri, model.languageId, 1, model.text);
  const offsets = new Set<number>([0, model.text.length]);
  for (const p of problems) {
    offsets.add(p.start).add(p.end);
    for (const f of p.fixes) for (const e of f.edits) offsets.add(e.start).add(e.end);
  }
  for (const o of offsets) {
    const ours = positionAt(model, o);
    const theirs = editorDoc.positionAt(o);
    // Offsets inside a CRLF are not produced by any rule; both sides agree elsewhere.
    if (ours.line !== theirs.line || ours.character !== theirs.character) fail(`offset ${o}: position ${JSON.stringify(ours)} but the editor says ${JSON.stringify(theirs)}`);
  }
  for (const p of problems) toDiagnostic(model, p, "zh");
}

/**
 * Removes the given spans from the text: what must survive any renumbering or restyling.
 * `spans` are sorted and disjoint.
 */
function project(text: string, spans: Array<[number, number]>): string {
  let out = "";
  let at = 0;
  for (const [s, t] of spans) {
    if (s < at) continue;
    out += text.slice(at, s);
    at = t;
  }
  return out + text.slice(at);
}

/** Applies edits that lie inside spans and returns the spans as they sit in the new text. */
function applyInsideSpans(text: string, spans: Array<[number, number]>, edits: TextEdit[]): { text: string; spans: Array<[number, number]> } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const next = applyEdits(text, sorted);
  const moved: Array<[number, number]> = [];
  let k = 0;
  let delta = 0;
  for (const [s, t] of spans) {
    const startShift = delta;
    // Edits are inside spans and spans are disjoint: those ending by t belong to this one.
    while (k < sorted.length && sorted[k].end <= t) {
      delta += sorted[k].newText.length - (sorted[k].end - sorted[k].start);
      k++;
    }
    moved.push([s + startShift, t + delta]);
  }
  return { text: next, spans: moved };
}

/** Disjoint union of spans (heading markers can contain enumeration tokens, e.g. ①). */
function merge(spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, t] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], t);
    else out.push([s, t]);
  }
  return out;
}

/**
 * Fix-all: every pass edits only characters of markers the original text already had (so the
 * text with those markers removed is identical before and after), or — for the text rules
 * (FLAGGED_TEXT_FIXES) — only the text each of their findings flags in that pass; the minimal
 * edits sent to the editor reproduce it, a second fix-all changes nothing, and no safe fix is left.
 */
export function checkFixAll(doc: Doc, model: DocumentModel): string {
  const result = fixAll(model, RULES, {});
  // Replay the passes, tracking the original marker spans through every edit.
  let current = model;
  let spans = merge(markerSpans(model));
  const original = project(model.text, spans);
  let textFixed = false;
  for (let pass = 0; pass < result.passes; pass++) {
    const problems = lintAll(current);
    const edits = safeFixEdits(problems);
    if (edits.length === 0) break;
    // Which problem each applied edit fixes: text rules' edits stay inside their own finding.
    const applied = new Set(edits);
    const flagged: Array<[number, number]> = [];
    const textEdits = new Set<TextEdit>();
    for (const p of problems) {
      if (FLAGGED_TEXT_FIXES[p.ruleId] === undefined) continue;
      const fix = p.fixes.find((f) => f.safe);
      if (fix === undefined || !fix.edits.every((e) => applied.has(e))) continue;
      for (const e of fix.edits) {
        checkFlaggedEdit(current, p, e, `fix-all pass ${pass + 1} ${p.ruleId}`);
        textEdits.add(e);
        flagged.push([e.start, e.end]);
      }
      flagged.push([p.start, p.end]);
    }
    for (const e of edits) if (!textEdits.has(e)) checkEdit(current, e, spans, `fix-all pass ${pass + 1}`);
    if (textEdits.size === 0) {
      const tracked = applyInsideSpans(current.text, spans, edits);
      current = parse({ text: tracked.text, languageId: doc.languageId });
      spans = tracked.spans;
      continue;
    }
    // A pass with text fixes: the text outside this pass's markers and flagged ranges is unchanged.
    textFixed = true;
    const passSpans = merge([...spans, ...flagged].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const tracked = applyInsideSpans(current.text, passSpans, edits);
    if (project(tracked.text, tracked.spans) !== project(current.text, passSpans)) fail(`fix-all pass ${pass + 1} changed text outside the markers and the flagged ranges`);
    current = parse({ text: tracked.text, languageId: doc.languageId });
    // Markers are tracked afresh from here: the earlier ones may have moved with the text fixes.
    spans = merge(markerSpans(current));
  }
  if (current.text !== result.text) fail("replaying fix-all passes did not reproduce its result");
  if (!textFixed && project(result.text, spans) !== original) fail("fix-all changed text outside the markers");
  const lspApplied = applyEdits(model.text, fixAllEdits(model, RULES, {}));
  if (lspApplied !== result.text) fail("the minimal edits sent to the editor do not reproduce fix-all's text");
  for (const e of diffEdits(model.text, result.text)) checkEditRange(model.text, e.start, e.end, "fix-all editor edit");
  const fixedModel = parse({ text: result.text, languageId: doc.languageId });
  const twice = fixAll(fixedModel, RULES, {}).text;
  if (twice !== result.text) fail(`fix-all is not idempotent:\n${JSON.stringify(result.text)}\n→\n${JSON.stringify(twice)}`);
  const left = lintAll(fixedModel).filter((p) => p.fixes.some((f) => f.safe));
  if (left.length > 0) fail(`fix-all left fixable findings: ${left.map((p) => `${p.ruleId} ${p.message.zh}`).join("; ")}`);
  return result.text;
}

/** Renumbering the whole document rewrites heading numbers and nothing else. */
export function checkRenumber(model: DocumentModel): void {
  const edits = renumberDocumentEdits(model);
  const numbers: Array<[number, number]> = model.headings.map((h) => [h.marker.numberStart, h.marker.numberEnd]);
  let previousEnd = -1;
  for (const e of edits) {
    checkRange(model.text, e.start, e.end, "renumber edit");
    if (e.start < previousEnd) fail("renumber edits overlap");
    previousEnd = e.end;
    if (!numbers.some(([s, t]) => s === e.start && e.end === t)) fail(`renumber edit ${e.start}-${e.end} is not exactly a heading number`);
    if (!/^(?:[0-9]+|[零〇一二两三四五六七八九十百]+|[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])$/.test(e.newText)) fail(`renumber writes ${JSON.stringify(e.newText)}`);
  }
  const after = applyEdits(model.text, edits);
  const before = project(model.text, numbers);
  const moved = applyInsideSpans(model.text, numbers, edits);
  if (project(after, moved.spans) !== before) fail("renumbering changed text outside heading numbers");
}

/** The editor features (outline, folding, completion) on the same model never throw and stay in range. */
export function checkFeatures(model: DocumentModel, positions: Array<[number, number]>): void {
  const symbols = documentSymbols(model);
  const lineCount = model.lines.length;
  const walk = (list: ReturnType<typeof documentSymbols>) => {
    for (const s of list) {
      if (s.range.start.line >= lineCount || s.range.end.line >= lineCount) fail("symbol range beyond the last line");
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  for (const r of foldingRanges(model)) if (r.startLine > r.endLine || r.endLine >= lineCount) fail(`folding range ${r.startLine}-${r.endLine}`);
  for (const [line, character] of positions) {
    for (const item of headingCompletions(model, { line, character })) {
      const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined;
      if (!edit) continue;
      const length = model.lines[line].end - model.lines[line].start;
      if (edit.range.start.line !== line || edit.range.end.line !== line) fail("completion range on another line");
      if (edit.range.start.character < 0 || edit.range.start.character > edit.range.end.character || edit.range.end.character > length) {
        fail(`completion range ${edit.range.start.character}-${edit.range.end.character} outside the line (length ${length})`);
      }
    }
  }
}

/** Every property for one document; returns the number of findings (for the soak's statistics). */
export function checkDocument(doc: Doc, warmed: LineFactsCache, positions: Array<[number, number]> = [[0, 0]]): number {
  const model = parse(doc);
  checkModel(model);
  const problems = lintAll(model);
  checkProblems(model, problems);
  checkPositions(model, problems);
  checkDeterminism(doc, problems, warmed);
  checkFixAll(doc, model);
  checkRenumber(model);
  checkFeatures(model, positions);
  return problems.length;
}
