// A rule that throws or reports nonsense is isolated: logged through onRuleError, its findings
// dropped, every other rule still reports. User regexes that backtrack catastrophically are
// stopped by the worker deadline instead of hanging the checker.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { defineRule, type Rule } from "../../server/src/engine/rule";
import { RULES } from "../../server/src/rules";
import { rulesFromEnvironment } from "../../server/src/engine/fault-injection";
import { matchAllBounded, stopBoundedRegexWorker } from "../../server/src/engine/bounded-regex";
import { parseConfig } from "../../server/src/config/project";

after(() => stopBoundedRegexWorker());

const PLAN = "区统计局2024年工作计划\n\n一、总体要求\n三、主要任务\n一是加强，三是落实。\n";

function model(text = PLAN) {
  return parseDocument({ text, uri: "file:///plan.txt", languageId: "plaintext" });
}

const outOfRange = defineRule({
  id: "zz-out-of-range",
  meta: { name: { zh: "测试", en: "test" }, description: { zh: "测试", en: "test" }, severity: "warning", fixable: false, tags: [] },
  defaultOptions: {},
  check(m, context) {
    context.report({ start: 0, end: m.text.length + 1, message: { zh: "越界", en: "out of range" } });
  },
});

test("a throwing rule is reported once through onRuleError; the other rules' findings are unchanged", () => {
  const m = model();
  const clean = lint(m, RULES);
  assert.ok(clean.length >= 2, "the plan has real findings");
  const errors: Array<[string, unknown]> = [];
  const rules = rulesFromEnvironment(RULES, { GONGWEN_FAULT_INJECTION: "throwing-rule" });
  assert.equal(rules.length, RULES.length + 1);
  const problems = lint(m, rules, {}, { onRuleError: (id, e) => errors.push([id, e]) });
  assert.deepEqual(problems, clean);
  assert.equal(errors.length, 1);
  assert.equal(errors[0][0], "fault-injection");
  assert.match(String(errors[0][1]), /injected fault/);
});

test("fault injection is off unless the variable names it exactly", () => {
  assert.equal(rulesFromEnvironment(RULES, {}), RULES);
  assert.equal(rulesFromEnvironment(RULES, { GONGWEN_FAULT_INJECTION: "1" }), RULES);
});

test("a rule reporting outside the document is treated as failing, not trusted", () => {
  const m = model();
  const errors: string[] = [];
  const problems = lint(m, [...RULES, outOfRange], {}, { onRuleError: (id) => errors.push(id) });
  assert.deepEqual(errors, ["zz-out-of-range"]);
  assert.deepEqual(problems, lint(m, RULES));
});

test("the engine runs exactly the rules it is given: none, one, or another set than the registry", () => {
  const m = model();
  assert.deepEqual(lint(m, []), [], "no rules, no findings");
  const sequenceOnly = RULES.filter((r) => r.id === "numbering-sequence");
  const problems = lint(m, sequenceOnly);
  assert.ok(problems.length > 0 && problems.every((p) => p.ruleId === "numbering-sequence"), "only the rule passed in reports");
  assert.deepEqual(problems, lint(m, RULES).filter((p) => p.ruleId === "numbering-sequence"), "and it reports what it reports among all rules");
  const errors: string[] = [];
  assert.deepEqual(lint(m, [outOfRange as Rule<object>], {}, { onRuleError: (id) => errors.push(id) }), []);
  assert.deepEqual(errors, ["zz-out-of-range"], "a rule set without any registry rule runs too");
});

test("a catastrophic user regex is stopped at the deadline and the worker recovers", () => {
  const texts = ["a".repeat(3000), "XX县和XX市"];
  const slow = matchAllBounded("a*a*a*a*a*b", "u", texts, { window: 2000, overlap: 200, maxHits: 100, timeoutMs: 300 });
  assert.equal(slow.timedOut, true);
  const fast = matchAllBounded("XX", "u", texts, { window: 2000, overlap: 200, maxHits: 100, timeoutMs: 5000 });
  assert.equal(fast.timedOut, false);
  assert.deepEqual(fast.hits, [[], [[0, 2], [4, 6]]]);
});

test("windowed matching finds a match across a window boundary exactly once", () => {
  const text = "中".repeat(1795) + "某某某某" + "中".repeat(10) + "某某某某";
  const r = matchAllBounded("某{2,}", "u", [text], { window: 1800, overlap: 100, maxHits: 100, timeoutMs: 5000 });
  assert.deepEqual(r.hits, [[[1795, 1799], [1809, 1813]]]);
});

test("placeholder extraPatterns: catastrophic, invalid and nested patterns are refused and said so; the built-in checks go on", () => {
  const text = "区统计局2024年工作计划\n" + "a".repeat(5000) + "\n某项工作由XX县负责。\n";
  const options = { extraPatterns: ["(a+)+$", "(x+x+)+y", "a*a*a*a*a*b", "(", "某项"] };
  const problems = lint(model(text), RULES, { rules: { placeholder: { options } } }, { only: ["placeholder"] });
  const ignored = problems.filter((p) => p.message.en.startsWith("Custom placeholder pattern ignored"));
  assert.deepEqual(
    ignored.map((p) => p.message.en.replace(/ \(.*$/, "")),
    ["(a+)+$", "(x+x+)+y", "(", "a*a*a*a*a*b"].map((s) => `Custom placeholder pattern ignored: "${s}"`),
  );
  assert.ok(ignored.some((p) => /catastrophic/.test(p.message.en)), "the slow one is named as slow");
  const words = problems.filter((p) => !ignored.includes(p)).map((p) => text.slice(p.start, p.end));
  assert.deepEqual(words, ["某项", "XX"]);
  // Dropped for good: the next lint with the same settings does not wait for it again.
  const again = lint(model(text), RULES, { rules: { placeholder: { options } } }, { only: ["placeholder"] });
  assert.equal(again.filter((p) => /catastrophic/.test(p.message.en)).length, 1);
});

test("a project config whose ignore glob is an invalid class still loads (it threw SyntaxError)", () => {
  const lookup = parseConfig('{"ignore": ["[z-a]", "*.md"], "rules": {"placeholder": "off"}}', "/work/x/.gongwenrc.json");
  assert.equal(lookup.error, undefined);
  assert.ok(lookup.config);
  assert.equal(lookup.config.isIgnored("/work/x/a.md"), true);
  assert.equal(lookup.config.isIgnored("/work/x/a.txt"), false);
});
