// What Ctrl+. offers on a template leftover, besides a known replacement (D → 党): select it to
// type over it, or go to the next one. Both are the server command gongwen.server.select, which
// asks the client to show the document with that selection (window/showDocument), so any
// client that can show a document gets them. Allowing the word project-wide comes last (see
// project-config.ts): it silences every occurrence, so it must never be what Enter picks.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from "vscode-languageserver";
import type { DocumentModel } from "../model/document";
import type { Problem } from "../engine/rule";
import { localize, type Language } from "../i18n";
import { type PublishedProblems } from "./diagnostics";
import { rangeOf } from "./positions";

export const COMMAND_SELECT = "gongwen.server.select";

export interface SelectArgs {
  uri: string;
  range: Range;
}

/** A blank pair of brackets to fill in: "（）", "（ ）", "【】" … */
const BLANK_BRACKETS = /^[（(【〔[][ \u3000]*[）)】〕\]]$/;
const MAX_SHOWN = 12;

export function placeholderActions(model: DocumentModel, diagnostic: Diagnostic, problem: Problem, published: PublishedProblems, language: Language): CodeAction[] {
  const uri = model.uri;
  const found = model.text.slice(problem.start, problem.end);
  const actions: CodeAction[] = [];
  const select = (title: string, range: Range): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: COMMAND_SELECT, arguments: [{ uri, range } satisfies SelectArgs] },
  });
  if (BLANK_BRACKETS.test(found)) {
    // The cursor between the brackets, over any blanks there: what is typed fills them.
    actions.push(select(
      localize({ zh: `在“${found}”中填写`, en: `Fill in the blank "${found}"` }, language),
      rangeOf(model, problem.start + 1, problem.end - 1),
    ));
  } else if (found.trim() === "") {
    // Spaces standing where a figure belongs ("全镇 个行政村"): typing the figure replaces them.
    actions.push(select(localize({ zh: "选中留空处，填写数字", en: "Select the gap to type the missing figure" }, language), rangeOf(model, problem.start, problem.end)));
  } else {
    actions.push(select(
      localize({ zh: `选中“${shorten(found)}”，输入内容替换它`, en: `Select "${shorten(found)}" to type over it` }, language),
      rangeOf(model, problem.start, problem.end),
    ));
  }
  const next = published.following(model, problem.ruleId, problem.start);
  if (next) {
    const range = rangeOf(model, next.start, next.end);
    const text = shorten(model.text.slice(next.start, next.end));
    actions.push(select(
      localize({ zh: `转到下一处待填写内容“${text}”（第 ${range.start.line + 1} 行）`, en: `Go to the next leftover "${text}" (line ${range.start.line + 1})` }, language),
      range,
    ));
  }
  return actions;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + "…" : text;
}

/** Whether the arguments of gongwen.server.select are well formed. */
export function isSelectArgs(value: unknown): value is SelectArgs {
  const v = value as SelectArgs | undefined;
  const isPosition = (p: unknown) => typeof p === "object" && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof v === "object" && v !== null && typeof v.uri === "string" && typeof v.range === "object" && v.range !== null && isPosition(v.range.start) && isPosition(v.range.end);
}
