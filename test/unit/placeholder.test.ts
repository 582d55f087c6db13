// The placeholder rule's options: the allow-list, user patterns, and refusing user patterns that
// are invalid or could hang the checker (reported once per document, the rest still checked).

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../server/src/model/parse";
import { lint, type LintConfig } from "../../server/src/engine/lint";
import { rejectReason } from "../../server/src/rules/placeholder";

const TEXT = "XX县2024年工作计划\n\n由XX公司承建，资金待定，联系人：某某。\n具体金额待补充，完成时间待定。\n";

function findings(text: string, options: Record<string, unknown>): string[] {
  const config: LintConfig = { rules: { placeholder: { options } } };
  const model = parseDocument({ text });
  return lint(model, config, { only: ["placeholder"] }).map((p) => `${text.slice(p.start, p.end)}|${p.message.zh}`);
}

test("allow: an allowed word is not flagged, nor a placeholder inside it; other leftovers still are", () => {
  assert.deepEqual(findings(TEXT, {}).map((f) => f.split("|")[0]), ["XX", "XX", "某某"]);
  assert.deepEqual(findings(TEXT, { allow: ["XX公司"] }).map((f) => f.split("|")[0]), ["XX", "某某"]);
  assert.deepEqual(findings(TEXT, { allow: ["XX", "某某"] }), []);
});

test("extraPatterns: matches of a user pattern are reported with their text", () => {
  const found = findings(TEXT, { extraPatterns: ["待定|待补充"] });
  assert.deepEqual(found.map((f) => f.split("|")[0]), ["XX", "XX", "待定", "某某", "待补充", "待定"]);
  assert.ok(found.includes("待定|模板占位符未替换：“待定”"));
});

test("dangerous or invalid user patterns are refused once per document; the valid ones still work", () => {
  const patterns = ["(a+)+$", "([^，]*)*元", "(x|xy)*z", "\\1", "[", "a*", "x".repeat(201), "待定"];
  for (const p of patterns.slice(0, -1)) assert.ok(rejectReason(p), `refuses ${p.slice(0, 20)}`);
  assert.equal(rejectReason("待定"), undefined);
  assert.equal(rejectReason("（此处填写[^）]*）"), undefined);
  const text = TEXT + "a".repeat(50_000) + "!\n";
  const found = findings(text, { extraPatterns: patterns });
  const notices = found.filter((f) => f.startsWith("|自定义占位符正则已忽略"));
  assert.equal(notices.length, patterns.length - 1, "one notice per refused pattern");
  assert.equal(found.filter((f) => f.startsWith("待定|")).length, 2);
});

test("a user pattern on a very long line is matched in windows and still finds every occurrence", () => {
  const line = "加强管理，".repeat(3000) + "待定";
  const text = "XX工作计划\n\n" + ("待定" + line).repeat(3) + "\n";
  const found = findings(text, { extraPatterns: ["待定"] }).filter((f) => f.startsWith("待定|"));
  assert.equal(found.length, 6);
});
