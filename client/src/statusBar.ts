// Status bar item: 字数 (characters without whitespace) of the active document, asked from the
// server (gongwen/documentStats) right after edits, and its number of problems, read from the
// diagnostics VS Code shows, so both agree with the editor at every moment.
import * as vscode from "vscode";
import type { ServerConnection } from "./connection";
import { t } from "./i18n";
import { DOCUMENT_STATS_METHOD, type DocumentStats, type DocumentStatsParams } from "./protocol";

/**
 * Delay after an edit before asking for 字数: short, so the count is right as soon as a snippet
 * goes in (with 300 ms, "字数 4" stood beside the 10 new problems); longer for big documents,
 * where the server counts a lot of text, so that typing bursts ask once.
 */
const EDIT_DELAY_MS = 30;
const BIG_EDIT_DELAY_MS = 300;
const BIG_DOCUMENT_LINES = 5_000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("gongwen.status", vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: NodeJS.Timeout | undefined;
  /** Increases with every refresh so that a late answer for an older state is dropped. */
  private generation = 0;
  /** The last counts the server gave for the active document. */
  private counts: { uri: string; withoutSpaces: number; all: number } | undefined;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = t("statusName");
    this.item.command = "workbench.actions.view.problems";
    const isActive = (uri: vscode.Uri) =>
      vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (isActive(event.document.uri)) this.schedule(event.document.lineCount > BIG_DOCUMENT_LINES ? BIG_EDIT_DELAY_MS : EDIT_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        // The problem count is read from the diagnostics themselves: shown at once.
        if (event.uris.some(isActive)) this.render();
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
      this.hide();
      return;
    }
    try {
      const params: DocumentStatsParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
      const stats = await client.sendRequest<DocumentStats>(DOCUMENT_STATS_METHOD, params);
      if (generation !== this.generation) return;
      if (stats.checked === false) {
        this.hide();
        return;
      }
      this.counts = { uri: document.uri.toString(), withoutSpaces: stats.charactersWithoutSpaces, all: stats.characters };
      this.render();
    } catch {
      // The server may be restarting or may not know the document yet; the next event retries.
      if (generation === this.generation) this.hide();
    }
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    const counts = this.counts;
    if (!document || !counts || counts.uri !== document.uri.toString()) return;
    const problems = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === "gongwen").length;
    const scope = document.uri;
    this.item.text = problems > 0
      ? `$(warning) ${t("statusText", [counts.withoutSpaces, problems], scope)}`
      : `$(pass) ${t("statusTextClean", [counts.withoutSpaces], scope)}`;
    this.item.tooltip = t("statusTooltip", [counts.withoutSpaces, counts.all, problems], scope);
    this.item.show();
  }

  private hide(): void {
    this.counts = undefined;
    this.item.hide();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
