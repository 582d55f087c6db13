// Every rule on every fixture: findings compared with the .expected sidecar, and the
// .fixed sidecar compared with fix-all's result, which must then lint clean of fixable findings.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { fixAll } from "../../server/src/engine/fixes";
import { RULES } from "../../server/src/rules";
import { formatProblem, listFixtures, readExpected, writeExpected } from "../support/fixtures";

const update = process.env.UPDATE_EXPECTED === "1";
/** FIXTURE_FILTER=numbering- limits a run (and an update) to fixtures whose path contains it. */
const filter = process.env.FIXTURE_FILTER ?? "";

for (const fixture of listFixtures().filter((f) => f.name.includes(filter))) {
  test(`fixture ${fixture.name}`, () => {
    const text = readFileSync(fixture.path, "utf8");
    const model = parseDocument({ text, uri: fixture.path, languageId: fixture.languageId });
    const errors: string[] = [];
    const problems = lint(model, RULES, {}, { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
    assert.deepEqual(errors, [], "no rule may throw");
    const actual = problems.map((p) => formatProblem(model, p));
    if (update) writeExpected(fixture.expectedPath, actual);
    const expected = readExpected(fixture.expectedPath).map((l) => l.key);
    assert.deepEqual(actual, expected, `findings of ${fixture.name}`);

    if (existsSync(fixture.fixedPath) || (update && problems.some((p) => p.fixes.some((f) => f.safe)))) {
      const fixed = fixAll(model, RULES, {}).text;
      if (update) writeFileSync(fixture.fixedPath, fixed);
      assert.equal(fixed, readFileSync(fixture.fixedPath, "utf8"), `fix-all result of ${fixture.name}`);
      const again = lint(parseDocument({ text: fixed, uri: fixture.path, languageId: fixture.languageId }), RULES);
      assert.deepEqual(
        again.filter((p) => p.fixes.some((f) => f.safe)).map((p) => p.ruleId),
        [],
        "fix-all leaves no fixable finding behind",
      );
    }
  });
}
