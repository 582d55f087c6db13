// The .docx reader: automatic numbering as Word shows it, tables, tracked changes accepted, and
// what is left out. Inputs are made with the docx writer; what the writer cannot make (style
// numbering, moves, fields, other prefixes …) is written as XML here, readable in the test.

import { test } from "node:test";
import assert from "node:assert/strict";
import * as docx from "docx";
import { paragraphAt, readDocx } from "../../server/src/docx/read";
import { formatNumber } from "../../server/src/docx/formats";
import { parseDocument } from "../../server/src/model/parse";
import { documentXml, W, withParts, wordWithXml } from "../support/word";

async function write(children: Array<docx.Paragraph | docx.Table>, options: Partial<docx.IPropertiesOptions> = {}): Promise<Uint8Array> {
  return new Uint8Array(await docx.Packer.toBuffer(new docx.Document({ ...options, sections: [{ children }] })));
}

const AUTHOR = { author: "审核人", date: "2024-03-01T09:00:00Z" };

const OUTLINE: docx.ILevelsOptions[] = [
  { level: 0, format: docx.LevelFormat.CHINESE_COUNTING, text: "%1、", suffix: docx.LevelSuffix.NOTHING },
  { level: 1, format: docx.LevelFormat.CHINESE_COUNTING, text: "（%2）", suffix: docx.LevelSuffix.NOTHING },
  { level: 2, format: docx.LevelFormat.DECIMAL, text: "%3.", suffix: docx.LevelSuffix.NOTHING },
  { level: 3, format: docx.LevelFormat.DECIMAL, text: "（%4）", suffix: docx.LevelSuffix.NOTHING },
];

test("automatic numbering: the four 公文 levels, deeper levels start again under a new parent", async () => {
  const item = (text: string, level: number) => new docx.Paragraph({ text, numbering: { reference: "outline", level } });
  const bytes = await write(
    [item("总体要求", 0), item("夯实基础", 1), item("提升服务", 1), item("完善名录库", 2), item("加强源头管控", 2), item("细化到户", 3), item("主要任务", 0), item("深化改革", 1), item("完善制度", 2)],
    { numbering: { config: [{ reference: "outline", levels: OUTLINE }] } },
  );
  assert.deepEqual(readDocx(bytes).text.split("\n"), ["一、总体要求", "（一）夯实基础", "（二）提升服务", "1.完善名录库", "2.加强源头管控", "（1）细化到户", "二、主要任务", "（一）深化改革", "1.完善制度"]);
});

test("automatic numbering: Word's default tab after the number, a space, and lists restarted or continued", async () => {
  const tab: docx.ILevelsOptions[] = [{ level: 0, format: docx.LevelFormat.CHINESE_COUNTING, text: "%1、" }];
  const space: docx.ILevelsOptions[] = [{ level: 0, format: docx.LevelFormat.DECIMAL, text: "%1.", suffix: docx.LevelSuffix.SPACE, start: 3 }];
  const bytes = await write(
    [
      new docx.Paragraph({ text: "甲", numbering: { reference: "tab", level: 0 } }),
      new docx.Paragraph({ text: "乙", numbering: { reference: "tab", level: 0 } }),
      new docx.Paragraph({ text: "丙", numbering: { reference: "space", level: 0 } }),
      new docx.Paragraph({ text: "丁", numbering: { reference: "tab", level: 0, instance: 2 } }),
      new docx.Paragraph({ text: "戊", numbering: { reference: "tab", level: 0 } }),
    ],
    { numbering: { config: [{ reference: "tab", levels: tab }, { reference: "space", levels: space }] } },
  );
  // instance 2 is a list of its own (Word's "restart numbering"); the paragraph after it is in the first list again.
  assert.deepEqual(readDocx(bytes).text.split("\n"), ["一、\t甲", "二、\t乙", "3. 丙", "一、\t丁", "三、\t戊"]);
});

test("number formats as Word shows them", () => {
  const cases: Array<[string, number, string]> = [
    ["chineseCounting", 1, "一"],
    ["chineseCounting", 10, "十"],
    ["chineseCounting", 11, "十一"],
    ["chineseCounting", 20, "二十"],
    ["chineseCounting", 99, "九十九"],
    ["chineseCountingThousand", 101, "一百零一"],
    ["chineseCountingThousand", 110, "一百一十"],
    ["chineseCountingThousand", 1020, "一千零二十"],
    ["japaneseCounting", 11, "十一"],
    ["japaneseCounting", 100, "百"],
    ["chineseLegalSimplified", 3, "叁"],
    ["chineseLegalSimplified", 11, "壹拾壹"],
    ["ideographDigital", 2024, "二〇二四"],
    ["ideographTraditional", 1, "甲"],
    ["ideographTraditional", 10, "癸"],
    ["ideographTraditional", 11, "11"],
    ["decimalEnclosedCircle", 1, "①"],
    ["decimalEnclosedCircle", 20, "⑳"],
    ["decimalEnclosedCircleChinese", 21, "㉑"],
    ["decimalEnclosedParen", 3, "⑶"],
    ["decimalEnclosedFullstop", 3, "⒊"],
    ["decimalFullWidth", 12, "１２"],
    ["decimalZero", 5, "05"],
    ["upperRoman", 4, "IV"],
    ["lowerRoman", 14, "xiv"],
    ["upperLetter", 2, "B"],
    ["lowerLetter", 28, "bb"],
    ["none", 3, ""],
    ["somethingNew", 7, "7"],
  ];
  for (const [format, value, shown] of cases) assert.equal(formatNumber(value, format), shown, `${format} ${value}`);
  assert.equal(formatNumber(7, "custom", "001, 002, 003, ..."), "007");
});

const NUMBERING = (body: string) => `<w:numbering ${W}>${body}</w:numbering>`;
const LVL = (ilvl: number, fmt: string, text: string, extra = "") =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:suff w:val="nothing"/>${extra}</w:lvl>`;
const P = (text: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const NUM = (numId: number, ilvl?: number) => `<w:numPr>${ilvl === undefined ? "" : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;

test("numbering from paragraph styles (as Chinese templates number 标题 1 and 标题 2), inherited through basedOn", async () => {
  const numbering = NUMBERING(
    `<w:abstractNum w:abstractNumId="0">${LVL(0, "chineseCounting", "第%1章", '<w:pStyle w:val="H1"/>')}${LVL(1, "chineseCounting", "第%2节", '<w:pStyle w:val="H2"/>')}</w:abstractNum>` +
      `<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>`,
  );
  const styles =
    `<w:styles ${W}>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
    `<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="H2Red"><w:basedOn w:val="H2"/></w:style>` +
    `</w:styles>`;
  const document = documentXml(
    P("总则", '<w:pStyle w:val="H1"/>') + P("目的", '<w:pStyle w:val="H2"/>') + P("依据", '<w:pStyle w:val="H2Red"/>') + P("正文") + P("附则", '<w:pStyle w:val="H1"/>') + P("不编号的标题", `<w:pStyle w:val="H1"/>${NUM(0)}`),
  );
  assert.deepEqual(readDocx(await wordWithXml({ document, numbering, styles })).text.split("\n"), ["第一章总则", "第一节目的", "第二节依据", "正文", "第二章附则", "不编号的标题"]);
});

test("numbering: lvlRestart 0 never restarts, isLgl shows decimals, lvlOverride replaces a level, numStyleLink follows a list style, bullets", async () => {
  const numbering = NUMBERING(
    `<w:abstractNum w:abstractNumId="0">${LVL(0, "chineseCounting", "%1、")}${LVL(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>')}${LVL(2, "decimal", "%1.%2.%3", "<w:isLgl/>")}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${LVL(0, "bullet", "\uf0b7")}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl></w:lvlOverride></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>`,
  );
  const styles = `<w:styles ${W}><w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
  const document = documentXml(
    P("a", NUM(1, 0)) + P("b", NUM(1, 1)) + P("c", NUM(1, 2)) + P("d", NUM(1, 0)) + P("e", NUM(1, 1)) + P("f", NUM(2, 0)) + P("g", NUM(3, 0)) + P("h", NUM(4, 0)) + P("i", NUM(99, 0)),
  );
  assert.deepEqual(readDocx(await wordWithXml({ document, numbering, styles })).text.split("\n"), [
    "一、a",
    "1.b",
    "1.1.1c",
    "二、d",
    "2.e", // lvlRestart 0: level 2 goes on under 二、
    "⑤f",
    "三、g", // numStyleLink: the list of the style's num (numId 1), counted on
    "•h",
    "i", // a list that does not exist: no number
  ]);
});

test("tables are rows of cells: numbers in cells are not headings, a cell's paragraphs continue the row", async () => {
  const cell = (...texts: string[]) => new docx.TableCell({ children: texts.map((t) => new docx.Paragraph(t)) });
  const bytes = await write([
    new docx.Paragraph("一、重点任务"),
    new docx.Table({
      rows: [
        new docx.TableRow({ children: [cell("序号"), cell("任务"), cell("责任单位")] }),
        new docx.TableRow({ children: [cell("1"), cell("一、加强组织领导", "二、落实工作责任"), cell("")] }),
      ],
    }),
    new docx.Paragraph("二、保障措施"),
  ]);
  const word = readDocx(bytes);
  assert.deepEqual(word.text.split("\n"), ["一、重点任务", "| 序号 | 任务 | 责任单位 |", "| 1 | 一、加强组织领导", "二、落实工作责任 |  |", "二、保障措施"]);
  assert.equal(word.tables, 1);
  // Paragraphs: 1 body, 2–4 the header cells, 5–8 the second row's (the task cell has two), 9 body.
  assert.equal(word.paragraphCount, 9);
  assert.equal(paragraphAt(word, word.text.indexOf("二、落实")), 7);
  assert.equal(paragraphAt(word, word.text.indexOf("二、保障")), 9);
  const model = parseDocument({ text: word.text, uri: "t", languageId: "plaintext" });
  assert.deepEqual(model.lines.map((l) => l.kind), ["heading", "table", "table", "table", "heading"]);
});

test("a one-column table is a box around text (the 版记 between its rules): its paragraphs are read as paragraphs", async () => {
  const row = (text: string) => new docx.TableRow({ children: [new docx.TableCell({ children: [new docx.Paragraph(text)] })] });
  const bytes = await write([new docx.Paragraph("区统计局"), new docx.Table({ rows: [row("抄送：市委办公室，市人大常委会办公室。"), row("青山市人民政府办公室\t2024年3月5日印发")] })]);
  const word = readDocx(bytes);
  assert.deepEqual(word.text.split("\n"), ["区统计局", "抄送：市委办公室，市人大常委会办公室。", "青山市人民政府办公室\t2024年3月5日印发"]);
  const model = parseDocument({ text: word.text, uri: "t", languageId: "plaintext" });
  assert.deepEqual(model.lines.map((l) => l.kind).slice(1), ["colophon", "colophon"]);
});

test("tracked changes read as accepted: insertions in, deletions out, deleted paragraph marks join paragraphs", async () => {
  const bytes = await write([
    new docx.Paragraph({ children: [new docx.TextRun("完成"), new docx.DeletedTextRun({ text: "XX县", id: 1, ...AUTHOR }), new docx.InsertedTextRun({ text: "全区", id: 2, ...AUTHOR }), new docx.TextRun("普查。")] }),
    // A whole paragraph deleted, mark included: gone.
    new docx.Paragraph({ children: [new docx.DeletedTextRun({ text: "三、删掉的标题", id: 3, ...AUTHOR })], run: { deletion: { id: 4, ...AUTHOR } } }),
    // A paragraph split by mistake and joined again with tracking: one paragraph.
    new docx.Paragraph({ children: [new docx.TextRun("加强组织")], run: { deletion: { id: 5, ...AUTHOR } } }),
    new docx.Paragraph("领导。"),
  ]);
  const word = readDocx(bytes);
  assert.deepEqual(word.text.split("\n"), ["完成全区普查。", "加强组织领导。"]);
  // An insertion, two deletions of text, two deleted paragraph marks.
  assert.equal(word.trackedChanges, 5);
  assert.equal(word.paragraphCount, 2);
});

test("moves, deleted rows and the formatting a revision keeps are read as accepted", async () => {
  const document = documentXml(
    `<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><w:r><w:t>正文</w:t></w:r><w:moveTo w:id="2" w:author="a"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>` +
      // The numbering a paragraph had before a tracked formatting change is not shown.
      `<w:p><w:pPr><w:pPrChange w:id="3" w:author="a"><w:pPr>${NUM(1, 0)}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>不再编号</w:t></w:r></w:p>` +
      `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>留下</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>` +
      `<w:tr><w:trPr><w:del w:id="4" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>删掉的行</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
  );
  assert.deepEqual(readDocx(await wordWithXml({ document })).text.split("\n"), ["正文新位置", "不再编号", "| 留下 | 甲 |"]);
});

test("runs: tabs and line breaks kept, hidden text, field codes, notes, comments, pictures and text boxes left out", async () => {
  const document = documentXml(
    `<w:p><w:r><w:t xml:space="preserve">甲 </w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏XX</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p>` +
      // A page break at the start of a paragraph is layout, not a line.
      `<w:p><w:r><w:br w:type="page"/><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>` +
      `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>有批注</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>的段落</w:t></w:r></w:p>` +
      `<w:p><w:r><w:t>图</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框XX</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框XX</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>` +
      `<w:p><w:hyperlink r:id="rId9" xmlns:r="r"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:sdt><w:sdtPr><w:alias w:val="日期"/></w:sdtPr><w:sdtContent><w:r><w:t>2024年3月1日</w:t></w:r></w:sdtContent></w:sdt><w:smartTag><w:r><w:t>，</w:t></w:r></w:smartTag><w:fldSimple w:instr=" DATE "><w:r><w:t>今天</w:t></w:r></w:fldSimple></w:p>` +
      `<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>A&amp;B &lt;C&gt; &#x4E00;</w:t><w:noBreakHyphen/><w:t>D</w:t></w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>` +
      `<w:sdt><w:sdtContent><w:p><w:r><w:t>块级内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
  );
  assert.deepEqual(readDocx(await wordWithXml({ document })).text.split("\n"), ["甲 \t乙", "丙显示", "第3页", "有批注的段落", "图后", "链接2024年3月1日，今天", "A&B <C> 一-D注", "块级内容控件"]);
});

test("headers, footers, footnotes and comments are other parts: not read", async () => {
  const bytes = await write([new docx.Paragraph({ children: [new docx.TextRun("正文"), new docx.FootnoteReferenceRun(1)] })], {
    footnotes: { 1: { children: [new docx.Paragraph("脚注XX")] } },
  });
  const withHeader = new Uint8Array(
    await docx.Packer.toBuffer(
      new docx.Document({
        sections: [{ headers: { default: new docx.Header({ children: [new docx.Paragraph("页眉XX")] }) }, footers: { default: new docx.Footer({ children: [new docx.Paragraph("— 1 —")] }) }, children: [new docx.Paragraph("正文")] }],
      }),
    ),
  );
  assert.equal(readDocx(bytes).text, "正文");
  assert.equal(readDocx(withHeader).text, "正文");
});

test("another prefix for WordprocessingML, ISO Strict's namespace, and a main part the package names elsewhere", async () => {
  const prefixed = `<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body><ns0:p><ns0:r><ns0:t>前缀不同</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
  const strict = `<?xml version="1.0"?><document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p><r><t>严格格式</t></r></p></body></document>`;
  assert.equal(readDocx(await wordWithXml({ document: prefixed })).text, "前缀不同");
  assert.equal(readDocx(await wordWithXml({ document: strict })).text, "严格格式");
  const base = await wordWithXml({ document: documentXml(P("不读这里")) });
  const moved = withParts(base, {
    "word/main.xml": documentXml(P("主文档在别处")),
    "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>`,
  });
  assert.equal(readDocx(moved).text, "主文档在别处");
});

test("paragraph numbers: empty paragraphs count, every line maps to its paragraph", async () => {
  const bytes = await write([new docx.Paragraph("一"), new docx.Paragraph(""), new docx.Paragraph({ children: [new docx.TextRun({ text: "二", break: 0 }), new docx.TextRun({ text: "续", break: 1 })] }), new docx.Paragraph("三")]);
  const word = readDocx(bytes);
  assert.equal(word.text, "一\n\n二\n续\n三");
  const at = (s: string) => paragraphAt(word, word.text.indexOf(s));
  // The empty paragraph is the empty line at offset 2.
  assert.deepEqual([at("一"), paragraphAt(word, 2), at("二"), at("续"), at("三")], [1, 2, 3, 3, 4]);
});
