// The document model → the blocks of the printed document (title, headings, paragraphs,
// tables, 附件说明, sign-off, 版记 …), each with its source line. The Word writer and the page
// preview both draw these, so what is exported is what is previewed. Structure comes from the
// model only: heading levels by the model's marker families (never Markdown "#" depth), the
// author's numbers as typed, the 公文 elements as the model found them.

import type { DocumentModel, Heading, Line } from "../model/document";
import { markdownRuns, plainRuns, runsText, type Inline } from "./inline";
import { splitTitle } from "./title";

export type { Inline } from "./inline";

export type TitleRole = "document" | "compilation" | "attachment";

export type Block =
  /** A document's title; `lines` is where it wraps (a long title breaks between words). */
  | { kind: "title"; line: number; role: TitleRole; lines: string[] }
  | { kind: "masthead"; line: number; text: string }
  | { kind: "docNumber"; line: number; text: string }
  | { kind: "addressee"; line: number; runs: Inline[] }
  /**
   * A heading: `level` is the GB/T 9704 level of its marker (its Word style Heading 1–4),
   * `outline` its depth in the model's heading tree (0 = top); `runs` the heading sentence
   * with the marker as typed, `rest` run-in body text after it.
   */
  | { kind: "heading"; line: number; level: 1 | 2 | 3 | 4; outline: number; runs: Inline[]; rest: Inline[] }
  | { kind: "paragraph"; line: number; endLine: number; runs: Inline[]; style: "body" | "quote" | "code" | "article"; lead?: Inline[]; leadSeparator?: string }
  | { kind: "listItem"; line: number; depth: number; runs: Inline[] }
  | { kind: "table"; line: number; endLine: number; rows: Inline[][][]; header: boolean; align: Array<"left" | "center" | "right" | undefined> }
  /** A compilation's contents: a Word TOC field (entries as a cached view), or its lines as written. */
  | { kind: "toc"; line: number; endLine: number; caption: string; entries: Array<{ line: number; text: string; raw: string }> }
  /** 附件说明: items with the number as typed ("1."), none for a single unnumbered attachment. */
  | { kind: "attachments"; line: number; endLine: number; items: Array<{ line: number; number?: string; name: string }> }
  /** The "附件1" label opening an attachment's own pages. */
  | { kind: "attachmentLabel"; line: number; text: string }
  | { kind: "signOff"; line: number; endLine: number; signature: Array<{ line: number; text: string }>; date?: { line: number; text: string } }
  | { kind: "colophon"; line: number; endLine: number; copyTo?: string; issuer?: string; issueDate?: string };

/** One document of the printed file (a compilation has many; an attachment's pages are one). */
export interface ExportSection {
  index: number;
  /** Starts on a new page. */
  newPage: boolean;
  title?: string;
  blocks: Block[];
  /** Blank lines before each block, by index (GB/T 9704: one under the title, before the 附件说明 and the sign-off). */
  spaceBefore: number[];
}

export interface ExportPlan {
  sections: ExportSection[];
  /** The model's documents without a title (a document is still exported). */
  untitled: number[];
  /** Nothing printable at all. */
  empty: boolean;
}

export interface PlanOptions {
  newPagePerDocument: boolean;
  tableOfContents: "field" | "text";
  /** Characters of the title font a line holds (for wrapping long titles). */
  titleCharsPerLine: number;
}

/** Builds the printed document's blocks from the model. */
export function planExport(model: DocumentModel, options: PlanOptions): ExportPlan {
  const headingAt = new Map<number, Heading>();
  for (const h of model.headings) headingAt.set(h.line, h);
  const paragraphAt = new Map<number, number>();
  for (const p of model.paragraphs) if (p.endLine > p.startLine) paragraphAt.set(p.startLine, p.endLine);
  const tocAt = new Map(model.tocs.map((t) => [t.captionLine, t]));
  const inline = model.isMarkdown ? markdownRuns : plainRuns;
  const sections: ExportSection[] = [];
  const untitled: number[] = [];

  for (const doc of model.documents) {
    const isAppendix = doc.elements.attachmentLabel !== undefined;
    const section: ExportSection = { index: sections.length, newPage: sections.length > 0 && (isAppendix || options.newPagePerDocument), title: doc.titleLine >= 0 ? doc.title : undefined, blocks: [], spaceBefore: [] };
    const isCompilationFront = model.documents.length > 1 && model.tocs.some((t) => t.captionLine >= doc.startLine && t.captionLine <= doc.endLine);
    const push = (block: Block, space = 0) => {
      section.blocks.push(block);
      section.spaceBefore.push(space);
    };
    let afterTitle = false;
    let lastTocEnd = -1;
    for (let i = doc.startLine; i <= doc.endLine; i++) {
      const line = model.lines[i];
      // One blank line under the title (7.3.2), whatever follows it.
      const space = afterTitle ? 1 : 0;
      const before = section.blocks.length;
      switch (line.kind) {
        case "blank":
        case "markup":
        case "front-matter":
          continue;
        case "title": {
          const text = model.isMarkdown ? runsText(markdownRuns(doc.title)) : doc.title;
          // Two blank lines under the 版头's red rule (7.3.1), one under an attachment's label.
          const previous = section.blocks[section.blocks.length - 1];
          const gap = previous?.kind === "docNumber" ? 2 : isAppendix && previous?.kind === "attachmentLabel" ? 1 : 0;
          push({ kind: "title", line: i, role: isAppendix ? "attachment" : isCompilationFront ? "compilation" : "document", lines: splitTitle(text, options.titleCharsPerLine) }, gap);
          afterTitle = true;
          continue;
        }
        case "masthead":
          push({ kind: "masthead", line: i, text: contentOf(line) });
          break;
        case "doc-number":
          // Two blank lines under the masthead (7.2.4).
          push({ kind: "docNumber", line: i, text: contentOf(line) }, section.blocks[section.blocks.length - 1]?.kind === "masthead" ? 2 : 0);
          break;
        case "addressee":
          push({ kind: "addressee", line: i, runs: inline(contentOf(line)) }, space);
          break;
        case "toc-caption":
        case "toc-entry": {
          const toc = tocAt.get(i);
          if (line.kind === "toc-caption" && toc) {
            const entries = [];
            for (let k = toc.startLine; k <= toc.endLine; k++) {
              if (model.lines[k].kind !== "toc-entry") continue;
              const raw = contentOf(model.lines[k]);
              entries.push({ line: k, raw, text: raw.replace(TOC_PAGE, "").trim() });
            }
            if (options.tableOfContents === "field") push({ kind: "toc", line: i, endLine: toc.endLine, caption: contentOf(line), entries }, space);
            else {
              push({ kind: "paragraph", line: i, endLine: i, runs: inline(contentOf(line)), style: "body" }, space);
              for (const e of entries) push({ kind: "paragraph", line: e.line, endLine: e.line, runs: inline(e.raw), style: "body" });
            }
            lastTocEnd = toc.endLine;
          } else if (i > lastTocEnd) push({ kind: "paragraph", line: i, endLine: i, runs: inline(contentOf(line)), style: "body" }, space);
          break;
        }
        case "heading": {
          const h = headingAt.get(i);
          if (h) push(headingBlock(model, line, h, inline), space);
          else push({ kind: "paragraph", line: i, endLine: i, runs: inline(contentOf(line)), style: "body" }, space);
          break;
        }
        case "attachment": {
          const note = doc.elements.attachments;
          if (doc.elements.attachmentLabel?.line === i) push({ kind: "attachmentLabel", line: i, text: contentOf(line) });
          else if (note && i === note.startLine) {
            push({
              kind: "attachments",
              line: i,
              endLine: note.endLine,
              items: note.items.map((item) => ({
                line: item.line,
                number: item.markerStart !== undefined ? markerText(model.text, item.markerStart, item.start) : undefined,
                name: item.name,
              })),
            }, 1);
            i = note.endLine;
          }
          break;
        }
        case "signature":
        case "date": {
          const els = doc.elements;
          const first = els.signature[0]?.line ?? els.date?.line ?? i;
          const last = els.date?.line ?? els.signature[els.signature.length - 1]?.line ?? i;
          push({ kind: "signOff", line: first, endLine: last, signature: els.signature.map((s) => ({ line: s.line, text: s.text })), date: els.date ? { line: els.date.line, text: els.date.text } : undefined }, 1);
          i = Math.max(i, last);
          break;
        }
        case "colophon": {
          const c = doc.elements.colophon;
          // The text has it last, after the attachments' own pages, as 7.4 places it.
          if (c) {
            push({ kind: "colophon", line: c.startLine, endLine: c.endLine, copyTo: c.copyTo?.text, issuer: c.issuer?.text, issueDate: c.issueDate ? model.text.slice(c.issueDate.start, c.issueDate.end) : undefined }, 1);
            i = Math.max(i, c.endLine);
          }
          break;
        }
        case "table": {
          let end = i;
          while (end + 1 <= doc.endLine && (model.lines[end + 1].kind === "table" || (model.lines[end + 1].kind === "markup" && TABLE_RULE.test(model.lines[end + 1].text)))) end++;
          push(tableBlock(model, i, end, inline), space);
          i = end;
          break;
        }
        case "code": {
          if (!/^\s*(?:`{3,}|~{3,})/.test(line.text)) push({ kind: "paragraph", line: i, endLine: i, runs: [{ text: line.text.replace(/\s+$/, ""), code: true }], style: "code" }, space);
          break;
        }
        default: {
          // Body text: a Markdown paragraph runs over several lines (the model's paragraphs say which).
          const end = paragraphAt.get(i) ?? i;
          for (const b of bodyBlocks(model, i, end, inline)) push(b, section.blocks.length === before ? space : 0);
          i = end;
        }
      }
      if (section.blocks.length > before) afterTitle = false;
    }
    if (doc.titleLine < 0 && section.blocks.length > 0 && !isAppendix) untitled.push(doc.index);
    if (section.blocks.length > 0) sections.push(section);
  }
  if (sections.length > 0) sections[0].newPage = false;
  sections.forEach((s, k) => (s.index = k));
  return { sections, untitled, empty: sections.length === 0 };
}

/** Page numbers at the end of a contents line: "…工作计划\t59", "…工作计划……59", "…计划8". */
const TOC_PAGE = /(?:[\t ]+|[.·…．\-—_]{2,}\s*)?\d{1,4}\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;

function contentOf(line: Line): string {
  return line.text.slice(line.contentStart - line.start, line.contentEnd - line.start);
}

function markerText(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(/[\s\u3000]+$/, "");
}

/** GB/T 9704 level of a marker family: 一、 1, （一） 2, 1. 3, （1） 4; chapters 1; decimal outline numbers by depth. */
function levelOf(h: Heading): 1 | 2 | 3 | 4 | 0 {
  switch (h.family) {
    case "chapter":
    case "section":
    case "cn":
      return 1;
    case "cn-paren":
      return 2;
    case "ar":
      return 3;
    case "ar-paren":
      return 4;
    case "decimal": {
      const dots = Math.round((h.rank - 1) / 0.9);
      return Math.min(4, Math.max(1, dots + 1)) as 1 | 2 | 3 | 4;
    }
    default:
      // 第一条 and circled numbers number paragraphs, not sections.
      return 0;
  }
}

function depthOf(model: DocumentModel, h: Heading): number {
  let depth = 0;
  for (let p = h.parent; p >= 0 && depth < 8; p = model.headings[p].parent) depth++;
  return depth;
}

function headingBlock(model: DocumentModel, line: Line, h: Heading, inline: (s: string) => Inline[]): Block {
  const text = model.text;
  const start = h.marker.start;
  const headEnd = h.runIn ? Math.min(h.textEnd + 1, line.contentEnd) : line.contentEnd;
  let restText = text.slice(headEnd, line.contentEnd);
  // "**一、总体要求。**正文": the emphasis that wrapped the heading closes at the rest's start.
  const opener = /(\*\*|__)\s*$/.exec(text.slice(line.contentStart, start));
  let headText = text.slice(start, headEnd);
  if (opener) {
    if (restText.startsWith(opener[1])) restText = restText.slice(2);
    else if (headText.endsWith(opener[1])) headText = headText.slice(0, -2);
  }
  const level = levelOf(h);
  // The heading's own look comes from its style: the Markdown emphasis around it is dropped.
  const head = inline(headText).map(({ bold: _b, italic: _i, ...rest }) => rest);
  const rest = inline(restText.replace(/^[\s\u3000]+/, ""));
  // "第一条　为了……": an article's number is set off by an ideographic space; a circled number
  // ("①加强领导。要求……") runs on into its text as written.
  if (level === 0) return { kind: "paragraph", line: line.index, endLine: line.index, runs: rest, lead: head, style: "article", leadSeparator: h.family === "article" && rest.length > 0 ? "\u3000" : "" };
  return { kind: "heading", line: line.index, level, outline: depthOf(model, h), runs: head, rest };
}

const LIST_ITEM = /^(\s*)[-*+][ \t]+(?=\S)/;
const QUOTE = /^\s{0,3}>\s?/;

/** Body lines [from, to] → paragraphs, list items and quotes (Markdown joins wrapped lines). */
function bodyBlocks(model: DocumentModel, from: number, to: number, inline: (s: string) => Inline[]): Block[] {
  const out: Block[] = [];
  let text = "";
  let start = from;
  let style: "body" | "quote" = "body";
  let list: { depth: number } | undefined;
  const flush = (end: number) => {
    if (text.trim() === "") return;
    const runs = inline(text);
    if (list) out.push({ kind: "listItem", line: start, depth: list.depth, runs });
    else out.push({ kind: "paragraph", line: start, endLine: end, runs, style });
    text = "";
  };
  for (let i = from; i <= to; i++) {
    const raw = model.lines[i].text;
    let content = contentOf(model.lines[i]);
    if (model.isMarkdown) {
      // An unnumbered "## 背景" is not a heading of the model: its text is a paragraph, the marks go.
      if (model.lines[i].facts.markdownPrefix) content = content.replace(/^#{1,6}[ \t]+/, "").replace(/[ \t]+#+[ \t]*$/, "");
      const item = LIST_ITEM.exec(raw);
      const quote = QUOTE.exec(raw);
      if (item) {
        flush(i - 1);
        start = i;
        list = { depth: Math.min(3, Math.floor(item[1].replace(/\t/g, "    ").length / 2)) };
        content = raw.slice(item[0].length).trim();
      } else if (quote) {
        if (style !== "quote" || list) {
          flush(i - 1);
          start = i;
        }
        style = "quote";
        list = undefined;
        content = raw.slice(quote[0].length).trim();
      } else if (i > from && style === "quote") {
        flush(i - 1);
        start = i;
        style = "body";
      }
      if (text !== "") {
        const hardBreak = / {2,}$|\\$/.test(model.lines[i - 1].text);
        if (hardBreak) text = text.replace(/\\$/, "") + "<br>";
        else if (!isCjkBoundary(text, content)) text += " ";
      }
    } else if (text !== "") text += "\n";
    text += content;
  }
  flush(to);
  return out;
}

/** Markdown joins wrapped lines with a space, except between Chinese characters. */
function isCjkBoundary(before: string, after: string): boolean {
  const a = before.charCodeAt(before.length - 1);
  const b = after.charCodeAt(0);
  const cjk = (c: number) => c >= 0x2e80 || (c >= 0x2000 && c <= 0x206f);
  return cjk(a) || cjk(b);
}

/** Splits a pipe table row into cells ("| a | b |", escaped \| kept). */
function splitRow(text: string): string[] {
  let t = text.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|") && !t.endsWith("\\|")) t = t.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "\\" && t[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (t[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += t[i];
  }
  cells.push(cell.trim());
  return cells;
}

function tableBlock(model: DocumentModel, from: number, to: number, inline: (s: string) => Inline[]): Block {
  const rows: Inline[][][] = [];
  let header = false;
  let align: Array<"left" | "center" | "right" | undefined> = [];
  for (let i = from; i <= to; i++) {
    const line = model.lines[i];
    if (line.kind === "markup" || (/^\s*\|?\s*:?-{3,}/.test(line.text) && /^[\s|:-]+$/.test(line.text))) {
      // The delimiter row: the row above is the header, colons set the alignment.
      if (rows.length === 1) header = true;
      align = splitRow(line.text).map((c) => (c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : c.startsWith(":") ? "left" : undefined));
      continue;
    }
    if (!line.text.trim().startsWith("|") && rows.length > 0) {
      // A cell that runs over lines: its text continues the last cell of the row above.
      const last = rows[rows.length - 1];
      const parts = splitRow("|" + line.text);
      const cell = last[last.length - 1];
      cell.push({ text: "", break: true }, ...inline(parts[0]));
      for (const extra of parts.slice(1)) if (extra !== "") last.push(inline(extra));
      continue;
    }
    rows.push(splitRow(line.text).map((c) => inline(c.replace(/<br\s*\/?>/gi, "\n"))));
  }
  const width = Math.max(1, ...rows.map((r) => r.length));
  for (const r of rows) while (r.length < width) r.push([]);
  return { kind: "table", line: from, endLine: to, rows, header, align };
}
