// Settings reach the server: a rule turned off loses its diagnostics, a severity applies.
import * as assert from "node:assert/strict";
import { afterEach, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, codesOf, openDocument, waitForDiagnostics } from "./helpers";

const RULE = "enumeration-sequence";
const SETTING = `rules.${RULE}`;

function has(diagnostics: readonly vscode.Diagnostic[], code: string): boolean {
  return codesOf(diagnostics).includes(code);
}

describe("settings", () => {
  afterEach(async () => {
    for (const setting of [SETTING, "locale"]) {
      await vscode.workspace.getConfiguration("gongwen").update(setting, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await closeAllEditors();
  });

  it(`gongwen.${SETTING} = "off" removes the rule's diagnostics only`, async () => {
    const { document } = await openDocument("plan.gw");
    const before = await waitForDiagnostics(document.uri, (d) => has(d, RULE), `${RULE} on plan.gw`);
    const others = codesOf(before).filter((code) => code !== RULE);
    assert.ok(others.length > 0, "the fixture should have problems of other rules too");

    await vscode.workspace.getConfiguration("gongwen").update(SETTING, "off", vscode.ConfigurationTarget.Workspace);
    const after = await waitForDiagnostics(document.uri, (d) => !has(d, RULE), `${RULE} to disappear`);
    assert.deepEqual(codesOf(after), others);

    await vscode.workspace.getConfiguration("gongwen").update(SETTING, undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (d) => has(d, RULE), `${RULE} to come back`);
  });

  it(`gongwen.${SETTING} = "error" raises its severity`, async () => {
    const { document } = await openDocument("plan.gw");
    await waitForDiagnostics(document.uri, (d) => has(d, RULE), `${RULE} on plan.gw`);
    await vscode.workspace.getConfiguration("gongwen").update(SETTING, "error", vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codesOf([x])[0] === RULE && x.severity === vscode.DiagnosticSeverity.Error),
      `${RULE} as an error`,
    );
  });

  it("gongwen.locale chooses the language of the messages", async () => {
    const { document } = await openDocument("plan.gw");
    await waitForDiagnostics(document.uri, (d) => d.length > 0, "problems on plan.gw");
    const config = () => vscode.workspace.getConfiguration("gongwen");
    await config().update("locale", "zh-cn", vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && d.every((x) => /^[\u4e00-\u9fff]/.test(x.message)), "messages in Chinese");
    await config().update("locale", "en", vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (d) => d.length > 0 && d.every((x) => /^[A-Za-z]/.test(x.message)), "messages in English");
  });
});
