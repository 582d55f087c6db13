// Stretches of a line that are not Chinese prose and that no text rule may judge or touch: URLs,
// e-mail addresses, file paths, HTML character references, Markdown code spans, link targets,
// autolinks and HTML tags.
// Clean-up tools that turn `https://` into `https：//` or `C:\` into `C：\` get these wrong; the
// punctuation, spacing and date rules ask here first.

import { ASCII_SEPARATOR, HALF_WIDTH_PUNCTUATION, LITERAL_SIGN } from "./char-classes";
import type { LineFacts } from "./line";

/** Offsets relative to the line text, as [start, end) pairs in order, not overlapping. */
export type Spans = number[];

const NO_SPANS: Spans = [];
Object.freeze(NO_SPANS);

// Each pattern is global and sticky-free: one exec loop per line that has its trigger character.
const URL = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s\u3000<>"'“”‘’，。；！？、（）【】《》]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** Windows paths (C:\x, \\server\share): folder names may be Chinese, up to a blank or Chinese punctuation. */
const WINDOWS_PATH = /(?:\b[A-Za-z]:[\\/]|\\\\[\w.-]+\\)[^\s\u3000"'“”‘’，。；！？、（）【】《》<>|]*/g;
/** Unix paths (/etc/x, ./x, ~/x): ASCII only, so "区县/街道" and "和/或" are prose. */
const UNIX_PATH = /(?<![\w/])(?:\.{1,2}|~)?\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.\-~+%]*)*/g;
/**
 * The extension of a file name: 附件.docx, data_2024.xlsx, report-v1.2.pdf. The name before it is
 * found by walking back (fileNames): a regex with the name in front tried every position of a
 * long Chinese line and backtracked over it, quadratic in the line's length.
 */
const FILE_EXTENSION = /\.(?:docx?|xlsx?|pptx?|wps|et|dps|pdf|txt|md|csv|zip|rar|7z|jpe?g|png|gif|bmp|tiff?|mp[34]|wav|html?|xml|json|ya?ml|ofd|js|ts|py|java|c|h|cpp|go|rs|sh|bat|exe|msi)\b/gi;
const CODE_SPAN = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)|(`+)(?!`)[^`]\2(?!`)/g;
/** `[text](target "title")` and `![alt](target)`: the target (with its title) is literal. */
const LINK_TARGET = /\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;
/** `[label]: target` reference definitions. */
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+(?:\s+"[^"]*")?\s*$/;
/** HTML character references ("&nbsp;", "&#8212;"), in Markdown and in text copied from web pages. */
const ENTITY = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/g;
const AUTOLINK_OR_TAG = /<(?:[a-z][a-z0-9+.-]{1,15}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+|\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?)>/gi;

/**
 * The literal stretches of one line. `markdown`: also code spans, link targets, reference
 * definitions, autolinks and HTML tags. Cheap on lines without the trigger characters.
 */
export function literalSpans(text: string, markdown: boolean): Spans {
  let spans: Spans | undefined;
  const add = (re: RegExp) => {
    spans = matchesOf(re, text, spans);
  };
  if (markdown) {
    if (LINK_DEFINITION.test(text)) return [0, text.length];
    if (text.includes("`")) add(CODE_SPAN);
    if (text.includes("](")) add(LINK_TARGET);
    if (text.includes("<")) add(AUTOLINK_OR_TAG);
  }
  if (text.includes(":") || text.includes("www.")) add(URL);
  if (text.includes("@")) add(EMAIL);
  if (text.includes("\\") || text.includes(":")) add(WINDOWS_PATH);
  if (text.includes("/")) add(UNIX_PATH);
  if (text.includes(".")) spans = fileNames(text, spans);
  if (text.includes("&")) add(ENTITY);
  return spans === undefined ? NO_SPANS : merge(spans);
}

/** The [start, end) of every non-empty match of a global regex, added to `spans`. */
function matchesOf(re: RegExp, text: string, spans: Spans | undefined): Spans | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    (spans ??= []).push(m.index, m.index + m[0].length);
  }
  return spans;
}

/** Characters of a file name ([\w\u4e00-\u9fff\-.()（）]) and those it may end with before the dot. */
const isNameCode = (c: number): boolean => isNameEndCode(c) || c === 0x2d || c === 0x2e || c === 0x28 || c === 0xff08;
const isNameEndCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || (c >= 0x4e00 && c <= 0x9fff) || c === 0x29 || c === 0xff09;

/** File names with a known extension: each extension, and the name characters before it back to a non-name character or the previous name. */
function fileNames(text: string, spans: Spans | undefined): Spans | undefined {
  let previousEnd = 0;
  FILE_EXTENSION.lastIndex = 0;
  for (let m = FILE_EXTENSION.exec(text); m !== null; m = FILE_EXTENSION.exec(text)) {
    const dot = m.index;
    if (dot === 0 || !isNameEndCode(text.charCodeAt(dot - 1))) continue;
    let start = dot - 1;
    while (start > previousEnd && isNameCode(text.charCodeAt(start - 1))) start--;
    previousEnd = dot + m[0].length;
    (spans ??= []).push(start, previousEnd);
  }
  return spans;
}

/**
 * The literal stretches of a line, computed once per line analysis (facts are shared by every
 * rule, and by the versions of a document the line stays the same in).
 */
export function lineLiteralSpans(text: string, facts: LineFacts, markdown: boolean): Spans {
  if (facts.literals !== undefined && facts.literalsMarkdown === markdown) return facts.literals;
  // Every literal stretch needs one of : / . @ \ & ` < (the line scan noted which classes it holds).
  const spans = (facts.chars & (HALF_WIDTH_PUNCTUATION | ASCII_SEPARATOR | LITERAL_SIGN)) === 0 ? NO_SPANS : literalSpans(text, markdown);
  facts.literals = spans;
  facts.literalsMarkdown = markdown;
  return spans;
}

/** Sorts and joins overlapping pairs. */
function merge(spans: Spans): Spans {
  if (spans.length === 2) return spans;
  const pairs: [number, number][] = [];
  for (let i = 0; i < spans.length; i += 2) pairs.push([spans[i], spans[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Spans = [];
  for (const [s, e] of pairs) {
    if (out.length > 0 && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
    else out.push(s, e);
  }
  return out;
}

/** Whether offset `at` (relative to the line) lies inside one of the spans. */
export function insideSpans(spans: Spans, at: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (at < spans[i]) return false;
    if (at < spans[i + 1]) return true;
  }
  return false;
}

/** Whether [start, end) touches one of the spans. */
export function overlapsSpans(spans: Spans, start: number, end: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (end <= spans[i]) return false;
    if (start < spans[i + 1]) return true;
  }
  return false;
}

/**
 * The `**` (or `__`) delimiters of Markdown bold written in a plain-text line (drafts arrive as
 * Markdown pasted into .txt): "**组织开展“质量月”活动**" is bold, not a masked 党组织. Pairs on
 * one line, as [start, end) of each delimiter: the opener not glued to a Latin word or digit and
 * followed by text, the closer after text and followed by the end, a blank or punctuation, or
 * by more text after a sentence stop ("**（一）加强领导。**要求……") or after three characters
 * or more ("**员工培训**两项"); at least two characters between, none of them a star.
 * "**县**镇", "**县委**书记" and "如**小区" are masks, not bold.
 */
export function emphasisDelimiters(text: string): Spans {
  let out: Spans | undefined;
  let from = 0;
  for (;;) {
    const open = findDelimiter(text, from);
    if (open < 0) break;
    const d = text[open];
    const before = open > 0 ? text.charCodeAt(open - 1) : -1;
    const after = text.charCodeAt(open + 2);
    if (isWordCode(before) || isBlankOrStar(after) || Number.isNaN(after)) {
      from = open + 2;
      continue;
    }
    let close = text.indexOf(d + d, open + 2);
    while (close >= 0 && text[close + 2] === d) close = text.indexOf(d + d, close + 1);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    const last = text.charCodeAt(close - 1);
    const next = close + 2 < text.length ? text.charCodeAt(close + 2) : -1;
    const length = [...inner].length;
    // Glued to the text after it, a short pair is a mask ("**县**镇", "**县委**书记"), and so is one
    // across a pause ("推进**员活动，抓好**风廉政"); a longer phrase is bold ("**员工培训**两项").
    const closes = !isBlankOrStar(last) && (next === -1 || isBoundary(next) || "。！？：".includes(text[close - 1]) || (length >= 3 && !isWordCode(next) && !/[，。；、：,;]/.test(inner)));
    if (closes && !inner.includes(d) && length >= 2) {
      (out ??= []).push(open, open + 2, close, close + 2);
      from = close + 2;
    } else from = open + 2;
  }
  return out ?? NO_SPANS;
}

/** The next "**" or "__" (exactly two) at or after `from`, or -1. */
function findDelimiter(text: string, from: number): number {
  for (let i = from; i + 1 < text.length; i++) {
    const c = text[i];
    if ((c === "*" || c === "_") && text[i + 1] === c && text[i - 1] !== c && text[i + 2] !== c) return i;
  }
  return -1;
}

const isWordCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isBlankOrStar = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x2a || c === 0x5f;
/** A blank or a punctuation mark (ASCII or Chinese): where emphasis may open or close. */
function isBoundary(c: number): boolean {
  if (c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0) return true;
  if (c < 0x80) return /[!-/:-@[-`{-~]/.test(String.fromCharCode(c)) && c !== 0x2a && c !== 0x5f;
  return (c >= 0x3001 && c <= 0x303f && c !== 0x3007) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014;
}
