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
    await vscode.workspace.getConfiguration("gongwen").update(SETTING, undefined, vscode.ConfigurationTarget.Workspace);
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
});
