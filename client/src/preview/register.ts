// Activation's part of the preview: the command and the serializer that restores a preview after
// a reload. Everything else (dist/preview.js) loads the first time either is used, so the
// extension activates no slower for carrying the preview.
import * as vscode from "vscode";
import type { ServerConnection } from "../connection";
import type * as Preview from "./index";
import type { PreviewState } from "./webview/messages";
import { VIEW_TYPE } from "./view-type";

export function registerPreview(context: vscode.ExtensionContext, connection: ServerConnection): void {
  let manager: Promise<Preview.PreviewManager> | undefined;
  const load = (): Promise<Preview.PreviewManager> => {
    // scripts/build.mjs keeps this import out of dist/extension.js: it is dist/preview.js, read now.
    manager ??= import("./index").then((m) => {
      const created = new m.PreviewManager(context, connection);
      context.subscriptions.push(created);
      return created;
    });
    return manager;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand("gongwen.showPreview", async (resource?: unknown) => (await load()).show(resource)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => (await load()).restore(panel, state as PreviewState | undefined),
    }),
  );
  // The e2e suite reads what the webview drew and clicks in it (scripts/e2e/run.mjs sets this).
  if (process.env.GONGWEN_E2E === "1") {
    context.subscriptions.push(
      vscode.commands.registerCommand("gongwen.preview.drawn", async (options?: Parameters<Preview.PreviewManager["drawn"]>[0]) => (await load()).drawn(options)),
      vscode.commands.registerCommand("gongwen.preview.testClick", async (line: number) => (await load()).testClick(line)),
      vscode.commands.registerCommand("gongwen.preview.testScroll", async (line: number) => (await load()).testScroll(line)),
    );
  }
}
