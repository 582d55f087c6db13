// The fix-all and renumber commands rewrite the document through the server.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { readFileSync } from "node:fs";
import { closeAllEditors, expectedText, openDocument, waitForDiagnostics, waitForText, workspaceFile } from "./helpers";

async function runOnFixture(command: string, expectedFile: string): Promise<vscode.TextDocument> {
  const { document } = await openDocument("fixall.gw");
  await waitForDiagnostics(document.uri, (d) => d.length > 0, "the problems of fixall.gw");
  const expected = expectedText(expectedFile);
  await vscode.commands.executeCommand(command);
  await waitForText(document, (text) => text === expected, `${command} to produce expected/${expectedFile}`);
  return document;
}

describe("commands", () => {
  afterEach(closeAllEditors);

  it("gongwen.fixAll fixes every fixable problem", async () => {
    const document = await runOnFixture("gongwen.fixAll", "fixall.fixed.gw");
    const remaining = await waitForDiagnostics(document.uri, (d) => d.length === 0, "no problems after fix-all");
    assert.equal(remaining.length, 0);
  });

  it("gongwen.renumber renumbers the headings", async () => {
    await runOnFixture("gongwen.renumber", "fixall.renumbered.gw");
  });

  it("the light bulb's preferred quick fix corrects one number", async () => {
    // A fresh untitled document: fixall.gw was just rewritten and reverted by the tests above,
    // and diagnostics of one of those versions may still be shown (their fixes are refused).
    const document = await vscode.workspace.openTextDocument({ language: "gongwen", content: readFileSync(workspaceFile("fixall.gw").fsPath, "utf8") });
    await vscode.window.showTextDocument(document);
    // The code links to the rule's page: { value, target }.
    const isGap = (d: vscode.Diagnostic) => (typeof d.code === "object" ? d.code.value : d.code) === "numbering-sequence";
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.some(isGap), "the gap of the plan");
    const gap = diagnostics.find(isGap)!;
    assert.equal(document.getText(gap.range).startsWith("三"), true, "the finding is on 三、主要任务");
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", document.uri, gap.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(preferred, `a preferred fix among: ${actions.map((a) => a.title).join(", ")}`);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    await waitForText(document, (text) => text.includes("\n二、主要任务\n") && text.includes("\n四、保障措施\n"), "only 三 changed to 二");
  });
});
