// Owns the language client: starts dist/server.js over IPC for the languages in the
// `gongwen.languages` setting and restarts it when that setting changes.
import * as vscode from "vscode";
import { LanguageClient, TransportKind } from "vscode-languageclient/node";
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { WORD_TEXT_SCHEME } from "./protocol";

export const DEFAULT_LANGUAGES: readonly string[] = ["gongwen", "plaintext", "markdown"];
const SCHEMES = ["file", "untitled"] as const;

/** The languages to check, from the window-level value of `gongwen.languages`. */
export function configuredLanguages(): string[] {
  const value = vscode.workspace.getConfiguration("gongwen").get<unknown>("languages");
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

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
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
    const serverModule = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ["--nolazy", "--inspect=6019"] },
      },
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
    };
    const client = new LanguageClient("gongwen", "公文助手 Gongwen", serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.startedEmitter.fire(client);
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
    void this.stop();
  }
}
