// 插入公文模板: offers the document skeletons of snippets/gongwen.code-snippets (the
// entries marked isFileTemplate) in a quick pick and inserts the chosen one as a snippet,
// so the template text lives in one place.
import { readFile } from "node:fs/promises";
import * as vscode from "vscode";
import { t } from "./i18n";

interface SnippetEntry {
  prefix?: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

export interface Template {
  name: string;
  prefixes: string[];
  description: string;
  body: string;
}

/** The document skeletons among the snippets of `file`, in file order. */
export async function loadTemplates(file: string): Promise<Template[]> {
  const entries = JSON.parse(await readFile(file, "utf8")) as Record<string, SnippetEntry>;
  return Object.entries(entries)
    .filter(([, entry]) => entry.isFileTemplate === true)
    .map(([name, entry]) => ({
      name,
      prefixes: entry.prefix === undefined ? [] : Array.isArray(entry.prefix) ? entry.prefix : [entry.prefix],
      description: entry.description ?? "",
      body: Array.isArray(entry.body) ? entry.body.join("\n") : entry.body,
    }));
}

export async function pickAndInsertTemplate(context: vscode.ExtensionContext): Promise<void> {
  let templates: Template[];
  try {
    templates = await loadTemplates(context.asAbsolutePath("snippets/gongwen.code-snippets"));
  } catch (error) {
    void vscode.window.showErrorMessage(t("templatesUnreadable", [error instanceof Error ? error.message : String(error)]));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({
      label: template.name,
      description: template.prefixes.filter((prefix) => prefix !== template.name).join(" "),
      detail: template.description,
      template,
    })),
    { placeHolder: t("templatePlaceholder"), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  let editor = vscode.window.activeTextEditor;
  if (!editor) {
    const document = await vscode.workspace.openTextDocument({ language: "gongwen" });
    editor = await vscode.window.showTextDocument(document);
  }
  await editor.insertSnippet(new vscode.SnippetString(picked.template.body));
}
