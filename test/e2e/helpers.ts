// Shared helpers of the e2e suite: workspace files, expectations, and waiting on VS Code
// events with a deadline (never fixed sleeps).
import { readFileSync } from "node:fs";
import * as vscode from "vscode";

export const EXTENSION_ID = "gongwen.gongwen";
/** Generous: the first diagnostics include starting the server (2.5–4 s seen). */
export const WAIT_MS = 20_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the e2e suite needs the test/e2e/workspace copy opened as a folder");
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** An expectation file from the workspace's expected/ folder, as text. */
export function expectedText(name: string): string {
  return readFileSync(vscode.Uri.joinPath(workspaceRoot(), "expected", name).fsPath, "utf8");
}

export function expectedJson<T>(name: string): T {
  return JSON.parse(expectedText(name)) as T;
}

export async function openDocument(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/**
 * Resolves with `check()`'s first defined result, evaluated now and after each of
 * `events`; on timeout rejects with `describe()` of the last state.
 */
export function waitUntil<T>(
  check: () => T | undefined,
  events: vscode.Event<unknown>[],
  what: string,
  describe: () => string = () => "",
  timeoutMs = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (action: () => void) => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      action();
    };
    const timer = setTimeout(() => {
      const state = describe();
      finish(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${state ? `; last state: ${state}` : ""}`)));
    }, timeoutMs);
    const test = () => {
      let result: T | undefined;
      try {
        result = check();
      } catch (error) {
        finish(() => reject(error instanceof Error ? error : new Error(String(error))));
        return;
      }
      if (result !== undefined) finish(() => resolve(result));
    };
    for (const event of events) subscriptions.push(event(test));
    test();
  });
}

/** Waits until the server answers for the document (its outline), so completion is ours from the first key. */
export async function serverReady(document: vscode.TextDocument): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>("vscode.executeDocumentSymbolProvider", document.uri);
    if (symbols && symbols.length > 0) return;
    if (Date.now() > deadline) throw new Error(`the server did not answer for ${document.uri.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function gongwenDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === "gongwen");
}

/** A diagnostic as the expectation files write it: code, 0-based range, covered text. */
export interface DiagnosticSummary {
  code: string;
  range: [number, number, number, number];
  text: string;
}

export function summarize(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): DiagnosticSummary[] {
  return diagnostics
    .map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const code = typeof diagnostic.code === "object" ? String(diagnostic.code.value) : String(diagnostic.code);
      return { code, range: [start.line, start.character, end.line, end.character] as DiagnosticSummary["range"], text: document.getText(diagnostic.range) };
    })
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

/** Waits until the gongwen diagnostics of `uri` satisfy `predicate`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return waitUntil(
    () => {
      const diagnostics = gongwenDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    what,
    () => JSON.stringify(gongwenDiagnostics(uri).map((d) => `${String(typeof d.code === "object" ? d.code.value : d.code)}@${d.range.start.line}:${d.range.start.character}`)),
  );
}

export function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === "object" ? d.code.value : d.code)).sort();
}

/** Waits until the document's text satisfies `predicate`. */
export function waitForText(document: vscode.TextDocument, predicate: (text: string) => boolean, what: string): Promise<string> {
  return waitUntil(
    () => {
      const text = document.getText();
      return predicate(text) ? text : undefined;
    },
    [vscode.workspace.onDidChangeTextDocument],
    what,
    () => JSON.stringify(document.getText()),
  );
}

/**
 * Closes every editor, discarding unsaved changes, so each test starts clean. Each edited
 * document is shown, reverted, and seen clean before anything is closed: closing an editor
 * that is still edited asks whether to save it, and in the test workbench that saved it (an
 * earlier test's "（" ended up in completion.gw on disk, an edit in fixall.gw).
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    if (document.isUntitled) {
      // Nothing on disk to protect: reverted and closed in one step.
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
      continue;
    }
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await waitUntil(() => (document.isDirty ? undefined : true), [vscode.workspace.onDidChangeTextDocument], `${document.uri.toString()} to be reverted`);
  }
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
