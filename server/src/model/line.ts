// Facts about one line that depend on nothing but its text, so they can be cached by text
// and re-used across document versions (an edit re-analyses only the lines it touched).

import { matchHeadingMarker, scanEnumerations, type EnumerationMatch, type MarkerMatch } from "./numbering";
import { endsWithTerminalPunctuation, isBlankCode, isCjkCode } from "./text";

export interface LineFacts {
  /** Offsets relative to the line text. */
  contentStart: number;
  contentEnd: number;
  /** A Markdown "#" prefix before the content. */
  markdownPrefix: boolean;
  marker?: MarkerMatch;
  /** Where the heading title ends (relative), when there is a marker. */
  headingTextEnd: number;
  runIn: boolean;
  standalone: boolean;
  /** Enumeration tokens in the line's own text (after any heading title). */
  enumerations: EnumerationMatch[];
  /** Normalised text for duplicate detection; "" for lines too short to matter. */
  normalized: string;
  /** Count of non-blank characters. */
  visibleLength: number;
  /** Page-numbered table-of-contents entry text (normalised), if the line has that shape. */
  tocEntry?: string;
  /** A short line with no closing punctuation and no marker: could be a title. */
  titleShaped: boolean;
  /** Title shape plus a document-type word (计划, 总结, 方案 …). */
  titleKeyword: boolean;
  /** The line is "目录"/"目次". */
  tocCaption: boolean;
}

const TITLE_KEYWORDS = /计划|总结|方案|报告|意见|要点|安排|规划|通知|讲话|汇报|办法|细则|纪要|决定|思路|打算|述职|发言|提纲|公告|通报|请示|批复|汇编|制度|规定|章程|说明|倡议书|公开信|简报|决议/;
const DATE_LINE = /^(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)$/;
const WHITE = /\s/;
const TOC_PAGE_NUMBER = /(?:[\t ]+|[.·…．\-—_]{2,}\s*|(?<=[\u4e00-\u9fff）)」”》]))(\d{1,4})\s*$/;

/** Removes what two copies of a paragraph may differ in without being different: blanks, punctuation, width. */
export function normalizeForComparison(text: string, from = 0, to = text.length): string {
  // One pass into a scratch buffer: the same result as foldWidth + toLowerCase + filtering,
  // without building three intermediate strings per line (the parse's main garbage).
  if (scratch.length < to - from) scratch = new Uint16Array(Math.max(to - from, scratch.length * 2));
  const buf = scratch;
  let n = 0;
  let surrogates = false;
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII variants
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) buf[n++] = c;
    } else if (isCjkCode(c)) buf[n++] = c;
    else if (c >= 0xd800 && c <= 0xdfff) {
      surrogates = true;
      // Astral letters have lower-case forms too (Deseret …): keep what toLowerCase gives.
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const lower = text.slice(i, i + 2).toLowerCase();
        for (let k = 0; k < lower.length; k++) buf[n++] = lower.charCodeAt(k);
        i++;
      } else buf[n++] = c;
    } else if (c === 0x130) buf[n++] = 0x69; // "İ".toLowerCase() starts with "i"
    else if (c === 0x212a) buf[n++] = 0x6b; // the Kelvin sign lower-cases to "k"
  }
  // The decoder builds the string natively (a third faster than fromCharCode.apply); it would
  // replace a lone surrogate by U+FFFD, so text with surrogates takes the exact path.
  return surrogates || n === 0 ? codesToString(buf, n) : UTF16.decode(buf.subarray(0, n));
}

let scratch = new Uint16Array(1024);
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

function codesToString(buf: Uint16Array, n: number): string {
  if (n === 0) return "";
  if (n <= 4096) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  let out = "";
  for (let k = 0; k < n; k += 4096) out += String.fromCharCode.apply(null, buf.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return out;
}

export function analyzeLine(text: string, markdownHeadings: boolean): LineFacts {
  let start = 0;
  while (start < text.length && isBlankCode(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isBlankCode(text.charCodeAt(end - 1))) end--;

  let pos = start;
  let markdownPrefix = false;
  if (markdownHeadings && text[pos] === "#") {
    let hashes = pos;
    while (text[hashes] === "#" && hashes - pos < 6) hashes++;
    if (hashes < end && (text[hashes] === " " || text[hashes] === "\t")) {
      markdownPrefix = true;
      pos = hashes;
      while (pos < end && isBlankCode(text.charCodeAt(pos))) pos++;
    }
  }
  let emphasis = "";
  if (text.startsWith("**", pos) || text.startsWith("__", pos)) {
    emphasis = text.slice(pos, pos + 2);
    pos += 2;
  }

  const visibleLength = countVisible(text, start, end);
  const facts: LineFacts = {
    contentStart: start,
    contentEnd: end,
    markdownPrefix,
    headingTextEnd: end,
    runIn: false,
    standalone: false,
    enumerations: [],
    normalized: "",
    visibleLength,
    titleShaped: false,
    titleKeyword: false,
    tocCaption: false,
  };
  if (start === end) return facts;

  // Only short lines (titles, dates) and a "目录" caption need the blank-free form.
  const compact = visibleLength <= 60 || mayBeTocCaption(text, start, end) ? text.slice(start, end).replace(/[\s\u3000]+/g, "") : "";
  facts.tocCaption = compact === "目录" || compact === "目次" || compact === "目錄";
  // Table rows (several tab-separated cells) are not headings, whatever they start with.
  const tabCells = countChar(text, "\t", start, end);
  // A line ending in dot leaders ("3.2医疗保障…………") is a table-of-contents entry whose page
  // number was lost: not a heading either.
  const leaders = endsWithLeaders(text, Math.max(start, end - 24), end);
  const marker = tabCells >= 2 || leaders ? undefined : matchHeadingMarker(text, pos);
  let bodyStart = start;
  if (marker) {
    facts.marker = marker;
    let titleStart = marker.end;
    while (titleStart < end && isBlankCode(text.charCodeAt(titleStart))) titleStart++;
    let titleEnd = end;
    if (emphasis) {
      const close = text.indexOf(emphasis, titleStart);
      if (close >= 0) titleEnd = close;
    }
    const stop = findSentenceEnd(text, titleStart, titleEnd);
    if (stop >= 0 && hasVisibleAfter(text, stop + 1, end)) {
      facts.runIn = true;
      facts.headingTextEnd = stop;
      bodyStart = stop + 1;
    } else {
      facts.headingTextEnd = trimClosing(text, titleStart, titleEnd);
      facts.standalone = !endsWithTerminalPunctuation(text.slice(titleStart, titleEnd)) && stop < 0 && titleEnd - titleStart <= 40;
      bodyStart = facts.standalone ? end : titleStart;
    }
  }
  facts.enumerations = scanEnumerations(text, bodyStart, marker ? bodyStart : start);

  // The page-number pattern is costly to try at every position: only lines ending in a digit can match.
  let last = end - 1;
  while (last > start && WHITE.test(text[last])) last--;
  const lastCode = text.charCodeAt(last);
  const tocMatch = lastCode >= 0x30 && lastCode <= 0x39 ? TOC_PAGE_NUMBER.exec(text.slice(start, end)) : null;
  if (tocMatch && tocMatch.index > 0) {
    const entry = normalizeForComparison(stripLeadingMarker(text.slice(start, start + tocMatch.index)));
    if (entry.length >= 2) facts.tocEntry = entry;
  } else if (leaders) {
    const entry = normalizeForComparison(stripLeadingMarker(text.slice(start, end).replace(/[.…·．]{3,}[\s\u3000]*\d*$/, "")));
    if (entry.length >= 2) facts.tocEntry = entry;
  }

  // "10.1总体成效总结" is a decimal outline entry, not a document title.
  if (!marker && visibleLength >= 2 && visibleLength <= 60 && !/^\d+(?:\.\d+)+/.test(text.slice(pos, pos + 8))) {
    const content = text.slice(pos, end);
    // A lead-in ("具体工作安排如下：", "版权说明:本文档……") is never a title; ASCII
    // punctuation counts like its full-width form (text converted from other formats).
    if (!endsWithTerminalPunctuation(content) && !/[。，；！？：,;:]/.test(content) && !/如下|以下/.test(content) && !DATE_LINE.test(compact) && !facts.tocCaption) {
      facts.titleShaped = true;
      facts.titleKeyword = TITLE_KEYWORDS.test(content);
    }
  }
  facts.normalized = normalizeForComparison(text, marker ? Math.min(marker.end, end) : start, end);
  return facts;
}

/** Whether a long line can still be "目录" once blanks are removed: nothing but blanks and 目录/目次/目錄 in it. */
function mayBeTocCaption(text: string, start: number, end: number): boolean {
  if (!text.includes("目", start)) return false;
  NOT_CAPTION.lastIndex = start;
  const other = NOT_CAPTION.exec(text);
  return other === null || other.index >= end;
}
const NOT_CAPTION = /[^\s目录次錄]/g;

/**
 * /[.…·．]{3,}[\s\u3000]*\d*$/ on text[from, end) without a slice and a regex per line:
 * trailing digits, then blanks, then at least three leader characters.
 */
function endsWithLeaders(text: string, from: number, end: number): boolean {
  let i = end;
  while (i > from && text.charCodeAt(i - 1) >= 0x30 && text.charCodeAt(i - 1) <= 0x39) i--;
  while (i > from && SPACE.test(text[i - 1])) i--;
  let leaders = 0;
  while (i > from && LEADER_CHARS.includes(text[i - 1])) {
    i--;
    if (++leaders === 3) return true;
  }
  return false;
}
const SPACE = /^\s$/;
const LEADER_CHARS = ".…·．";

function stripLeadingMarker(text: string): string {
  const m = matchHeadingMarker(text, 0);
  return m ? text.slice(m.end) : text;
}

/** The first full stop (or ！？) that ends a run-in heading sentence, outside quotes and brackets. */
function findSentenceEnd(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === "“" || ch === "《" || ch === "（" || ch === "(" || ch === "「" || ch === "【") depth++;
    else if ((ch === "”" || ch === "》" || ch === "）" || ch === ")" || ch === "」" || ch === "】") && depth > 0) depth--;
    else if (depth === 0 && (ch === "。" || ch === "！" || ch === "？")) return i;
  }
  return -1;
}

function hasVisibleAfter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isBlankCode(c) && text[i] !== "”" && text[i] !== "*") return true;
  }
  return false;
}

/** Heading text without a closing colon or full stop ("（一）重点工作任务：" → "重点工作任务"). */
function trimClosing(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && "：:。；;，,".includes(text[end - 1])) end--;
  return end;
}

function countVisible(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue; // second half of a pair: one character
    }
    if (!isBlankCode(c)) n++;
  }
  return n;
}

function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
