// What the server answers the preview (gongwen/previewPages): pages with their source lines and
// offsets, findings marked with their message, keys that change only for the pages an edit
// touched, findings carried over while the check catches up, and nothing printed for no text.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../server/src/model/parse";
import { lint } from "../../server/src/engine/lint";
import { RULES } from "../../server/src/rules";
import { defaultExportSettings } from "../../server/src/export/layout";
import { PreviewService, type PreviewAnswer } from "../../server/src/preview/service";
import { carryOver } from "../../server/src/preview/findings";
import type { Problem } from "../../server/src/engine/rule";

const URI = "file:///plan.txt";

function answer(service: PreviewService, text: string, options: { problems?: readonly Problem[]; from?: number; to?: number; languageId?: string; known?: Record<number, string> } = {}): PreviewAnswer {
  const model = parseDocument({ text, uri: URI, languageId: options.languageId ?? "plaintext", version: 1 });
  return service.answer({ uri: URI, from: options.from ?? 1, to: options.to ?? 99, known: options.known }, { model, settings: defaultExportSettings(), problems: options.problems ?? [], findingsCurrent: true, language: "zh" });
}

const body = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}项工作要认真落实，确保各项任务按期完成，取得实效。`).join("\n");

test("every printed line carries its source line; every span its source offset, so a click lands on the character", () => {
  const text = "区统计局2024年工作计划\n\n一、总体要求\n坚持依法统计、依法治统。\n";
  const a = answer(new PreviewService(), text);
  const html = a.html[0].html;
  assert.match(html, /<div class="l e-title[^"]*" data-line="0"><span data-o="0">区统计局2024年工作计划<\/span><\/div>/);
  assert.match(html, new RegExp(`data-line="2"><span data-o="${text.indexOf("一、")}">一、总体要求</span>`));
  const at = text.indexOf("坚持");
  assert.match(html, new RegExp(`data-line="3"><span data-o="${at}">坚持依法统计、依法治统。</span>`));
  assert.equal(a.pages[0].line, 0);
});

test("Markdown: the printed characters map to the source past its syntax (emphasis, links)", () => {
  const text = "# 方案\n\n为提升质量，**确保数据真实**，详见[网站](https://example.org)。\n";
  const html = answer(new PreviewService(), text, { languageId: "markdown" }).html[0].html;
  const bold = /<span class="b" data-o="(\d+)">确保数据真实<\/span>/.exec(html);
  assert.ok(bold, html);
  assert.equal(Number(bold[1]), text.indexOf("确保"));
  const link = /<span class="u" data-o="(\d+)">网站<\/span>/.exec(html);
  assert.ok(link, html);
  assert.equal(Number(link[1]), text.indexOf("网站"));
  assert.doesNotMatch(html, /\*\*|https:/);
});

test("findings are underlined with their message as the tooltip; one on text the page does not print is marked beside its line", () => {
  const text = "区统计局2024年工作计划\n\n一、总体要求\n请于XX月底前完成。\n三、保障措施\n加强领导。\n";
  const model = parseDocument({ text, uri: URI, languageId: "plaintext" });
  const problems = lint(model, RULES);
  assert.ok(problems.some((p) => p.ruleId === "placeholder"));
  const html = answer(new PreviewService(), text, { problems }).html[0].html;
  assert.match(html, /<span class="f f-warning" data-o="\d+" title="[^"]*XX[^"]*\(placeholder\)">XX<\/span>/);
  assert.match(html, /title="[^"]*\(numbering-sequence\)"/);
  // A finding on the blank line between paragraphs (nothing printed there).
  const blank: Problem = { ruleId: "test-rule", severity: "info", start: text.indexOf("\n\n") + 1, end: text.indexOf("\n\n") + 1, message: { zh: "空行", en: "blank" }, fixes: [] };
  const marked = answer(new PreviewService(), text, { problems: [blank] }).html[0].html;
  assert.match(marked, /<span class="fm f-info" title="空行 \(test-rule\)"><\/span>/);
});

test("an edit on page 3 changes the keys of page 3 on, not of pages 1 and 2: the webview redraws only those", () => {
  const text = `标题\n\n${body(80)}\n`;
  const service = new PreviewService();
  const before = answer(service, text);
  assert.ok(before.pages.length >= 4);
  const edited = text.replace("第50项工作", "第50项重点工作");
  const after = answer(service, edited);
  const changed = after.pages.filter((p, i) => p.key !== before.pages[i]?.key).map((p) => p.number);
  assert.ok(!changed.includes(1) && !changed.includes(2), `changed: ${changed.join(",")}`);
  assert.ok(changed.length > 0);
  // Asked with the keys it holds, the client gets the HTML of the changed pages only.
  const known = Object.fromEntries(before.pages.map((p) => [p.number, p.key]));
  const again = answer(service, edited, { known });
  assert.deepEqual(again.html.map((h) => h.number), changed.filter((n) => n <= 40));
});

test("the last check's findings move with the text while the next one runs: shifted below the edit, dropped inside it", () => {
  const text = "标题\n\n请于XX月前完成。\n第二段。\n请在XX日前上报。\n";
  const old = parseDocument({ text, uri: URI, languageId: "plaintext", version: 1 });
  const problems = lint(old, RULES).filter((p) => p.ruleId === "placeholder");
  assert.equal(problems.length, 2);
  const edited = text.replace("第二段。", "新增的一行。\n第二段，改写。");
  const now = parseDocument({ text: edited, uri: URI, languageId: "plaintext", version: 2 });
  const moved = carryOver(old, problems, now);
  assert.equal(moved.length, 2);
  for (const p of moved) assert.equal(edited.slice(p.start, p.end), "XX");
  // An edit inside a finding's line drops it until the next check publishes.
  const inside = text.replace("请于XX月前完成。", "请于XX月底前完成。");
  const dropped = carryOver(old, problems, parseDocument({ text: inside, uri: URI, languageId: "plaintext", version: 3 }));
  assert.equal(dropped.length, 1);
  assert.equal(inside.slice(dropped[0].start, dropped[0].end), "XX");
});

test("an empty document: one empty page and a message in the user's language", () => {
  const a = answer(new PreviewService(), "\n\n");
  assert.equal(a.pages.length, 1);
  assert.equal(a.empty, "文档中没有可打印的内容");
});

test("a 1 MB document: every page summarised, HTML only for the pages asked for", () => {
  const text = `标题\n\n${body(20_000)}\n`;
  const a = answer(new PreviewService(), text, { from: 100, to: 102 });
  assert.ok(a.pages.length > 1000);
  assert.deepEqual(a.html.map((h) => h.number), [100, 101, 102]);
  assert.ok(a.pages.every((p, i) => p.number === i + 1 && p.line >= 0));
});
