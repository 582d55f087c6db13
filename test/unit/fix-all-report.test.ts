// What fix-all says when it is done: fixed, left and why, in both languages.

import { test } from "node:test";
import assert from "node:assert/strict";
import { fixAllReport } from "../../server/src/lsp/fix-all-report";
import type { Problem } from "../../server/src/engine/rule";

const problem = (ruleId: string): Problem => ({ ruleId, start: 0, end: 1, severity: "warning", message: { zh: "", en: "" }, fixes: [] });

test("fix-all's report names what is left, per rule, and why", () => {
  const left = [problem("duplicate-paragraph"), problem("placeholder"), problem("placeholder"), problem("some-new-rule")];
  assert.equal(
    fixAllReport(7, left, "en"),
    "Gongwen: fixed 3 problems. 4 problems left for you: repeated paragraphs: 1 (which copy to keep is yours to decide; the quick fix deletes the copy); template leftovers: 2 (they need your text; stand-ins such as \"D\" have a quick fix); some-new-rule: 1 (there is no safe automatic fix).",
  );
  assert.equal(fixAllReport(2, [problem("numbering-hierarchy")], "zh"), "公文助手：已修复 1 个问题。剩下 1 个需要您处理：标题层级 1 处（需要调整标题层级，无法自动判断）。");
});

test("fix-all's report when nothing is left, or nothing could be fixed", () => {
  assert.equal(fixAllReport(1, [], "en"), "Gongwen: fixed 1 problem; none left.");
  assert.equal(fixAllReport(0, [], "zh"), "公文助手：没有发现问题。");
  assert.equal(fixAllReport(1, [problem("placeholder")], "zh"), "公文助手：没有可以自动修复的问题。剩下 1 个需要您处理：待填写的模板内容 1 处（需要您填写；“D”等替代字可用快速修复还原）。");
});

test("fix-all's report on what the punctuation rules leave: unpaired quotes and brackets", () => {
  assert.equal(
    fixAllReport(5, [problem("punctuation-width"), problem("punctuation-pair")], "zh"),
    "公文助手：已修复 3 个问题。剩下 2 个需要您处理：英文引号 1 处（引号配不成对，每个引号的方向需要您确认，快速修复按推测改）；不成对的引号、括号 1 处（缺少的一半该补在哪里由您判断）。",
  );
});
