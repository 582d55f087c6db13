// Suppression comments in Markdown documents (`<!-- gongwen-disable-next-line rule-id -->`,
// `<!-- gongwen-disable -->` … `<!-- gongwen-enable -->`), applied by lint() so the CLI and
// the server silence exactly the same findings.

import type { DocumentModel } from "../model/document";
import type { Problem } from "./rule";

type Kind = "disable" | "enable" | "disable-next-line" | "disable-line";

interface Directive {
  kind: Kind;
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** Line the directive sits on. */
  line: number;
  /** For the line directives: the line it silences. */
  target: number;
}

const DIRECTIVE = /<!--\s*gongwen-(disable-next-line|disable-line|disable|enable)\b((?:[\s,]+[a-z][a-z0-9-]*)*)\s*-->/g;

/** The directives of a Markdown document, in order; none in other documents (a comment there is text). */
export function findDirectives(model: DocumentModel): Directive[] {
  if (!model.isMarkdown) return [];
  const out: Directive[] = [];
  const lines = model.lines;
  for (const line of lines) {
    if (line.kind === "code" || !line.text.includes("gongwen-")) continue;
    for (const m of line.text.matchAll(DIRECTIVE)) {
      const kind = m[1] as Kind;
      const rules = m[2].split(/[\s,]+/).filter((s) => s !== "");
      let target = line.index;
      if (kind === "disable-next-line") {
        // The next line with text, so a blank line between comment and paragraph does not matter.
        target = line.index + 1;
        while (target < lines.length && (lines[target].kind === "blank" || (lines[target].kind === "markup" && lines[target].text.trimStart().startsWith("<!--")))) target++;
      }
      out.push({ kind, rules, line: line.index, target });
    }
  }
  return out;
}

/** Drops the problems the document's suppression comments silence. */
export function applySuppressions(model: DocumentModel, problems: Problem[]): Problem[] {
  if (!model.isMarkdown || problems.length === 0) return problems;
  const directives = findDirectives(model);
  if (directives.length === 0) return problems;
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = model.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (model.lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return problems.filter((p) => {
    const line = lineOf(p.start);
    const applies = (d: Directive) => d.rules.length === 0 || d.rules.includes(p.ruleId);
    let disabled = false;
    for (const d of directives) {
      if (d.kind === "disable-next-line" || d.kind === "disable-line") {
        if (d.target === line && applies(d)) return false;
        continue;
      }
      // Block directives take effect from their own line on; the last one before the problem wins.
      if (d.line > line) break;
      if (applies(d)) disabled = d.kind === "disable";
    }
    return !disabled;
  });
}
