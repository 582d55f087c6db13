// Quick fixes from the fixes a diagnostic carries, the renumber command, and source.fixAll.gongwen.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit } from "vscode-languageserver";
import type { DiagnosticData, FixData } from "./diagnostics";
import type { DocumentModel } from "../model/document";
import { diffEdits, fixAll } from "../engine/fixes";
import type { LintConfig } from "../engine/lint";
import type { TextEdit } from "../engine/rule";
import { rangeOf } from "./positions";
import { localize, type Language } from "../i18n";

export const FIX_ALL_KIND = "source.fixAll.gongwen";
export const COMMAND_FIX_ALL = "gongwen.server.fixAll";
export const COMMAND_RENUMBER = "gongwen.server.renumber";

function isData(value: unknown): value is DiagnosticData {
  return typeof value === "object" && value !== null && typeof (value as DiagnosticData).version === "number" && Array.isArray((value as DiagnosticData).fixes);
}

/** A carried fix's edits (offsets into the text of its version) as LSP edits; undefined when they are malformed. */
function fixEdits(model: DocumentModel, fix: FixData): LspTextEdit[] | undefined {
  if (typeof fix !== "object" || fix === null || !Array.isArray(fix.edits)) return undefined;
  const length = model.text.length;
  const edits: LspTextEdit[] = [];
  for (const e of fix.edits as unknown[]) {
    const { start, end, newText } = (e ?? {}) as Partial<TextEdit>;
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof newText !== "string" || start! < 0 || end! < start! || end! > length) return undefined;
    edits.push({ range: rangeOf(model, start!, end!), newText });
  }
  return edits;
}

export function toLspEdits(model: DocumentModel, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(model, e.start, e.end), newText: e.newText }));
}

export function codeActions(model: DocumentModel, params: CodeActionParams, config: LintConfig, language: Language): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + "."));
  const actions: CodeAction[] = [];
  const uri = model.uri;
  if (wants(CodeActionKind.QuickFix)) {
    let renumberOffered = false;
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== "gongwen" || !isData(diagnostic.data)) continue;
      // A fix computed for an older version would edit the wrong characters: refuse it.
      if (diagnostic.data.version !== model.version) continue;
      for (const fix of diagnostic.data.fixes) {
        const edits = fixEdits(model, fix);
        if (!edits) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic as Diagnostic],
          isPreferred: fix.preferred,
          edit: { documentChanges: [{ textDocument: { uri, version: model.version }, edits }] },
        });
      }
      if (diagnostic.code === "numbering-sequence" && !renumberOffered) {
        renumberOffered = true;
        actions.push({
          title: localize({ zh: "重新编号全文标题序号", en: "Renumber all headings in the document" }, language),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic as Diagnostic],
          command: { title: "Renumber", command: COMMAND_RENUMBER, arguments: [{ uri, version: model.version }] },
        });
      }
    }
  }
  if (only && only.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + "."))) {
    const edits = fixAllEdits(model, config);
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

export function fixAllEdits(model: DocumentModel, config: LintConfig): TextEdit[] {
  const result = fixAll(model, config);
  return diffEdits(model.text, result.text);
}
