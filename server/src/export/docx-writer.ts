// The Word writer: the export plan's blocks → a .docx laid out per GB/T 9704 (the values come
// from layout.ts). Built into its own bundle (dist/docx-writer.js) with the `docx` package and
// loaded on first use, so the server and the CLI start without it.

import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  StyleLevel,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Block, ExportPlan, Inline } from "./blocks";
import { ALIGN, documentStyles, exactLine, fontTableXml, fontsOf, runOf, STYLE } from "./docx-styles";
import { halfPoints, placeSignOff, widthInChars, type ElementStyle, type Layout } from "./layout";

export interface DocxMeta {
  title?: string;
  /** Written into the file's properties (the source file's name). */
  subject?: string;
}

const BULLETS = "gongwen-bullets";

/** Renders the plan as a .docx file's bytes. */
export async function renderDocx(plan: ExportPlan, layout: Layout, meta: DocxMeta = {}): Promise<Uint8Array> {
  const writer = new BlockWriter(layout, plan.sections.filter((s) => s.blocks.some((b) => b.kind === "title" && b.role !== "compilation")).length > 1);
  const children: Array<Paragraph | Table | TableOfContents> = [];
  let hasToc = false;
  for (const section of plan.sections) {
    // The section's first paragraph (a blank line, if it opens with one) starts the new page.
    writer.breakNext = section.newPage;
    section.blocks.forEach((block, k) => {
      for (let n = 0; n < section.spaceBefore[k]; n++) children.push(writer.blank());
      if (block.kind === "toc") hasToc = true;
      children.push(...writer.block(block));
    });
  }
  const p = layout.page;
  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: "公文助手 Gongwen",
    lastModifiedBy: "公文助手 Gongwen",
    evenAndOddHeaderAndFooters: true,
    features: hasToc ? { updateFields: true } : undefined,
    styles: documentStyles(layout),
    numbering: { config: [bulletNumbering(layout)] },
    sections: [
      {
        properties: {
          page: {
            size: { width: p.width, height: p.height },
            margin: { top: p.top, bottom: p.bottom, left: p.left, right: p.right, header: p.header, footer: p.footer, gutter: 0 },
          },
        },
        footers: layout.pageNumber.enabled ? { default: pageNumberFooter(layout, "odd"), even: pageNumberFooter(layout, "even") } : undefined,
        children: children.length > 0 ? children : [new Paragraph({})],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml(layout) }]);
  return layout.page.mirror ? withMirrorMargins(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `w:mirrorMargins` in settings.xml (the docx package has no option for it). */
function withMirrorMargins(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const settings = new TextDecoder().decode(files["word/settings.xml"]);
  files["word/settings.xml"] = strToU8(settings.replace(/(<w:settings\b[^>]*>)/, "$1<w:mirrorMargins/>"));
  return zipSync(files, { level: 6 });
}

/** A run's content with its tab characters as Word tabs (`w:tab`), not characters of the text. */
function withTabs(text: string): Array<string | Tab> {
  if (!text.includes("\t")) return [text];
  const out: Array<string | Tab> = [];
  text.split("\t").forEach((part, k) => {
    if (k > 0) out.push(new Tab());
    if (part !== "") out.push(part);
  });
  return out;
}

function pageNumberFooter(layout: Layout, side: "odd" | "even"): Footer {
  const style = layout.elements.pageNumber;
  const pn = layout.pageNumber;
  const run: IRunOptions = { font: fontsOf(style), size: halfPoints(style.sizePt), characterSpacing: 0 };
  return new Footer({
    children: [
      new Paragraph({
        // Odd pages right, even pages left, each one character in from the block's edge (7.5).
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: pn.indent, firstLine: 0 } : { left: pn.indent, firstLine: 0 },
        spacing: { line: pn.lineHeight, lineRule: "exact", before: 0, after: 0 },
        children: [new TextRun({ ...run, children: [pn.before, PageNumber.CURRENT, pn.after] })],
      }),
    ],
  });
}

function bulletNumbering(layout: Layout) {
  const pitch = layout.charPitch;
  return {
    reference: BULLETS,
    levels: [0, 1, 2, 3].map((level) => ({
      level,
      format: LevelFormat.BULLET,
      text: level % 2 === 0 ? "•" : "◦",
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: Math.round((3 + 2 * level) * pitch), hanging: Math.round(pitch) } } },
    })),
  };
}

/** Turns blocks into Word paragraphs and tables. */
class BlockWriter {
  private readonly pitch: number;
  constructor(private readonly layout: Layout, private readonly compilation: boolean) {
    this.pitch = layout.charPitch;
  }

  /** The next paragraph starts a new page. */
  breakNext = false;

  blank(): Paragraph {
    return this.paragraph({});
  }

  /**
   * Every paragraph with widow control off: a page holds its 22 lines ("撑满版心"); Word leaves
   * it off unless told, LibreOffice keeps two lines together unless told. (The docx package
   * cannot set it in a style.)
   */
  private paragraph(options: IParagraphOptions): Paragraph {
    if (!this.breakNext) return new Paragraph({ widowControl: false, ...options });
    this.breakNext = false;
    return new Paragraph({ widowControl: false, ...options, pageBreakBefore: true });
  }

  private chars(n: number): number {
    return Math.round(n * this.pitch);
  }

  /** Runs of inline text; `style` given when it differs from the paragraph's own style. */
  private runs(inlines: readonly Inline[], style?: ElementStyle, extra: IRunOptions = {}): ParagraphChild[] {
    const base: IRunOptions = style ? { ...runOf(style), ...extra } : extra;
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      if (inline.break) {
        out.push(new TextRun({ ...base, break: 1 }));
        continue;
      }
      const parts = inline.text.split("\n");
      // A tab in the text (a contents line as written) is Word's tab, not a character.
      const options: IRunOptions = {
        ...base,
        ...(inline.bold ? { bold: true } : {}),
        ...(inline.italic ? { italics: true } : {}),
        ...(inline.strike ? { strike: true } : {}),
        ...(inline.code ? { font: { ...fontsOf(style ?? this.layout.elements.body), ascii: "Courier New" } } : {}),
      };
      const runs = parts.map((text, k) => new TextRun({ ...options, children: withTabs(text), ...(k > 0 ? { break: 1 } : {}) }));
      if (inline.link) out.push(new ExternalHyperlink({ link: inline.link, children: runs.map((_, k) => new TextRun({ ...options, children: withTabs(parts[k]), style: "Hyperlink", ...(k > 0 ? { break: 1 } : {}) })) }));
      else out.push(...runs);
    }
    return out;
  }

  block(block: Block): Array<Paragraph | Table | TableOfContents> {
    const el = this.layout.elements;
    const line = exactLine(this.layout);
    switch (block.kind) {
      case "title": {
        const style = block.role === "compilation" ? STYLE.compilationTitle : block.role === "attachment" ? STYLE.attachmentTitle : STYLE.title;
        const children = block.lines.flatMap((text, k) => [new TextRun({ text, ...(k > 0 ? { break: 1 } : {}) })]);
        // In a compilation each document's title is the top of the navigation pane's outline.
        return [this.paragraph({ style, children, ...(this.compilation && block.role === "document" ? { outlineLevel: 0 } : {}) })];
      }
      case "masthead": {
        // Whole grid lines tall enough for the big type (Word clips glyphs taller than an exact line).
        const lines = Math.max(1, Math.ceil((el.masthead.sizePt * 20 * 1.2) / this.layout.line));
        return [this.paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { ...line, line: lines * this.layout.line }, children: [new TextRun({ ...runOf(el.masthead), text: block.text, color: "FF0000" })] })];
      }
      case "docNumber":
        return [
          this.paragraph({
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0 },
            // The red rule under the 版头 (7.2.6), 4 mm under the number.
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: "FF0000", space: 11 } },
            children: [new TextRun({ text: block.text })],
          }),
        ];
      case "addressee":
        return [this.paragraph({ alignment: ALIGN[el.addressee.align], indent: { firstLine: 0 }, children: this.runs(block.runs) })];
      case "heading": {
        const depth = this.compilation ? block.outline + 1 : block.outline;
        return [
          this.paragraph({
            style: STYLE.heading[block.level - 1],
            // The tree's depth where it differs from the style's level (a document that starts at （一）, chapters).
            ...(Math.min(depth, 8) !== block.level - 1 ? { outlineLevel: Math.min(depth, 8) } : {}),
            // A heading with its section's text run in ("一、总体要求。坚持……") is a paragraph of
            // its own: kept with the next one (the style's default), a page of them moved as a chain.
            ...(block.rest.length > 0 ? { keepNext: false } : {}),
            children: [...this.runs(block.runs), ...this.runs(block.rest, el.body)],
          }),
        ];
      }
      case "paragraph":
        return [this.bodyParagraph(block)];
      case "listItem":
        return [this.paragraph({ numbering: { reference: BULLETS, level: block.depth }, alignment: AlignmentType.JUSTIFIED, children: this.runs(block.runs) })];
      case "table":
        // A table cannot carry the page break: an empty paragraph before it does.
        return this.breakNext ? [this.blank(), this.table(block)] : [this.table(block)];
      case "toc": {
        const caption = this.paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, keepNext: true, children: [new TextRun({ ...runOf(el.tocCaption), text: block.caption })] });
        // \x keeps a wrapped title's line break in its entry: without it Word (and docx's cached
        // entries) put a space there, a stray blank between Chinese characters ("双随机、 一公开").
        return [caption, new TableOfContents(block.caption, { hyperlink: true, stylesWithLevels: [new StyleLevel("Title", 1)], preserveNewLineInEntries: true })];
      }
      case "attachments":
        return this.attachments(block);
      case "attachmentLabel":
        return [this.paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, children: [new TextRun({ ...runOf(el.heading1), text: block.text })] })];
      case "signOff": {
        const place = placeSignOff(this.layout, block.signature.map((s) => s.text), block.date?.text);
        const out = block.signature.map((s) => this.paragraph({ alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: place.signatureRight }, keepNext: true, children: [new TextRun({ text: s.text })] }));
        if (block.date) out.push(this.paragraph({ alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: place.dateRight }, children: [new TextRun({ text: block.date.text })] }));
        return out;
      }
      case "colophon":
        return this.colophon(block);
    }
  }

  private bodyParagraph(block: Extract<Block, { kind: "paragraph" }>): Paragraph {
    const el = this.layout.elements;
    switch (block.style) {
      case "quote":
        return this.paragraph({ indent: { left: this.chars(2), firstLine: 0 }, children: this.runs(block.runs, el.heading2) });
      case "code":
        return this.paragraph({ alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, children: this.runs(block.runs, el.code) });
      case "article":
        return this.paragraph({ children: [...this.runs(block.lead ?? [], el.heading1), ...(block.leadSeparator ? this.runs([{ text: block.leadSeparator }]) : []), ...this.runs(block.runs)] });
      default:
        return this.paragraph({ children: this.runs(block.runs) });
    }
  }

  /**
   * 附件说明 (7.3.4): two characters in, "附件：" then the name; numbered items in a column
   * after "附件：", every name (and its wrapped lines) starting at one position: number, tab,
   * name, with a hanging indent whose tab stop is that position.
   */
  private attachments(block: Extract<Block, { kind: "attachments" }>): Paragraph[] {
    const label = "附件：";
    const labelWidth = widthInChars(label);
    const numbered = block.items.some((i) => i.number !== undefined);
    const numberWidth = numbered ? Math.max(...block.items.map((i) => Math.ceil(widthInChars(i.number ?? "") * 2) / 2)) : 0;
    const left = this.chars(2 + labelWidth + numberWidth);
    return block.items.map((item, k) => {
      const lead = (k === 0 ? label : "") + (item.number ?? "");
      const hanging = left - this.chars(k === 0 ? 2 : 2 + labelWidth);
      const children = numbered ? [new TextRun({ text: lead }), new TextRun({ children: [new Tab()] }), new TextRun({ text: item.name })] : [new TextRun({ text: lead + item.name })];
      return this.paragraph({ alignment: AlignmentType.LEFT, indent: { left, hanging }, tabStops: [{ type: TabStopType.LEFT, position: left }], keepNext: k + 1 < block.items.length, children });
    });
  }

  /**
   * 版记 (7.4): 4号仿宋, one character in on each side, between rules as wide as the block —
   * thick above and below, thin between 抄送 and 印发 — drawn as a one-column table's borders
   * (paragraph borders would stop at the text's indents).
   */
  private colophon(block: Extract<Block, { kind: "colophon" }>): Array<Paragraph | Table> {
    const style = this.layout.elements.colophon;
    const inset = Math.round(style.sizePt * 20);
    const width = this.layout.textWidth;
    const thick = { style: BorderStyle.SINGLE, size: 8, color: "000000" };
    const thin = { style: BorderStyle.SINGLE, size: 6, color: "000000" };
    const none = { style: BorderStyle.NONE, size: 0, color: "auto" };
    const line = (text: string, tabbed: boolean) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            margins: { left: inset, right: inset, top: 0, bottom: 0 },
            children: [
              new Paragraph({
                widowControl: false,
                alignment: AlignmentType.LEFT,
                indent: { firstLine: 0 },
                keepNext: true,
                ...(tabbed ? { tabStops: [{ type: TabStopType.RIGHT, position: width - 2 * inset }] } : {}),
                children: [new TextRun({ ...runOf(style), children: withTabs(text) })],
              }),
            ],
          }),
        ],
      });
    const rows: TableRow[] = [];
    if (block.copyTo !== undefined) rows.push(line(block.copyTo, false));
    if (block.issuer !== undefined || block.issueDate !== undefined) rows.push(line(`${block.issuer ?? ""}\t${block.issueDate ? block.issueDate + "印发" : ""}`, true));
    const table = new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: [width],
      borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
      rows,
    });
    return this.breakNext ? [this.blank(), table] : [table];
  }

  private table(block: Extract<Block, { kind: "table" }>): Table {
    const el = this.layout.elements.table;
    const columns = block.rows[0]?.length ?? 1;
    const width = this.layout.textWidth;
    const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
    return new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => Math.floor(width / columns)),
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: block.rows.map(
        (row, r) =>
          new TableRow({
            tableHeader: block.header && r === 0,
            cantSplit: true,
            children: row.map(
              (cell, c) =>
                new TableCell({
                  width: { size: Math.floor(width / columns), type: WidthType.DXA },
                  margins: { left: 80, right: 80 },
                  children: [
                    this.paragraph({
                      alignment: ALIGN[block.align[c] ?? (block.header && r === 0 ? "center" : el.align)],
                      indent: { firstLine: 0 },
                      children: this.runs(cell, el, block.header && r === 0 ? { bold: true } : {}),
                    }),
                  ],
                }),
            ),
          }),
      ),
    });
  }
}

/** What a worker running this bundle is sent, and answers (lsp/export.ts starts it). */
export interface WriterJob {
  id: number;
  plan: ExportPlan;
  layout: Layout;
  meta: DocxMeta;
}
export type WriterAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

// Run as a worker: a job at a time, each answered with the file's bytes (transferred).
if (!isMainThread && parentPort && (workerData as { gongwenDocxWriter?: boolean } | null)?.gongwenDocxWriter) {
  const port = parentPort;
  port.on("message", (job: WriterJob) => {
    renderDocx(job.plan, job.layout, job.meta).then(
      (rendered) => {
        // Transfer, not copy: the bytes' own buffer (a view into a shared pool is copied first).
        const bytes = rendered.byteOffset === 0 && rendered.byteLength === rendered.buffer.byteLength ? rendered : rendered.slice();
        port.postMessage({ id: job.id, bytes } satisfies WriterAnswer, [bytes.buffer as ArrayBuffer]);
      },
      (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies WriterAnswer),
    );
  });
}
