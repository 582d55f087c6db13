// Engine problems → LSP diagnostics: source, code, rule page link, severity, related locations,
// and the document version in `data`; the fixes stay in the server (PublishedProblems).

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from "vscode-languageserver";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isAbsolute, relative, resolve } from "node:path";
import type { DocumentModel } from "../model/document";
import type { Problem, Severity } from "../engine/rule";
import { localize, type Language } from "../i18n";
import { offsetAt, rangeOf } from "./positions";

/**
 * What a diagnostic carries: the document version it was computed for. Its fixes stay in the
 * server (see PublishedProblems): they were most of the bytes published (2 of 7 MB for a 10 MB
 * document), and a client that does not send `data` back still gets its quick fixes.
 */
export interface DiagnosticData {
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule's documentation page, shipped beside the bundle (dist/../docs/rules). */
export function ruleDocUrl(ruleId: string): string {
  // Built once per rule: a path-to-URL conversion per diagnostic was a large share of publishing.
  let url = docUrls.get(ruleId);
  if (url === undefined) {
    url = pathToFileURL(resolve(__dirname, "..", "docs", "rules", `${ruleId}.md`)).href;
    docUrls.set(ruleId, url);
  }
  return url;
}
const docUrls = new Map<string, string>();

/** The extension's own folder (dist/..): its README, changelog and rule pages. */
const PACKAGE_ROOT = resolve(__dirname, "..");

/**
 * Whether a document is one of our own pages: a rule page opened from a diagnostic's link, the
 * README or the changelog of the installed extension. They quote wrong examples on purpose and
 * are never checked (opening placeholder.md added 64 warnings to the Problems panel).
 */
export function isOwnDocumentation(uri: string): boolean {
  if (!uri.startsWith("file:")) return false;
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return false;
  }
  const inside = relative(PACKAGE_ROOT, path);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return false;
  const parts = inside.split(/[\\/]/);
  return parts[0] === "docs" || (parts.length === 1 && /\.md$/i.test(parts[0]));
}

/**
 * How many edits of multi-edit fixes one code-action answer may carry. A run of 12 000
 * misnumbered headings gives 12 000 findings each offering the same 12 000-edit renumbering:
 * asked for all at once that is 144 million edits, and the server ran out of memory.
 * Single-edit fixes are always offered; multi-edit ones while the budget lasts (the renumber
 * command covers the rest).
 */
export const FIX_EDIT_BUDGET = 20_000;

export interface EditBudget {
  left: number;
}

export function carries(budget: EditBudget, edits: number): boolean {
  if (edits <= 1) return true;
  if (edits > budget.left) return false;
  budget.left -= edits;
  return true;
}

export function toDiagnostic(model: DocumentModel, problem: Problem, language: Language): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(model, problem.start, problem.end),
    severity: SEVERITY[problem.severity],
    source: "gongwen",
    code: problem.ruleId,
    codeDescription: { href: ruleDocUrl(problem.ruleId) },
    message: localize(problem.message, language),
  };
  if (problem.related && problem.related.length > 0) {
    diagnostic.relatedInformation = problem.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: { uri: r.uri ?? model.uri, range: r.uri && r.uri !== model.uri ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : rangeOf(model, r.start, r.end) },
        message: localize(r.message, language),
      }),
    );
  }
  const data: DiagnosticData = { version: model.version };
  diagnostic.data = data;
  return diagnostic;
}

/**
 * The problems last published for each open document, with their version: where a code-action
 * request finds a diagnostic's fixes (by its range and rule), whatever the client sends back.
 */
export class PublishedProblems {
  private byUri = new Map<string, { version: number; problems: Problem[]; fixable?: Map<string, number> }>();

  set(uri: string, version: number, problems: Problem[]): void {
    this.byUri.set(uri, { version, problems });
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** How many published problems of `ruleId` in `model`'s version offer a safe fix (0 when the document changed since). */
  fixableCount(model: DocumentModel, ruleId: string): number {
    const entry = this.byUri.get(model.uri);
    if (entry === undefined || entry.version !== model.version) return 0;
    let counts = entry.fixable;
    if (counts === undefined) {
      counts = entry.fixable = new Map();
      for (const p of entry.problems) if (p.fixes.some((f) => f.safe)) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);
    }
    return counts.get(ruleId) ?? 0;
  }

  /** Every problem published for this version of the document, or undefined (another version, or none yet). */
  all(uri: string, version: number): Problem[] | undefined {
    const entry = this.byUri.get(uri);
    return entry !== undefined && entry.version === version ? entry.problems : undefined;
  }

  /**
   * The published problems of `model`'s version whose range is `range`, of rule `ruleId` (none
   * when the document changed since: fixes of another version would edit the wrong characters).
   */
  at(model: DocumentModel, range: Range, ruleId: string): Problem[] {
    const entry = this.byUri.get(model.uri);
    if (entry === undefined || entry.version !== model.version) return [];
    const problems = entry.problems;
    // A position past a line's end stands for any offset up to its line break: the candidates
    // start between the position's offset and the end of its line break.
    const from = offsetAt(model, range.start);
    const line = model.lines[Math.max(0, Math.min(range.start.line, model.lines.length - 1))];
    const to = line ? line.breakEnd : from;
    // Sorted by start (lint's order): binary search for the first candidate.
    let lo = 0;
    let hi = problems.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (problems[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    const found: Problem[] = [];
    for (let i = lo; i < problems.length && problems[i].start <= to; i++) {
      const p = problems[i];
      if (p.ruleId !== ruleId) continue;
      const r = rangeOf(model, p.start, p.end);
      if (r.start.line === range.start.line && r.start.character === range.start.character && r.end.line === range.end.line && r.end.character === range.end.character) found.push(p);
    }
    return found;
  }

  /**
   * The first published problem of `ruleId` starting after `offset`, else the first one before it
   * (wrapping round the document); undefined when there is no other, or the version changed.
   */
  following(model: DocumentModel, ruleId: string, offset: number): Problem | undefined {
    const entry = this.byUri.get(model.uri);
    if (entry === undefined || entry.version !== model.version) return undefined;
    let first: Problem | undefined;
    for (const p of entry.problems) {
      if (p.ruleId !== ruleId) continue;
      if (p.start > offset) return p;
      if (first === undefined && p.start < offset) first = p;
    }
    return first;
  }
}
