// The export plan's blocks → the paragraphs and tables the Word writer makes of them, with the
// properties that decide where lines and pages break: style font and size, alignment, indents,
// tab stops, borders, keep-with-next, keep-together, page break before. One entry here per
// paragraph the writer emits (export/docx-writer.ts), in the same order, so the preview breaks
// lines and pages where the exported file does; test/unit/preview-export.test.ts holds them
// side by side with the writer's document.xml.

import type { Block, ExportPlan, Inline } from "../export/blocks";
import { placeSignOff, widthInChars, type ElementKind, type Layout } from "../export/layout";

export type Align = "left" | "center" | "right" | "both";

/** A piece of text in one look. */
export interface PrintedRun {
  text: string;
  /** The element whose font, size and spacing it takes. */
  element: ElementKind;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
  red?: boolean;
  /** A line break inside the paragraph. */
  break?: boolean;
}

export type Rule = "thick" | "thin" | "red";

export interface PrintedParagraph {
  kind: "paragraph";
  /** What it prints (for the preview's classes and the tests). */
  role: string;
  /** The paragraph's own font and size (a blank line is as tall as this). */
  element: ElementKind;
  align: Align;
  /** Indents in twips from the text block's edges; firstLine negative for a hanging indent. */
  left: number;
  right: number;
  firstLine: number;
  /** Tab stops, in twips from the text block's left edge. */
  tabs: Array<{ at: number; align: "left" | "right" }>;
  keepNext: boolean;
  keepLines: boolean;
  pageBreakBefore: boolean;
  borderTop?: Rule;
  borderBottom?: Rule;
  /** Space the top and bottom rules add (rule and its distance to the text), in twips. */
  ruleAbove: number;
  ruleBelow: number;
  /** Grid lines each of its lines takes (the masthead's big type takes several). */
  gridLines: number;
  runs: PrintedRun[];
  /** A bullet before the text (list items): printed in the hanging indent, then a tab to the text. */
  bullet?: string;
  /** A contents entry: the page of this title block is printed at its right, after dot leaders. */
  tocTarget?: Block;
}

export interface PrintedTable {
  kind: "table";
  /** "table": a Markdown table, ruled all round; "colophon": the 版记, rules above, between and below only. */
  role: "table" | "colophon";
  /** One paragraph per cell, rows of cells. */
  rows: PrintedParagraph[][];
  header: boolean;
  /** Width of each column in twips, and the cell's inner margins left and right. */
  columnWidth: number;
  cellMargin: number;
  /** Rule widths in twips: above the first row, between rows, below the last. */
  ruleTop: number;
  ruleInside: number;
  ruleBottom: number;
  /** The rows stay together and with what follows (their paragraphs keep with the next). */
  keepTogether: boolean;
  pageBreakBefore: false;
}

export type Printed = PrintedParagraph | PrintedTable;

/** The printed paragraphs of one block (or of the blank lines before it: block undefined). */
export interface PrintedGroup {
  block?: Block;
  items: Printed[];
}

/** Word's rule widths: a border of size n is n/8 pt; the writer's distances are in points. */
export const BORDER = {
  /** 发文字号's red rule: 1 pt, 11 pt under the text. */
  docNumber: ptTwips(1 + 11),
  /** The 版记's rules: 1 pt and 0.75 pt. */
  thick: ptTwips(1),
  thin: ptTwips(0.75),
  /** A table's rules: 0.5 pt. */
  table: ptTwips(0.5),
};

function ptTwips(pt: number): number {
  return Math.round(pt * 20);
}

/** The writer's paragraphs for a plan, grouped by block. */
export function printPlan(plan: ExportPlan, layout: Layout): PrintedGroup[] {
  const groups: PrintedGroup[] = [];
  const printer = new Printer(layout, plan);
  for (const section of plan.sections) {
    printer.breakNext = section.newPage;
    section.blocks.forEach((block, k) => {
      const blanks: Printed[] = [];
      for (let n = 0; n < section.spaceBefore[k]; n++) blanks.push(printer.blank());
      if (blanks.length > 0) groups.push({ items: blanks });
      groups.push({ block, items: printer.block(block) });
    });
  }
  return groups;
}

/** The document titles a Word contents field lists (style Title: not the compilation's own, not attachments'). */
function contentsTitles(plan: ExportPlan): Block[] {
  return plan.sections.flatMap((s) => s.blocks.filter((b) => b.kind === "title" && b.role === "document"));
}

class Printer {
  breakNext = false;
  private readonly pitch: number;
  constructor(private readonly layout: Layout, private readonly plan: ExportPlan) {
    this.pitch = layout.charPitch;
  }

  private chars(n: number): number {
    return Math.round(n * this.pitch);
  }

  /** A paragraph in the Normal style (the body: justified, two characters indented) with `over` applied. */
  private paragraph(role: string, runs: PrintedRun[], over: Partial<PrintedParagraph> = {}): PrintedParagraph {
    const body = this.layout.elements.body;
    const p: PrintedParagraph = {
      kind: "paragraph",
      role,
      element: "body",
      align: body.align,
      left: 0,
      right: 0,
      firstLine: this.chars(body.firstLineChars),
      tabs: [],
      keepNext: false,
      keepLines: false,
      pageBreakBefore: false,
      ruleAbove: 0,
      ruleBelow: 0,
      gridLines: 1,
      runs,
      ...over,
    };
    if (this.breakNext) {
      p.pageBreakBefore = true;
      this.breakNext = false;
    }
    return p;
  }

  blank(): PrintedParagraph {
    return this.paragraph("blank", []);
  }

  private runs(inlines: readonly Inline[], element: ElementKind, extra: Partial<PrintedRun> = {}): PrintedRun[] {
    const out: PrintedRun[] = [];
    for (const inline of inlines) {
      if (inline.break) {
        out.push({ text: "", element, break: true, ...extra });
        continue;
      }
      inline.text.split("\n").forEach((text, k) => {
        if (k > 0) out.push({ text: "", element, break: true });
        out.push({ text, element, ...extra, ...(inline.bold ? { bold: true } : {}), ...(inline.italic ? { italic: true } : {}), ...(inline.strike ? { strike: true } : {}), ...(inline.code ? { code: true } : {}), ...(inline.link ? { link: true } : {}) });
      });
    }
    return out;
  }

  block(block: Block): Printed[] {
    const el = this.layout.elements;
    switch (block.kind) {
      case "title": {
        const runs = block.lines.flatMap((text, k): PrintedRun[] => (k > 0 ? [{ text: "", element: "title", break: true }, { text, element: "title" }] : [{ text, element: "title" }]));
        return [this.paragraph(`title-${block.role}`, runs, { element: "title", align: "center", firstLine: 0, keepNext: true })];
      }
      case "masthead": {
        // As the writer: whole grid lines tall enough for the big type.
        const gridLines = Math.max(1, Math.ceil((el.masthead.sizePt * 20 * 1.2) / this.layout.line));
        return [this.paragraph("masthead", [{ text: block.text, element: "masthead", red: true }], { align: "center", firstLine: 0, gridLines })];
      }
      case "docNumber":
        return [this.paragraph("docNumber", [{ text: block.text, element: "body" }], { align: "center", firstLine: 0, borderBottom: "red", ruleBelow: BORDER.docNumber })];
      case "addressee":
        return [this.paragraph("addressee", this.runs(block.runs, "body"), { align: el.addressee.align, firstLine: 0 })];
      case "heading": {
        const element = `heading${block.level}` as ElementKind;
        const style = el[element];
        return [
          this.paragraph(`heading${block.level}`, [...this.runs(block.runs, element), ...this.runs(block.rest, "body")], {
            element,
            align: style.align,
            firstLine: this.chars(style.firstLineChars),
            // As the writer: a heading with run-in text does not keep with the next paragraph.
            keepNext: block.rest.length === 0,
          }),
        ];
      }
      case "paragraph":
        return [this.bodyParagraph(block)];
      case "listItem": {
        // The bullet numbering's indents (docx-writer bulletNumbering) replace the style's.
        const left = this.chars(3 + 2 * block.depth);
        return [this.paragraph("listItem", this.runs(block.runs, "body"), { align: "both", left, firstLine: -this.chars(1), tabs: [{ at: left, align: "left" }], bullet: block.depth % 2 === 0 ? "•" : "◦" })];
      }
      case "table":
        return this.breakNext ? [this.blank(), this.table(block)] : [this.table(block)];
      case "toc": {
        const caption = this.paragraph("tocCaption", [{ text: block.caption, element: "tocCaption" }], { align: "center", firstLine: 0, keepNext: true });
        // Word fills the field when it opens the file (the writer asks it to): one entry per document title.
        const right = this.layout.textWidth;
        // The field keeps a wrapped title's line breaks (\x): the entry breaks where the title does.
        const entries = contentsTitles(this.plan).map((title) => {
          const lines = title.kind === "title" ? title.lines : [""];
          const runs = lines.flatMap((text, k): PrintedRun[] => (k > 0 ? [{ text: "", element: "tocEntry", break: true }, { text, element: "tocEntry" }] : [{ text, element: "tocEntry" }]));
          return this.paragraph("tocEntry", runs, { align: el.tocEntry.align, firstLine: 0, tabs: [{ at: right, align: "right" }], tocTarget: title });
        });
        return [caption, ...entries];
      }
      case "attachments":
        return this.attachments(block);
      case "attachmentLabel":
        return [this.paragraph("attachmentLabel", [{ text: block.text, element: "heading1" }], { align: "left", firstLine: 0 })];
      case "signOff": {
        const place = placeSignOff(this.layout, block.signature.map((s) => s.text), block.date?.text);
        const out = block.signature.map((s) => this.paragraph("signature", [{ text: s.text, element: "body" }], { align: "right", firstLine: 0, right: place.signatureRight, keepNext: true }));
        if (block.date) out.push(this.paragraph("date", [{ text: block.date.text, element: "body" }], { align: "right", firstLine: 0, right: place.dateRight }));
        return out;
      }
      case "colophon":
        return this.colophon(block);
    }
  }

  private bodyParagraph(block: Extract<Block, { kind: "paragraph" }>): PrintedParagraph {
    switch (block.style) {
      case "quote":
        return this.paragraph("quote", this.runs(block.runs, "heading2"), { left: this.chars(2), firstLine: 0 });
      case "code":
        return this.paragraph("code", this.runs(block.runs, "code"), { align: "left", firstLine: 0 });
      case "article":
        return this.paragraph("article", [...this.runs(block.lead ?? [], "heading1"), ...(block.leadSeparator ? [{ text: block.leadSeparator, element: "body" as const }] : []), ...this.runs(block.runs, "body")]);
      default:
        return this.paragraph("body", this.runs(block.runs, "body"));
    }
  }

  /** 附件说明: as docx-writer's attachments() — number, tab, name, every name at one position. */
  private attachments(block: Extract<Block, { kind: "attachments" }>): PrintedParagraph[] {
    const label = "附件：";
    const labelWidth = widthInChars(label);
    const numbered = block.items.some((i) => i.number !== undefined);
    const numberWidth = numbered ? Math.max(...block.items.map((i) => Math.ceil(widthInChars(i.number ?? "") * 2) / 2)) : 0;
    const left = this.chars(2 + labelWidth + numberWidth);
    return block.items.map((item, k) => {
      const lead = (k === 0 ? label : "") + (item.number ?? "");
      const hanging = left - this.chars(k === 0 ? 2 : 2 + labelWidth);
      const runs: PrintedRun[] = numbered ? [{ text: lead, element: "body" }, { text: "\t", element: "body" }, { text: item.name, element: "body" }] : [{ text: lead + item.name, element: "body" }];
      return this.paragraph("attachment", runs, { align: "left", left, firstLine: -hanging, tabs: [{ at: left, align: "left" }], keepNext: k + 1 < block.items.length });
    });
  }

  /**
   * 版记: as docx-writer's colophon() — a one-column table as wide as the block, one row a line
   * (抄送, then 印发机关 with the date against a right tab), one character in on each side,
   * thick rules above and below, a thin one between.
   */
  private colophon(block: Extract<Block, { kind: "colophon" }>): Printed[] {
    const style = this.layout.elements.colophon;
    const inset = Math.round(style.sizePt * 20);
    const width = this.layout.textWidth;
    const row = (text: string, tabbed: boolean): PrintedParagraph[] => {
      const p = this.paragraph(tabbed ? "issuer" : "copyTo", [{ text, element: "colophon" }], { element: "colophon", align: "left", firstLine: 0, keepNext: true, tabs: tabbed ? [{ at: width - 2 * inset, align: "right" }] : [] });
      p.pageBreakBefore = false;
      return [p];
    };
    const rows: PrintedParagraph[][] = [];
    const breakBefore = this.breakNext;
    this.breakNext = false;
    if (block.copyTo !== undefined) rows.push(row(block.copyTo, false));
    if (block.issuer !== undefined || block.issueDate !== undefined) rows.push(row(`${block.issuer ?? ""}\t${block.issueDate ? block.issueDate + "印发" : ""}`, true));
    const table: PrintedTable = { kind: "table", role: "colophon", rows, header: false, columnWidth: width, cellMargin: inset, ruleTop: BORDER.thick, ruleInside: BORDER.thin, ruleBottom: BORDER.thick, keepTogether: true, pageBreakBefore: false };
    if (!breakBefore) return [table];
    this.breakNext = true;
    return [this.blank(), table];
  }

  private table(block: Extract<Block, { kind: "table" }>): PrintedTable {
    const el = this.layout.elements.table;
    const columns = block.rows[0]?.length ?? 1;
    const rows = block.rows.map((row, r) =>
      row.map((cell, c) => {
        const header = block.header && r === 0;
        const p = this.paragraph("cell", this.runs(cell, "table", header ? { bold: true } : {}), { element: "table", align: block.align[c] ?? (header ? "center" : el.align), firstLine: 0 });
        p.pageBreakBefore = false;
        return p;
      }),
    );
    return { kind: "table", role: "table", rows, header: block.header, columnWidth: Math.floor(this.layout.textWidth / columns), cellMargin: 80, ruleTop: BORDER.table, ruleInside: BORDER.table, ruleBottom: BORDER.table, keepTogether: false, pageBreakBefore: false };
  }
}
