// The check before a document leaves: what is still wrong in it (placeholders first, then the
// other findings shown as problems, by kind), whether it has a title at all. The command
// shows it and lets the writer go to the first finding; the CLI prints it as a warning.

import type { Message, Problem, Rule } from "../engine/rule";
import type { Language } from "../i18n";
import type { DocumentModel } from "../model/document";
import { lineOfOffset } from "../model/offsets";

export interface PreflightKind {
  ruleId: string;
  /** The rule's short name (its id when the rule is not among those passed in). */
  name: Message;
  count: number;
}

export interface PreflightSummary {
  /** Findings at warning or error severity (what the Problems panel lists as problems). */
  total: number;
  kinds: PreflightKind[];
  /** The first finding in the text (0-based line and UTF-16 column). */
  first?: { line: number; character: number; endLine: number; endCharacter: number; ruleId: string; message: Message };
  /** The text has no recognised title (the export has none either). */
  untitled: boolean;
}

/** Sums up the findings shown as problems; `rules` are the rules that made them (for their names). */
export function summarizeFindings(model: DocumentModel, problems: readonly Problem[], rules: readonly Rule<object>[]): PreflightSummary {
  const shown = problems.filter((p) => p.severity === "error" || p.severity === "warning");
  const counts = new Map<string, number>();
  for (const p of shown) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);
  // Placeholders first (they must never reach print), then by count.
  const nameOf = (ruleId: string): Message => rules.find((r) => r.id === ruleId)?.meta.name ?? { zh: ruleId, en: ruleId };
  const kinds = [...counts].map(([ruleId, count]) => ({ ruleId, name: nameOf(ruleId), count })).sort((a, b) => Number(b.ruleId === "placeholder") - Number(a.ruleId === "placeholder") || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  let first: PreflightSummary["first"];
  const earliest = shown.reduce<Problem | undefined>((best, p) => (best === undefined || p.start < best.start ? p : best), undefined);
  if (earliest) {
    const startLine = lineOfOffset(model, earliest.start);
    const endLine = lineOfOffset(model, earliest.end);
    first = { line: startLine, character: earliest.start - model.lines[startLine].start, endLine, endCharacter: earliest.end - model.lines[endLine].start, ruleId: earliest.ruleId, message: earliest.message };
  }
  const untitled = model.documents.length > 0 && model.documents.every((d) => d.titleLine < 0) && model.text.trim() !== "";
  return { total: shown.length, kinds, first, untitled };
}

/** Whether the writer should be asked before exporting. */
export function needsConfirmation(summary: PreflightSummary): boolean {
  return summary.total > 0 || summary.untitled;
}

/** "还有 5 个问题：占位符 3 处，序号不连续 2 处" — the kinds in the user's language. */
export function describeFindings(summary: PreflightSummary, language: Language): string {
  const parts: string[] = [];
  if (summary.total > 0) {
    const kinds = summary.kinds.map((k) => {
      return language === "zh" ? `${k.name.zh} ${k.count} 处` : `${k.name.en} ×${k.count}`;
    });
    parts.push(language === "zh" ? `文档还有 ${summary.total} 个问题：${kinds.join("，")}` : `the document still has ${summary.total} problem${summary.total === 1 ? "" : "s"}: ${kinds.join(", ")}`);
  }
  if (summary.untitled) parts.push(language === "zh" ? "没有识别到标题（导出的文档将没有标题）" : "no title was found (the exported document will have none)");
  return parts.join(language === "zh" ? "；" : "; ");
}
