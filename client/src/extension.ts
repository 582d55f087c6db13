// Extension entry point: starts the language server and registers commands and the
// status bar. All document logic lives in the server (dist/server.js).
import * as vscode from "vscode";
import { registerCommands } from "./commands";
import type { ServerConnection } from "./connection";
import { startServerProcess } from "./server-process";
import { StatusBar } from "./statusBar";
import { registerPreview } from "./preview/register";
import { WordDocuments } from "./word";

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activated = performance.now();
  // The server first: it boots in its own process while the language client library (most of
  // this bundle, loaded by the import below) is read and evaluated here.
  const server = startServerProcess(context.asAbsolutePath("dist/server.js"));
  const output = vscode.window.createOutputChannel("公文助手 Gongwen");
  context.subscriptions.push(output);
  let ServerConnectionClass: typeof ServerConnection;
  try {
    ({ ServerConnection: ServerConnectionClass } = await import("./connection"));
  } catch (error) {
    server.kill();
    throw error;
  }
  connection = new ServerConnectionClass(context, output, server);
  connection.startup.activated = activated;
  context.subscriptions.push(connection);
  registerCommands(context, connection, output);
  registerPreview(context, connection);
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
