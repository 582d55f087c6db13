// The exported .docx, read back as Word reads it: page and margins, the 22 × 28 grid (exact
// line pitch, condensed runs), fonts per element written in the file, built-in heading styles,
// odd/even page-number footers, 附件说明 and sign-off placement, Markdown formatting, compilations.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_ROOT } from "../support/fixtures";
import { attrs, exportParts, paragraphs, paragraphStarting, style, textOf } from "../support/docx";

const read = (name: string) => readFileSync(join(FIXTURE_ROOT, name), "utf8");
const FULL = read("elements/full-document.txt");

test("A4 page with the GB/T 9704 margins: 37 mm top, 28 mm binding edge, a 156 × 225 mm block", async () => {
  const parts = await exportParts(FULL);
  const doc = parts["word/document.xml"];
  const size = attrs(doc, "w:pgSz")!;
  assert.equal(size.w, "11906");
  assert.equal(size.h, "16838");
  const m = attrs(doc, "w:pgMar")!;
  assert.equal(m.top, "2098");
  assert.equal(m.bottom, "1984");
  assert.equal(m.right, "1474");
  assert.ok(Math.abs(Number(m.left) - 1588) <= 1, `left ${m.left}`);
  // The block: 156 mm wide (8844 twips), 225 mm high (12756), within a twip of rounding.
  assert.ok(Math.abs(11906 - Number(m.left) - Number(m.right) - 8844) <= 1);
  assert.ok(Math.abs(16838 - Number(m.top) - Number(m.bottom) - 12756) <= 1);
});

test("22 lines of 28 characters: exact 579-twip lines and every run condensed by 5 twips (not Word's document grid)", async () => {
  const parts = await exportParts(FULL);
  const styles = parts["word/styles.xml"];
  const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(styles)![0];
  assert.deepEqual(attrs(defaults, "w:spacing w:after"), undefined);
  assert.match(defaults, /<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
  assert.match(defaults, /<w:rPr>.*<w:spacing w:val="-5"\/>.*<\/w:rPr>/s);
  assert.match(style(styles, "Normal"), /<w:spacing w:val="-5"\/>/);
  assert.match(style(styles, "Normal"), /w:line="579" w:lineRule="exact"/);
  // LibreOffice renders Word's character grid with 14–18 characters a line: none is written.
  assert.doesNotMatch(parts["word/document.xml"], /<w:docGrid[^>]*w:type="linesAndChars"/);
  // Widow control off on the body's paragraphs: a page holds all its 22 lines.
  const body = paragraphStarting(paragraphs(parts["word/document.xml"]), "现将");
  assert.match(body.xml, /<w:widowControl w:val="false"\/>/);
});

test("fonts per element written in the file: 小标宋 title, 仿宋 body, 黑体/楷体/仿宋/仿宋 headings; Latin in Times New Roman, the CJK face in hAnsi too", async () => {
  const styles = (await exportParts(FULL))["word/styles.xml"];
  const fonts = (id: string) => attrs(style(styles, id), "w:rFonts")!;
  const size = (id: string) => attrs(style(styles, id), "w:sz")!.val;
  assert.deepEqual(fonts("Title"), { ascii: "Times New Roman", cs: "方正小标宋简体", eastAsia: "方正小标宋简体", hAnsi: "方正小标宋简体" });
  assert.equal(size("Title"), "44");
  assert.match(style(styles, "Title"), /<w:jc w:val="center"\/>/);
  assert.deepEqual(fonts("Normal"), { ascii: "Times New Roman", cs: "仿宋_GB2312", eastAsia: "仿宋_GB2312", hAnsi: "仿宋_GB2312" });
  assert.equal(size("Normal"), "32");
  assert.equal(fonts("Heading1").eastAsia, "黑体");
  assert.equal(fonts("Heading2").eastAsia, "楷体_GB2312");
  assert.equal(fonts("Heading3").eastAsia, "仿宋_GB2312");
  assert.equal(fonts("Heading4").eastAsia, "仿宋_GB2312");
  for (const n of [1, 2, 3, 4]) {
    assert.equal(fonts(`Heading${n}`).hAnsi, fonts(`Heading${n}`).eastAsia);
    assert.equal(size(`Heading${n}`), "32");
    // The standard names no bold: not even level 3, unless the house-style setting asks.
    assert.match(style(styles, `Heading${n}`), /<w:b w:val="false"\/>/);
  }
  const bold = (await exportParts(FULL, "plaintext", { heading3Bold: true }))["word/styles.xml"];
  assert.match(style(bold, "Heading3"), /<w:b\/>/);
  // The font table names a system face Word may substitute, with the Chinese character set.
  const fontTable = (await exportParts(FULL))["word/fontTable.xml"];
  assert.match(fontTable, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/><w:charset w:val="86"\/>/);
  assert.match(fontTable, /<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);
});

test("headings are Word's built-in Heading 1–4 (named as Word names them, with outline levels) chosen by the model's marker level, numbers as typed", async () => {
  const parts = await exportParts(FULL);
  const styles = parts["word/styles.xml"];
  for (const n of [1, 2, 3, 4]) {
    assert.match(style(styles, `Heading${n}`), new RegExp(`<w:name w:val="heading ${n}"/>`));
    assert.match(style(styles, `Heading${n}`), new RegExp(`<w:outlineLvl w:val="${n - 1}"/>`));
  }
  const ps = paragraphs(parts["word/document.xml"]);
  assert.equal(paragraphStarting(ps, "一、总体要求").style, "Heading1");
  assert.equal(paragraphStarting(ps, "二、主要任务").style, "Heading1");
  assert.equal(paragraphStarting(ps, "（一）夯实基础").style, "Heading2");
  assert.equal(paragraphStarting(ps, "1.完善名录库").style, "Heading3");
  // Markdown "#" depth does not decide: "### 一、" is level 1, "# （一）" level 2; a skipped number stays skipped.
  const md = paragraphs((await exportParts("# 标题\n\n### 一、甲\n\n正文。\n\n# （一）乙\n\n正文。\n\n## 三、丙\n", "markdown"))["word/document.xml"]);
  assert.equal(paragraphStarting(md, "一、甲").style, "Heading1");
  assert.equal(paragraphStarting(md, "（一）乙").style, "Heading2");
  assert.equal(paragraphStarting(md, "三、丙").style, "Heading1");
  assert.ok(!md.some((p) => p.text.includes("#")));
});

test("a run-in heading keeps its sentence in the heading font and the rest in the body font", async () => {
  const ps = paragraphs((await exportParts("区统计局2024年工作计划\n\n（一）强化工作纪律。要求执法人员严格执法。\n"))["word/document.xml"]);
  const p = paragraphStarting(ps, "（一）强化工作纪律。");
  assert.equal(p.style, "Heading2");
  const runs = [...p.xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]);
  const rest = runs.find((r) => textOf(r).startsWith("要求"))!;
  assert.equal(attrs(rest, "w:rFonts")!.eastAsia, "仿宋_GB2312");
  const head = runs.find((r) => textOf(r).startsWith("（一）"))!;
  assert.equal(attrs(head, "w:rFonts"), undefined, "the heading part takes the style's 楷体");
});

test("page numbers: — N — (U+2014) in 宋体 14 pt, odd pages right and even pages left, one character in; footer 7 mm under the block", async () => {
  const parts = await exportParts(FULL);
  const doc = parts["word/document.xml"];
  assert.match(parts["word/settings.xml"], /<w:evenAndOddHeaders\/>/);
  const rels = parts["word/_rels/document.xml.rels"];
  const footer = (type: string) => {
    const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`).exec(doc)![1];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
    return parts[`word/${target[1] ?? target[2]}`];
  };
  const odd = footer("default");
  const even = footer("even");
  for (const f of [odd, even]) {
    assert.match(f, /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    assert.match(textOf(f), /^— .* —$/);
    assert.equal(attrs(f, "w:rFonts")!.eastAsia, "宋体");
    assert.equal(attrs(f, "w:rFonts")!.ascii, "宋体");
    assert.equal(attrs(f, "w:sz")!.val, "28");
  }
  assert.equal(attrs(odd, "w:jc")!.val, "right");
  assert.equal(attrs(odd, "w:ind")!.right, "280");
  assert.equal(attrs(even, "w:jc")!.val, "left");
  assert.equal(attrs(even, "w:ind")!.left, "280");
  // 35 mm bottom margin − 7 mm − the 14 pt number line: the number's top 7 mm under the block.
  assert.equal(attrs(doc, "w:pgMar")!.footer, String(1984 - 397 - 280));
  const none = (await exportParts(FULL, "plaintext", { pageNumbers: false }))["word/document.xml"];
  assert.doesNotMatch(none, /<w:footerReference/);
});

test("title, 主送机关, body: centred title then one blank line, addressee flush left, body two characters in and justified", async () => {
  const ps = paragraphs((await exportParts(FULL))["word/document.xml"]);
  const title = ps.findIndex((p) => p.style === "Title");
  assert.equal(textOf(ps[title].xml).replace("\n", ""), "青山市人民政府关于印发2024年工作计划的通知");
  // Two blank lines under the 版头's red rule, one under the title.
  assert.equal(ps[title - 1].text, "");
  assert.equal(ps[title - 2].text, "");
  assert.equal(ps[title + 1].text, "");
  const addressee = ps[title + 2];
  assert.equal(addressee.text, "各区县人民政府，市政府各部门：");
  assert.equal(attrs(addressee.xml, "w:ind")!.firstLine, "0");
  const body = ps[title + 3];
  assert.equal(body.style, undefined, "Normal: 2 characters in, justified");
  const masthead = paragraphStarting(ps, "青山市人民政府文件");
  assert.match(masthead.xml, /<w:color w:val="FF0000"\/>/);
  const number = paragraphStarting(ps, "青政发〔2024〕5号");
  assert.match(number.xml, /<w:bottom w:val="single" w:color="FF0000"/);
});

test("附件说明: one blank line under the body, 附件： two characters in, numbered names aligned by a hanging indent and its tab stop", async () => {
  const ps = paragraphs((await exportParts(FULL))["word/document.xml"]);
  const first = paragraphStarting(ps, "附件：");
  const second = paragraphStarting(ps, "2.\t");
  assert.equal(ps[ps.indexOf(first) - 1].text, "");
  assert.equal(first.text, "附件：1.\t工作任务分解表");
  assert.equal(second.text, "2.\t重点项目清单");
  // One character is 315 twips (16 pt less 5 twips): names start 2 + 3 + 1 characters in.
  const a = attrs(first.xml, "w:ind")!;
  const b = attrs(second.xml, "w:ind")!;
  assert.equal(a.left, String(6 * 315));
  assert.equal(Number(a.left) - Number(a.hanging), 2 * 315, "附件 two characters in");
  assert.equal(b.left, a.left, "every name starts at one position");
  assert.equal(Number(b.left) - Number(b.hanging), 5 * 315, "the numbers under one another, after 附件：");
  assert.equal(attrs(first.xml, "w:tab")!.pos, a.left);
  // Word's tab element, not a tab character inside the text.
  assert.match(first.xml, /<w:r><w:tab\/><\/w:r>/);
  assert.doesNotMatch(first.xml, /<w:t[^>]*>[^<]*\t/);
  const single = paragraphs((await exportParts(read("elements/appendix-pages.txt")))["word/document.xml"]);
  const note = paragraphStarting(single, "附件：");
  assert.equal(note.text, "附件：统计数据报送表");
  assert.equal(Number(attrs(note.xml, "w:ind")!.hanging), 3 * 315, "a wrapped name lines up after 附件：");
});

test("署名 and 成文日期 per 7.3.5: without a seal the date starts two characters right of the signature, two from the edge when longer; with a seal four from the edge, the signature centred over it", async () => {
  const ps = paragraphs((await exportParts(FULL))["word/document.xml"]);
  const signature = ps.find((p) => p.text === "青山市人民政府")!;
  const date = paragraphStarting(ps, "2024年3月5日");
  assert.equal(ps[ps.indexOf(signature) - 1].text, "", "one blank line under the body");
  for (const p of [signature, date]) assert.equal(attrs(p.xml, "w:jc")!.val, "right");
  // 青山市人民政府 is 7 characters, 2024年3月5日 6: the date would end one character from the edge,
  // so it takes two and the signature moves left to keep the date two right of its start.
  assert.equal(attrs(date.xml, "w:ind")!.right, String(2 * 315));
  assert.equal(attrs(signature.xml, "w:ind")!.right, String(3 * 315));
  const short = paragraphs((await exportParts("区统计局关于开展统计执法检查的通知\n\n正文。\n\n区统计局办公室综合科\n2024年3月5日\n"))["word/document.xml"]);
  // A 10-character unit: two from the edge, the date's first character two right of the unit's.
  assert.equal(attrs(paragraphStarting(short, "区统计局办公室综合科").xml, "w:ind")!.right, String(2 * 315));
  assert.equal(attrs(paragraphStarting(short, "2024年3月5日").xml, "w:ind")!.right, String((2 + 10 - 2 - 6) * 315));
  const sealed = paragraphs((await exportParts(FULL, "plaintext", { withSeal: true }))["word/document.xml"]);
  assert.equal(attrs(paragraphStarting(sealed, "2024年3月5日").xml, "w:ind")!.right, String(4 * 315));
  assert.equal(attrs(sealed.filter((p) => p.text === "青山市人民政府").pop()!.xml, "w:ind")!.right, String(Math.round((4 + (6 - 7) / 2) * 315)));
});

test("版记: 4号, one character in, between rules as wide as the block (thick, thin, thick), last, after the attachments' own pages", async () => {
  const doc = (await exportParts(FULL))["word/document.xml"];
  const table = [...doc.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]).find((t) => textOf(t).startsWith("抄送"))!;
  assert.equal(textOf(table), "抄送：市委办公室，市人大常委会办公室。青山市人民政府办公室\t2024年3月5日印发");
  assert.equal(attrs(table, "w:sz")!.val, "28");
  assert.match(table, /<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="8"\/>.*<w:bottom w:val="single" w:color="000000" w:sz="8"\/>.*<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/s);
  assert.match(table, /<w:tcMar>.*<w:left w:type="dxa" w:w="280"\/>.*<w:right w:type="dxa" w:w="280"\/>/s);
  const withAppendix = (await exportParts("区统计局关于报送数据的通知\n\n正文。\n\n附件：统计数据报送表\n\n区统计局\n2024年1月15日\n\n附件\n\n统计数据报送表\n一、工业企业产值\n\n抄送：市统计局。\n区统计局办公室 2024年1月15日印发\n"))["word/document.xml"];
  const text = textOf(withAppendix);
  assert.ok(text.endsWith("抄送：市统计局。区统计局办公室\t2024年1月15日印发"), text);
  assert.ok(text.indexOf("一、工业企业产值") < text.indexOf("抄送"));
});

test("Markdown: emphasis, links and code as Word formatting, lists as Word lists, a pipe table as a Word table — no literal ** or |", async () => {
  const parts = await exportParts(read("export/markdown.md"), "markdown");
  const doc = parts["word/document.xml"];
  const ps = paragraphs(doc);
  const intro = paragraphStarting(ps, "为进一步提升");
  assert.equal(intro.text, "为进一步提升统计数据质量，确保数据真实准确，制定本方案。");
  const boldRun = [...intro.xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]).find((r) => textOf(r) === "确保数据真实准确")!;
  assert.match(boldRun, /<w:b\/>/);
  const rules = paragraphStarting(ps, "坚持");
  assert.match(rules.xml, /<w:i\/>/);
  assert.match(rules.xml, /<w:hyperlink [^>]*r:id="[^"]+"/);
  assert.match(rules.xml, /w:ascii="Courier New"/);
  assert.doesNotMatch(textOf(doc), /\*\*|\||`|\]\(/);
  const table = /<w:tbl>.*?<\/w:tbl>/s.exec(doc)![0];
  const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr .*?<\/w:tr>/gs)].map((r) => [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => textOf(c[0])));
  assert.deepEqual(rows, [["指标", "目标值", "责任科室"], ["联网直报率", "100%", "综合科"], ["数据差错率", "≤0.5%", "执法科"]]);
  assert.match(table, /<w:tblHeader\/>/);
  assert.match(table, /<w:jc w:val="center"\/>.*100%/s);
  const item = paragraphStarting(ps, "加强源头数据核查");
  assert.match(item.xml, /<w:numPr><w:ilvl w:val="0"\/>/);
  assert.match(paragraphStarting(ps, "重点行业全覆盖").xml, /<w:ilvl w:val="1"\/>/);
});

test("a compilation: every document on a new page, its contents as a Word TOC field over the documents' titles", async () => {
  const parts = await exportParts(read("corpus/plans-2024.txt"));
  const doc = parts["word/document.xml"];
  const ps = paragraphs(doc);
  const titles = ps.filter((p) => p.style === "Title" || p.style === "GongwenCompilationTitle");
  assert.deepEqual(titles.map((p) => p.text), ["2024年度工作计划汇编（5篇）", "环境资源保护处2024年工作计划", "区残联2024年工作计划", "区司法局2024年工作计划", "区应急管理局2024年工作计划", "县民政局2024年工作计划"]);
  assert.doesNotMatch(titles[0].xml, /<w:pageBreakBefore\/>/);
  for (const t of titles.slice(1)) assert.match(t.xml, /<w:pageBreakBefore\/>/);
  assert.match(doc, /<w:instrText[^>]*>TOC \\h \\t &quot;Title,1&quot; \\x<\/w:instrText>/);
  // The author's contents lines (with their page numbers) are replaced by the field.
  assert.ok(!ps.some((p) => /\t\d+$/.test(p.text)));
  assert.match(parts["word/settings.xml"], /<w:updateFields\/>/);
  const text = (await exportParts(read("corpus/plans-2024.txt"), "plaintext", { tableOfContents: "text" }))["word/document.xml"];
  assert.doesNotMatch(text, /TOC \\h/);
});

test("settings change the page: margins, fonts, line pitch and page-number format", async () => {
  const parts = await exportParts(FULL, "plaintext", { marginTopMm: 30, fontBody: "FangSong", lineSpacingPt: 28, characterSpacingPt: 0, pageNumberFormat: "- {page} -", mirrorMargins: true });
  assert.equal(attrs(parts["word/document.xml"], "w:pgMar")!.top, String(Math.round((30 * 1440) / 25.4)));
  assert.equal(attrs(style(parts["word/styles.xml"], "Normal"), "w:rFonts")!.eastAsia, "FangSong");
  assert.match(parts["word/styles.xml"], /w:line="560" w:lineRule="exact"/);
  assert.match(parts["word/settings.xml"], /<w:mirrorMargins\/>/);
  const footer = Object.entries(parts).find(([name]) => name.startsWith("word/footer"))![1];
  assert.match(textOf(footer), /^- .* -$/);
});

test("an article's number is set off by an ideographic space; a circled number runs on into its text as written", async () => {
  const doc = (await exportParts("区统计局管理办法\n\n第一条\u3000为了规范统计工作，制定本办法。\n第二条\u3000本办法适用于全区。\n①加强领导。要求各单位落实责任。\n②明确分工\n"))["word/document.xml"];
  const texts = paragraphs(doc).map((p) => p.text);
  assert.ok(texts.includes("第一条\u3000为了规范统计工作，制定本办法。"), texts.join(" / "));
  assert.ok(texts.includes("第二条\u3000本办法适用于全区。"), texts.join(" / "));
  assert.ok(texts.includes("①加强领导。要求各单位落实责任。"), texts.join(" / "));
  // A circled number alone on its line gets no trailing blank either.
  assert.ok(texts.includes("②明确分工"), texts.join(" / "));
});
