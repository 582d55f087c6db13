// Diagnostics on a fixture: rule ids as codes, ranges on the offending text, rule links.
import * as assert from "node:assert/strict";
import { after, describe, it } from "mocha";
import { closeAllEditors, codesOf, expectedJson, openDocument, summarize, waitForDiagnostics } from "./helpers";
import type { DiagnosticSummary } from "./helpers";

describe("diagnostics", () => {
  after(closeAllEditors);

  it("reports the fixture's problems with codes and ranges", async () => {
    const expected = expectedJson<DiagnosticSummary[]>("plan.gw.diagnostics.json");
    const expectedCodes = expected.map((e) => e.code).sort();
    const { document } = await openDocument("plan.gw");
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => JSON.stringify(codesOf(d)) === JSON.stringify(expectedCodes),
      `the codes ${expectedCodes.join(", ")} on plan.gw`,
    );
    assert.deepEqual(summarize(document, diagnostics), expected);
    for (const diagnostic of diagnostics) {
      assert.equal(typeof diagnostic.code, "object", "the code links to the rule's documentation");
      if (typeof diagnostic.code === "object") assert.match(diagnostic.code.target.toString(), /\/docs\/rules\/[a-z-]+\.md$/);
    }
  });
});
