// The commands of the 公文 / Gongwen category; document work is delegated to the server.
import * as vscode from "vscode";
import type { ServerConnection } from "./connection";
import { t } from "./i18n";
import { ServerCommands, WORD_TEXT_SCHEME } from "./protocol";
import type { DocumentCommandArgs } from "./protocol";
import { pickAndInsertTemplate } from "./templates";
import { exportToWord, type ExportCommandOptions } from "./export";

/** Runs a server command on the active editor's document at its current version. */
async function runOnActiveDocument(connection: ServerConnection, command: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t("noEditor"));
    return;
  }
  const document = editor.document;
  if (document.uri.scheme === WORD_TEXT_SCHEME) {
    // A Word document's text cannot be changed in place: offer the copy to edit.
    const save = t("wordSaveButton");
    const choice = await vscode.window.showInformationMessage(t("wordReadOnly"), save);
    if (choice === save) await vscode.commands.executeCommand("gongwen.saveWordText", document.uri);
    return;
  }
  if (!connection.handles(document)) {
    void vscode.window.showInformationMessage(t("unsupportedDocument", [document.languageId], document.uri));
    return;
  }
  const client = connection.running;
  if (!client) {
    void vscode.window.showWarningMessage(t("serverNotRunning"));
    return;
  }
  const args: DocumentCommandArgs = {
    uri: client.code2ProtocolConverter.asUri(document.uri),
    version: document.version,
  };
  try {
    // The server answers after workspace/applyEdit has been applied to the document.
    await client.sendRequest("workspace/executeCommand", { command, arguments: [args] });
  } catch (error) {
    void vscode.window.showErrorMessage(t("commandFailed", [error instanceof Error ? error.message : String(error)]));
  }
}

export function registerCommands(
  context: vscode.ExtensionContext,
  connection: ServerConnection,
  output: vscode.OutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("gongwen.fixAll", () => runOnActiveDocument(connection, ServerCommands.fixAll)),
    vscode.commands.registerCommand("gongwen.renumber", () => runOnActiveDocument(connection, ServerCommands.renumber)),
    vscode.commands.registerCommand("gongwen.insertTemplate", () => pickAndInsertTemplate(context)),
    vscode.commands.registerCommand("gongwen.exportDocx", (resource?: unknown, options?: ExportCommandOptions) => exportToWord(connection, resource, options)),
    vscode.commands.registerCommand("gongwen.restartServer", () => connection.restart()),
    vscode.commands.registerCommand("gongwen.showOutput", () => output.show(true)),
  );
}
