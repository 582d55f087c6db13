// The one place that knows heading markers (一、（一）1.（1）①, 第一章) and inline
// enumerations (一是/二是, 第一，, ①, （1）): recognising, valuing and re-writing them.

import type { EnumerationFamily, MarkerFamily } from "./families";
import { CN_NUMERAL_CHARS, formatChineseNumber, formatCircled, parseChineseNumber, parseCircled } from "./text";

/** A marker found in a line, with offsets relative to the line text. */
export interface MarkerMatch {
  family: MarkerFamily;
  value: number;
  start: number;
  end: number;
  open: string;
  numberStart: number;
  numberEnd: number;
  close: string;
}

const isCnNumeral = (ch: string | undefined): boolean => ch !== undefined && ch.length === 1 && CN_NUMERAL_CHARS.includes(ch);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\u3000";

/** Words that follow "一、" when it is a range inside a sentence ("一、二季度", "一、二等奖"), not a heading. */
const RANGE_AFTER_CN = /^[一二三四五六七八九十]+(?:季度|月|年级|年|等|类|批|级|号|档|产业|期|线|星)/;
/** "1、2月份": a run of consecutive small numbers that is a range, not a heading. */
const RANGE_AFTER_AR = /^(\d{1,2})(?:月|季度|年级|号|日|等|类|批|级|期)/;

function readCn(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && i - pos < 5 && isCnNumeral(text[i])) i++;
  return i;
}

function readDigits(text: string, pos: number, max = 3): number {
  let i = pos;
  while (i < text.length && i - pos < max + 1 && isDigit(text.charCodeAt(i))) i++;
  return i - pos > max ? pos : i;
}

/**
 * Recognises a heading marker at `pos` (the first non-blank character of the line, after
 * any Markdown prefix). Returns undefined for text that only looks like one: decimals
 * (1.5亿元), ranges (一、二季度, 1、2月份), years, table rows.
 */
export function matchHeadingMarker(text: string, pos: number): MarkerMatch | undefined {
  const first = text[pos];
  if (first === undefined) return undefined;
  const code = text.charCodeAt(pos);

  // ① … ⑳
  const circled = parseCircled(first);
  if (circled !== undefined) {
    return { family: "circled", value: circled, start: pos, end: pos + 1, open: "", numberStart: pos, numberEnd: pos + 1, close: "" };
  }

  // 第一章 第一节 第一条 第一部分 第一篇
  if (first === "第") {
    let n = readCn(text, pos + 1);
    let value = parseChineseNumber(text.slice(pos + 1, n));
    if (n === pos + 1) {
      n = readDigits(text, pos + 1, 2);
      value = n > pos + 1 ? Number(text.slice(pos + 1, n)) : undefined;
    }
    if (value === undefined || value <= 0) return undefined;
    const rest = text.slice(n, n + 2);
    let family: MarkerFamily | undefined;
    let close = "";
    if (rest.startsWith("章")) { family = "chapter"; close = "章"; }
    else if (rest === "部分") { family = "chapter"; close = "部分"; }
    else if (rest.startsWith("篇")) { family = "chapter"; close = "篇"; }
    else if (rest.startsWith("节")) { family = "section"; close = "节"; }
    else if (rest.startsWith("条")) { family = "article"; close = "条"; }
    if (!family) return undefined;
    const end = n + close.length;
    const after = text[end];
    if (family === "article") {
      // Articles open a paragraph of their own: "第一条　为了……"
      if (after !== undefined && !isBlank(after)) return undefined;
    } else {
      // A chapter heading is a short line; "第一章节" or "第一篇文章" in a sentence is not.
      if (text.length - pos > 40) return undefined;
      if (after !== undefined && !isBlank(after) && "，。；、的中里后前节程".includes(after)) return undefined;
    }
    return { family, value, start: pos, end, open: "第", numberStart: pos + 1, numberEnd: n, close };
  }

  // （一） （1） (一) (1) and the mixed forms
  if (first === "（" || first === "(") {
    const cnEnd = readCn(text, pos + 1);
    if (cnEnd > pos + 1) {
      const close = text[cnEnd];
      if (close !== "）" && close !== ")") return undefined;
      const value = parseChineseNumber(text.slice(pos + 1, cnEnd));
      if (value === undefined) return undefined;
      return { family: "cn-paren", value, start: pos, end: cnEnd + 1, open: first, numberStart: pos + 1, numberEnd: cnEnd, close };
    }
    const dEnd = readDigits(text, pos + 1, 2);
    if (dEnd > pos + 1) {
      const close = text[dEnd];
      if (close !== "）" && close !== ")") return undefined;
      const digits = text.slice(pos + 1, dEnd);
      if (digits.startsWith("0")) return undefined;
      return { family: "ar-paren", value: Number(digits), start: pos, end: dEnd + 1, open: first, numberStart: pos + 1, numberEnd: dEnd, close };
    }
    return undefined;
  }

  // 一、 一. 一．
  if (isCnNumeral(first)) {
    const n = readCn(text, pos);
    const close = text[n];
    if (close !== "、" && close !== "." && close !== "．") return undefined;
    const value = parseChineseNumber(text.slice(pos, n));
    if (value === undefined) return undefined;
    if (RANGE_AFTER_CN.test(text.slice(n + 1, n + 8))) return undefined;
    if (close !== "、" && isDigit(text.charCodeAt(n + 1))) return undefined;
    return { family: "cn", value, start: pos, end: n + 1, open: "", numberStart: pos, numberEnd: n, close };
  }

  // 1.1 1.2.3: decimal outline numbers, on a short heading line of their own
  if (isDigit(code)) {
    const decimal = matchDecimal(text, pos);
    if (decimal) return decimal;
  }

  // 1. 1． 1、 1) 1）
  if (isDigit(code)) {
    const n = readDigits(text, pos, 3);
    if (n === pos) return undefined;
    const digits = text.slice(pos, n);
    if (digits.startsWith("0")) return undefined;
    const value = Number(digits);
    const close = text[n];
    if (close === "." || close === "．" || close === "、") {
      const next = text.charCodeAt(n + 1);
      if (isDigit(next)) {
        // "1.5亿元" is a number, "1.2023年度重点工作" is item 1 about a year.
        if (close === "、") {
          const range = RANGE_AFTER_AR.exec(text.slice(n + 1, n + 8));
          if (range && Number(range[1]) === value + 1) return undefined;
        } else if (!/^(?:19|20)\d\d年/.test(text.slice(n + 1, n + 6))) {
          return undefined;
        }
      }
      return { family: "ar", value, start: pos, end: n + 1, open: "", numberStart: pos, numberEnd: n, close };
    }
    if (close === ")" || close === "）") {
      return { family: "ar-paren", value, start: pos, end: n + 1, open: "", numberStart: pos, numberEnd: n, close };
    }
    return undefined;
  }
  return undefined;
}

/**
 * Whether a heading line still starts with the same marker (family and value) after `edits`
 * (offsets relative to the line) rewrite it. A fix must not turn ⑳'s successor into "21",
 * "1、5亿元" into the decimal "1.5亿元", or "（99）" into the unreadable "（100）".
 */
export function rewriteKeepsMarker(lineText: string, markerStart: number, edits: ReadonlyArray<{ start: number; end: number; newText: string }>, family: MarkerFamily, value: number): boolean {
  const text = applyRelative(lineText, edits);
  const m = matchHeadingMarker(text, markerStart);
  return m !== undefined && m.family === family && m.value === value;
}

/** The enumeration counterpart: the token at `tokenStart` still reads as `family` with `value`. */
export function rewriteKeepsEnumeration(lineText: string, tokenStart: number, edits: ReadonlyArray<{ start: number; end: number; newText: string }>, family: EnumerationFamily, value: number): boolean {
  const text = applyRelative(lineText, edits);
  const m = scanEnumerations(text, tokenStart, tokenStart)[0];
  return m !== undefined && m.start === tokenStart && m.family === family && m.value === value;
}

function applyRelative(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** What follows a number when it is a quantity ("1.5亿元", "2.5小时", "12.5%"), not a heading. */
// Only measures that take decimals: counted things (人, 项, 家 …) never follow "6.1", so
// "6.1人力资源配置" stays a heading while "1.5个百分点" and "2.5小时" stay numbers.
const UNIT_AFTER_NUMBER = /^(?:[亿万千百元角分厘毫倍个米吨斤升亩顷秒天日月年岁版%‰℃]|小时|公里|公顷|公斤|平方|立方|千克|克|周岁|度)/;
const DECIMAL = /^([1-9]\d?)((?:\.(?:[1-9]\d?|0))+)(?=[\s\u3000]|[\u4e00-\u9fff（(“《【])/;

/**
 * "1.1确立指导思想" / "2.3.1 编制依据": a decimal outline heading. Only on a short line
 * without a full stop, and never before a unit, so "1.5亿元" and "5.1劳动节期间，……。" stay numbers.
 */
function matchDecimal(text: string, pos: number): MarkerMatch | undefined {
  const m = DECIMAL.exec(text.slice(pos, pos + 16));
  if (!m) return undefined;
  const end = pos + m[0].length;
  let after = end;
  while (after < text.length && (text[after] === " " || text[after] === "\u3000" || text[after] === "\t")) after++;
  if (UNIT_AFTER_NUMBER.test(text.slice(after, after + 3))) return undefined;
  const rest = text.slice(after);
  if (rest.length > 40 || /[。；;！？!?]/.test(rest)) return undefined;
  const lastDot = m[0].lastIndexOf(".");
  const value = Number(m[0].slice(lastDot + 1));
  if (value === 0) return undefined;
  return { family: "decimal", value, start: pos, end, open: m[0].slice(0, lastDot + 1), numberStart: pos + lastDot + 1, numberEnd: end, close: "" };
}

/** The key that tells two writings of one family apart: open + close characters. */
export function markerStyle(open: string, close: string): string {
  return open + close;
}

/** Standard GB/T 9704 writing of each family, as [open, close]. */
export const STANDARD_STYLE: Partial<Record<MarkerFamily, [string, string]>> = {
  cn: ["", "、"],
  "cn-paren": ["（", "）"],
  ar: ["", "."],
  "ar-paren": ["（", "）"],
};

/** The number text of a family written for a value: 三, 3, ③. */
export function formatMarkerNumber(family: MarkerFamily, value: number, digitsAsWritten: boolean): string {
  if (family === "circled") return formatCircled(value);
  if (family === "ar" || family === "ar-paren" || family === "decimal" || digitsAsWritten) return String(value);
  return formatChineseNumber(value);
}

/** A marker as text, for messages: （三）, 3., ③ */
export function formatMarker(family: MarkerFamily, value: number, open: string, close: string, digitsAsWritten = false): string {
  return open + formatMarkerNumber(family, value, digitsAsWritten) + close;
}

// ---------------------------------------------------------------------------------------
// Inline enumerations

export interface EnumerationMatch {
  family: EnumerationFamily;
  value: number;
  start: number;
  end: number;
  numberStart: number;
  numberEnd: number;
}

/** Characters after which a new clause starts, so "一是" there is an enumeration and "统一是" is not. */
const CLAUSE_BREAK = "。；;：:，,！？!?、）)”」』】 \t\u3000\u00a0";

/** What follows "X要" when it is a word (要素, 要求…) rather than an enumeration. */
const YAO_WORDS = "素求点件务领害职员闻事案地道义紧么不塞冲";

/** 首先/其次/再次/最后 ranks; 最后 is ranked after any middle item. */
const ORDER_WORDS: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 最后: 100 };

// Every family in one pattern, tried (sticky) only where one of its first characters stands:
// searching for the alternation itself, the regex engine tries each alternative at every
// position of the line, which made this scan a tenth of the parse.
const ENUMERATION_PATTERN =
  /([一二三四五六七八九十]{1,3})([是要])|第([一二三四五六七八九十]{1,3})(?=[，,、：:])|(首先|其次|再次|最后)(?=[，,：:])|([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])|[（(](\d{1,2})[）)]/y;
/**
 * The characters an enumeration token can start with, one bit per UTF-16 code unit (8 KB, which
 * stays in the CPU's first-level cache while a line is walked; a byte table of 64 KB did not).
 */
const ENUMERATION_START_BITS = new Int32Array(0x10000 >>> 5);
for (const ch of "一二三四五六七八九十第首其再最（(") setBit(ENUMERATION_START_BITS, ch.charCodeAt(0));
for (const [from, to] of [[0x2460, 0x2473], [0x3251, 0x325f], [0x32b1, 0x32bf]]) for (let c = from; c <= to; c++) setBit(ENUMERATION_START_BITS, c);

function setBit(bits: Int32Array, c: number): void {
  bits[c >>> 5] |= 1 << (c & 31);
}

/** Whether code unit `c` can start an enumeration token (the line scan notes where such characters stand). */
export function isEnumerationStart(c: number): boolean {
  return (ENUMERATION_START_BITS[c >>> 5] & (1 << (c & 31))) !== 0;
}

/** The leftmost match of ENUMERATION_PATTERN at or after `from` (lastIndex then at its end), or null. */
function nextEnumeration(text: string, from: number): RegExpExecArray | null {
  for (let i = from; i < text.length; i++) {
    if (!isEnumerationStart(text.charCodeAt(i))) continue;
    ENUMERATION_PATTERN.lastIndex = i;
    const m = ENUMERATION_PATTERN.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/**
 * Finds enumeration tokens in `text` from `from` on. `clauseStart` is the offset where the
 * paragraph's own text begins (after any heading marker): a token there counts too.
 */
export function scanEnumerations(text: string, from: number, clauseStart: number): EnumerationMatch[] {
  const found: EnumerationMatch[] = [];
  let m: RegExpExecArray | null;
  for (let next = from; (m = nextEnumeration(text, next)) !== null; ) {
    next = ENUMERATION_PATTERN.lastIndex;
    const token = enumerationToken(text, m, clauseStart);
    if (token) found.push(token);
  }
  return found;
}

/**
 * scanEnumerations with the candidate starts already known (ascending offsets of
 * isEnumerationStart characters from the scan's start on, `count` of them): the parse's line
 * scan collects them in its one walk over the line, so the line is not walked again here.
 */
export function scanEnumerationsAt(text: string, starts: Int32Array, count: number, clauseStart: number): EnumerationMatch[] {
  const found: EnumerationMatch[] = [];
  let next = 0;
  for (let k = 0; k < count; k++) {
    const at = starts[k];
    // Inside the previous match: the walk resumes after it.
    if (at < next) continue;
    ENUMERATION_PATTERN.lastIndex = at;
    const m = ENUMERATION_PATTERN.exec(text);
    if (m === null) continue;
    next = ENUMERATION_PATTERN.lastIndex;
    const token = enumerationToken(text, m, clauseStart);
    if (token) found.push(token);
  }
  return found;
}

/** The token of a match of ENUMERATION_PATTERN, or undefined when the words only look like one. */
function enumerationToken(text: string, m: RegExpExecArray, clauseStart: number): EnumerationMatch | undefined {
  const start = m.index;
  const atClauseStart = start === clauseStart || (start > 0 && CLAUSE_BREAK.includes(text[start - 1]));
  if (m[1] !== undefined) {
    if (!atClauseStart) return undefined;
    const after = text[start + m[0].length];
    if (m[2] === "要" && after !== undefined && YAO_WORDS.includes(after)) return undefined;
    if (m[2] === "是" && (after === m[1] || after === "否" || after === "非")) return undefined; // 一是一，二是二; 是否
    const value = parseChineseNumber(m[1]);
    if (value === undefined) return undefined;
    return { family: m[2] === "是" ? "shi" : "yao", value, start, end: start + m[0].length, numberStart: start, numberEnd: start + m[1].length };
  }
  if (m[3] !== undefined) {
    if (!atClauseStart) return undefined;
    const value = parseChineseNumber(m[3]);
    if (value === undefined) return undefined;
    return { family: "di", value, start, end: start + 1 + m[3].length, numberStart: start + 1, numberEnd: start + 1 + m[3].length };
  }
  if (m[4] !== undefined) {
    if (!atClauseStart) return undefined;
    return { family: "shouxian", value: ORDER_WORDS[m[4]], start, end: start + 2, numberStart: start, numberEnd: start + 2 };
  }
  if (m[5] !== undefined) {
    const value = parseCircled(m[5]);
    if (value === undefined) return undefined;
    return { family: "circled", value, start, end: start + 1, numberStart: start, numberEnd: start + 1 };
  }
  if (m[6] !== undefined) {
    if (!atClauseStart || m[6].startsWith("0")) return undefined;
    return { family: "paren", value: Number(m[6]), start, end: start + m[0].length, numberStart: start + 1, numberEnd: start + 1 + m[6].length };
  }
  return undefined;
}

/** The numeral text for an enumeration value in its family: 三 (三是), ③, 3 (（3）). */
export function formatEnumerationNumber(family: EnumerationFamily, value: number): string {
  if (family === "circled") return formatCircled(value);
  if (family === "paren") return String(value);
  if (family === "shouxian") return value === 1 ? "首先" : value === 2 ? "其次" : value === 3 ? "再次" : "最后";
  return formatChineseNumber(value);
}
