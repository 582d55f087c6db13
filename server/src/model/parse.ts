// Builds the document model from text: lines, table of contents, titles and documents of a
// compilation, the heading tree, paragraphs and enumerations. One parse serves every rule.

import type { DocumentModel, Enumeration, EnumerationFamily, Heading, Line, LineKind, Paragraph, SubDocument } from "./document";
import { decimalRank, FAMILY_RANK } from "./document";
import { analyzeLine, type LineFacts } from "./line";
import { findDocuments, findTablesOfContents, markMarkdownBlocks, markTables } from "./structure";
import { attachHeadsToTitles, findElements, markDocumentHeads, splitAppendices } from "./elements";
import { findTitleYears } from "./title-years";

export interface ParseInput {
  text: string;
  uri?: string;
  version?: number;
  languageId?: string;
}

/**
 * Re-usable per-line analysis, keyed by line text. Each pass over a version starts a new
 * generation that takes over the previous one's entries as its lines are met, so the keys are
 * lines of the current and the previous version only: a line is a slice that keeps its whole
 * version's text alive, and keys from every version ever seen would keep every version alive.
 */
export class LineFactsCache {
  private map = new Map<string, LineFacts>();
  private previous = new Map<string, LineFacts>();
  /** The mode the entries were made for; a switch (plain text ↔ Markdown) starts afresh. */
  private markdown: boolean | undefined;
  constructor(private readonly limit = 200_000) {}
  /** Starts a pass over a version: lines of the last pass not met again are then dropped. */
  nextVersion(): void {
    this.previous = this.map;
    this.map = new Map();
  }
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

/** `split`: this text's lines, already split (a LineSplitter run in slices); its Line objects become the model's. */
export function parseDocument(input: ParseInput, cache?: LineFactsCache, split?: LineSplitter): DocumentModel {
  const text = input.text;
  const languageId = input.languageId ?? "plaintext";
  const isMarkdown = languageId === "markdown";
  const { lines, facts, eol } = splitLines(text, isMarkdown, cache, split);
  const hasBom = text.charCodeAt(0) === 0xfeff;

  if (isMarkdown) markMarkdownBlocks(lines);
  markTables(lines);
  markDocumentHeads(lines, facts);
  const tocs = findTablesOfContents(lines, facts);
  const documents = splitAppendices(lines, facts, findDocuments(lines, facts, tocs));
  attachHeadsToTitles(lines, documents);
  findElements(lines, facts, documents);
  findTitleYears(lines, documents);
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

/**
 * Splits a text into lines with their facts, resumably: the server runs it in slices with turns
 * of the event loop between them and hands the finished split to parseDocument, so a big text
 * is split and analysed once (it used to be walked a second time by the parse).
 */
export class LineSplitter {
  readonly lines: Line[] = [];
  readonly facts: LineFacts[] = [];
  private crlf = 0;
  private lf = 0;
  private cr = 0;
  private start = 0;
  // indexOf runs natively; the next "\n" and "\r" are looked up again only once passed.
  private nextLf: number;
  private nextCr: number;
  private finished = false;
  /** Handed to a parse, which changes its lines' kinds: a split serves one model only. */
  taken = false;

  constructor(readonly text: string, readonly markdown: boolean, private readonly cache?: LineFactsCache) {
    cache?.nextVersion();
    this.nextLf = text.indexOf("\n");
    this.nextCr = text.indexOf("\r");
  }

  get done(): boolean {
    return this.finished;
  }

  /** Splits up to `count` more lines; true once the whole text is split. */
  step(count: number): boolean {
    const text = this.text;
    const n = text.length;
    const { lines, facts, cache, markdown } = this;
    // The loop's state in locals, written back once: a property first written on the last line
    // (the end of the text) made V8 throw the optimised loop away at the end of every parse.
    let start = this.start;
    let nextLf = this.nextLf;
    let nextCr = this.nextCr;
    let finished = this.finished;
    let crlf = this.crlf;
    let cr = this.cr;
    let lf = this.lf;
    for (let k = 0; k < count && !finished; k++) {
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
        facts: f,
      });
      if (end >= n) finished = true;
      start = breakEnd;
    }
    this.start = start;
    this.nextLf = nextLf;
    this.nextCr = nextCr;
    this.crlf = crlf;
    this.cr = cr;
    this.lf = lf;
    this.finished = finished;
    return finished;
  }

  /** The most common line break in the text. */
  eol(): "\n" | "\r\n" | "\r" {
    const { crlf, lf, cr } = this;
    return crlf > lf && crlf >= cr ? "\r\n" : cr > lf ? "\r" : "\n";
  }
}

function splitLines(text: string, markdown: boolean, cache?: LineFactsCache, split?: LineSplitter) {
  // A split made in slices beforehand, when it is of this very text and mode.
  const splitter = split && split.done && !split.taken && split.text === text && split.markdown === markdown ? split : new LineSplitter(text, markdown, cache);
  splitter.taken = true;
  // In chunks: each call ends normally, so V8 optimises the whole method (with its ending)
  // rather than only the loop of one long call, which it threw away at the end of every parse.
  while (!splitter.step(512));
  return { lines: splitter.lines, facts: splitter.facts, eol: splitter.eol() };
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
    let rank = m.family === "decimal" ? decimalRank(m.open.split(".").length - 1) : FAMILY_RANK[m.family];
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
      // Sections end with the body: the 附件说明, sign-off and 版记 belong to the document.
      sectionEndLine: Math.max(i, documents[currentDoc].bodyEndLine),
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
    // The lines' own counts: everything between their contents is blank.
    let visibleLength = facts[i].visibleLength;
    // Markdown wraps one paragraph over several lines; plain text keeps one per line.
    if (markdown && kind === "body") {
      while (endLine + 1 < lines.length && lines[endLine + 1].kind === "body" && !facts[endLine + 1].markdownPrefix) {
        endLine++;
        normalized += facts[endLine].normalized;
        visibleLength += facts[endLine].visibleLength;
      }
    }
    paragraphs.push({
      index: paragraphs.length,
      startLine: i,
      endLine,
      start: lines[i].contentStart,
      end: lines[endLine].contentEnd,
      normalized,
      visibleLength,
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
