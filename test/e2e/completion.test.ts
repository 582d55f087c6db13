// Completion offers the next heading number at the start of a line.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, openDocument, serverReady, waitForText } from "./helpers";

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => typeof item.label === "string" ? item.label : item.label.label);
}

describe("completion", () => {
  afterEach(closeAllEditors);

  it("offers the next number of each level in scope at an empty line", async () => {
    const editor = await openDocument("completion.gw");
    const { document } = editor;
    // completion.gw ends with an empty line after （二）.
    const line = document.lineCount - 1;
    assert.equal(document.lineAt(line).text, "");
    await serverReady(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      "vscode.executeCompletionItemProvider", document.uri, new vscode.Position(line, 0));
    const offered = labels(list);
    for (const label of ["二、", "（三）", "1."]) assert.ok(offered.includes(label), `${label} not in ${JSON.stringify(offered)}`);
  });

  it("offers （三） after a typed （", async () => {
    const editor = await openDocument("completion.gw");
    const { document } = editor;
    const line = document.lineCount - 1;
    await editor.edit((builder) => builder.insert(new vscode.Position(line, 0), "（"));
    await waitForText(document, (text) => text.endsWith("\n（"), "the typed （");
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      "vscode.executeCompletionItemProvider", document.uri, new vscode.Position(line, 1), "（");
    const item = list.items.find((i) => (typeof i.label === "string" ? i.label : i.label.label) === "（三）");
    assert.ok(item, `（三） not in ${JSON.stringify(labels(list))}`);
    // Accepting it replaces the typed opener rather than doubling it.
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.ok(range, "the item carries its replace range");
    assert.equal(range.start.character, 0);
  });
});
