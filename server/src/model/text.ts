// Character classes, width folding and Chinese numerals: the text facts every other module shares.

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Chinese numeral characters that may start or form a heading number. */
export const CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百";

/** Parses 一 … 九十九 (and 一百 … 九百九十九); returns undefined for anything else. */
export function parseChineseNumber(text: string): number | undefined {
  if (text.length === 0 || text.length > 6) return undefined;
  let total = 0;
  let current = -1;
  let sawUnit = false;
  let lastUnit = 1000;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "十" || ch === "百") {
      const unit = ch === "十" ? 10 : 100;
      // Units only descend: 二百一十 is fine, 十十 and 十百 are not numbers.
      if (unit >= lastUnit) return undefined;
      lastUnit = unit;
      const head = current === -1 ? 1 : current;
      if (head === 0) return undefined;
      total += head * unit;
      current = -1;
      sawUnit = true;
    } else {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      // Two digits in a row only make sense as 零 fillers (一百零五).
      if (current !== -1 && current !== 0) return undefined;
      current = d;
    }
  }
  if (current !== -1) total += current;
  if (!sawUnit && text.length > 1) return undefined;
  return total > 0 ? total : undefined;
}

const CN_DIGIT_CHARS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Formats 1 … 999 as Chinese numerals the way documents write them (十一, 二十, 一百零五). */
export function formatChineseNumber(value: number): string {
  if (!Number.isInteger(value) || value <= 0 || value > 999) return String(value);
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const ones = value % 10;
  let out = "";
  if (hundreds > 0) out += CN_DIGIT_CHARS[hundreds] + "百";
  if (tens > 0) out += (hundreds === 0 && tens === 1 ? "" : CN_DIGIT_CHARS[tens]) + "十";
  else if (hundreds > 0 && ones > 0) out += "零";
  if (ones > 0) out += CN_DIGIT_CHARS[ones];
  return out;
}

// Circled numbers: ①-⑳ (U+2460), ㉑-㉟ (U+3251), ㊱-㊿ (U+32B1).
const CIRCLED_BLOCKS: Array<[number, number, number]> = [
  [0x2460, 1, 20],
  [0x3251, 21, 35],
  [0x32b1, 36, 50],
];

export function parseCircled(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  for (const [base, first, last] of CIRCLED_BLOCKS) if (c >= base && c <= base + last - first) return first + c - base;
  return undefined;
}

export function formatCircled(value: number): string {
  for (const [base, first, last] of CIRCLED_BLOCKS) if (value >= first && value <= last) return String.fromCharCode(base + value - first);
  return String(value);
}

/** Full-width ASCII variants (！-～) folded to ASCII; the ideographic space folded to a space. */
export function foldWidth(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += text[i];
  }
  return out;
}

/** True for CJK ideographs (BMP blocks; astral ideographs are counted by isChineseText). */
export function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Whether a document holds any Chinese text at all (plain text and Markdown without it are left alone). */
export function containsChinese(text: string, limit = 200_000): boolean {
  const n = Math.min(text.length, limit);
  for (let i = 0; i < n; i++) if (isCjkCode(text.charCodeAt(i))) return true;
  return false;
}

/** White space as documents use it: ASCII blanks, the ideographic space, NBSP and BOM. */
export function isBlankCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x0b || c === 0x0c;
}

/** Sentence-ending and clause punctuation, full and half width. */
export const TERMINAL_PUNCTUATION = "。！？；：，、.!?;:,";

export function endsWithTerminalPunctuation(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isBlankCode(text.charCodeAt(i))) i--;
  if (i < 0) return false;
  let ch = text[i];
  // A closing quote or bracket after the punctuation ("……。”) still ends a sentence.
  if ((ch === "”" || ch === "’" || ch === "）" || ch === ")" || ch === "」") && i > 0) ch = text[i - 1];
  return "。！？；.!?;".includes(ch);
}
