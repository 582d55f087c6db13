// The document's large-scale structure: Markdown blocks that are not prose, tables, tables of
// contents, and the titles that split a compilation into documents.

import type { Line, SubDocument, TableOfContents } from "./document";
import type { LineFacts } from "./line";
import { emptyElements, isHeadKind } from "./elements";

/** Front matter, fenced code, tables, HTML comments and rules in Markdown are not prose. */
export function markMarkdownBlocks(lines: Line[]): void {
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
export function markTables(lines: Line[]): void {
  let openCell = false;
  for (const line of lines) {
    if (line.kind === "code" || line.kind === "front-matter" || line.kind === "markup") continue;
    // The line's ends as String.prototype.trim finds them, without copying every indented line.
    const text = line.text;
    let first = 0;
    while (first < text.length && isTrimmed(text.charCodeAt(first))) first++;
    let last = text.length - 1;
    while (last >= first && isTrimmed(text.charCodeAt(last))) last--;
    if (first <= last && text.charCodeAt(first) === BAR) {
      line.kind = "table";
      openCell = !(last > first && text.charCodeAt(last) === BAR);
    } else if (openCell && line.kind !== "blank") {
      line.kind = "table";
      if (text.includes("|")) openCell = false;
    } else if (line.kind === "blank") openCell = false;
  }
}

const BAR = 0x7c;

/** White space and line terminators as String.prototype.trim removes them. */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function findTablesOfContents(lines: Line[], facts: LineFacts[]): TableOfContents[] {
  const tocs: TableOfContents[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!facts[i].tocCaption || (lines[i].kind !== "body" && lines[i].kind !== "heading")) continue;
    const entries: string[] = [];
    const entryLines: number[] = [];
    let last = -1;
    let j = i + 1;
    let strays = 0;
    for (; j < lines.length && j - i < 2000; j++) {
      const f = facts[j];
      if (lines[j].kind === "blank") continue;
      if (f.tocEntry !== undefined) {
        entries.push(f.tocEntry);
        entryLines.push(j);
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
    tocs.push({ captionLine: i, startLine: i + 1, endLine: last, entries, entryLines });
    i = last;
  }
  return tocs;
}

/**
 * Splits the text into documents at titles: lines named in a table of contents, the first
 * line of the text, and title-shaped lines between blank lines that name a document type.
 */
export function findDocuments(lines: Line[], facts: LineFacts[], tocs: TableOfContents[]): SubDocument[] {
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
      bodyEndLine: endLine,
      elements: emptyElements(),
      titleYears: [],
    });
  };
  if (titleLines.length === 0 || titleLines[0] > 0) push(-1, 0, (titleLines[0] ?? lines.length) - 1);
  for (let k = 0; k < titleLines.length; k++) push(titleLines[k], titleLines[k], (titleLines[k + 1] ?? lines.length) - 1);
  // A leading stretch of blank lines (or a 版头) before the first title belongs to that title's document.
  if (documents.length > 1 && documents[0].titleLine < 0 && lines.slice(0, documents[1].startLine).every((l) => l.kind === "blank" || l.kind === "markup" || isHeadKind(l))) {
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
