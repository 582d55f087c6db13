// What the punctuation and spacing rules share: which characters are Chinese text, how a mark's
// neighbours are found, which lines are prose for them, and the characters one rule owns so that
// no other rule reports them too (one finding per mistake: the punctuation after a heading marker
// is marker-punctuation's, a separator between quoted list items is list-separator's).

import type { LineKind } from "../model/document";
import type { EnumerationMatch, MarkerMatch } from "../model/numbering";

/** CJK ideographs (basic block, extension A, compatibility) and 〇. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** A Han character at `i`, astral ideographs (planes 2 and 3, as a surrogate pair) included. */
export function hanAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isHanCode(c)) return true;
  if (c >= 0xd840 && c <= 0xd8bf) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const high = text.charCodeAt(i - 1);
    return high >= 0xd840 && high <= 0xd8bf;
  }
  return false;
}

/**
 * Chinese punctuation: the CJK symbols block (、。〈〉《》「」『』【】〔〕 …), the full-width forms
 * of ASCII punctuation (，：；！？（）％ …), curly quotes, the ellipsis and the dashes.
 */
export function isCjkPunctuationCode(c: number): boolean {
  if (c >= 0x3001 && c <= 0x303f) return c !== 0x3007;
  if (c >= 0xff01 && c <= 0xff65) return !((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a));
  return c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014 || c === 0x2015 || c === 0x00b7;
}

/** Han or Chinese punctuation at `i`: the text around a mark is Chinese. */
export function chineseAt(text: string, i: number): boolean {
  return hanAt(text, i) || isCjkPunctuationCode(text.charCodeAt(i));
}

export const isDigitCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** Latin letters of either width and the accented Latin letters. */
export function isLatinLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

export const isAlphanumericCode = (c: number): boolean => isDigitCode(c) || isLatinLetterCode(c);

/** Blanks inside a line: space, tab, the ideographic space and the no-break space. */
export const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;

/** What is looked through for a mark's neighbour: blanks and Markdown emphasis (`*` `_` `~`), also in pasted plain text. */
const isTransparent = (c: number): boolean => isBlankCode(c) || c === 0x2a || c === 0x5f || c === 0x7e;

/** Index of the nearest character before `i` (not before `from`) that is not a blank or emphasis, or -1. */
export function previousSignificant(text: string, i: number, from: number): number {
  for (let j = i - 1; j >= from; j--) if (!isTransparent(text.charCodeAt(j))) return j;
  return -1;
}

/** Index of the nearest character after `i` (before `to`) that is not a blank or emphasis, or -1. */
export function nextSignificant(text: string, i: number, to: number): number {
  for (let j = i + 1; j < to; j++) if (!isTransparent(text.charCodeAt(j))) return j;
  return -1;
}

/** Whether text[from, to) holds any Chinese character or punctuation. */
export function holdsChinese(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (chineseAt(text, i)) return true;
  return false;
}

/** Lines whose punctuation is Chinese prose: not code, tables, markup, contents, 发文字号 (its own rule). */
export const PUNCTUATION_KINDS: ReadonlySet<LineKind> = new Set<LineKind>(["body", "heading", "title", "addressee", "attachment", "signature", "date", "colophon", "masthead"]);

// ---- characters owned by marker-punctuation ---------------------------------------------------

/** Marks that may wrongly follow a marker carrying its own punctuation: （一）、 1.、 一、， ①、 */
const EXTRA_AFTER_MARKER = "、，,.．：:；;";

/** Marker families that carry their own punctuation (一、 （一） 1. （1） ①). */
const OWN_PUNCTUATION_FAMILIES = new Set(["cn", "cn-paren", "ar", "ar-paren", "circled"]);
const ENUMERATION_OWN = new Set(["circled", "paren"]);

/**
 * The end of the punctuation wrongly written right after a marker that ends at `end` (relative
 * offsets), or `end` when there is none. "①、②两项" and "（一）、（二）项" name items: the 、
 * there separates two references, followed by another marker, and is left alone.
 */
export function extraMarkerPunctuationEnd(text: string, end: number): number {
  let i = end;
  while (i < text.length && EXTRA_AFTER_MARKER.includes(text[i])) i++;
  if (i === end) return end;
  const after = text.charCodeAt(i);
  if (after === 0xff08 || after === 0x28 || (after >= 0x2460 && after <= 0x2473) || (after >= 0x3251 && after <= 0x325f) || (after >= 0x32b1 && after <= 0x32bf)) return end;
  // "1.、2." and "一、，二、" run references together the same way.
  if (isDigitCode(after) || "一二三四五六七八九十".includes(text[i] ?? "x")) return end;
  return i;
}

/** The [start, end) ranges (relative) of punctuation wrongly following a line's markers. */
export function extraMarkerPunctuation(text: string, marker: MarkerMatch | undefined, enumerations: readonly EnumerationMatch[]): number[] {
  let out: number[] | undefined;
  if (marker !== undefined && OWN_PUNCTUATION_FAMILIES.has(marker.family)) {
    const end = extraMarkerPunctuationEnd(text, marker.end);
    if (end > marker.end) (out ??= []).push(marker.end, end);
  }
  for (const e of enumerations) {
    if (!ENUMERATION_OWN.has(e.family)) continue;
    const end = extraMarkerPunctuationEnd(text, e.end);
    if (end > e.end) (out ??= []).push(e.end, end);
  }
  return out ?? NO_RANGES;
}

export const NO_RANGES: number[] = [];
Object.freeze(NO_RANGES);

/** Whether `at` lies in one of the sorted-or-not [start, end) pairs. */
export function inRanges(ranges: readonly number[], at: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (at >= ranges[k] && at < ranges[k + 1]) return true;
  return false;
}

// ---- characters owned by doc-number-format (issue 14) -----------------------------------------

/**
 * A 文号 in any of the writings drafts use (国发〔2022〕22号, X政发(2024)5号, 〔2024〕 第05号): its
 * brackets and blanks are doc-number-format's to report and rewrite (to 〔〕, no blanks), so
 * punctuation-width and stray-space leave the whole stretch alone. Keep in step with that rule's
 * pattern: round brackets only right after an organisation code's last character.
 */
const DOC_NUMBER = /(?<=[\u4e00-\u9fffA-Za-z])([ \u3000]*)([〔［[【〈（(])[ \u3000]*(\d{2,4})[ \u3000]*[〕］\]】〉）)][ \u3000]*第?[ \u3000]*(\d{1,5})[ \u3000]*号/g;
const CODE_ENDINGS = "发函字办复通令报呈规纪电批示决";

/** The [start, end) ranges (relative) of the line's 文号, blanks before the bracket included. */
export function docNumberRanges(text: string): number[] {
  let out: number[] | undefined;
  DOC_NUMBER.lastIndex = 0;
  for (let m = DOC_NUMBER.exec(text); m !== null; m = DOC_NUMBER.exec(text)) {
    const [whole, before, open, year] = m;
    if ((open === "（" || open === "(") && (before.length > 0 || !CODE_ENDINGS.includes(text[m.index - 1]))) continue;
    if (year.length === 3) continue;
    (out ??= []).push(m.index, m.index + whole.length);
  }
  return out ?? NO_RANGES;
}
