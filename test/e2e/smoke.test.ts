// Temporary infrastructure check.
import * as assert from "node:assert/strict";
import { describe, it } from "mocha";
import * as vscode from "vscode";

describe("infrastructure", () => {
  it("runs inside VS Code", () => {
    assert.ok(vscode.version.startsWith("1."));
    console.log("vscode", vscode.version, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  });
});
