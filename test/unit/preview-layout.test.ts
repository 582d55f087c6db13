// The preview's page layout: 28 characters a line and 22 lines a page on the export's values,
// the Chinese line-breaking rules, paragraphs split across pages, keep-with-next, tables,
// compilations starting each document on a new page, page numbers on alternating sides.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_ROOT } from "../support/fixtures";
import { parseDocument } from "../../server/src/model/parse";
import { planExport } from "../../server/src/export/blocks";
import { defaultExportSettings, resolveLayout, type ExportSettings } from "../../server/src/export/layout";
import { printPlan } from "../../server/src/preview/paragraphs";
import { paginate, type PagedDocument } from "../../server/src/preview/paginate";
import { PreviewService } from "../../server/src/preview/service";

function layOut(text: string, languageId = "plaintext", over: Partial<ExportSettings> = {}): { paged: PagedDocument; pages: string[][]; layout: ReturnType<typeof resolveLayout> } {
  const settings = { ...defaultExportSettings(), ...over };
  const layout = resolveLayout(settings);
  const model = parseDocument({ text, languageId });
  const plan = planExport(model, { newPagePerDocument: settings.newPagePerDocument, tableOfContents: settings.tableOfContents, titleCharsPerLine: Math.floor(layout.textWidth / (settings.titleSizePt * 20)) });
  const paged = paginate(printPlan(plan, layout), layout, model.text, (l) => (l < model.lines.length ? model.lines[l].start : text.length));
  const pages = paged.pages.map((page) => {
    const out: string[] = [];
    for (const s of page.slices) {
      const item = paged.items[s.item];
      if (s.kind === "paragraph" && item.kind === "paragraph") for (let k = s.from; k < s.to; k++) out.push(item.laid.text.slice(item.laid.lines[k].from, item.laid.lines[k].to));
      else if (s.kind === "table" && item.kind === "table") for (const r of s.rows) out.push(item.laid.rows[r].map((c) => c.text).join("|"));
    }
    return out;
  });
  return { paged, pages, layout };
}

const cjk = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((from + i) % 500) + 200)).join("");
const fixture = (name: string) => readFileSync(join(FIXTURE_ROOT, name), "utf8");

test("the export's grid: 28 characters of 16 pt condensed by 0.25 pt fill a line, 22 exact 28.95 pt lines fill a page", () => {
  const layout = resolveLayout();
  assert.equal(layout.charPitch, 315);
  assert.equal(Math.floor(layout.textWidth / layout.charPitch), 28);
  assert.equal(Math.floor(layout.textHeight / layout.line), 22);
});

test("a body paragraph: 26 characters after the two-character indent, then 28 a line", () => {
  const { pages } = layOut(`标题\n\n${cjk(100)}\n`);
  const lines = pages[0].slice(2);
  assert.deepEqual(lines.map((l) => l.length), [26, 28, 28, 18]);
  assert.equal(lines.join(""), cjk(100));
});

test("digits and Latin letters take their own width: 2024 is about two characters, with a little space beside Chinese", () => {
  const { pages } = layOut(`标题\n\n2024${cjk(60)}\n`);
  // 26 after the indent: 2024 (≈2) and the automatic space leave room for 23 more, not 24.
  assert.equal(pages[0][2], "2024" + cjk(23));
});

test("line-breaking rules: a comma hangs past the edge, a closing mark never starts a line, an opening mark never ends one, a number stays whole", () => {
  // The 27th character of the second line is a comma: it stays, hanging.
  let { pages } = layOut(`标题\n\n${cjk(26)}${cjk(28, 26)}，${cjk(10, 60)}\n`);
  assert.equal(pages[0][3], cjk(28, 26) + "，");
  // A closing quotation mark where the second line ends: the character before it goes down with it.
  ({ pages } = layOut(`标题\n\n${cjk(26)}${cjk(28, 26)}”${cjk(10, 60)}\n`));
  assert.equal(pages[0][3], cjk(27, 26));
  assert.ok(pages[0][4].startsWith(cjk(1, 53) + "”"));
  // An opening quotation mark as the line's last character goes to the next line.
  ({ pages } = layOut(`标题\n\n${cjk(26)}${cjk(27, 26)}“${cjk(10, 60)}”\n`));
  assert.equal(pages[0][3], cjk(27, 26));
  assert.ok(pages[0][4].startsWith("“"));
  // A number across the edge moves down whole.
  ({ pages } = layOut(`标题\n\n${cjk(26)}${cjk(26, 26)}123456${cjk(10, 60)}\n`));
  assert.equal(pages[0][3], cjk(26, 26));
  assert.ok(pages[0][4].startsWith("123456"));
});

test("22 lines fill a page; the next page goes on where the last ended", () => {
  const paragraphs = Array.from({ length: 60 }, (_, i) => `第${String(i + 1).padStart(2, "0")}段${cjk(20, i)}`);
  const { pages, paged, layout } = layOut(`标题\n\n${paragraphs.join("\n")}\n`);
  assert.deepEqual(pages.map((p) => p.length), [22, 22, 18]);
  assert.equal(pages[0][21], paragraphs[19]);
  assert.equal(pages[1][0], paragraphs[20]);
  for (const page of paged.pages) assert.ok(page.used <= layout.textHeight);
});

test("a paragraph longer than what is left of a page splits across the pages (the export keeps no lines together)", () => {
  const filler = Array.from({ length: 19 }, (_, i) => `第${i}段${cjk(10, i)}`);
  const long = cjk(130);
  const { pages } = layOut(`标题\n\n${filler.join("\n")}\n${long}\n`);
  // Its first line ends page 1, the rest goes on at the top of page 2.
  assert.equal(pages[0].length, 22);
  assert.equal(pages[0][21], long.slice(0, 26));
  assert.equal(pages[1][0], long.slice(26, 54));
});

test("a heading that would end a page goes to the next page with the paragraph it heads; a heading with its text run in does not", () => {
  const filler = Array.from({ length: 19 }, (_, i) => `第${i}段${cjk(10, i)}`);
  let { pages } = layOut(`标题\n\n${filler.join("\n")}\n三、保障措施\n${cjk(40)}\n`);
  assert.equal(pages[0].length, 21);
  assert.equal(pages[1][0], "三、保障措施");
  ({ pages } = layOut(`标题\n\n${filler.join("\n")}\n三、保障措施。${cjk(10)}\n${cjk(40)}\n`));
  assert.equal(pages[0].length, 22);
  assert.ok(pages[0][21].startsWith("三、保障措施。"));
});

test("each document of a compilation starts on a new page, its title first", () => {
  const text = fixture("elements/compilation-signed.txt");
  const { pages } = layOut(text);
  for (const title of ["区统计局2024年工作计划", "区审计局2024年工作计划"]) {
    const page = pages.findIndex((p) => p[0] === title);
    assert.ok(page > 0, `${title} opens a page: ${JSON.stringify(pages.map((p) => p[0]))}`);
  }
  // With the setting off, they follow on.
  const together = layOut(text, "plaintext", { newPagePerDocument: false }).pages;
  assert.ok(together.length < pages.length);
});

test("a table's rows never split and its header row repeats on the next page", () => {
  const rows = Array.from({ length: 30 }, (_, i) => `| 第${i + 1}项 | ${cjk(6, i)} |`);
  const { pages } = layOut(`# 数据表\n\n| 项目 | 内容 |\n| --- | --- |\n${rows.join("\n")}\n`, "markdown");
  assert.ok(pages.length >= 2);
  assert.equal(pages[1][0], "项目|内容");
  assert.ok(pages[1][1].startsWith("第"));
});

test("page numbers — N —: right of odd pages, left of even pages, one character in, 7 mm under the block", () => {
  const paragraphs = Array.from({ length: 50 }, (_, i) => `第${i + 1}段${cjk(20, i)}`);
  const text = `标题\n\n${paragraphs.join("\n")}\n`;
  const service = new PreviewService();
  const answer = service.answer({ uri: "file:///a.txt", from: 1, to: 3 }, { model: parseDocument({ text, uri: "file:///a.txt", languageId: "plaintext" }), settings: defaultExportSettings(), problems: [], findingsCurrent: true, language: "zh" });
  assert.equal(answer.pages.length, 3);
  assert.match(answer.html[0].html, /<div class="gw-num odd e-pageNumber">— 1 —<\/div>/);
  assert.match(answer.html[1].html, /<div class="gw-num even e-pageNumber">— 2 —<\/div>/);
  const layout = resolveLayout();
  const pt = (twips: number) => `${+(twips / 20).toFixed(2)}pt`;
  assert.ok(answer.css.includes(`.gw-num.odd{right:${pt(layout.page.right + 280)};}`), answer.css);
  assert.ok(answer.css.includes(`.gw-num.even{left:${pt(layout.page.left + 280)};}`));
  const blockBottom = layout.page.top + layout.textHeight;
  const numberTop = Number(/\.gw-num\{top:([\d.]+)pt/.exec(answer.css)![1]) * 20;
  assert.ok(Math.abs(numberTop - blockBottom - 397) <= 2, `7 mm (397 twips) under the block: ${numberTop - blockBottom}`);
});

test("the stylesheet gives each element the export's font, size and spacing, with free stand-ins after the office font", () => {
  const service = new PreviewService();
  const text = "标题\n\n一、总体要求\n（一）工作目标\n正文。\n";
  const { css } = service.answer({ uri: "file:///a.txt" }, { model: parseDocument({ text, uri: "file:///a.txt", languageId: "plaintext" }), settings: defaultExportSettings(), problems: [], findingsCurrent: true, language: "zh" });
  const rule = (cls: string) => new RegExp(`\\.e-${cls}\\{([^}]*)\\}`).exec(css)![1];
  assert.match(rule("title"), /font-family:"gw-latin-\d+","方正小标宋简体",.*"gw-heavy-serif".*serif;font-size:22pt/);
  assert.match(rule("body"), /"仿宋_GB2312".*"Noto Serif CJK SC".*font-size:16pt;font-weight:400;letter-spacing:-0.25pt/);
  assert.match(rule("heading1"), /"黑体".*sans-serif/);
  assert.match(rule("heading2"), /"楷体_GB2312"/);
  assert.match(rule("pageNumber"), /"宋体".*font-size:14pt/);
  // Digits and Latin letters in Times New Roman only (“”— stay in the Chinese face).
  assert.match(css, /@font-face\{font-family:"gw-latin-0";src:local\("Times New Roman"\)[^}]*unicode-range:U\+0020-007E;\}/);
  assert.doesNotMatch(css, /url\(/, "no font is fetched");
});
