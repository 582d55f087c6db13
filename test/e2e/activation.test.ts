// The extension activates on .gw, .txt and .md documents and the server checks each.
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import * as vscode from "vscode";
import { closeAllEditors, EXTENSION_ID, openDocument, waitForDiagnostics } from "./helpers";

describe("activation", () => {
  after(closeAllEditors);

  const cases: [file: string, languageId: string][] = [
    ["plan.gw", "gongwen"],
    ["plan.txt", "plaintext"],
    ["plan.md", "markdown"],
  ];
  for (const [file, languageId] of cases) {
    it(`checks ${file} (${languageId})`, async () => {
      const editor = await openDocument(file);
      assert.equal(editor.document.languageId, languageId);
      const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, `diagnostics on ${file}`);
      assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, "gongwen");
        assert.ok(diagnostic.message.length > 0);
      }
    });
  }
});
