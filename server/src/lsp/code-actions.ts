// Quick fixes (the published findings' own fixes, looked up by the diagnostic's range and rule),
// the renumber command, and source.fixAll.gongwen.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from "vscode-languageserver";
import { carries, FIX_EDIT_BUDGET, type PublishedProblems } from "./diagnostics";
import type { DocumentModel } from "../model/document";
import { diffEdits, fixAll } from "../engine/fixes";
import type { LintConfig } from "../engine/lint";
import type { Rule, TextEdit } from "../engine/rule";
import { rangeOf } from "./positions";
import { localize, type Language } from "../i18n";
import { placeholderActions } from "./placeholder-actions";

export const FIX_ALL_KIND = "source.fixAll.gongwen";
export const COMMAND_FIX_ALL = "gongwen.server.fixAll";
export const COMMAND_RENUMBER = "gongwen.server.renumber";
/** Applies one rule's safe fixes to the whole document; arguments: [{ uri, version, ruleId }]. */
export const COMMAND_FIX_RULE = "gongwen.server.fixRule";

/** The version a diagnostic says it was computed for, when the client sent its data back. */
function versionOf(diagnostic: Diagnostic): number | undefined {
  const data = (diagnostic as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return undefined;
  const version = (data as { version?: unknown }).version;
  return typeof version === "number" ? version : undefined;
}

function isRange(value: unknown): value is Diagnostic["range"] {
  const r = value as Diagnostic["range"] | undefined;
  const isPosition = (p: unknown) => typeof p === "object" && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof r === "object" && r !== null && isPosition(r.start) && isPosition(r.end);
}

export function toLspEdits(model: DocumentModel, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(model, e.start, e.end), newText: e.newText }));
}

export interface CodeActionOptions {
  /** The client can show a document with a selection (window/showDocument): select and go-to actions. */
  canSelect: boolean;
}

export function codeActions(model: DocumentModel, params: CodeActionParams, rules: readonly Rule<object>[], config: LintConfig, language: Language, published: PublishedProblems, options: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + "."));
  const actions: CodeAction[] = [];
  const uri = model.uri;
  if (wants(CodeActionKind.QuickFix)) {
    let renumberOffered = false;
    const ruleFixOffered = new Set<string>();
    const budget = { left: FIX_EDIT_BUDGET };
    for (const diagnostic of params.context.diagnostics) {
      if (typeof diagnostic !== "object" || diagnostic === null || diagnostic.source !== "gongwen" || !isRange(diagnostic.range)) continue;
      // A diagnostic of an older version: its range may now cover other characters.
      const version = versionOf(diagnostic);
      if (version !== undefined && version !== model.version) continue;
      for (const problem of published.at(model, diagnostic.range, String(diagnostic.code))) {
        for (const fix of problem.fixes) {
          if (!carries(budget, fix.edits.length)) continue;
          actions.push({
            title: localize(fix.title, language),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred === true,
            edit: { documentChanges: [{ textDocument: { uri, version: model.version }, edits: toLspEdits(model, fix.edits) }] },
          });
        }
        if (problem.ruleId === "placeholder" && options.canSelect) actions.push(...placeholderActions(model, diagnostic, problem, published, language));
      }
      // A rule with many findings (punctuation-width on a text converted from a web page): one
      // action fixes them all, as ESLint offers "Fix all <rule> problems".
      const ruleId = String(diagnostic.code);
      if (!ruleFixOffered.has(ruleId)) {
        ruleFixOffered.add(ruleId);
        const count = published.fixableCount(model, ruleId);
        if (count >= 2) {
          actions.push({
            title: localize({ zh: `修复本文档中全部 ${ruleId} 问题（${count} 处）`, en: `Fix all ${ruleId} problems in this document (${count})` }, language),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: "Fix all", command: COMMAND_FIX_RULE, arguments: [{ uri, version: model.version, ruleId }] },
          });
        }
      }
      if (diagnostic.code === "numbering-sequence" && !renumberOffered) {
        renumberOffered = true;
        actions.push({
          title: localize({ zh: "重新编号全文标题序号", en: "Renumber all headings in the document" }, language),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: "Renumber", command: COMMAND_RENUMBER, arguments: [{ uri, version: model.version }] },
        });
      }
    }
  }
  if (only && only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + "."))) {
    const edits = fixAllEdits(model, rules, config);
    if (edits.length > 0) {
      actions.push({
        title: localize({ zh: "修复所有可自动修复的公文问题", en: "Fix all auto-fixable gongwen problems" }, language),
        kind: FIX_ALL_KIND,
        edit: { documentChanges: [{ textDocument: { uri, version: model.version }, edits: toLspEdits(model, edits) }] },
      });
    }
  }
  return actions;
}

/** The edits of fix-all with `rules` (one rule's for "Fix all <rule> problems"). */
export function fixAllEdits(model: DocumentModel, rules: readonly Rule<object>[], config: LintConfig): TextEdit[] {
  const result = fixAll(model, rules, config);
  return diffEdits(model.text, result.text);
}
