// "Export to Word" (gongwen.exportDocx): asks the server to write `<name>.docx` beside the
// document. The server holds the model, the settings and the findings and writes the file (the
// CLI uses the same code); the client only asks the questions: export despite the findings
// left, or go to the first one; replace an existing file; where to save an untitled document.
import * as path from "node:path";
import * as vscode from "vscode";
import type { ServerConnection } from "./connection";
import { t } from "./i18n";
import { EXPORT_DOCX_METHOD, type ExportAnswer, type ExportParams } from "./protocol";

/** Options for callers other than the menus (keybindings, other extensions, the e2e suite). */
export interface ExportCommandOptions {
  /** Absolute path of the .docx to write. */
  target?: string;
  /** Replace an existing file without asking. */
  overwrite?: boolean;
  /** Export whatever findings remain, without asking. */
  ignoreFindings?: boolean;
}

const KNOWN_LANGUAGES = ["gongwen", "plaintext", "markdown"];
const LANGUAGE_BY_EXTENSION: Record<string, string> = { ".md": "markdown", ".markdown": "markdown", ".gw": "gongwen", ".gongwen": "gongwen" };

export async function exportToWord(connection: ServerConnection, resource?: unknown, options: ExportCommandOptions = {}): Promise<ExportAnswer | undefined> {
  // From the explorer or the editor title the resource comes as an argument; from the palette, the active editor.
  const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(t("noEditor"));
    return undefined;
  }
  const client = connection.running;
  if (!client) {
    void vscode.window.showWarningMessage(t("serverNotRunning"));
    return undefined;
  }
  let document: vscode.TextDocument;
  try {
    // VS Code decodes the file as the editor would (its encoding settings), unsaved edits included.
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  } catch (error) {
    void vscode.window.showErrorMessage(t("exportFailed", [error instanceof Error ? error.message : String(error)], uri));
    return undefined;
  }
  let target = options.target;
  let overwrite = options.overwrite === true;
  if (!target && uri.scheme !== "file") {
    const picked = await vscode.window.showSaveDialog({ filters: { Word: ["docx"] }, saveLabel: t("exportSaveLabel", [], uri), title: t("exportSaveTitle", [], uri) });
    if (!picked) return undefined;
    target = picked.fsPath;
    // The save dialog has asked about replacing an existing file already.
    overwrite = true;
  }
  const extension = path.extname(uri.path).toLowerCase();
  const params: ExportParams = {
    uri: client.code2ProtocolConverter.asUri(uri),
    text: document.getText(),
    languageId: KNOWN_LANGUAGES.includes(document.languageId) ? document.languageId : (LANGUAGE_BY_EXTENSION[extension] ?? "plaintext"),
    version: document.version,
    target,
    overwrite,
    ignoreFindings: options.ignoreFindings === true,
  };
  for (;;) {
    let answer: ExportAnswer;
    try {
      answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t("exporting", [path.basename(uri.path)], uri) }, () => client.sendRequest<ExportAnswer>(EXPORT_DOCX_METHOD, params));
    } catch (error) {
      void vscode.window.showErrorMessage(t("exportFailed", [error instanceof Error ? error.message : String(error)], uri));
      return undefined;
    }
    switch (answer.status) {
      case "findings": {
        const exportAnyway = t("exportAnyway", [], uri);
        const goToFirst = t("exportGoToFirst", [], uri);
        const choice = await vscode.window.showWarningMessage(t("exportFindings", [answer.message], uri), { modal: true }, exportAnyway, ...(answer.summary.first ? [goToFirst] : []));
        if (choice === exportAnyway) {
          params.ignoreFindings = true;
          continue;
        }
        if (choice === goToFirst && answer.summary.first) {
          const f = answer.summary.first;
          const range = new vscode.Range(f.line, f.character, f.endLine, f.endCharacter);
          await vscode.window.showTextDocument(document, { selection: range });
        }
        return answer;
      }
      case "exists": {
        const replace = t("exportReplace", [], uri);
        const choice = await vscode.window.showWarningMessage(t("exportExists", [path.basename(answer.target)], uri), { modal: true }, replace);
        if (choice !== replace) return answer;
        params.overwrite = true;
        params.target = answer.target;
        continue;
      }
      case "written": {
        void showWritten(answer.target, uri);
        return answer;
      }
      case "failed":
        void vscode.window.showErrorMessage(t("exportFailed", [answer.message], uri));
        return answer;
    }
  }
}

async function showWritten(target: string, scope: vscode.Uri): Promise<void> {
  const open = t("exportOpen", [], scope);
  const reveal = t("exportReveal", [], scope);
  const choice = await vscode.window.showInformationMessage(t("exportWritten", [path.basename(target)], scope), open, reveal);
  const file = vscode.Uri.file(target);
  if (choice === open) await vscode.env.openExternal(file);
  else if (choice === reveal) await vscode.commands.executeCommand("revealFileInOS", file);
}
