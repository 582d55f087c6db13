// The preview lays out what the Word writer writes: paragraph for paragraph, the same alignment,
// indents, tab stops, keeps, page breaks and line heights as the exported document.xml (styles,
// numbering and direct formatting resolved as Word resolves them). When the writer changes how it
// places an element, this test fails until the preview follows.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_ROOT } from "../support/fixtures";
import { exportParts, textOf } from "../support/docx";
import { parseDocument } from "../../server/src/model/parse";
import { planExport } from "../../server/src/export/blocks";
import { defaultExportSettings, resolveLayout } from "../../server/src/export/layout";
import { printPlan, type PrintedParagraph } from "../../server/src/preview/paragraphs";

interface Placement {
  text: string;
  align: string;
  left: number;
  right: number;
  firstLine: number;
  keepNext: boolean;
  pageBreakBefore: boolean;
  line: number;
  tabs: string;
}

const on = (xml: string, tag: string): boolean | undefined => {
  const m = new RegExp(`<${tag}(?: w:val="([^"]*)")?\\s*/>`).exec(xml);
  return m ? m[1] !== "false" && m[1] !== "0" : undefined;
};

/** Applies one level of paragraph properties (a style's, the numbering's, the paragraph's own) over `p`. */
function apply(p: Partial<Placement>, pPr: string): void {
  const jc = /<w:jc w:val="([^"]+)"/.exec(pPr)?.[1];
  if (jc) p.align = jc === "both" ? "both" : jc === "start" ? "left" : jc === "end" ? "right" : jc;
  const ind = /<w:ind ([^>]*)\/>/.exec(pPr)?.[1];
  if (ind) {
    const a = Object.fromEntries([...ind.matchAll(/w:(\w+)="(-?\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    if (a.left !== undefined || a.start !== undefined) p.left = a.left ?? a.start;
    if (a.right !== undefined || a.end !== undefined) p.right = a.right ?? a.end;
    if (a.firstLine !== undefined) p.firstLine = a.firstLine;
    if (a.hanging !== undefined) p.firstLine = -a.hanging;
  }
  const keepNext = on(pPr, "w:keepNext");
  if (keepNext !== undefined) p.keepNext = keepNext;
  const pageBreak = on(pPr, "w:pageBreakBefore");
  if (pageBreak !== undefined) p.pageBreakBefore = pageBreak;
  const line = /<w:spacing [^>]*w:line="(\d+)"/.exec(pPr)?.[1];
  if (line) p.line = Number(line);
  const tabs = [...pPr.matchAll(/<w:tab w:val="(\w+)" w:pos="(\d+)"\/>/g)].map((m) => `${m[1]}@${m[2]}`);
  if (tabs.length > 0) p.tabs = tabs.join(",");
}

function pPrOf(xml: string): string {
  return /<w:pPr>(.*?)<\/w:pPr>/s.exec(xml)?.[1] ?? "";
}

/** Each body paragraph's placement as Word reads it: defaults, style chain, numbering level, direct. */
function wordPlacements(parts: Record<string, string>): Placement[] {
  const styles = parts["word/styles.xml"];
  const numbering = parts["word/numbering.xml"] ?? "";
  const styleXml = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, "s").exec(styles)?.[0];
  const chain = (id: string): string[] => {
    const out: string[] = [];
    for (let s = styleXml(id); s && out.length < 10; ) {
      out.unshift(s);
      const base = /<w:basedOn w:val="([^"]+)"/.exec(s)?.[1];
      s = base ? styleXml(base) : undefined;
    }
    return out;
  };
  const defaults = /<w:pPrDefault>(.*?)<\/w:pPrDefault>/s.exec(styles)?.[1] ?? "";
  // Paragraphs of the body outside the contents field (Word fills that in when it opens the file).
  const body = parts["word/document.xml"].replace(/<w:sdt>.*?<\/w:sdt>/gs, "");
  const out: Placement[] = [];
  for (const m of body.matchAll(/<w:p(?: [^>]*)?>.*?<\/w:p>|<w:p(?: [^>]*)?\/>/gs)) {
    const xml = m[0];
    const own = pPrOf(xml);
    const p: Partial<Placement> = { align: "left", left: 0, right: 0, firstLine: 0, keepNext: false, pageBreakBefore: false, tabs: "" };
    apply(p, defaults);
    for (const s of chain(/<w:pStyle w:val="([^"]+)"/.exec(own)?.[1] ?? "Normal")) apply(p, pPrOf(s));
    const num = /<w:numId w:val="(\d+)"\/>/.exec(own)?.[1];
    if (num) {
      const level = /<w:ilvl w:val="(\d+)"\/>/.exec(own)?.[1] ?? "0";
      const abstract = new RegExp(`<w:num w:numId="${num}"[^>]*>.*?<w:abstractNumId w:val="(\\d+)"`, "s").exec(numbering)?.[1];
      const abstractXml = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstract}"[^>]*>.*?</w:abstractNum>`, "s").exec(numbering)?.[0] ?? "";
      const lvl = new RegExp(`<w:lvl [^>]*w:ilvl="${level}"[^>]*>.*?</w:lvl>`, "s").exec(abstractXml)?.[0] ?? "";
      apply(p, pPrOf(lvl));
    }
    apply(p, own);
    out.push({ ...(p as Placement), text: textOf(xml) });
  }
  return out;
}

/** The preview's paragraphs (table cells in row order), placed the same way. */
function previewPlacements(text: string, languageId: string): Placement[] {
  const settings = defaultExportSettings();
  const layout = resolveLayout(settings);
  const model = parseDocument({ text, languageId });
  const plan = planExport(model, { newPagePerDocument: settings.newPagePerDocument, tableOfContents: settings.tableOfContents, titleCharsPerLine: Math.floor(layout.textWidth / (settings.titleSizePt * 20)) });
  const out: Placement[] = [];
  const place = (p: PrintedParagraph) => {
    if (p.role === "tocEntry") return;
    out.push({
      text: p.runs.map((r) => (r.break ? "\n" : r.text)).join(""),
      align: p.align,
      left: p.left,
      right: p.right,
      firstLine: p.firstLine,
      keepNext: p.keepNext,
      pageBreakBefore: p.pageBreakBefore,
      line: p.gridLines * layout.line,
      // A list item's tab after its bullet is the numbering's own (no tab stop in the paragraph).
      tabs: p.role === "listItem" ? "" : p.tabs.map((t) => `${t.align}@${t.at}`).join(","),
    });
  };
  for (const group of printPlan(plan, layout)) {
    for (const item of group.items) {
      if (item.kind === "paragraph") place(item);
      else for (const row of item.rows) for (const cell of row) place(cell);
    }
  }
  return out;
}

function assertSamePlacement(text: string, languageId = "plaintext"): Promise<void> {
  return exportParts(text, languageId).then((parts) => {
    const word = wordPlacements(parts);
    const preview = previewPlacements(text, languageId);
    assert.ok(word.length > 5);
    assert.deepEqual(preview, word);
  });
}

const fixture = (name: string) => readFileSync(join(FIXTURE_ROOT, name), "utf8");

test("a full 公文 (masthead, 发文字号, title, 主送, headings, 附件说明, sign-off, 版记): every paragraph placed as the writer places it", () => assertSamePlacement(fixture("elements/full-document.txt")));

test("a compilation: titles, contents caption, each document on a new page, sign-offs, attachments", () => assertSamePlacement(fixture("elements/compilation-signed.txt")));

test("attachments' own pages after the sign-off, each starting a page", () => assertSamePlacement(fixture("elements/appendix-pages.txt")));

test("Markdown: emphasis, a table's cells, lists, a quote, headings by marker level", () => assertSamePlacement(fixture("export/markdown.md"), "markdown"));

test("a real plan from the corpus (run-in headings, long paragraphs)", () => assertSamePlacement(fixture("corpus/plans-2023q2.txt")));
