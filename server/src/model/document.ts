// The document model: built once per document version, read by every rule and feature.
// Offsets are JavaScript string indices (UTF-16 code units), exactly LSP's positions.

import type { EnumerationFamily, MarkerFamily } from "./families";
import type { LineFacts } from "./line";
import type { ParsedDate } from "./dates";

// The families live in families.ts (numbering.ts reads them too); re-exported for the model's readers.
export { decimalRank, FAMILY_RANK, standardLevel, type EnumerationFamily, type MarkerFamily } from "./families";

export interface Line {
  index: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
  /** Offset just past the line break (equals end on the last line). */
  breakEnd: number;
  text: string;
  /** Offset (absolute) of the first non-blank character; end when the line is blank. */
  contentStart: number;
  /** Offset (absolute) just past the last non-blank character. */
  contentEnd: number;
  kind: LineKind;
  /**
   * The analysis of the line's text alone. The line cache hands out the same object for the same
   * text in every version, which makes it the identity for per-line memos (LineMemo).
   */
  facts: LineFacts;
}

export type LineKind =
  | "blank"
  | "body"
  | "heading"
  | "title"
  | "toc-caption"
  | "toc-entry"
  | "code"
  | "front-matter"
  | "table" // a table row ("| … |"), or a line inside a table cell that spans lines
  | "markup" // Markdown structure that is not prose: rules, HTML comments; a rule line under a 版头
  // The elements of a 公文 around its body (model/elements.ts):
  | "masthead" // 发文机关标志 ("XX市人民政府文件")
  | "doc-number" // 发文字号 above the title
  | "addressee" // 主送机关 under the title
  | "attachment" // 附件说明 ("附件：1.名称" and its further items)
  | "signature" // 署名: a signing unit
  | "date" // 成文日期
  | "colophon"; // 版记: 抄送, 印发机关 and 印发日期, and their rule lines

export interface Marker {
  family: MarkerFamily;
  value: number;
  /** Absolute offsets of the whole marker, e.g. "（一）" or "1." */
  start: number;
  end: number;
  /** The opening character ("（", "(", "第" or ""), at start. */
  open: string;
  /** Absolute offsets of the number characters. */
  numberStart: number;
  numberEnd: number;
  /** The closing characters ("、", ".", "．", "）", ")", "章" …), ending at end. */
  close: string;
  /** Style key: the open and close characters around the number, e.g. "（）", "()", "、". */
  style: string;
}

export interface Heading {
  /** Index in DocumentModel.headings. */
  index: number;
  line: number;
  marker: Marker;
  family: MarkerFamily;
  rank: number;
  value: number;
  /** Heading text after the marker, without run-in body text, trimmed. */
  text: string;
  /** Absolute offset where the heading text (title part) ends. */
  textEnd: number;
  /** True when body text follows the heading sentence on the same line. */
  runIn: boolean;
  /** True for a short line of its own with no closing punctuation. */
  standalone: boolean;
  /** Index of the parent heading, or -1 under the document root. */
  parent: number;
  /** Index into DocumentModel.documents. */
  document: number;
  /** Last line (inclusive) of this heading's section. */
  sectionEndLine: number;
  /** Markdown "#" prefix present. */
  markdownPrefix: boolean;
}

export interface Paragraph {
  index: number;
  startLine: number;
  endLine: number;
  start: number;
  end: number;
  /** Normalised text for duplicate detection (width folded, no blanks/punctuation/leading marker). */
  normalized: string;
  /** Characters other than blanks and line breaks between start and end (a surrogate pair counts once). */
  visibleLength: number;
  /** Heading index when this paragraph is a heading line, else -1. */
  heading: number;
  document: number;
}

export interface SubDocument {
  index: number;
  /** Line of the title, or -1 when the document has no recognised title. */
  titleLine: number;
  title: string;
  startLine: number;
  endLine: number;
  /**
   * Last line of the body: before the 附件说明, the sign-off and the 版记 (sections and
   * folding end here). The title line when the document has no body.
   */
  bodyEndLine: number;
  elements: DocumentElements;
  /**
   * The years the title names and what it says of each (`2023年工作总结及2024年工作计划`:
   * 2023 summary, 2024 plan); empty when the title names no year (model/title-years.ts).
   */
  titleYears: TitleYear[];
}

/** What a title says about a year it names. */
export type TitleKind = "plan" | "summary" | "other";

export interface TitleYear {
  year: number;
  kind: TitleKind;
  /** Only part of the year: a quarter, a half, a month (`2024年上半年工作总结`). */
  partial: boolean;
  /** Absolute offsets of the year in the title ("2024年"). */
  start: number;
  end: number;
}

/** One line of a 公文 element; offsets are the line's content (absolute), text its content. */
export interface ElementLine {
  line: number;
  start: number;
  end: number;
  text: string;
}

/** A date inside a line (absolute offsets). */
export interface DatedSpan {
  start: number;
  end: number;
  date: ParsedDate;
}

export interface AttachmentItem {
  line: number;
  /** The number written before the name ("1."), absent for a single unnumbered attachment. */
  number?: number;
  /** Offset of the number, when there is one. */
  markerStart?: number;
  /** The name's offsets (absolute) and text. */
  start: number;
  end: number;
  name: string;
}

/** 附件说明 (GB/T 9704-2012 7.3.4). */
export interface AttachmentNote {
  startLine: number;
  endLine: number;
  /** Offset of "附件". */
  start: number;
  items: AttachmentItem[];
}

/** 版记 (7.4): 抄送机关, 印发机关 and 印发日期. */
export interface Colophon {
  startLine: number;
  endLine: number;
  copyTo?: ElementLine;
  /** The issuing office, without the date and 印发. */
  issuer?: ElementLine;
  issueDate?: DatedSpan;
}

/** The parts of a 公文 around its body, as far as the text has them (model/elements.ts). */
export interface DocumentElements {
  /** 发文机关标志 ("XX市人民政府文件"). */
  masthead?: ElementLine;
  /** 发文字号 above the title ("X政发〔2024〕5号"). */
  docNumber?: ElementLine;
  /** 主送机关 ("各区县人民政府，市政府各部门："). */
  addressee?: ElementLine;
  attachments?: AttachmentNote;
  /** 署名: the signing units, one a line (none when the document is not signed). */
  signature: ElementLine[];
  /** 成文日期. */
  date?: ElementLine & { date: ParsedDate };
  /**
   * The "附件" / "附件1" line that opens an attachment's own pages after the main text's
   * sign-off: the document is that attachment (model/elements.ts splitAppendices).
   */
  attachmentLabel?: ElementLine;
  colophon?: Colophon;
}

export interface TableOfContents {
  captionLine: number;
  startLine: number;
  endLine: number;
  /** Entry texts without page numbers, normalised. */
  entries: string[];
  /** The line of each entry. */
  entryLines: number[];
}

export interface EnumerationItem {
  family: EnumerationFamily;
  value: number;
  /** Absolute offsets of the whole token ("二是", "第二，"…) */
  start: number;
  end: number;
  /** Absolute offsets of the numeral inside the token. */
  numberStart: number;
  numberEnd: number;
  line: number;
}

export interface Enumeration {
  family: EnumerationFamily;
  items: EnumerationItem[];
  document: number;
}

export interface DocumentModel {
  text: string;
  uri: string;
  version: number;
  languageId: string;
  lines: Line[];
  hasBom: boolean;
  /** The most common line break in the text. */
  eol: "\n" | "\r\n" | "\r";
  paragraphs: Paragraph[];
  headings: Heading[];
  documents: SubDocument[];
  tocs: TableOfContents[];
  enumerations: Enumeration[];
  /** Document index of each line. */
  lineDocument: Int32Array;
  isMarkdown: boolean;
}
