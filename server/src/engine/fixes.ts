// Applying edits and fixing a document until it is stable; shared by the language server and the CLI.

import { parseDocument } from "../model/parse";
import type { DocumentModel } from "../model/document";
import { lint, type LintConfig } from "./lint";
import type { Problem, Rule, TextEdit } from "./rule";

/** Applies edits given against `text`; an edit overlapping an earlier one is skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) continue;
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The safe fix of each problem, without overlaps: what one fix-all pass applies. */
export function safeFixEdits(problems: readonly Problem[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const taken: Array<[number, number]> = [];
  for (const p of problems) {
    const fix = p.fixes.find((f) => f.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end || (e.start === e.end && e.start === s)));
    if (overlaps) continue;
    for (const e of fix.edits) {
      chosen.push(e);
      taken.push([e.start, e.end]);
    }
  }
  return chosen;
}

export interface FixAllResult {
  text: string;
  passes: number;
  /** Problems fixed over all passes. */
  fixed: number;
}

/** Applies the safe fixes of `rules`, re-linting after each pass, until nothing changes (at most `maxPasses`). */
export function fixAll(model: DocumentModel, rules: readonly Rule<object>[], config: LintConfig, maxPasses = 10): FixAllResult {
  let current = model;
  let fixed = 0;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const problems = lint(current, rules, config);
    const edits = safeFixEdits(problems);
    if (edits.length === 0) break;
    fixed += edits.length;
    const text = applyEdits(current.text, edits);
    if (text === current.text) break;
    current = parseDocument({ text, uri: model.uri, version: model.version, languageId: model.languageId });
  }
  return { text: current.text, passes, fixed };
}

/**
 * Minimal edits turning `before` into `after`: one per changed line when the lines still
 * correspond (fixes never add or remove line breaks), so untouched text is never rewritten.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length !== b.length) return [wholeEdit(before, after)];
  const edits: TextEdit[] = [];
  let offset = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      const e = wholeEdit(a[i], b[i]);
      edits.push({ start: offset + e.start, end: offset + e.end, newText: e.newText });
    }
    offset += a[i].length + 1;
  }
  return edits;
}

function wholeEdit(a: string, b: string): TextEdit {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  // Never split a surrogate pair.
  if (p > 0 && isHighSurrogate(a.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(a.charCodeAt(a.length - s))) s--;
  return { start: p, end: a.length - s, newText: b.slice(p, b.length - s) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
