// The Outline / breadcrumbs tree comes from the server's document symbols.
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, expectedJson, openDocument, waitForDiagnostics } from "./helpers";

interface Node {
  name: string;
  children?: Node[];
}

function tree(symbols: readonly vscode.DocumentSymbol[]): Node[] {
  return symbols.map((symbol) => symbol.children.length > 0 ? { name: symbol.name, children: tree(symbol.children) } : { name: symbol.name });
}

describe("outline", () => {
  after(closeAllEditors);

  it("gives the heading tree of plan.gw", async () => {
    const { document } = await openDocument("plan.gw");
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the server to check plan.gw");
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      "vscode.executeDocumentSymbolProvider", document.uri);
    assert.ok(symbols && symbols.length > 0, "no document symbols");
    assert.ok(symbols[0] instanceof vscode.DocumentSymbol || "children" in symbols[0], "symbols are hierarchical");
    assert.deepEqual(tree(symbols), expectedJson<Node[]>("plan.gw.outline.json"));
  });
});
