// Facts about one line that depend on nothing but its text, so they can be cached by text
// and re-used across document versions (an edit re-analyses only the lines it touched).

import { isEnumerationStart, matchHeadingMarker, scanEnumerationsAt, type EnumerationMatch, type MarkerMatch } from "./numbering";
import { endsWithTerminalPunctuation, isBlankCode, isCjkCode } from "./text";
import { classesOfOther, IDEOGRAPH_CLASSES, INNER_BLANK, isListSeparatorCode, MARKED_LIST, MAX_PAIR_DEPTH, PAIR_ID, UNPAIRED_MARK } from "./char-classes";

export interface LineFacts {
  /** Offsets relative to the line text. */
  contentStart: number;
  contentEnd: number;
  /** A Markdown "#" prefix before the content. */
  markdownPrefix: boolean;
  marker: MarkerMatch | undefined;
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
  tocEntry: string | undefined;
  /** A short line with no closing punctuation and no marker: could be a title. */
  titleShaped: boolean;
  /** Title shape plus a document-type word (计划, 总结, 方案 …). */
  titleKeyword: boolean;
  /** The line is "目录"/"目次". */
  tocCaption: boolean;
  /**
   * The kinds of characters in the line's content, a bit set of model/char-classes.ts: a rule
   * skips the lines that cannot hold what it looks for.
   */
  chars: number;
  /** The line's literal stretches (model/literal-spans.ts lineLiteralSpans), computed on first use. */
  literals: number[] | undefined;
  literalsMarkdown: boolean;
}

const TITLE_KEYWORDS = /计划|总结|方案|报告|意见|要点|安排|规划|通知|讲话|汇报|办法|细则|纪要|决定|思路|打算|述职|发言|提纲|公告|通报|请示|批复|汇编|制度|规定|章程|说明|倡议书|公开信|简报|决议/;
const DATE_LINE = /^(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)$/;
const WHITE = /\s/;
const TOC_PAGE_NUMBER = /(?:[\t ]+|[.·…．\-—_]{2,}\s*|(?<=[\u4e00-\u9fff）)」”》]))(\d{1,4})\s*$/;

/** Removes what two copies of a paragraph may differ in without being different: blanks, punctuation, width. */
export function normalizeForComparison(text: string, from = 0, to = text.length): string {
  return scanLine(text, from, to, from, to).normalized;
}

/**
 * One walk over a line's content: the parse's main cost was walking each line several times
 * (visible characters, normalised text, enumeration starts), each a charCodeAt per character
 * of a string sliced from the whole text. `normalizeFrom`: where the normalised text starts
 * (after a heading marker); `enumerationsFrom`: where enumeration tokens may start (> end: none).
 */
function scanLine(text: string, start: number, end: number, normalizeFrom: number, enumerationsFrom: number): { visible: number; normalized: string; starts: number; chars: number } {
  // Normalisation writes into a scratch buffer: the same result as foldWidth + toLowerCase +
  // filtering, without building three intermediate strings per line.
  if (scratch.length < end - start) {
    scratch = new Uint16Array(Math.max(end - start, scratch.length * 2));
    scratchBytes = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength);
  }
  if (enumerationStarts.length < end - start) enumerationStarts = new Int32Array(Math.max(end - start, enumerationStarts.length * 2));
  const buf = scratch;
  const starts = enumerationStarts;
  let n = 0;
  let visible = 0;
  let startCount = 0;
  let surrogates = false;
  let chars = 0;
  let depth = 0;
  let unpaired = false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      // Most characters are ideographs: visible, kept as they are, never blank nor a pair.
      visible++;
      chars |= IDEOGRAPH_CLASSES[c - 0x4e00];
      if (i >= enumerationsFrom && isEnumerationStart(c)) starts[startCount++] = i;
      if (i >= normalizeFrom) buf[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A pair is one visible character; astral letters have lower-case forms too (Deseret …):
      // keep what toLowerCase gives.
      surrogates = true;
      visible++;
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        if (i >= normalizeFrom) {
          const lower = text.slice(i, i + 2).toLowerCase();
          for (let k = 0; k < lower.length; k++) buf[n++] = lower.charCodeAt(k);
        }
        i++;
      } else if (i >= normalizeFrom) buf[n++] = c;
      continue;
    }
    if (!isBlankCode(c)) {
      visible++;
      chars |= classesOfOther(c);
      const id = PAIR_ID[c];
      if (id !== 0) {
        // Whether the paired marks nest and balance, so punctuation-pair skips the lines that do.
        if (id > 0) {
          if (depth >= MAX_PAIR_DEPTH) unpaired = true;
          else pairStack[depth++] = id;
          if ((c === 0x300a || c === 0x201c) && i - 2 >= start && isListSeparatorCode(text.charCodeAt(i - 1))) {
            const before = text.charCodeAt(i - 2);
            if (before === 0x300b || before === 0x201d) chars |= MARKED_LIST;
          }
        } else if (depth > 0 && pairStack[depth - 1] === -id) depth--;
        else unpaired = true;
      }
    } else if (c !== 0xfeff) chars |= INNER_BLANK; // the scan runs over trimmed content: any blank is inside
    if (i >= enumerationsFrom && isEnumerationStart(c)) starts[startCount++] = i;
    if (i < normalizeFrom) continue;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII variants
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) buf[n++] = c;
    } else if (isCjkCode(c)) buf[n++] = c;
    else if (c === 0x130) buf[n++] = 0x69; // "İ".toLowerCase() starts with "i"
    else if (c === 0x212a) buf[n++] = 0x6b; // the Kelvin sign lower-cases to "k"
  }
  // Buffer's UTF-16 slice builds the string natively (faster than fromCharCode.apply or a
  // TextDecoder); a lone surrogate is kept as it is only by the JavaScript path.
  const normalized = n === 0 ? "" : surrogates ? codesToString(buf, n) : scratchBytes.toString("utf16le", 0, 2 * n);
  scanResult.visible = visible;
  scanResult.normalized = normalized;
  scanResult.starts = startCount;
  scanResult.chars = unpaired || depth > 0 ? chars | UNPAIRED_MARK : chars;
  return scanResult;
}

/** The open paired marks of the line being scanned (their PAIR_ID). */
const pairStack = new Int8Array(MAX_PAIR_DEPTH);

const scanResult = { visible: 0, normalized: "", starts: 0, chars: 0 };
let scratch = new Uint16Array(1024);
let scratchBytes = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength);
/** Offsets where an enumeration token may start, from the last scanLine. */
let enumerationStarts = new Int32Array(1024);
const NO_ENUMERATIONS: EnumerationMatch[] = [];
Object.freeze(NO_ENUMERATIONS);

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
  if (start === end) {
    return {
      contentStart: start,
      contentEnd: end,
      markdownPrefix: false,
      headingTextEnd: end,
      runIn: false,
      standalone: false,
      enumerations: NO_ENUMERATIONS,
      normalized: "",
      visibleLength: 0,
      titleShaped: false,
      titleKeyword: false,
      tocCaption: false,
      chars: 0,
      literals: undefined,
      literalsMarkdown: false,
      marker: undefined,
      tocEntry: undefined,
    };
  }

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

  // Table rows (several tab-separated cells) are not headings, whatever they start with.
  const tabCells = countChar(text, "\t", start, end);
  // A line ending in dot leaders ("3.2医疗保障…………") is a table-of-contents entry whose page
  // number was lost: not a heading either.
  const leaders = endsWithLeaders(text, Math.max(start, end - 24), end);
  const marker = tabCells >= 2 || leaders ? undefined : matchHeadingMarker(text, pos);
  let bodyStart = start;
  let headingTextEnd = end;
  let runIn = false;
  let standalone = false;
  if (marker) {
    let titleStart = marker.end;
    while (titleStart < end && isBlankCode(text.charCodeAt(titleStart))) titleStart++;
    let titleEnd = end;
    if (emphasis) {
      const close = text.indexOf(emphasis, titleStart);
      if (close >= 0) titleEnd = close;
    }
    const stop = findSentenceEnd(text, titleStart, titleEnd);
    if (stop >= 0 && hasVisibleAfter(text, stop + 1, end)) {
      runIn = true;
      headingTextEnd = stop;
      bodyStart = stop + 1;
    } else {
      headingTextEnd = trimClosing(text, titleStart, titleEnd);
      standalone = !endsWithTerminalPunctuation(text.slice(titleStart, titleEnd)) && stop < 0 && titleEnd - titleStart <= 40;
      bodyStart = standalone ? end : titleStart;
    }
  }

  const scan = scanLine(text, start, end, marker ? Math.min(marker.end, end) : start, bodyStart);
  const visibleLength = scan.visible;
  const normalized = scan.normalized;
  const enumerations = scan.starts === 0 ? NO_ENUMERATIONS : scanEnumerationsAt(text, enumerationStarts, scan.starts, marker ? bodyStart : start);

  // Only short lines (titles, dates) and a "目录" caption need the blank-free form: built when
  // a test needs it, not for every line.
  let compact: string | undefined;
  const compactText = (): string => (compact ??= text.slice(start, end).replace(/[\s\u3000]+/g, ""));
  const tocCaption = text.includes("目", start) && (visibleLength <= 60 || mayBeTocCaption(text, start, end)) && isTocCaption(compactText());

  const facts: LineFacts = {
    contentStart: start,
    contentEnd: end,
    markdownPrefix,
    headingTextEnd,
    runIn,
    standalone,
    enumerations,
    normalized,
    visibleLength,
    titleShaped: false,
    titleKeyword: false,
    tocCaption,
    chars: scan.chars,
    // Filled in on first use; declared here so every facts object has one shape.
    literals: undefined,
    literalsMarkdown: false,
    // Declared on every line too, even without a marker or a contents entry: facts of four
    // shapes made every function reading them deoptimise each time an edit brought a line of
    // a shape it had not met, and compile again (docs/benchmark.md, "Typical documents").
    marker: marker ?? undefined,
    tocEntry: undefined,
  };

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
    if (!endsWithTerminalPunctuation(content) && !/[。，；！？：,;:]/.test(content) && !/如下|以下/.test(content) && !tocCaption && !DATE_LINE.test(compactText())) {
      facts.titleShaped = true;
      facts.titleKeyword = TITLE_KEYWORDS.test(content);
    }
  }
  return facts;
}

const isTocCaption = (compact: string): boolean => compact === "目录" || compact === "目次" || compact === "目錄";

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
  // Code units, not one-character strings: this walks every heading's title.
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || c === 0x300a || c === 0xff08 || c === 0x28 || c === 0x300c || c === 0x3010) depth++; // “《（(「【
    else if ((c === 0x201d || c === 0x300b || c === 0xff09 || c === 0x29 || c === 0x300d || c === 0x3011) && depth > 0) depth--; // ”》）)」】
    else if (depth === 0 && (c === 0x3002 || c === 0xff01 || c === 0xff1f)) return i; // 。！？
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

function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
