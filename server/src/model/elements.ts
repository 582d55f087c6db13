// The parts of a 公文 around its body (GB/T 9704-2012 7.2–7.4): the 版头 (发文机关标志 and
// 发文字号) before the title, the 主送机关 under it, the 附件说明, the 署名 and 成文日期 after
// the body and the 版记 at the very end. Found once per parse; rules, outline, folding, the
// exporter and the preview read them from each SubDocument.

import type { AttachmentItem, DatedSpan, DocumentElements, ElementLine, Line, SubDocument } from "./document";
import type { LineFacts } from "./line";
import { parseDateAt, parseWholeDate } from "./dates";

/** 发文字号: 国发〔2022〕22号, also with the brackets, 第 and spaces drafts get wrong (the rule flags those). */
const DOC_NUMBER = /^[\u4e00-\u9fffA-Za-z]{1,20}[〔[【（(〈]\s*\d{2,4}\s*[〕\]】）)〉]\s*第?\s*\d{1,4}\s*号(?:[\s\u3000]+签发人[：:].{0,20})?$/;
/** 发文机关标志: "XX市人民政府文件". */
const MASTHEAD = /^[\u4e00-\u9fffA-Za-z\s\u3000]{2,30}文件$/;
/** A rule line drawn with characters: the red line under the 版头, the lines of the 版记. */
const RULE_LINE = /^[-—─━=＝_＿~～·.]{3,}$/;
const ATTACHMENT_NOTE = /^附\s*件\s*[：:]\s*/;
const ATTACHMENT_ITEM = /^(\d{1,2})\s*[.．、]\s*(?=\S)/;
/** The label opening an attachment's own pages after the sign-off: "附件", "附件1". */
const ATTACHMENT_LABEL = /^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}$/;
const COPY_TO = /^抄\s*送\s*[：:]/;
const ISSUED = /印\s*发$/;
const SENTENCE_PUNCTUATION = /[。；！？;!?]/;
/** Most signing units fit on a line of 20-odd characters; a longer line is prose. */
const SIGNATURE_MAX = 30;
/** The signing units of a joint document, one a line. */
const SIGNATURES_MAX = 4;

export function emptyElements(): DocumentElements {
  return { signature: [] };
}

function content(line: Line): string {
  return line.text.slice(line.contentStart - line.start, line.contentEnd - line.start);
}

function elementLine(line: Line): ElementLine {
  return { line: line.index, start: line.contentStart, end: line.contentEnd, text: content(line) };
}

/**
 * Marks the 版头 lines (masthead, document number, red line) that stand before a title, so
 * the title search skips them: a 发文字号 line is not a document title.
 */
export function markDocumentHeads(lines: Line[], facts: LineFacts[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind !== "body" || facts[i].visibleLength > 60) continue;
    // Cheap first: a 发文字号 line ends in 号 (or names its 签发人).
    if (line.text.charCodeAt(line.contentEnd - line.start - 1) !== 0x53f7 && !line.text.includes("签发人")) continue;
    const text = content(line);
    if (!DOC_NUMBER.test(text)) continue;
    const next = nextContent(lines, i + 1, (l) => RULE_LINE.test(content(l)));
    if (next < 0 || lines[next].kind !== "body" || !facts[next].titleShaped) continue;
    line.kind = "doc-number";
    for (let k = i + 1; k < next; k++) if (lines[k].kind === "body") lines[k].kind = "markup";
    const previous = previousContent(lines, i - 1);
    if (previous >= 0 && lines[previous].kind === "body" && MASTHEAD.test(content(lines[previous]))) lines[previous].kind = "masthead";
  }
}

/** The next non-blank line from `from` on, skipping lines `skip` accepts; -1 when none. */
function nextContent(lines: Line[], from: number, skip?: (l: Line) => boolean): number {
  for (let k = from; k < lines.length && k < from + 6; k++) {
    if (lines[k].kind === "blank" || (skip !== undefined && lines[k].kind === "body" && skip(lines[k]))) continue;
    return k;
  }
  return -1;
}

function previousContent(lines: Line[], from: number): number {
  for (let k = from; k >= 0 && k > from - 6; k--) if (lines[k].kind !== "blank") return k;
  return -1;
}

export function isHeadKind(line: Line): boolean {
  return line.kind === "doc-number" || line.kind === "masthead";
}

/**
 * A document's 版头 lines belong to the document whose title follows them, not to the one
 * before: its start moves back over them.
 */
export function attachHeadsToTitles(lines: Line[], documents: SubDocument[]): void {
  for (let k = 1; k < documents.length; k++) {
    const doc = documents[k];
    if (doc.titleLine < 0) continue;
    let start = doc.startLine;
    for (let i = doc.titleLine - 1; i > documents[k - 1].startLine; i--) {
      const l = lines[i];
      if (isHeadKind(l)) start = i;
      else if (l.kind !== "blank" && l.kind !== "markup") break;
    }
    if (start < doc.startLine) {
      doc.startLine = start;
      documents[k - 1].endLine = start - 1;
    }
  }
}

/**
 * The attachments' own pages after a sign-off ("附件1" alone on a line, then the attachment's
 * title and text) are documents of their own: their numbering starts afresh, and the main
 * text's last section does not run on into them. Returns the documents, split and re-indexed.
 */
export function splitAppendices(lines: Line[], facts: LineFacts[], documents: SubDocument[]): SubDocument[] {
  const out: SubDocument[] = [];
  for (let d = 0; d < documents.length; d++) {
    const doc = documents[d];
    const from = doc.titleLine >= 0 ? doc.titleLine + 1 : doc.startLine;
    const cuts: number[] = [];
    for (let k = from; k <= doc.endLine; k++) {
      if (lines[k].kind !== "body" || lines[k].text.charCodeAt(lines[k].contentStart - lines[k].start) !== 0x9644 || !ATTACHMENT_LABEL.test(content(lines[k]))) continue;
      // The first label must follow a sign-off date; later labels open the next attachments.
      const before = lastContent(lines, from, k - 1);
      if (cuts.length > 0 || (before >= from && isDateLine(lines[before]))) cuts.push(k);
    }
    out.push(doc);
    if (cuts.length === 0) continue;
    const end = doc.endLine;
    doc.endLine = cuts[0] - 1;
    for (let c = 0; c < cuts.length; c++) {
      const label = cuts[c];
      const last = c + 1 < cuts.length ? cuts[c + 1] - 1 : end;
      lines[label].kind = "attachment";
      const titleLine = nextContent(lines, label + 1);
      const hasTitle = titleLine >= 0 && titleLine <= last && (lines[titleLine].kind === "body" || lines[titleLine].kind === "title") && facts[titleLine].titleShaped;
      if (hasTitle) lines[titleLine].kind = "title";
      out.push({
        index: 0,
        titleLine: hasTitle ? titleLine : -1,
        title: hasTitle ? content(lines[titleLine]) : "",
        startLine: label,
        endLine: last,
        bodyEndLine: last,
        elements: { signature: [], attachmentLabel: elementLine(lines[label]) },
        titleYears: [],
      });
    }
  }
  // A label the title search had already cut from its attachment's title: they are one document.
  for (let d = out.length - 2; d >= 0; d--) {
    const doc = out[d];
    const next = out[d + 1];
    if (doc.elements.attachmentLabel && doc.titleLine < 0 && lastContent(lines, doc.startLine, doc.endLine) === doc.startLine && next.titleLine >= 0 && !next.elements.attachmentLabel) {
      next.startLine = doc.startLine;
      next.elements.attachmentLabel = doc.elements.attachmentLabel;
      out.splice(d, 1);
    }
  }
  out.forEach((doc, k) => (doc.index = k));
  return out;
}

/** Finds each document's elements, gives their lines their kinds and sets where the body ends. */
export function findElements(lines: Line[], facts: LineFacts[], documents: SubDocument[]): void {
  for (const doc of documents) {
    const elements: DocumentElements = { ...emptyElements(), attachmentLabel: doc.elements.attachmentLabel };
    if (elements.attachmentLabel === undefined) delete elements.attachmentLabel;
    doc.elements = elements;
    for (let i = doc.startLine; i < (doc.titleLine < 0 ? doc.startLine : doc.titleLine); i++) {
      if (lines[i].kind === "doc-number") elements.docNumber = elementLine(lines[i]);
      else if (lines[i].kind === "masthead") elements.masthead = elementLine(lines[i]);
    }
    let tail = lastContent(lines, doc.startLine, doc.endLine);
    tail = findColophon(lines, doc, tail, elements);
    const signOffStart = findSignOff(lines, facts, doc, tail, elements);
    const firstBodyLine = doc.titleLine >= 0 ? doc.titleLine + 1 : doc.startLine;
    const addresseeLine = findAddressee(lines, facts, doc, firstBodyLine, elements);
    const attachmentStart = findAttachmentNote(lines, addresseeLine + 1, signOffStart >= 0 ? signOffStart - 1 : tail, elements);
    let bodyEnd = signOffStart >= 0 ? signOffStart - 1 : tail;
    if (attachmentStart >= 0) bodyEnd = Math.min(bodyEnd, attachmentStart - 1);
    doc.bodyEndLine = Math.max(lastContent(lines, doc.startLine, bodyEnd), doc.titleLine >= 0 ? doc.titleLine : doc.startLine - 1);
  }
}

/** The last non-blank line in [from, to], or from - 1. */
function lastContent(lines: Line[], from: number, to: number): number {
  let k = to;
  while (k >= from && lines[k].kind === "blank") k--;
  return k;
}

/** 版记 at the end of a document: 抄送 and 印发 lines between rule lines. Returns the last line before it. */
function findColophon(lines: Line[], doc: SubDocument, tail: number, elements: DocumentElements): number {
  let k = tail;
  let first = -1;
  let copyTo: ElementLine | undefined;
  let issuer: ElementLine | undefined;
  let issueDate: DatedSpan | undefined;
  for (; k > doc.startLine; k--) {
    const line = lines[k];
    if (line.kind === "blank") continue;
    if (line.kind !== "body" && line.kind !== "markup" && line.kind !== "title") break;
    const text = content(line);
    if (RULE_LINE.test(text)) first = k;
    else if (COPY_TO.test(text)) {
      first = k;
      copyTo = elementLine(line);
    } else if (ISSUED.test(text) && text.length <= 60) {
      const at = text.search(/\d{4}\s*年/);
      const date = at > 0 ? parseDateAt(text.slice(at)) : undefined;
      if (!date) break;
      first = k;
      issuer = { ...elementLine(line), text: text.slice(0, at).trim(), end: line.contentStart + text.slice(0, at).trimEnd().length };
      issueDate = { start: line.contentStart + at, end: line.contentStart + at + date.length, date };
    } else break;
  }
  if (first < 0 || (copyTo === undefined && issuer === undefined)) return tail;
  for (let i = first; i <= tail; i++) if (lines[i].kind !== "blank") lines[i].kind = "colophon";
  elements.colophon = { startLine: first, endLine: tail, copyTo, issuer, issueDate };
  return lastContent(lines, doc.startLine, first - 1);
}

/**
 * 署名 and 成文日期: a date alone on its line at the end of the body (or just before an
 * attachment's own pages), with up to four short unit names right above it. Returns the
 * first line of the sign-off, or -1.
 */
function findSignOff(lines: Line[], facts: LineFacts[], doc: SubDocument, tail: number, elements: DocumentElements): number {
  const lowest = doc.titleLine >= 0 ? doc.titleLine + 1 : doc.startLine;
  const dateLine = tail >= lowest && isDateLine(lines[tail]) ? tail : -1;
  if (dateLine < 0) return -1;
  const date = parseWholeDate(content(lines[dateLine]))!;
  lines[dateLine].kind = "date";
  elements.date = { ...elementLine(lines[dateLine]), date };
  let first = dateLine;
  let k = dateLine - 1;
  // One blank line may stand between the units and the date in a draft.
  if (k >= lowest && lines[k].kind === "blank" && k - 1 >= lowest && isSignatureLine(lines[k - 1], facts[k - 1])) k--;
  const names: Line[] = [];
  while (k >= lowest && names.length < SIGNATURES_MAX && isSignatureLine(lines[k], facts[k])) names.unshift(lines[k--]);
  // Text right above a block of names that is itself a short line is a heading-like label, not a unit.
  for (const line of names) line.kind = "signature";
  if (names.length > 0) first = names[0].index;
  elements.signature = names.map(elementLine);
  return first;
}

function isDateLine(line: Line): boolean {
  return (line.kind === "body" || line.kind === "title") && parseWholeDate(content(line).replace(/[\s\u3000]+/g, "")) !== undefined;
}

function isSignatureLine(line: Line, facts: LineFacts): boolean {
  if (line.kind !== "body") return false;
  if (facts.visibleLength < 2 || facts.visibleLength > SIGNATURE_MAX) return false;
  const text = content(line);
  return !/[。，；：！？,;:!?、“”《》]/.test(text) && !/[.．]$/.test(text) && parseWholeDate(text) === undefined;
}

/** 主送机关: the first line under the title, a list of units ending in a colon. Returns its line, or the line before the body. */
function findAddressee(lines: Line[], facts: LineFacts[], doc: SubDocument, from: number, elements: DocumentElements): number {
  if (doc.titleLine < 0) return from - 1;
  let k = from;
  while (k <= doc.endLine && lines[k].kind === "blank") k++;
  if (k > doc.endLine || lines[k].kind !== "body" || facts[k].visibleLength > 80) return from - 1;
  const text = content(lines[k]);
  if (!/[：:]$/.test(text) || SENTENCE_PUNCTUATION.test(text) || /如下|以下|如次/.test(text) || /[：:]./.test(text)) return from - 1;
  lines[k].kind = "addressee";
  elements.addressee = elementLine(lines[k]);
  return k;
}

/**
 * 附件说明: "附件：名称", or "附件：1.名称" with the further items numbered on the lines
 * below. Returns its first line, or -1. Only a note after the last heading ends the body.
 */
function findAttachmentNote(lines: Line[], from: number, to: number, elements: DocumentElements): number {
  for (let k = from; k <= to; k++) {
    const line = lines[k];
    if ((line.kind !== "body" && line.kind !== "heading") || line.text.charCodeAt(line.contentStart - line.start) !== 0x9644) continue; // 附
    const text = content(line);
    const note = ATTACHMENT_NOTE.exec(text);
    if (!note) continue;
    const items: AttachmentItem[] = [];
    const first = text.slice(note[0].length);
    let end = k;
    const addItem = (l: Line, rest: string, offset: number, expected: number | undefined): boolean => {
      const m = ATTACHMENT_ITEM.exec(rest);
      // A wrong number (a gap, a repeat) still belongs to the note: numbering-sequence reports
      // it there; a number far off is some other text.
      if (expected !== undefined && (!m || Number(m[1]) < 1 || Number(m[1]) > expected + 2)) return false;
      const nameOffset = offset + (m ? m[0].length : 0);
      items.push({
        line: l.index,
        number: m ? Number(m[1]) : undefined,
        start: l.contentStart + nameOffset,
        end: l.contentEnd,
        name: rest.slice(m ? m[0].length : 0).replace(/[\s\u3000]+$/, ""),
        markerStart: m ? l.contentStart + offset : undefined,
      });
      return true;
    };
    if (first.length > 0) addItem(line, first, note[0].length, undefined);
    // Numbered items go on over the lines below: "2.名称", "3.名称" (wrapped names are one line here).
    // The next number is read from the last one written, so "1. 3. 4." stays one note.
    if (items.length === 0 || items[0].number !== undefined) {
      let expected = items.length === 0 ? 1 : items[0].number! + 1;
      for (let j = k + 1; j <= to + 1 && j < lines.length; j++) {
        const l = lines[j];
        if (l.kind !== "body" && l.kind !== "heading") break;
        if (!addItem(l, content(l), 0, expected)) break;
        expected = Math.max(expected, items[items.length - 1].number!) + 1;
        end = j;
      }
    }
    if (items.length === 0) continue;
    for (let j = k; j <= end; j++) lines[j].kind = "attachment";
    elements.attachments = { startLine: k, endLine: end, start: line.contentStart, items };
    // A note in the middle of the text (headings after it) does not end the body.
    for (let j = end + 1; j <= to; j++) if (lines[j].kind === "heading") return -1;
    return k;
  }
  return -1;
}
