// The fix-all and renumber commands rewrite the document through the server.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, expectedText, openDocument, waitForDiagnostics, waitForText } from "./helpers";

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
});
