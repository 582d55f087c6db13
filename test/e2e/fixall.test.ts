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

  it("a text converted from a web page: one finding per line, and one quick fix for the whole document", async () => {
    const lines = ["区统计局2024年工作总结", "", "一、主要工作", "2024年,我局认真贯彻落实\"稳中求进\"工作总基调,扎实推进各项工作.", "全年完成1,000户调查,比上年提高0.5个百分点.", "会议定于上午10:30召开,请准时参加."];
    const document = await vscode.workspace.openTextDocument({ language: "plaintext", content: lines.join("\n") });
    await vscode.window.showTextDocument(document);
    const isWidth = (d: vscode.Diagnostic) => (typeof d.code === "object" ? d.code.value : d.code) === "punctuation-width";
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.filter(isWidth).length === 3, "one punctuation-width finding per line");
    const first = diagnostics.find(isWidth)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", document.uri, first.range, vscode.CodeActionKind.QuickFix.value);
    const all = actions.find((a) => a.command?.command === "gongwen.server.fixRule");
    assert.ok(all, `a fix-all-of-the-rule action among: ${actions.map((a) => a.title).join(", ")}`);
    const args = (all.command!.arguments ?? []) as unknown[];
    await vscode.commands.executeCommand(all.command!.command, ...args);
    const fixed = ["区统计局2024年工作总结", "", "一、主要工作", "2024年，我局认真贯彻落实“稳中求进”工作总基调，扎实推进各项工作。", "全年完成1,000户调查，比上年提高0.5个百分点。", "会议定于上午10:30召开，请准时参加。"].join("\n");
    await waitForText(document, (text) => text === fixed, "every half-width mark of the document changed, numbers and times left alone");
  });
});
