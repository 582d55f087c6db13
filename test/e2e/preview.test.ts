// The page preview in the real workbench: it opens beside the editor and shows pages, follows an
// edit, marks findings, scrolls with the editor both ways, and a click on a page moves the cursor.
// What the webview drew comes back through a test-only command (the extension host cannot see
// into the webview); the click and the scroll are dispatched inside the webview, through its own
// handlers (scripts/e2e/screenshots.mjs clicks with the mouse as well).
import * as assert from "node:assert/strict";
import { after, before, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, openDocument, waitForDiagnostics, waitUntil } from "./helpers";

interface Drawn {
  uri: string;
  version: number;
  pages: number;
  drawn: Array<{ number: number; key: string; text: string; findings: number }>;
  drawMs: number;
}

function drawn(options: { minVersion?: number; contains?: string; page?: number } = {}): Promise<Drawn> {
  return vscode.commands.executeCommand<Drawn>("gongwen.preview.drawn", options) as Promise<Drawn>;
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("gongwen.preview"));
}

describe("page preview", () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await closeAllEditors();
    editor = await openDocument("preview.gw");
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, "the findings of preview.gw");
  });
  after(closeAllEditors);

  it("is contributed: palette, editor title button", () => {
    const pkg = vscode.extensions.getExtension("gongwen.gongwen")!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; group?: string }>> }; activationEvents: string[] };
    assert.ok(pkg.contributes.menus["editor/title"].some((m) => m.command === "gongwen.showPreview" && m.group?.startsWith("navigation")));
    assert.ok(pkg.contributes.menus.commandPalette.some((m) => m.command === "gongwen.showPreview"));
    assert.ok(pkg.activationEvents.includes("onWebviewPanel:gongwen.preview"), "the serializer's activation event");
  });

  it("opens beside the editor and shows the document as pages", async () => {
    await vscode.commands.executeCommand("gongwen.showPreview");
    const report = await drawn({ contains: "区司法局2024年工作计划" });
    const tabs = previewTabs();
    assert.equal(tabs.length, 1, "one preview tab");
    assert.notEqual(tabs[0].group.viewColumn, editor.viewColumn, "beside the editor, not over it");
    // The editor keeps the focus: the writer goes on typing.
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    assert.ok(report.pages >= 3, `pages: ${report.pages}`);
    const first = report.drawn.find((p) => p.number === 1);
    assert.ok(first, "page 1 drawn");
    assert.match(first.text, /^区司法局2024年工作计划\n/, "the title first");
    // The second document of the file starts a new page.
    const second = await drawn({ contains: "区应急管理局2024年工作计划" });
    const page = second.drawn.find((p) => p.text.includes("区应急管理局2024年工作计划"))!;
    assert.ok(page.number > 1 && page.text.startsWith("区应急管理局2024年工作计划"), "the second document's title opens its page");
  });

  it("marks the findings in the pages", async () => {
    const report = await drawn({ contains: "区司法局2024年工作计划" });
    // "2024年XX区司法局": the placeholder is on page 1.
    assert.ok(report.drawn.find((p) => p.number === 1)!.findings > 0, JSON.stringify(report.drawn.map((p) => p.findings)));
  });

  it("follows an edit", async () => {
    const line = 2;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), "预览跟随编辑的新句子。"));
    const report = await drawn({ minVersion: editor.document.version, contains: "预览跟随编辑的新句子" });
    assert.equal(report.version, editor.document.version);
    // For the record (the budget is the bench's): the webview's part of following a keystroke.
    console.log(`      the webview drew the edit in ${report.drawMs.toFixed(1)} ms`);
  });

  it("a click on a page moves the editor's cursor to that line", async () => {
    const target = editor.document.getText().split("\n").findIndex((l) => l.startsWith("三、强化基层法治培训"));
    assert.ok(target > 0);
    await vscode.commands.executeCommand("workbench.action.focusFirstEditorGroup");
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand("gongwen.preview.testClick", target);
    const moved = await waitUntil(
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document === editor.document && active.selection.active.line === target ? active.selection.active : undefined;
      },
      [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeActiveTextEditor],
      `the cursor on line ${target}`,
      () => `cursor at ${vscode.window.activeTextEditor?.selection.active.line}`,
    );
    assert.equal(moved.line, target);
  });

  it("scrolls with the editor: the last page is drawn when the editor shows the end", async () => {
    const last = editor.document.lineCount - 1;
    const before = await drawn();
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === editor.document)!;
    shown.revealRange(new vscode.Range(last, 0, last, 0), vscode.TextEditorRevealType.AtTop);
    const report = await drawn({ page: before.pages });
    const text = editor.document.getText().trimEnd();
    const end = text.slice(-8);
    assert.equal(end.length, 8);
    const lastPage = report.drawn.find((p) => p.number === report.pages)!;
    assert.ok(lastPage.text.replace(/\n/g, "").includes(end), `the last page shows the end of the text (${end}): ${lastPage.text}`);
  });

  it("scrolls the editor with the preview", async () => {
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === editor.document)!;
    shown.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    const target = editor.document.lineCount - 3;
    await vscode.commands.executeCommand("gongwen.preview.testScroll", target);
    await waitUntil(
      () => (shown.visibleRanges[0] && shown.visibleRanges[0].start.line > 2 ? true : undefined),
      [vscode.window.onDidChangeTextEditorVisibleRanges],
      "the editor scrolled down with the preview",
      () => JSON.stringify(shown.visibleRanges),
    );
  });
});
