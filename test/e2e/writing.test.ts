// Writing in the editor as a new user does (issue 12): typing a bracket and accepting the next
// number, Ctrl+. Enter on a placeholder, a rule page opened from a link, Fold All, and the next
// number after Markdown's "## ". Driven through the editor's own commands (type, Ctrl+Space,
// Ctrl+., Enter), so auto-closing, the suggest widget and the quick-fix menu take part.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import {
  closeAllEditors, codesOf, EXTENSION_ID, openDocument, serverReady, waitForDiagnostics, waitForText, waitUntil, workspaceFile, WAIT_MS,
} from "./helpers";

/**
 * Runs `command` until `done()` holds: the suggest widget and the quick-fix menu open
 * asynchronously, and accepting before they are shown does nothing. Polls with a deadline.
 */
async function repeatUntil(command: string, done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await vscode.commands.executeCommand(command);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function typeAtEnd(editor: vscode.TextEditor, text: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  // The `type` command is the keyboard's path: auto-closing pairs apply as when typing.
  await vscode.commands.executeCommand("type", { text });
}

/**
 * A new untitled document with a workspace file's text: typing tests start from that text even
 * when an earlier test left the file itself edited.
 */
async function openCopy(name: string, language: string): Promise<vscode.TextEditor> {
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name)));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language, content }));
}

function lastLine(document: vscode.TextDocument): string {
  return document.lineAt(document.lineCount - 1).text;
}

describe("writing in the editor", () => {
  afterEach(closeAllEditors);

  it("typing （ and accepting （三） leaves one closing bracket", async () => {
    const editor = await openCopy("completion.gw", "gongwen");
    const { document } = editor;
    await serverReady(document);
    await typeAtEnd(editor, "（");
    // The editor closed the pair, as in every .gw file: the cursor stands between （ and ）.
    await waitForText(document, (text) => text.endsWith("\n（）"), "the auto-closed pair");
    // （ is a trigger character: the suggest widget opens by itself; Enter accepts.
    await repeatUntil("acceptSelectedSuggestion", () => lastLine(document) !== "（）", "a completion to be accepted");
    assert.equal(lastLine(document), "（三）");
  });

  it("typing ( in half width and accepting gives （三） without a stray )", async () => {
    const editor = await openCopy("completion.gw", "gongwen");
    const { document } = editor;
    await serverReady(document);
    await typeAtEnd(editor, "(");
    await waitForText(document, (text) => text.endsWith("\n()"), "the auto-closed pair");
    await repeatUntil("acceptSelectedSuggestion", () => lastLine(document) !== "()", "a completion to be accepted");
    assert.equal(lastLine(document), "（三）");
  });

  it("after Markdown's ## Ctrl+Space offers the next number and Enter writes it", async () => {
    const editor = await openCopy("plan.md", "markdown");
    const { document } = editor;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the problems of plan.md");
    await typeAtEnd(editor, "\n\n## ");
    await waitForText(document, (text) => text.endsWith("\n## "), "the typed ## ");
    await vscode.commands.executeCommand("editor.action.triggerSuggest");
    await repeatUntil("acceptSelectedSuggestion", () => lastLine(document) !== "## ", "a completion to be accepted");
    // plan.md's level-1 headings are "## 一、" and "## 三、": the next is 四、.
    assert.equal(lastLine(document), "## 四、");
  });

  it("Ctrl+. then Enter on XX selects it to type over, and allows nothing", async () => {
    const editor = await openDocument("plan.gw");
    const { document } = editor;
    const isPlaceholder = (d: vscode.Diagnostic) => codesOf([d])[0] === "placeholder";
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some(isPlaceholder), "the XX of plan.gw");
    const xx = diagnostics.find(isPlaceholder)!.range;
    assert.equal(document.getText(xx), "XX");
    // The allow-list action is there (a file on disk), but last.
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", document.uri, xx, vscode.CodeActionKind.QuickFix.value);
    const titles = offered.map((a) => a.title);
    assert.match(titles.at(-1) ?? "", /XX.*(允许|Allow)|(允许|Allow).*XX/, JSON.stringify(titles));

    editor.selection = new vscode.Selection(xx.start, xx.start);
    await vscode.commands.executeCommand("editor.action.quickFix");
    const selected = () => editor.selection.isEqual(new vscode.Selection(xx.start, xx.end));
    await repeatUntil("acceptSelectedCodeAction", selected, "Enter in the quick-fix menu to select XX");
    assert.ok(selected());

    // Nothing was written, and XX is still flagged.
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceFile(".gongwenrc.json"))), "no .gongwenrc.json was created");
    assert.ok(codesOf(vscode.languages.getDiagnostics(document.uri)).includes("placeholder"));
    // Typing replaces the selection, as the action says.
    await vscode.commands.executeCommand("type", { text: "6" });
    await waitForText(document, (text) => text.includes("请于6月底前"), "6 typed over XX");
    // Leave plan.gw as it is on disk for the tests after this one.
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await waitForText(document, (text) => text.includes("请于XX月底前"), "plan.gw reverted");
  });

  it("a rule page opened from a diagnostic's link is not checked", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const page = vscode.Uri.joinPath(extension.extensionUri, "docs", "rules", "placeholder.md");
    // The same text in the workspace is checked: the page quotes placeholders on purpose.
    const copy = workspaceFile("placeholder-page-copy.md");
    await vscode.workspace.fs.copy(page, copy, { overwrite: true });
    const own = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(page));
    assert.equal(own.document.languageId, "markdown");
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy));
    // The server checks documents in the order they were opened: once the copy has its
    // diagnostics, the page would have had its own.
    const flagged = await waitForDiagnostics(copy, (d) => d.length > 10, "the copy's findings");
    assert.ok(flagged.length > 10);
    assert.deepEqual(codesOf(vscode.languages.getDiagnostics(page)), []);
  });

  it("Fold All leaves the section headings visible", async () => {
    const editor = await openDocument("plan.gw");
    const { document } = editor;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the server to check plan.gw");
    const visible = (line: number) => editor.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line);
    const headings = ["一、总体要求", "二、主要任务", "四、保障措施"].map((text) => {
      const line = document.getText().split("\n").indexOf(text);
      assert.ok(line >= 0, text);
      return line;
    });
    await vscode.commands.executeCommand("editor.foldAll");
    // Folding is done once the body under 一、 is hidden.
    await waitUntil(() => (visible(headings[0] + 1) ? undefined : true), [vscode.window.onDidChangeTextEditorVisibleRanges], "Fold All to fold the sections", () => JSON.stringify(editor.visibleRanges));
    for (const line of [0, ...headings]) assert.ok(visible(line), `line ${line + 1} (${document.lineAt(line).text}) is visible after Fold All`);
  });

  it("the sign-off is outside the last section: folding, outline and breadcrumb", async () => {
    const editor = await openDocument("plan.gw");
    const { document } = editor;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the server to check plan.gw");
    const lines = document.getText().split("\n");
    const last = lines.indexOf("四、保障措施");
    const signature = lines.indexOf("区统计局");
    const date = lines.indexOf("2024年1月15日");
    assert.ok(last > 0 && signature > last && date === signature + 1);
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>("vscode.executeFoldingRangeProvider", document.uri);
    const section = ranges.find((r) => r.start === last);
    assert.ok(section, "四、 folds");
    assert.ok(section.end < signature, `四、 folds lines ${section.start + 1}-${section.end + 1}, not the sign-off on ${signature + 1}`);
    // The breadcrumb shows the innermost symbol around the cursor: on the date line, 落款.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>("vscode.executeDocumentSymbolProvider", document.uri);
    const path: string[] = [];
    for (let list = symbols, found = true; found;) {
      const inner = list.find((s) => s.range.contains(new vscode.Position(date, 0)));
      found = inner !== undefined;
      if (inner) {
        path.push(inner.name);
        list = inner.children;
      }
    }
    assert.deepEqual(path, ["区统计局2024年工作计划", "落款：区统计局 2024年1月15日"]);
    // Folding 四、 leaves the sign-off in view.
    editor.selection = new vscode.Selection(last, 0, last, 0);
    await vscode.commands.executeCommand("editor.fold");
    const visible = (line: number) => editor.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line);
    await waitUntil(() => (visible(last + 1) ? undefined : true), [vscode.window.onDidChangeTextEditorVisibleRanges], "四、 to fold", () => JSON.stringify(editor.visibleRanges));
    assert.ok(visible(signature) && visible(date), "the 署名 and the date stay visible");
  });

  it("a Markdown document has one outline: VS Code's, from the # headings", async () => {
    const editor = await openDocument("plan.md");
    const { document } = editor;
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the problems of plan.md");
    // A new version: the outline is computed again with every provider registered by now.
    await typeAtEnd(editor, "\n");
    await waitForText(document, (text) => text.endsWith("\n\n"), "the new version");
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>("vscode.executeDocumentSymbolProvider", document.uri);
    const all: vscode.DocumentSymbol[] = [];
    const walk = (list: readonly vscode.DocumentSymbol[]) => {
      for (const symbol of list) {
        all.push(symbol);
        walk(symbol.children);
      }
    };
    walk(symbols);
    const shown = JSON.stringify(all.map((symbol) => symbol.name));
    // One tree with the title at its root (ours beside it made a second root with the same title).
    assert.equal(symbols.length, 1, shown);
    // VS Code's Markdown outline names headings as written ("## 一、…") and gives them the kind String.
    assert.ok(all.every((symbol) => symbol.kind === vscode.SymbolKind.String), shown);
    assert.ok(all.some((symbol) => symbol.name.includes("一、主要工作及成效")), shown);
  });
});
