// The export's layout values and settings, and the plan of blocks the writer and the preview
// draw: Markdown inline syntax, long titles, heading levels from the model, bad input.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { markdownRuns, runsText } from "../../server/src/export/inline";
import { splitTitle } from "../../server/src/export/title";
import { planExport, type Block } from "../../server/src/export/blocks";
import { defaultExportSettings, EXPORT_SETTINGS, placeSignOff, readExportSettings, resolveLayout, widthInChars } from "../../server/src/export/layout";
import { describeFindings, summarizeFindings } from "../../server/src/export/preflight";
import { parseDocument } from "../../server/src/model/parse";
import { parseConfig } from "../../server/src/config/project";
import { lint } from "../../server/src/engine/lint";
import { RULES } from "../../server/src/rules";
import { REPO_ROOT } from "../support/fixtures";

const PLAN_OPTIONS = { newPagePerDocument: true, tableOfContents: "field" as const, titleCharsPerLine: 20 };
const blocksOf = (text: string, languageId = "plaintext"): Block[] => planExport(parseDocument({ text, languageId }), PLAN_OPTIONS).sections.flatMap((s) => s.blocks);

test("the default layout is GB/T 9704's: 22 lines of 28 characters in a 156 × 225 mm block", () => {
  const layout = resolveLayout();
  assert.equal(layout.linesPerPage, 22);
  assert.equal(layout.charsPerLine, 28);
  assert.equal(layout.line, 579);
  assert.equal(layout.charPitch, 315);
  // The arithmetic the defaults avoid: 29 pt lines give 21, uncondensed 16 pt characters 27.
  assert.equal(resolveLayout({ ...defaultExportSettings(), lineSpacingPt: 29 }).linesPerPage, 21);
  assert.equal(resolveLayout({ ...defaultExportSettings(), characterSpacingPt: 0 }).charsPerLine, 27);
});

test("every export setting is in package.json (type, default, bounds, both languages) and in the .gongwenrc.json schema", () => {
  type Property = { type: string; default: unknown; minimum?: number; maximum?: number; enum?: string[]; markdownDescription?: string; description?: string };
  const json = <T>(...path: string[]) => JSON.parse(readFileSync(join(REPO_ROOT, ...path), "utf8")) as T;
  const pkg = json<{ contributes: { configuration: { properties: Record<string, Property> } } }>("package.json");
  const en = json<Record<string, string>>("package.nls.json");
  const zh = json<Record<string, string>>("package.nls.zh-cn.json");
  const schema = json<{ properties: { export: { additionalProperties: boolean; properties: Record<string, Property> } } }>("schemas", "gongwenrc.schema.json");
  const props = pkg.contributes.configuration.properties;
  const declared = Object.keys(props).filter((k) => k.startsWith("gongwen.export.")).sort();
  assert.deepEqual(declared, EXPORT_SETTINGS.map((s) => `gongwen.export.${s.key}`).sort());
  for (const spec of EXPORT_SETTINGS) {
    const p = props[`gongwen.export.${spec.key}`];
    assert.equal(p.type, spec.type, spec.key);
    assert.deepEqual(p.default, spec.default, spec.key);
    assert.equal(p.minimum, spec.minimum, spec.key);
    assert.equal(p.maximum, spec.maximum, spec.key);
    assert.deepEqual(p.enum, spec.enum ? [...spec.enum] : undefined, spec.key);
    const key = /^%(.+)%$/.exec(p.markdownDescription ?? p.description ?? "")![1];
    assert.ok(en[key] && zh[key], `nls ${key}`);
    const s = schema.properties.export.properties[spec.key];
    assert.ok(s, `schema ${spec.key}`);
    assert.deepEqual(s.default, spec.default, spec.key);
    assert.equal(s.type, spec.type, spec.key);
  }
  assert.equal(schema.properties.export.additionalProperties, false);
});

test("export settings are read tolerantly: wrong types, out of range, unknown keys are reported and ignored", () => {
  const complaints: string[] = [];
  const s = readExportSettings({ marginTopMm: 30, bodySizePt: "16", lineSpacingPt: 1000, pageNumberFormat: "第页", fontBody: " ", tableOfContents: "links", colour: 1 }, undefined, (key) => complaints.push(key));
  assert.equal(s.marginTopMm, 30);
  assert.equal(s.bodySizePt, 16);
  assert.equal(s.lineSpacingPt, 28.95);
  assert.equal(s.pageNumberFormat, "— {page} —");
  assert.equal(s.fontBody, "仿宋_GB2312");
  assert.equal(s.tableOfContents, "field");
  assert.deepEqual(complaints.sort(), ["bodySizePt", "colour", "fontBody", "lineSpacingPt", "pageNumberFormat", "tableOfContents"]);
  // The project file: its export section with a warning per bad key, at the key's line.
  const lookup = parseConfig('{\n  "export": {\n    "withSeal": true,\n    "marginTopMm": "37"\n  }\n}\n', "/p/.gongwenrc.json");
  assert.deepEqual(lookup.config!.export, { withSeal: true });
  assert.equal(lookup.warnings.length, 1);
  assert.equal(lookup.warnings[0].line, 4);
  assert.match(lookup.warnings[0].message.zh, /marginTopMm/);
});

test("sign-off placement (7.3.5) in characters of the grid", () => {
  const layout = resolveLayout();
  const chars = (p: { signatureRight: number; dateRight: number }) => [p.signatureRight / 315, p.dateRight / 315];
  // A long unit: two from the edge; the date starts two right of the unit's start.
  assert.deepEqual(chars(placeSignOff(layout, ["中共区委办公室综合信息科"], "2024年3月5日")), [2, 2 + 12 - 2 - 6]);
  // A short unit: the date two from the edge, the unit moved left to keep the two-character shift.
  assert.deepEqual(chars(placeSignOff(layout, ["区统计局"], "2024年12月25日")), [2 + 7 + 2 - 4, 2]);
  // With a seal: the date four from the edge, the unit centred over it.
  assert.deepEqual(chars(placeSignOff(resolveLayout({ ...defaultExportSettings(), withSeal: true }), ["区统计局"], "2024年3月5日")), [4 + (6 - 4) / 2, 4]);
  assert.equal(widthInChars("2024年3月5日"), 6);
  assert.equal(widthInChars("“统计”—"), 5);
});

test("Markdown inline: emphasis by CommonMark's flanking rules; 20__年__月 and snake_case stay as typed", () => {
  const show = (s: string) => markdownRuns(s).map((r) => `${r.bold ? "B" : ""}${r.italic ? "I" : ""}${r.code ? "C" : ""}${r.strike ? "S" : ""}${r.link ? `L(${r.link})` : ""}[${r.text}]`).join("");
  assert.equal(show("**加粗**与*倾斜*"), "B[加粗][与]I[倾斜]");
  assert.equal(show("20__年__月，XX_YY"), "[20__年__月，XX_YY]");
  assert.equal(show("__强调__。"), "B[强调][。]");
  assert.equal(show("***都有***"), "BI[都有]");
  assert.equal(show("`**不解析**`"), "C[**不解析**]");
  assert.equal(show("见[统计局](https://example.cn/a_(b))。"), "[见]L(https://example.cn/a_(b))[统计局][。]");
  assert.equal(show("![图](a.png)说明"), "[图说明]");
  assert.equal(show("\\*不是强调\\*"), "[*不是强调*]");
  assert.equal(show("~~删除~~"), "S[删除]");
  assert.equal(show("未闭合的 **加粗"), "[未闭合的 **加粗]");
  assert.equal(show("3 * 4 * 5"), "[3 * 4 * 5]");
  assert.equal(runsText(markdownRuns("第一行<br>第二行")), "第一行\n第二行");
});

test("a long title wraps between words into balanced lines, never a lone character", () => {
  assert.deepEqual(splitTitle("区统计局2024年工作计划", 20), ["区统计局2024年工作计划"]);
  const lines = splitTitle("青山市人民政府办公室关于印发青山市2024年统计工作要点的通知", 20);
  assert.equal(lines.length, 2);
  assert.equal(lines.join(""), "青山市人民政府办公室关于印发青山市2024年统计工作要点的通知");
  for (const l of lines) assert.ok(widthInChars(l) <= 20 && widthInChars(l) >= 2, l);
  assert.ok(!/^[的之，。、）》”]/.test(lines[1]), lines.join(" / "));
  assert.ok(!/\d$/.test(lines[0]) || !/^\d/.test(lines[1]), "no break inside a number");
  // Three lines when two cannot hold it.
  const three = splitTitle("中共青山市委办公室青山市人民政府办公室关于进一步加强和改进新形势下统计工作推进统计现代化改革的实施意见", 20);
  assert.equal(three.length, 3);
  assert.ok(three.every((l) => widthInChars(l) <= 20 && widthInChars(l) >= 2), three.join(" / "));
  // Between words: after the issuing offices, not inside 人民政府|办公室.
  assert.equal(three[0], "中共青山市委办公室青山市人民政府办公室");
  assert.equal(splitTitle("青山市人民政府办公室关于印发青山市2024年统计工作要点的通知", 20)[0], "青山市人民政府办公室关于印发");
});

test("the plan: headings by the model's marker level, a document's elements, source lines for the preview", () => {
  const blocks = blocksOf("区统计局2024年工作计划\n\n各科室：\n一、总体要求\n（一）工作目标。全年完成。\n1.夯实基础\n（1）规范台账\n①完善制度。\n第一条 总则。\n");
  const kinds = blocks.map((b) => (b.kind === "heading" ? `h${b.level}@${b.outline}:${b.line}` : `${b.kind}:${b.line}`));
  assert.deepEqual(kinds, ["title:0", "addressee:2", "h1@0:3", "h2@1:4", "h3@2:5", "h4@3:6", "paragraph:7", "paragraph:8"]);
  const runIn = blocks.find((b) => b.kind === "heading" && b.level === 2) as Extract<Block, { kind: "heading" }>;
  assert.equal(runsText(runIn.runs), "（一）工作目标。");
  assert.equal(runsText(runIn.rest), "全年完成。");
  // A document that starts at （一）: style Heading 2, top of the outline.
  const second = blocksOf("标题方案\n\n（一）第一项\n（二）第二项\n").filter((b): b is Extract<Block, { kind: "heading" }> => b.kind === "heading");
  assert.deepEqual(second.map((h) => [h.level, h.outline]), [[2, 0], [2, 0]]);
});

test("Markdown structure that is not prose is not printed: front matter, comments, rules, fences; unnumbered # lines lose their marks", () => {
  const md = "---\ntitle: x\n---\n# 区统计局2024年工作计划\n\n<!-- 草稿 -->\n## 背景 ##\n\n正文第一段，\n接着写。\n\n---\n\n```\ncode line\n```\n";
  const texts = blocksOf(md, "markdown").map((b) => (b.kind === "title" ? b.lines.join("") : b.kind === "paragraph" ? runsText(b.runs) : b.kind));
  assert.deepEqual(texts, ["区统计局2024年工作计划", "背景", "正文第一段，接着写。", "code line"]);
});

test("bad input: an empty document plans nothing; a document without a title is exported and said to have none", () => {
  assert.equal(planExport(parseDocument({ text: "" }), PLAN_OPTIONS).empty, true);
  assert.equal(planExport(parseDocument({ text: "\n\n   \n" }), PLAN_OPTIONS).empty, true);
  const model = parseDocument({ text: "一、总体要求\n坚持稳中求进。\n" });
  const plan = planExport(model, PLAN_OPTIONS);
  assert.equal(plan.empty, false);
  assert.deepEqual(plan.untitled, [0]);
  const summary = summarizeFindings(model, [], RULES);
  assert.equal(summary.untitled, true);
  assert.match(describeFindings(summary, "zh"), /没有识别到标题/);
});

test("the check before export counts what the Problems panel shows, placeholders first, and points at the first finding", () => {
  const text = "区统计局20XX年工作计划\n\n一、总体要求\n三、主要任务\nXX县统计局负责。\n";
  const model = parseDocument({ text });
  const summary = summarizeFindings(model, lint(model, RULES), RULES);
  assert.equal(summary.kinds[0].ruleId, "placeholder");
  assert.equal(summary.kinds[0].count, 2);
  assert.ok(summary.kinds.some((k) => k.ruleId === "numbering-sequence"));
  assert.equal(summary.total, summary.kinds.reduce((n, k) => n + k.count, 0));
  assert.deepEqual([summary.first!.line, summary.first!.character], [0, 4]);
  assert.match(describeFindings(summary, "zh"), /^文档还有 \d+ 个问题：占位符 2 处，序号不连续 1 处/);
  assert.match(describeFindings(summary, "en"), /^the document still has \d+ problems: placeholder ×2, heading number out of sequence ×1/);
  // Every rule is named in the writer's words, the newer ones too (not by its id).
  const dated = parseDocument({ text: "区统计局2025年工作计划\n\n一、总体要求\n会议定于2025.3.5召开,请准时参加。\n" });
  const datedSummary = summarizeFindings(dated, lint(dated, RULES), RULES);
  assert.match(describeFindings(datedSummary, "zh"), /日期写法 1 处/);
  assert.match(describeFindings(datedSummary, "zh"), /半角标点 1 处/);
  assert.match(describeFindings(datedSummary, "en"), /date format ×1/);
  assert.doesNotMatch(describeFindings(datedSummary, "zh"), /date-format|punctuation-width/);
  // Information-level findings are not problems to stop for.
  const quiet = summarizeFindings(model, lint(model, RULES, { rules: { placeholder: { severity: "info" }, "numbering-sequence": { severity: "off" } } }), RULES);
  assert.equal(quiet.kinds.some((k) => k.ruleId === "placeholder"), false);
});
