// Engine problems → LSP diagnostics: source, code, rule page link, severity, and the fixes
// carried in `data` (with the document version) so the server keeps no fix cache.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import type { DocumentModel } from "../model/document";
import type { Problem, Severity } from "../engine/rule";
import { localize, type Language } from "../i18n";
import { rangeOf } from "./positions";

export interface FixData {
  title: string;
  safe: boolean;
  preferred: boolean;
  /**
   * Offsets into the text of `DiagnosticData.version` (UTF-16 code units), turned into ranges
   * only when the fix is asked for: half the bytes of a range, and no position lookups for the
   * thousands of fixes nobody opens (a 10 MB document publishes 15 000 of them).
   */
  edits: { start: number; end: number; newText: string }[];
}

export interface DiagnosticData {
  version: number;
  fixes: FixData[];
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

/**
 * How many fix edits one publication may carry in `data`. A run of 12 000 misnumbered headings
 * gives 12 000 findings each offering the same 12 000-edit renumbering: carried in full that is
 * 144 million edits, and the server ran out of memory. Single-edit fixes are always carried;
 * multi-edit ones only while the budget lasts (the renumber command covers the rest).
 */
export const FIX_EDIT_BUDGET = 20_000;

export interface EditBudget {
  left: number;
}

function carries(budget: EditBudget, edits: number): boolean {
  if (edits <= 1) return true;
  if (edits > budget.left) return false;
  budget.left -= edits;
  return true;
}

export function toDiagnostic(model: DocumentModel, problem: Problem, language: Language, budget: EditBudget = { left: FIX_EDIT_BUDGET }): Diagnostic {
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
  const data: DiagnosticData = {
    version: model.version,
    fixes: problem.fixes.filter((f) => carries(budget, f.edits.length)).map((f) => ({
      title: localize(f.title, language),
      safe: f.safe,
      preferred: f.preferred === true,
      edits: f.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })),
    })),
  };
  diagnostic.data = data;
  return diagnostic;
}
