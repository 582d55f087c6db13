// Folding by section comes from the server's folding ranges.
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, expectedJson, openDocument, waitForDiagnostics } from "./helpers";

describe("folding", () => {
  after(closeAllEditors);

  it("folds plan.gw by section", async () => {
    const { document } = await openDocument("plan.gw");
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "the server to check plan.gw");
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>(
      "vscode.executeFoldingRangeProvider", document.uri);
    assert.ok(ranges && ranges.length > 0, "no folding ranges");
    const actual = ranges.map((r) => [r.start, r.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(actual, expectedJson<number[][]>("plan.gw.folding.json"));
  });
});
