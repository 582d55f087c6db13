// Word documents: "用公文助手检查 / Check with Gongwen" opens a .docx as the read-only text of a
// `gongwen-docx:` document, which the server checks like any other (diagnostics, Outline,
// folding, the Problems panel). The server reads the file; this side only asks for the text,
// shows it, follows changes of the file, and saves a copy as .gw/.txt to edit.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { ServerConnection } from "./connection";
import { pick, t } from "./i18n";
import { READ_WORD_DOCUMENT_METHOD, WORD_TEXT_SCHEME, type ReadWordDocumentParams, type ReadWordDocumentResult } from "./protocol";

const WORD_FILE = /\.(docx|docm|dotx|dotm)$/i;
/** Word writes a file in several steps: read it again once they are over. */
const REREAD_DELAY_MS = 500;

export function isWordFile(uri: vscode.Uri): boolean {
  return WORD_FILE.test(uri.path);
}

/** The read-only text document of a Word file, and back. */
export function wordTextUri(source: vscode.Uri): vscode.Uri {
  return source.with({ scheme: WORD_TEXT_SCHEME });
}

export function wordSourceUri(text: vscode.Uri): vscode.Uri {
  return text.with({ scheme: "file" });
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf("/") + 1);
}

/** The running client, waiting for one that is starting. */
function runningClient(connection: ServerConnection, timeoutMs = 30_000): Promise<LanguageClient> {
  const running = connection.running;
  if (running) return Promise.resolve(running);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(t("serverNotRunning")));
    }, timeoutMs);
    const subscription = connection.onDidStart((client) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(client);
    });
  });
}

export class WordDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** The text shown for each `gongwen-docx:` URI. */
  private readonly texts = new Map<string, string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Word files opened in a tab this session that were offered a check already. */
  private readonly offered = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly connection: ServerConnection) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(WORD_TEXT_SCHEME, this),
      vscode.commands.registerCommand("gongwen.checkWordDocument", (resource?: unknown, selected?: unknown) => this.checkCommand(resource, selected)),
      vscode.commands.registerCommand("gongwen.saveWordText", (resource?: unknown, target?: unknown) => this.saveCopy(resource, target)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.window.tabGroups.onDidChangeTabs((event) => this.offer(event.opened)),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const known = this.texts.get(key);
    if (known !== undefined) return known;
    // An editor restored after a reload: read the file again.
    const result = await this.read(wordSourceUri(uri));
    if ("error" in result) throw new Error(t("wordUnreadable", [baseName(uri), pick(result.error)]));
    this.texts.set(key, result.text);
    this.watch(uri);
    return result.text;
  }

  private async read(source: vscode.Uri): Promise<ReadWordDocumentResult> {
    const client = await runningClient(this.connection);
    const params: ReadWordDocumentParams = { uri: client.code2ProtocolConverter.asUri(source) };
    return client.sendRequest<ReadWordDocumentResult>(READ_WORD_DOCUMENT_METHOD, params);
  }

  /** The explorer passes the clicked file and the whole selection; the palette passes nothing. */
  private async checkCommand(resource: unknown, selected: unknown): Promise<vscode.Uri | undefined> {
    const many = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri && isWordFile(u)) : [];
    if (many.length > 1) {
      let last: vscode.Uri | undefined;
      for (const uri of many) last = (await this.check(uri)) ?? last;
      return last;
    }
    const source = await this.pickSource(resource);
    return source && this.check(source);
  }

  private async pickSource(resource: unknown): Promise<vscode.Uri | undefined> {
    if (resource instanceof vscode.Uri) return resource.scheme === WORD_TEXT_SCHEME ? wordSourceUri(resource) : resource;
    // The Word file in the active tab (VS Code shows it as a binary file), or the active text's own file.
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const tabUri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
    if (tabUri && tabUri.scheme === WORD_TEXT_SCHEME) return wordSourceUri(tabUri);
    if (tabUri && isWordFile(tabUri)) return tabUri;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: t("wordOpenLabel"),
      title: t("wordOpenTitle"),
      filters: { [t("wordFilter")]: ["docx", "docm", "dotx", "dotm"] },
    });
    return picked?.[0];
  }

  /** Reads the Word file and shows its text; returns the text's URI, or undefined when it could not be read. */
  async check(source: vscode.Uri): Promise<vscode.Uri | undefined> {
    const name = baseName(source);
    if (source.scheme !== "file") {
      void vscode.window.showWarningMessage(t("wordNotOnDisk", [name]));
      return undefined;
    }
    let result: ReadWordDocumentResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t("wordReading", [name]) }, () => this.read(source));
    } catch (error) {
      void vscode.window.showErrorMessage(t("commandFailed", [error instanceof Error ? error.message : String(error)]));
      return undefined;
    }
    if ("error" in result) {
      void vscode.window.showErrorMessage(t("wordUnreadable", [name, pick(result.error)]));
      return undefined;
    }
    const target = wordTextUri(source);
    const key = target.toString();
    const previous = this.texts.get(key);
    this.texts.set(key, result.text);
    if (previous !== undefined && previous !== result.text) this.changed.fire(target);
    let document = await vscode.workspace.openTextDocument(target);
    // The gongwen language colours headings and enumerations; the server checks it either way.
    if (document.languageId !== "gongwen") document = await vscode.languages.setTextDocumentLanguage(document, "gongwen");
    await vscode.window.showTextDocument(document, { preview: false });
    this.watch(target);
    if (result.trackedChanges > 0) void vscode.window.showInformationMessage(t("wordTrackedChanges", [name, result.trackedChanges]));
    return target;
  }

  /** Reads the file again when it changes on disk (saved again in Word), so the text and its findings follow. */
  private watch(target: vscode.Uri): void {
    const key = target.toString();
    if (this.watchers.has(key)) return;
    const source = wordSourceUri(target);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(source, ".."), baseName(source)), false, false, true);
    let timer: NodeJS.Timeout | undefined;
    const reread = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        this.read(source).then(
          (result) => {
            // A file caught half-written (or locked) keeps the text it had.
            if ("error" in result || !this.texts.has(key) || this.texts.get(key) === result.text) return;
            this.texts.set(key, result.text);
            this.changed.fire(target);
          },
          () => undefined,
        );
      }, REREAD_DELAY_MS);
    };
    this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), { dispose: () => timer && clearTimeout(timer) }));
  }

  private closed(document: vscode.TextDocument): void {
    if (document.uri.scheme !== WORD_TEXT_SCHEME) return;
    const key = document.uri.toString();
    // Changing the language closes and reopens the document: forget it only if it stays closed.
    setTimeout(() => {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
      this.texts.delete(key);
    }, 1000);
  }

  /** A Word file opened in a tab (shown as binary): offer to check it, once per file and session. */
  private offer(tabs: readonly vscode.Tab[]): void {
    for (const tab of tabs) {
      const input = tab.input;
      const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
      if (!uri || uri.scheme !== "file" || !isWordFile(uri) || this.offered.has(uri.toString())) continue;
      this.offered.add(uri.toString());
      const check = t("wordCheckButton");
      void vscode.window.showInformationMessage(t("wordOffer", [baseName(uri)]), check).then((choice) => {
        if (choice === check) void this.check(uri);
      });
    }
  }

  /** Saves the text as a .gw or .txt file to edit, and opens it. `target` skips the dialog (tests, keybindings). */
  private async saveCopy(resource: unknown, target: unknown): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const uri = resource instanceof vscode.Uri && resource.scheme === WORD_TEXT_SCHEME ? resource : active?.scheme === WORD_TEXT_SCHEME ? active : undefined;
    if (!uri) {
      void vscode.window.showInformationMessage(t("wordSaveNothing"));
      return undefined;
    }
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const source = wordSourceUri(uri);
    let destination = target instanceof vscode.Uri ? target : undefined;
    destination ??= await vscode.window.showSaveDialog({
      defaultUri: source.with({ path: source.path.replace(WORD_FILE, ".gw") }),
      filters: { [t("wordFilterGongwen")]: ["gw"], [t("wordFilterText")]: ["txt"] },
      saveLabel: t("wordSaveLabel"),
      title: t("wordSaveTitle", [baseName(source)]),
    });
    if (!destination) return undefined;
    try {
      await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(text));
    } catch (error) {
      void vscode.window.showErrorMessage(t("commandFailed", [error instanceof Error ? error.message : String(error)]));
      return undefined;
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(destination));
    return destination;
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
