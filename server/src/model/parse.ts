// Builds the document model from text: lines, table of contents, titles and documents of a
// compilation, the heading tree, paragraphs and enumerations. One parse serves every rule.

import type { DocumentModel, Enumeration, EnumerationFamily, Heading, Line, LineKind, Paragraph, SubDocument, TableOfContents } from "./document";
import { FAMILY_RANK } from "./document";
import { analyzeLine, type LineFacts } from "./line";

export interface ParseInput {
  text: string;
  uri?: string;
  version?: number;
  languageId?: string;
}

/** Re-usable per-line analysis, keyed by line text; bounded so it cannot grow without end. */
export class LineFactsCache {
  private map = new Map<string, LineFacts>();
  private previous = new Map<string, LineFacts>();
  /** The mode the entries were made for; a switch (plain text ↔ Markdown) starts afresh. */
  private markdown: boolean | undefined;
  constructor(private readonly limit = 200_000) {}
  get(text: string, markdown: boolean): LineFacts {
    // Keyed by the line text itself: a prefixed key would copy every line on every parse.
    if (markdown !== this.markdown) {
      this.markdown = markdown;
      this.map = new Map();
      this.previous = new Map();
    }
    let facts = this.map.get(text);
    if (facts === undefined) {
      facts = this.previous.get(text);
      if (facts === undefined) facts = analyzeLine(text, true);
      this.map.set(text, facts);
      // Two generations: lines unused for a whole generation are dropped.
      if (this.map.size > this.limit) {
        this.previous = this.map;
        this.map = new Map();
      }
    }
    return facts;
  }
}

export function parseDocument(input: ParseInput, cache?: LineFactsCache): DocumentModel {
  const text = input.text;
  const languageId = input.languageId ?? "plaintext";
  const isMarkdown = languageId === "markdown";
  const { lines, facts, eol } = splitLines(text, isMarkdown, cache);
  const hasBom = text.charCodeAt(0) === 0xfeff;

  if (isMarkdown) markMarkdownBlocks(lines);
  markTables(lines);
  const tocs = findTablesOfContents(lines, facts);
  const documents = findDocuments(lines, facts, tocs);
  const lineDocument = new Int32Array(lines.length);
  for (const doc of documents) lineDocument.fill(doc.index, doc.startLine, doc.endLine + 1);

  const headings = buildHeadings(lines, facts, lineDocument, documents);
  const paragraphs = buildParagraphs(lines, facts, lineDocument, isMarkdown);
  const enumerations = buildEnumerations(lines, facts, lineDocument);

  return {
    text,
    uri: input.uri ?? "untitled:document",
    version: input.version ?? 0,
    languageId,
    lines,
    hasBom,
    eol,
    paragraphs,
    headings,
    documents,
    tocs,
    enumerations,
    lineDocument,
    isMarkdown,
  };
}

function splitLines(text: string, markdown: boolean, cache?: LineFactsCache) {
  const lines: Line[] = [];
  const facts: LineFacts[] = [];
  let crlf = 0, lf = 0, cr = 0;
  let start = 0;
  const n = text.length;
  // indexOf runs natively; the next "\n" and "\r" are looked up again only once passed.
  let nextLf = text.indexOf("\n");
  let nextCr = text.indexOf("\r");
  for (;;) {
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf("\n", start);
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf("\r", start);
    const end = nextLf < 0 ? (nextCr < 0 ? n : nextCr) : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
    let breakEnd = end;
    if (end < n) {
      if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) { breakEnd = end + 2; crlf++; }
      else { breakEnd = end + 1; if (text.charCodeAt(end) === 13) cr++; else lf++; }
    }
    const lineText = text.slice(start, end);
    const f = cache ? cache.get(lineText, markdown) : analyzeLine(lineText, true);
    facts.push(f);
    const kind: LineKind = f.contentStart === f.contentEnd ? "blank" : f.marker ? "heading" : "body";
    lines.push({
      index: lines.length,
      start,
      end,
      breakEnd,
      text: lineText,
      contentStart: start + f.contentStart,
      contentEnd: start + f.contentEnd,
      kind,
    });
    if (end >= n) break;
    start = breakEnd;
  }
  const eol: "\n" | "\r\n" | "\r" = crlf > lf && crlf >= cr ? "\r\n" : cr > lf ? "\r" : "\n";
  return { lines, facts, eol };
}

/** Front matter, fenced code, tables, HTML comments and rules in Markdown are not prose. */
function markMarkdownBlocks(lines: Line[]): void {
  let i = 0;
  if (lines.length > 0 && /^---\s*$/.test(lines[0].text)) {
    let j = 1;
    while (j < lines.length && !/^(?:---|\.\.\.)\s*$/.test(lines[j].text)) j++;
    if (j < lines.length) {
      for (let k = 0; k <= j; k++) lines[k].kind = "front-matter";
      i = j + 1;
    }
  }
  let fence: string | undefined;
  let comment = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text.trimStart();
    if (fence !== undefined) {
      line.kind = "code";
      if (t.startsWith(fence) && t.slice(fence.length).trim() === "") fence = undefined;
      continue;
    }
    const open = /^(`{3,}|~{3,})/.exec(t);
    if (open && line.text.length - t.length < 4) {
      fence = open[1];
      line.kind = "code";
      continue;
    }
    if (comment || t.startsWith("<!--")) {
      line.kind = "markup";
      comment = !line.text.includes("-->", t.startsWith("<!--") ? line.text.indexOf("<!--") + 4 : 0);
      continue;
    }
    if (line.text.length - t.length >= 4 && line.kind !== "blank" && (i === 0 || lines[i - 1].kind === "blank" || lines[i - 1].kind === "code")) {
      // Indented code needs a blank line before it; full-width indentation is prose.
      if (!/^[ \t]*\u3000/.test(line.text) && /^(?: {4}|\t)/.test(line.text)) { line.kind = "code"; continue; }
    }
    if (/^(?:[-*_]\s*){3,}$/.test(t) || /^\s*\|?\s*:?-{3,}\s*\|/.test(t)) line.kind = "markup";
  }
}

/**
 * Table rows ("| 1、… |"), in Markdown and in text pasted from web pages alike, and the lines
 * of a cell that runs over several lines: numbers in table cells are not headings.
 */
function markTables(lines: Line[]): void {
  let openCell = false;
  for (const line of lines) {
    if (line.kind === "code" || line.kind === "front-matter" || line.kind === "markup") continue;
    const t = line.text.trim();
    if (t.startsWith("|")) {
      line.kind = "table";
      openCell = !(t.length > 1 && t.endsWith("|"));
    } else if (openCell && line.kind !== "blank") {
      line.kind = "table";
      if (t.includes("|")) openCell = false;
    } else if (line.kind === "blank") openCell = false;
  }
}

function findTablesOfContents(lines: Line[], facts: LineFacts[]): TableOfContents[] {
  const tocs: TableOfContents[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!facts[i].tocCaption || (lines[i].kind !== "body" && lines[i].kind !== "heading")) continue;
    const entries: string[] = [];
    let last = -1;
    let j = i + 1;
    let strays = 0;
    for (; j < lines.length && j - i < 2000; j++) {
      const f = facts[j];
      if (lines[j].kind === "blank") continue;
      if (f.tocEntry !== undefined) {
        entries.push(f.tocEntry);
        last = j;
        strays = 0;
        continue;
      }
      // A stray short line (a site's marker, a repeated caption) may sit between entries.
      if (f.visibleLength <= 40 && strays === 0) { strays++; continue; }
      break;
    }
    if (entries.length === 0) continue;
    lines[i].kind = "toc-caption";
    for (let k = i + 1; k <= last; k++) if (lines[k].kind !== "blank") lines[k].kind = "toc-entry";
    tocs.push({ captionLine: i, startLine: i + 1, endLine: last, entries });
    i = last;
  }
  return tocs;
}

/**
 * Splits the text into documents at titles: lines named in a table of contents, the first
 * line of the text, and title-shaped lines between blank lines that name a document type.
 */
function findDocuments(lines: Line[], facts: LineFacts[], tocs: TableOfContents[]): SubDocument[] {
  const titleLines: number[] = [];
  const pending = new Map<string, number>();
  for (const toc of tocs) for (const e of toc.entries) pending.set(e, (pending.get(e) ?? 0) + 1);
  const afterToc = (i: number) => tocs.some((t) => i > t.endLine);

  let firstContent = lines.findIndex((l) => l.kind === "body" || l.kind === "heading" || l.kind === "toc-caption");
  if (firstContent < 0) firstContent = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind !== "body") continue;
    const f = facts[i];
    if (!f.titleShaped) continue;
    const before = i === 0 || isBlankish(lines[i - 1]);
    const after = i + 1 >= lines.length || isBlankish(lines[i + 1]);
    let isTitle = false;
    if (i === firstContent) isTitle = true;
    else if (pending.size > 0 && afterToc(i) && (pending.get(f.normalized) ?? 0) > 0) {
      isTitle = true;
      pending.set(f.normalized, pending.get(f.normalized)! - 1);
    } else if (f.titleKeyword && !isLastContent(lines, i)) {
      // Between blank lines a keyword title needs only fresh numbering after it (or none);
      // run into the text, it needs a heading numbered one to follow.
      const after1 = numberingAfter(lines, facts, i);
      isTitle = before && after ? after1 !== "continues" : after1 === "restarts";
    }
    else if (f.markdownPrefix && /^\s*#\s/.test(line.text)) isTitle = true;
    if (isTitle) {
      line.kind = "title";
      titleLines.push(i);
    }
  }

  const documents: SubDocument[] = [];
  const push = (titleLine: number, startLine: number, endLine: number) => {
    if (endLine < startLine) return;
    documents.push({
      index: documents.length,
      titleLine,
      title: titleLine >= 0 ? lines[titleLine].text.slice(facts[titleLine].contentStart, facts[titleLine].contentEnd).replace(/^#+\s*/, "") : "",
      startLine,
      endLine,
    });
  };
  if (titleLines.length === 0 || titleLines[0] > 0) push(-1, 0, (titleLines[0] ?? lines.length) - 1);
  for (let k = 0; k < titleLines.length; k++) push(titleLines[k], titleLines[k], (titleLines[k + 1] ?? lines.length) - 1);
  // A leading stretch of blank lines before the first title belongs to that title's document.
  if (documents.length > 1 && documents[0].titleLine < 0 && lines.slice(0, documents[1].startLine).every((l) => l.kind === "blank")) {
    documents[1].startLine = 0;
    documents.shift();
    documents.forEach((d, k) => (d.index = k));
  }
  return documents;
}

function isBlankish(line: Line): boolean {
  return line.kind === "blank" || line.kind === "toc-entry" || line.kind === "toc-caption";
}

/**
 * A title found only by its shape must open fresh numbering: "重点工作安排" standing alone
 * between "一、" and "二、" is a part of that document, not a new one.
 */
function numberingAfter(lines: Line[], facts: LineFacts[], i: number): "restarts" | "continues" | "none" {
  for (let j = i + 1; j < lines.length; j++) {
    const m = facts[j].marker;
    if (lines[j].kind === "heading" && m) return m.value === 1 ? "restarts" : "continues";
    if (facts[j].titleKeyword && lines[j - 1].kind === "blank") return "none";
  }
  return "none";
}

function isLastContent(lines: Line[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) if (lines[j].kind === "body" || lines[j].kind === "heading") return false;
  return true;
}

function buildHeadings(lines: Line[], facts: LineFacts[], lineDocument: Int32Array, documents: SubDocument[]): Heading[] {
  const headings: Heading[] = [];
  // Open headings from the root down; the top is the nearest possible parent.
  let stack: Heading[] = [];
  let currentDoc = -1;
  // A same-style list nested under a short heading of that style ("1.大气环境质量" then "1.预计……").
  let subList: { family: string; rank: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (lineDocument[i] !== currentDoc) {
      currentDoc = lineDocument[i];
      stack = [];
      subList = undefined;
    }
    if (line.kind !== "heading") continue;
    const f = facts[i];
    const m = f.marker!;
    let rank = FAMILY_RANK[m.family];
    const previous = headings.length > 0 && headings[headings.length - 1].document === currentDoc ? headings[headings.length - 1] : undefined;
    if (subList && subList.family === m.family && !f.standalone) rank = subList.rank;
    else if (subList && (rank <= FAMILY_RANK[subList.family as keyof typeof FAMILY_RANK])) subList = undefined;
    if (!subList && previous && previous.family === m.family && previous.standalone && !f.standalone && m.value === 1 && previous.rank === rank && onlyBlankBetween(lines, previous.line, i)) {
      rank = rank + 0.25;
      subList = { family: m.family, rank };
    }
    while (stack.length > 0 && stack[stack.length - 1].rank >= rank) stack.pop()!.sectionEndLine = i - 1;
    const parent = stack.length > 0 ? stack[stack.length - 1].index : -1;
    const heading: Heading = {
      index: headings.length,
      line: i,
      marker: {
        family: m.family,
        value: m.value,
        start: line.start + m.start,
        end: line.start + m.end,
        open: m.open,
        numberStart: line.start + m.numberStart,
        numberEnd: line.start + m.numberEnd,
        close: m.close,
        style: m.open + m.close,
      },
      family: m.family,
      rank,
      value: m.value,
      text: line.text.slice(m.end, f.headingTextEnd).replace(/^[\s\u3000]+|[\s\u3000*_]+$/g, ""),
      textEnd: line.start + f.headingTextEnd,
      runIn: f.runIn,
      standalone: f.standalone,
      parent,
      document: currentDoc,
      sectionEndLine: documents[currentDoc].endLine,
      markdownPrefix: f.markdownPrefix,
    };
    headings.push(heading);
    stack.push(heading);
  }
  // Sections do not own the blank lines that trail them.
  for (const h of headings) {
    let end = h.sectionEndLine;
    while (end > h.line && lines[end].kind === "blank") end--;
    h.sectionEndLine = end;
  }
  return headings;
}

function onlyBlankBetween(lines: Line[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (lines[k].kind !== "blank") return false;
  return true;
}

function buildParagraphs(lines: Line[], facts: LineFacts[], lineDocument: Int32Array, markdown: boolean): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let headingIndex = 0;
  for (let i = 0; i < lines.length; i++) {
    const kind = lines[i].kind;
    if (kind === "heading") headingIndex++;
    if (kind !== "body" && kind !== "heading" && kind !== "title") continue;
    let endLine = i;
    let normalized = facts[i].normalized;
    // Markdown wraps one paragraph over several lines; plain text keeps one per line.
    if (markdown && kind === "body") {
      while (endLine + 1 < lines.length && lines[endLine + 1].kind === "body" && !facts[endLine + 1].markdownPrefix) {
        endLine++;
        normalized += facts[endLine].normalized;
      }
    }
    paragraphs.push({
      index: paragraphs.length,
      startLine: i,
      endLine,
      start: lines[i].contentStart,
      end: lines[endLine].contentEnd,
      normalized,
      heading: kind === "heading" ? headingIndex - 1 : -1,
      document: lineDocument[i],
    });
    i = endLine;
  }
  return paragraphs;
}

/**
 * Enumerations run inside a paragraph and on across the following paragraphs, and restart
 * at every heading, title and document; an item numbered 1 always starts a new run.
 */
function buildEnumerations(lines: Line[], facts: LineFacts[], lineDocument: Int32Array): Enumeration[] {
  const result: Enumeration[] = [];
  let open = new Map<EnumerationFamily, Enumeration>();
  for (let i = 0; i < lines.length; i++) {
    const kind = lines[i].kind;
    if (kind === "heading" || kind === "title" || kind === "toc-caption" || (i > 0 && lineDocument[i] !== lineDocument[i - 1])) open = new Map();
    if (kind !== "body" && kind !== "heading") continue;
    const tokens = facts[i].enumerations;
    for (const t of tokens) {
      let run = open.get(t.family);
      if (!run || t.value === 1) {
        run = { family: t.family, items: [], document: lineDocument[i] };
        open.set(t.family, run);
        result.push(run);
      }
      const base = lines[i].start;
      run.items.push({
        family: t.family,
        value: t.value,
        start: base + t.start,
        end: base + t.end,
        numberStart: base + t.numberStart,
        numberEnd: base + t.numberEnd,
        line: i,
      });
    }
  }
  return result;
}
