// Contributed snippets insert their text, with the date variables filled in.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, waitForText } from "./helpers";

async function insertSnippet(languageId: string, name: string): Promise<string> {
  const document = await vscode.workspace.openTextDocument({ language: languageId, content: "" });
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand("editor.action.insertSnippet", { langId: languageId, name });
  return waitForText(document, (text) => text.length > 0, `the snippet ${name} in a ${languageId} document`);
}

describe("snippets", () => {
  afterEach(closeAllEditors);

  it("inserts the 工作计划 skeleton with today's date", async () => {
    const text = await insertSnippet("gongwen", "工作计划");
    const now = new Date();
    const lines = text.split("\n");
    assert.equal(lines[0], `XX单位${now.getFullYear()}年工作计划`);
    for (const heading of ["一、总体要求", "二、主要任务", "三、保障措施", "（一）加强组织领导。XX"]) {
      assert.ok(lines.includes(heading), `missing line ${heading}`);
    }
    // The date line has no leading zeros: 2024年1月5日, not 2024年01月05日.
    const date = `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`;
    assert.ok(lines.includes(date), `missing date line ${date} in ${JSON.stringify(lines.slice(-3))}`);
  });

  it("offers the 一是二是三是 paragraph in plain text too", async () => {
    const text = await insertSnippet("plaintext", "一是二是三是");
    assert.equal(text, "XX。一是XX；二是XX；三是XX。");
  });
});
