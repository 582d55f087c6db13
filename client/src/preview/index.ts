// The live page preview (gongwen.showPreview), loaded on first use as dist/preview.js. One
// preview beside the editor, following the active 公文 document: the server renders the pages
// (request gongwen/previewPages) and this side only carries them to the webview, asks again
// after each edit (debounced) and when new findings arrive, and keeps editor and preview scrolled
// together; a click in the pages moves the editor's cursor there.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { ServerConnection } from "../connection";
import { shellHtml, VIEW_TYPE, webviewOptions } from "./shell";
import { s } from "./strings";
import type { FromWebview, PageInfo, PreviewState, ToWebview } from "./webview/messages";

const PREVIEW_REQUEST = "gongwen/previewPages";
/** After the last keystroke: short, so the pages follow within 100 ms (the server takes a few ms at 100 KB). */
const EDIT_DELAY_MS = 30;
/**
 * A document whose pages take the server longer than this to lay out (about 1 MB and more) is
 * laid out again only after a pause in typing three times that long, so typing stays fluent and
 * its diagnostics are not held up behind the preview.
 */
const SLOW_RENDER_MS = 150;
/** New findings (diagnostics) come in bursts with the text's own updates: coalesced. */
const FINDINGS_DELAY_MS = 60;
/** Scrolling one side moves the other; the echo of that move (the next scroll event) is not sent back, if it comes within this long. */
const ECHO_MS = 300;

interface PreviewAnswer {
  uri: string;
  version: number;
  pages: PageInfo[];
  html: Array<{ number: number; key: string; html: string }>;
  css: string;
  findings: number;
  findingsCurrent: boolean;
  empty?: string;
  ms: number;
}

/** What the e2e suite reads: the webview's last report of what it drew. */
export interface DrawnReport {
  uri: string;
  version: number;
  pages: number;
  drawn: Array<{ number: number; key: string; text: string; findings: number }>;
  /** Milliseconds the webview took to draw the last update. */
  drawMs: number;
}

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private ready = false;
  private view = { from: 1, to: 3 };
  /** Page → key of the HTML the webview holds. */
  private readonly held = new Map<number, string>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private again = false;
  /** The next editor scroll before this time is our own reveal's echo. */
  private editorEchoUntil = 0;
  /** The next preview scroll before this time is the echo of following the editor. */
  private previewEchoUntil = 0;
  private drawnReport: DrawnReport | undefined;
  /** How long the server took for the last answer (its own measure). */
  private lastServerMs = 0;
  private readonly drawnWaiters = new Set<() => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly connection: ServerConnection) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length > 0) this.schedule(this.lastServerMs > SLOW_RENDER_MS ? 3 * this.lastServerMs : EDIT_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.document?.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.schedule(FINDINGS_DELAY_MS);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.panel && editor.document !== this.document && this.previewable(editor.document)) this.setDocument(editor.document);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.post({ type: "status", text: s("closed", [], d.uri) });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The server reads the new settings first (its cache is cleared by the same event).
        if (e.affectsConfiguration("gongwen")) this.schedule(150);
      }),
      connection.onDidStart(() => this.schedule(0)),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Opens the preview beside the editor for `resource` (or the active editor's document), or shows it. */
  async show(resource?: unknown): Promise<void> {
    const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri ?? this.document?.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(s("noEditor"));
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (!this.previewable(document)) {
      void vscode.window.showInformationMessage(s("notHandled", [document.languageId], document.uri));
      return;
    }
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, s("title", [baseName(document.uri)], document.uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.context.extensionUri));
      this.attach(panel);
    } else this.panel.reveal(undefined, true);
    this.setDocument(document);
  }

  /** Restores a preview VS Code kept across a reload (the serializer calls this). */
  async restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    if (this.panel) {
      // One preview at a time: a second restored panel closes.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.context.extensionUri);
    this.attach(panel);
    try {
      // The document it showed; without a saved state (closed before it drew), the active one.
      const active = vscode.window.activeTextEditor?.document;
      const document = state?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)) : active && this.previewable(active) ? active : undefined;
      if (document) this.setDocument(document);
      else this.post({ type: "status", text: s("noEditor") });
    } catch {
      this.post({ type: "status", text: s("closed") });
    }
  }

  private previewable(document: vscode.TextDocument): boolean {
    return this.connection.handles(document);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.held.clear();
    panel.webview.html = shellHtml(panel.webview, this.context.extensionUri, vscode.env.language);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.received(m)),
      panel.onDidChangeViewState(() => {
        // Shown again after being hidden: the webview was reloaded (retainContextWhenHidden is off).
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables.splice(0)) d.dispose();
        this.panel = undefined;
        this.document = undefined;
        this.ready = false;
      }),
    );
  }

  private setDocument(document: vscode.TextDocument): void {
    const changed = document !== this.document;
    this.document = document;
    if (this.panel) this.panel.title = s("title", [baseName(document.uri)], document.uri);
    if (changed) {
      this.held.clear();
      this.view = { from: 1, to: 3 };
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (!this.panel || !this.document) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Asks the server for the pages (the HTML of those in view that the webview lacks) and sends them on. */
  private async update(): Promise<void> {
    const document = this.document;
    if (!document || !this.panel || !this.ready) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const client: LanguageClient | undefined = this.connection.running;
    if (!client) {
      this.post({ type: "status", text: s("serverNotRunning", [], document.uri) });
      return;
    }
    this.inFlight = true;
    try {
      const known: Record<number, string> = {};
      for (let n = this.view.from; n <= this.view.to; n++) {
        const key = this.held.get(n);
        if (key !== undefined) known[n] = key;
      }
      const answer = await client.sendRequest<PreviewAnswer | null>(PREVIEW_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri), version: document.version, from: this.view.from, to: this.view.to, known });
      if (document !== this.document || !this.panel) return;
      if (!answer) {
        this.post({ type: "status", text: s("notHandled", [document.languageId], document.uri) });
        return;
      }
      this.lastServerMs = answer.ms;
      for (const h of answer.html) this.held.set(h.number, h.key);
      for (const n of [...this.held.keys()]) if (n > answer.pages.length) this.held.delete(n);
      this.post({ type: "update", uri: document.uri.toString(), version: answer.version, pages: answer.pages, css: answer.css, html: answer.html, empty: answer.empty, labels: { page: s("page", [], document.uri), findings: s("findings", [], document.uri) } });
      // The server had not seen the last edit yet: ask again.
      if (answer.version < document.version) this.again = true;
    } catch (error) {
      this.post({ type: "status", text: s("failed", [error instanceof Error ? error.message : String(error)], document.uri) });
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  private received(message: FromWebview): void {
    switch (message.type) {
      case "ready":
        // A new webview (opened, shown again, restored): it holds no page.
        this.ready = true;
        this.held.clear();
        this.schedule(0);
        this.followEditorOnce();
        break;
      case "view":
        this.view = { from: message.from, to: message.to };
        for (let n = message.from; n <= message.to; n++) {
          if (message.keys[n] === undefined) this.held.delete(n);
          else this.held.set(n, message.keys[n]);
        }
        this.schedule(0);
        break;
      case "scrolled":
        this.previewScrolled(message.line);
        break;
      case "click":
        void this.jumpTo(message.offset, message.line);
        break;
      case "drawn":
        if (this.document) this.drawnReport = { uri: this.document.uri.toString(), version: message.version, pages: message.pages, drawn: message.drawn, drawMs: message.drawMs };
        for (const wake of [...this.drawnWaiters]) wake();
        break;
    }
  }

  private setting(name: string): boolean {
    return vscode.workspace.getConfiguration("gongwen.preview", this.document?.uri).get<boolean>(name, true);
  }

  private followEditorOnce(): void {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const line = editor?.visibleRanges[0]?.start.line;
    if (line !== undefined && line > 0) this.post({ type: "scroll", line });
  }

  private editorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (e.textEditor.document !== this.document || !this.setting("scrollPreviewWithEditor")) return;
    if (Date.now() < this.editorEchoUntil) {
      this.editorEchoUntil = 0;
      return;
    }
    const line = e.visibleRanges[0]?.start.line;
    if (line === undefined) return;
    this.previewEchoUntil = Date.now() + ECHO_MS;
    this.post({ type: "scroll", line });
  }

  private previewScrolled(line: number): void {
    if (!this.document || !this.setting("scrollEditorWithPreview")) return;
    if (Date.now() < this.previewEchoUntil) {
      this.previewEchoUntil = 0;
      return;
    }
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document || editor.visibleRanges[0]?.start.line === line) continue;
      this.editorEchoUntil = Date.now() + ECHO_MS;
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
    }
  }

  /** A click in the pages: the editor's cursor goes to that character (or line) and the editor takes focus. */
  private async jumpTo(offset: number | undefined, line: number): Promise<void> {
    const document = this.document;
    if (!document) return;
    const position = offset !== undefined && offset >= 0 && offset <= document.getText().length ? document.positionAt(offset) : new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const column = shown?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    // The editor scrolls only when the line is out of view: that scroll is not sent back to the preview.
    const inView = shown?.visibleRanges.some((r) => r.contains(position)) ?? false;
    if (!inView) this.editorEchoUntil = Date.now() + ECHO_MS;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  // --- e2e hooks (registered only when GONGWEN_E2E=1) ------------------------------------

  /** Resolves with the webview's report once it has drawn `minVersion` (or later) with `contains` in its text. */
  async drawn(options: { minVersion?: number; contains?: string; page?: number; timeoutMs?: number } = {}): Promise<DrawnReport> {
    const matches = () => {
      const r = this.drawnReport;
      if (!r || r.drawn.length === 0 || r.uri !== this.document?.uri.toString()) return undefined;
      if (options.minVersion !== undefined && r.version < options.minVersion) return undefined;
      if (options.contains !== undefined && !r.drawn.some((p) => p.text.includes(options.contains!))) return undefined;
      if (options.page !== undefined && !r.drawn.some((p) => p.number === options.page)) return undefined;
      return r;
    };
    const now = matches();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const wake = () => {
        const r = matches();
        if (!r) return;
        clearTimeout(timer);
        this.drawnWaiters.delete(wake);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.drawnWaiters.delete(wake);
        reject(new Error(`the preview did not draw ${JSON.stringify(options)}; last report: ${JSON.stringify(this.drawnReport ? { ...this.drawnReport, drawn: this.drawnReport.drawn.map((p) => ({ ...p, text: p.text.slice(0, 80) })) } : null)}`));
      }, options.timeoutMs ?? 20_000);
      this.drawnWaiters.add(wake);
    });
  }

  /** Clicks, in the webview, the first printed line of source `line` (the webview's own click handling runs). */
  testClick(line: number): void {
    this.post({ type: "testClick", line });
  }

  /** Scrolls the webview to source `line` as the reader would (its scroll is reported back as theirs). */
  testScroll(line: number): void {
    this.post({ type: "testScroll", line });
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split("/").pop() || uri.toString();
}
