// Status bar item: 字数 (characters without whitespace) and the number of findings of the
// active document, asked from the server (gongwen/documentStats) after edits and diagnostics.
import * as vscode from "vscode";
import type { ServerConnection } from "./connection";
import { t } from "./i18n";
import { documentStatsRequest } from "./protocol";

/** Coalesces bursts of typing and diagnostics into one request. */
const REFRESH_DELAY_MS = 300;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("gongwen.status", vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: NodeJS.Timeout | undefined;
  /** Increases with every refresh so that a late answer for an older state is dropped. */
  private generation = 0;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = t("statusName");
    this.item.command = "workbench.actions.view.problems";
    const isActive = (uri: vscode.Uri) =>
      vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (isActive(event.document.uri)) this.schedule(REFRESH_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some(isActive)) this.schedule(REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration("gongwen")) this.schedule(0);
      }),
      connection.onDidStart(() => this.schedule(0)),
    );
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const client = this.connection.running;
    if (!document || !client || !this.connection.handles(document)) {
      this.item.hide();
      return;
    }
    try {
      const stats = await client.sendRequest(documentStatsRequest, {
        uri: client.code2ProtocolConverter.asUri(document.uri),
      });
      if (generation !== this.generation) return;
      if (stats.checked === false) {
        this.item.hide();
        return;
      }
      const scope = document.uri;
      this.item.text = stats.findings > 0
        ? `$(warning) ${t("statusText", [stats.charactersWithoutSpaces, stats.findings], scope)}`
        : `$(pass) ${t("statusTextClean", [stats.charactersWithoutSpaces], scope)}`;
      this.item.tooltip = t("statusTooltip", [stats.charactersWithoutSpaces, stats.characters, stats.findings], scope);
      this.item.show();
    } catch {
      // The server may be restarting or may not know the document yet; the next event retries.
      if (generation === this.generation) this.item.hide();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
