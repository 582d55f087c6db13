// Word documents: "Check with Gongwen" on a .docx opens its text read-only with the findings,
// outline and folding of the same text; the copy to edit is one command away.
import * as assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "mocha";
import * as vscode from "vscode";
import { buildWord } from "../support/word";
import { closeAllEditors, expectedJson, summarize, waitForDiagnostics, workspaceFile } from "./helpers";
import type { DiagnosticSummary } from "./helpers";

interface Node {
  name: string;
  children?: Node[];
}

function tree(symbols: readonly vscode.DocumentSymbol[]): Node[] {
  return symbols.map((symbol) => (symbol.children.length > 0 ? { name: symbol.name, children: tree(symbol.children) } : { name: symbol.name }));
}

describe("Word documents", () => {
  const docx = workspaceFile("unit-plan.docx");
  let text = "";

  before(async () => {
    // plan.gw as a Word file: its heading numbers made by Word's automatic numbering, with
    // tracked changes and hidden text that must not show.
    const built = await buildWord(readFileSync(workspaceFile("plan.gw").fsPath, "utf8"), { numbering: true, changes: 11, formatted: true });
    writeFileSync(docx.fsPath, built.bytes);
    writeFileSync(workspaceFile("broken.docx").fsPath, built.bytes.subarray(0, built.bytes.length >> 1));
    text = built.text;
  });
  after(closeAllEditors);

  it("opens the text read-only with the findings of the same text", async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>("gongwen.checkWordDocument", docx);
    assert.ok(uri, "the command returned no document");
    assert.equal(uri.scheme, "gongwen-docx");
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString(), "the text is the active editor");
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.languageId, "gongwen");
    const expected = expectedJson<DiagnosticSummary[]>("plan.gw.diagnostics.json");
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length === expected.length, `${expected.length} findings on the Word document's text`);
    assert.deepEqual(summarize(editor.document, diagnostics), expected);
    // The Problems panel lists what the diagnostics collection holds.
    assert.ok(vscode.languages.getDiagnostics().some(([u, d]) => u.toString() === uri.toString() && d.length === expected.length));
  });

  it("gives the outline and folding of the text", async () => {
    const uri = vscode.Uri.parse(docx.with({ scheme: "gongwen-docx" }).toString());
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>("vscode.executeDocumentSymbolProvider", uri);
    assert.ok(symbols && symbols.length > 0, "no document symbols");
    assert.deepEqual(tree(symbols), expectedJson<Node[]>("plan.gw.outline.json"));
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>("vscode.executeFoldingRangeProvider", uri);
    assert.deepEqual(
      ranges?.map((r) => [r.start, r.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
      expectedJson<number[][]>("plan.gw.folding.json"),
    );
  });

  it("offers no fixes on the read-only text, and saves a copy to edit", async () => {
    const uri = docx.with({ scheme: "gongwen-docx" });
    const diagnostics = vscode.languages.getDiagnostics(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, diagnostics[0].range);
    assert.deepEqual((actions ?? []).filter((a) => a.diagnostics?.some((d) => d.source === "gongwen")), [], "a quick fix on a read-only text");
    const copy = workspaceFile("unit-plan.gw");
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>("gongwen.saveWordText", uri, copy);
    assert.equal(saved?.toString(), copy.toString());
    assert.equal(readFileSync(copy.fsPath, "utf8"), text);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), copy.toString(), "the copy is open to edit");
    const expected = expectedJson<DiagnosticSummary[]>("plan.gw.diagnostics.json");
    await waitForDiagnostics(copy, (d) => d.length === expected.length, "the copy's findings");
  });

  it("says why a damaged file cannot be read, and opens nothing", async () => {
    await closeAllEditors();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>("gongwen.checkWordDocument", workspaceFile("broken.docx"));
    assert.equal(uri, undefined);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });
});
