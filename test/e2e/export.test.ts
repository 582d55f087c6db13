// Export to Word in the real workbench: the command is there, writes <name>.docx beside the
// document from the editor's text (unsaved edits included), through the language server.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, openDocument, waitForDiagnostics, workspaceFile } from "./helpers";

type Answer = { status: string; target?: string; message?: string };

function documentXml(path: string): string {
  return strFromU8(unzipSync(readFileSync(path))["word/document.xml"]);
}

describe("export to Word", () => {
  afterEach(closeAllEditors);

  it("contributes gongwen.exportDocx to the palette, the editor title menu and the explorer menu", async () => {
    await vscode.extensions.getExtension("gongwen.gongwen")!.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes("gongwen.exportDocx"));
    const pkg = vscode.extensions.getExtension("gongwen.gongwen")!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string }>> } };
    for (const menu of ["editor/title", "explorer/context", "commandPalette"]) assert.ok(pkg.contributes.menus[menu].some((m) => m.command === "gongwen.exportDocx"), menu);
  });

  it("writes plan.docx beside plan.txt with the editor's unsaved text", async () => {
    const target = workspaceFile("plan.docx").fsPath;
    rmSync(target, { force: true });
    const editor = await openDocument("plan.txt");
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, "the plan's problems");
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), "\n四、保障措施\n未保存的新段落。\n"));
    assert.ok(editor.document.isDirty);
    // Options instead of the questions the menus ask (export despite the findings, replace).
    const answer = await vscode.commands.executeCommand<Answer>("gongwen.exportDocx", editor.document.uri, { ignoreFindings: true, overwrite: true });
    assert.equal(answer?.status, "written", JSON.stringify(answer));
    assert.equal(answer?.target, target);
    assert.ok(existsSync(target));
    const xml = documentXml(target);
    assert.match(xml, /<w:pStyle w:val="Title"\/>.*区文旅局2024年工作计划/s);
    assert.match(xml, /<w:pStyle w:val="Heading1"\/>.*一、工作目标/s);
    assert.match(xml, /未保存的新段落。/);
  });

  it("a file that is not open (the explorer's menu) is exported too", async () => {
    const target = workspaceFile("plan.docx").fsPath;
    rmSync(target, { force: true });
    const answer = await vscode.commands.executeCommand<Answer>("gongwen.exportDocx", workspaceFile("plan.md"), { ignoreFindings: true, overwrite: true });
    assert.equal(answer?.status, "written", JSON.stringify(answer));
    const written = answer?.target ?? "";
    assert.ok(existsSync(written));
    assert.doesNotMatch(documentXml(written), /\*\*/);
  });
});
