// Owns the language client: speaks to dist/server.js over stdio for the languages in the
// `gongwen.languages` setting and restarts it when that setting changes.
import * as vscode from "vscode";
import type { ChildProcess } from "node:child_process";
import { LanguageClient } from "vscode-languageclient/node";
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { WORD_TEXT_SCHEME } from "./protocol";
import { startServerProcess } from "./server-process";

export const DEFAULT_LANGUAGES: readonly string[] = ["gongwen", "plaintext", "markdown"];
const SCHEMES = ["file", "untitled"] as const;

/** The languages to check, from the window-level value of `gongwen.languages`. */
export function configuredLanguages(): string[] {
  // null: the window-wide value (a resource-scoped setting read without a resource drew a warning).
  const value = vscode.workspace.getConfiguration("gongwen", null).get<unknown>("languages");
  if (!Array.isArray(value)) return [...DEFAULT_LANGUAGES];
  return value.filter((item): item is string => typeof item === "string" && item.length > 0);
}

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private languages: string[] = [];
  private readonly startedEmitter = new vscode.EventEmitter<LanguageClient>();
  private readonly disposables: vscode.Disposable[] = [this.startedEmitter];
  /** Fires after a (re)started client is ready. */
  readonly onDidStart = this.startedEmitter.event;

  /**
   * `started`: the server process activate() started before this module loaded, used by the
   * first start (restarts start their own).
   */
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private started?: ChildProcess,
  ) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("gongwen.languages")) void this.restart();
    }));
  }

  /** The running client, if any. */
  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Whether the server checks this document (its language and scheme are selected, or it is a Word document's text). */
  handles(document: vscode.TextDocument): boolean {
    if (document.uri.scheme === WORD_TEXT_SCHEME) return true;
    return this.languages.includes(document.languageId)
      && (SCHEMES as readonly string[]).includes(document.uri.scheme);
  }

  async start(): Promise<void> {
    if (this.client) return;
    this.languages = configuredLanguages();
    const serverOptions: ServerOptions = () => {
      const process = this.started ?? startServerProcess(this.context.asAbsolutePath("dist/server.js"));
      this.started = undefined;
      return Promise.resolve(process);
    };
    const documentSelector: DocumentSelector = [
      ...this.languages.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
      // The text of a Word document opened with "Check with Gongwen", whatever its language.
      { scheme: WORD_TEXT_SCHEME },
    ];
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      outputChannel: this.output,
      // The server pulls settings per resource; this makes the client notify it of changes.
      synchronize: { configurationSection: "gongwen" },
      // In Markdown, VS Code's own Markdown support already gives the Outline, breadcrumbs and
      // folding from the "#" headings; ours beside them made two trees. Markdown keeps its own,
      // as in every other Markdown file (other editors still get the server's).
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          if (this.startup.firstDiagnostics === undefined) this.logStartup();
          next(uri, diagnostics);
        },
        provideDocumentSymbols: (document, token, next) => document.languageId === "markdown" ? undefined : next(document, token),
        provideFoldingRanges: (document, context, token, next) => document.languageId === "markdown" ? undefined : next(document, context, token),
      },
    };
    const client = new LanguageClient("gongwen", "公文助手 Gongwen", serverOptions, clientOptions);
    this.client = client;
    this.startup.starting ??= performance.now();
    await client.start();
    this.startup.ready ??= performance.now();
    this.startedEmitter.fire(client);
  }

  /**
   * When the first start's steps happened, in milliseconds since the extension host started
   * (performance.now() there): written once to the output channel, for anyone asking why the
   * first squiggle took its time (scripts/e2e/latency.mjs reads it).
   */
  readonly startup: { activated?: number; starting?: number; ready?: number; firstDiagnostics?: number } = {};

  private logStartup(): void {
    const t = this.startup;
    t.firstDiagnostics = performance.now();
    const ms = (value: number | undefined) => (value === undefined ? "?" : value.toFixed(0));
    this.output.appendLine(`startup (ms since the extension host started at ${performance.timeOrigin.toFixed(0)}): activated ${ms(t.activated)}, server started ${ms(t.starting)}, server ready ${ms(t.ready)}, first diagnostics ${ms(t.firstDiagnostics)}`);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.started?.kill();
    this.started = undefined;
    void this.stop();
  }
}
