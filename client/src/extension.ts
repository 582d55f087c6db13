// Extension entry point: starts the language server and registers commands and the
// status bar. All document logic lives in the server (dist/server.js).
import * as vscode from "vscode";
import { registerCommands } from "./commands";
import { ServerConnection } from "./connection";
import { StatusBar } from "./statusBar";
import { WordDocuments } from "./word";

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("公文助手 Gongwen");
  connection = new ServerConnection(context, output);
  context.subscriptions.push(output, connection);
  registerCommands(context, connection, output);
  context.subscriptions.push(new StatusBar(connection));
  context.subscriptions.push(new WordDocuments(connection));
  try {
    await connection.start();
  } catch (error) {
    // Keep the commands (restart, show output) available so the user can recover.
    output.appendLine(`Failed to start the language server: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
