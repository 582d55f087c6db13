// Which kinds of characters a line holds, as one bit set per line, collected by the model's one
// walk over the line (line.ts scanLine) and cached with the line's facts. A rule that looks for
// half-width commas, stray spaces or dates asks the bit set first and skips every line that
// cannot hold what it looks for, instead of walking the whole text again.
//
// Adding a class: a bit below, its characters in CLASS_CHARS, and a test in line.test.ts.

/** `, ; : ? ! ( )` */
export const HALF_WIDTH_PUNCTUATION = 1 << 0;
/** `"` and `'` */
export const ASCII_QUOTE = 1 << 1;
/** Full-width paired marks: “ ” ‘ ’ 《 》 （ ） 【 】 〔 〕 〈 〉 「 」 */
export const PAIRED_MARK = 1 << 2;
/** A blank (space, tab, U+3000, NBSP) between the line's first and last visible character. */
export const INNER_BLANK = 1 << 3;
/** ASCII or full-width digits. */
export const DIGIT = 1 << 4;
/** 年 月 日 */
export const DATE_WORD = 1 << 5;
/** 零 〇 ○ (zero in Chinese numerals) */
export const CHINESE_ZERO = 1 << 6;
/** 星 周 (weekday words) */
export const WEEKDAY_WORD = 1 << 7;
/** 号 (document numbers, days) */
export const NUMBER_SIGN = 1 << 8;
/** 、 */
export const ENUMERATION_COMMA = 1 << 9;
/** `-` `/` `.` `~` (date separators and ranges) */
export const ASCII_SEPARATOR = 1 << 10;
/** `[` `]` `［` `］`: brackets a 发文字号 may wrongly use (【 】 are in PAIRED_MARK). */
export const ASCII_BRACKET = 1 << 11;
/** Full-width punctuation other than the paired marks: ， 。 ； ： ？ ！ */
export const FULL_WIDTH_PUNCTUATION = 1 << 12;
/**
 * The line's full-width paired marks do not nest and balance by themselves (an unclosed “, a
 * stray 》, 《…）): positional, set by the scan. A line without it (and without ASCII quotes and
 * brackets) needs no look from punctuation-pair.
 */
export const UNPAIRED_MARK = 1 << 13;
/** A closing 》 or ” right before 、 ， or `,` and an opening 《 or “ (《A》、《B》): positional, set by the scan. */
export const MARKED_LIST = 1 << 14;
/**
 * `@` `\` `&` `` ` `` `<`: with `:` (HALF_WIDTH_PUNCTUATION) and `/` `.` (ASCII_SEPARATOR), what a
 * literal stretch (an e-mail address, a path, a character reference, Markdown code or a tag)
 * needs: a line with none of them has none (model/literal-spans.ts lineLiteralSpans).
 */
export const LITERAL_SIGN = 1 << 15;

/** The characters of each class (INNER_BLANK, UNPAIRED_MARK and MARKED_LIST are positional and set by the scan itself). */
const CLASS_CHARS: Array<[number, string]> = [
  [HALF_WIDTH_PUNCTUATION, ",;:?!()"],
  [ASCII_QUOTE, "\"'"],
  [PAIRED_MARK, "“”‘’《》（）【】〔〕〈〉「」"],
  [DIGIT, "0123456789０１２３４５６７８９"],
  [DATE_WORD, "年月日"],
  [CHINESE_ZERO, "零〇○"],
  [WEEKDAY_WORD, "星周"],
  [NUMBER_SIGN, "号"],
  [ENUMERATION_COMMA, "、"],
  [ASCII_SEPARATOR, "-/.~"],
  [ASCII_BRACKET, "[]［］"],
  [FULL_WIDTH_PUNCTUATION, "，。；：？！"],
  [LITERAL_SIGN, "@\\&`<"],
];

/** Classes of U+0000–U+00FF. */
export const LATIN_CLASSES = new Uint16Array(0x100);
/** Classes of the CJK ideographs U+4E00–U+9FFF, indexed from U+4E00. */
export const IDEOGRAPH_CLASSES = new Uint16Array(0x9fff - 0x4e00 + 1);
/** Classes of general and CJK punctuation, U+2000–U+303F, indexed from U+2000. */
export const PUNCTUATION_CLASSES = new Uint16Array(0x303f - 0x2000 + 1);
/** Classes of the full-width forms U+FF00–U+FFEF, indexed from U+FF00. */
export const FULL_WIDTH_CLASSES = new Uint16Array(0xffef - 0xff00 + 1);

for (const [bit, chars] of CLASS_CHARS) {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (c < 0x100) LATIN_CLASSES[c] |= bit;
    else if (c >= 0x4e00 && c <= 0x9fff) IDEOGRAPH_CLASSES[c - 0x4e00] |= bit;
    else if (c >= 0x2000 && c <= 0x303f) PUNCTUATION_CLASSES[c - 0x2000] |= bit;
    else if (c >= 0xff00 && c <= 0xffef) FULL_WIDTH_CLASSES[c - 0xff00] |= bit;
    else throw new Error(`char-classes: no table for U+${c.toString(16)}`);
  }
}

/** The classes of one UTF-16 code that is not an ideograph (INNER_BLANK aside). */
export function classesOfOther(c: number): number {
  if (c < 0x100) return LATIN_CLASSES[c];
  if (c >= 0x2000 && c <= 0x303f) return PUNCTUATION_CLASSES[c - 0x2000];
  if (c >= 0xff00 && c <= 0xffef) return FULL_WIDTH_CLASSES[c - 0xff00];
  return 0;
}

/** The classes of one UTF-16 code (INNER_BLANK aside). */
export function classesOf(c: number): number {
  return c >= 0x4e00 && c <= 0x9fff ? IDEOGRAPH_CLASSES[c - 0x4e00] : classesOfOther(c);
}

/**
 * The paired marks as a signed family number, by UTF-16 code: k for an opening mark, -k for its
 * closing one (“” 1, ‘’ 2, 《》 3, （） 4, 【】 5, 〔〕 6, 〈〉 7, 「」 8, 『』 9).
 */
export const PAIR_ID = new Int8Array(0x10000);
[..."“”‘’《》（）【】〔〕〈〉「」『』"].forEach((ch, k) => {
  PAIR_ID[ch.charCodeAt(0)] = k % 2 === 0 ? k / 2 + 1 : -((k - 1) / 2 + 1);
});
/** Deeper nesting than this counts as unpaired (no line of prose nests so deep). */
export const MAX_PAIR_DEPTH = 32;

/** Whether the code is one of 、 ， , (between the items of a list). */
export const isListSeparatorCode = (c: number): boolean => c === 0x3001 || c === 0xff0c || c === 0x2c;

/**
 * The classes of text[from, to): what scanLine collects, for lines the scan does not walk, and
 * the plain reference its test compares the scan with.
 */
export function classesOfText(text: string, from = 0, to = text.length): number {
  let classes = 0;
  let seenVisible = false;
  let pendingBlank = false;
  const open: number[] = [];
  let unpaired = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const id = PAIR_ID[c];
    if (id > 0) {
      if (open.length >= MAX_PAIR_DEPTH) unpaired = true;
      else open.push(id);
      if ((c === 0x300a || c === 0x201c) && i - 2 >= from && isListSeparatorCode(text.charCodeAt(i - 1)) && (text.charCodeAt(i - 2) === 0x300b || text.charCodeAt(i - 2) === 0x201d)) classes |= MARKED_LIST;
    } else if (id < 0) {
      if (open.length > 0 && open[open.length - 1] === -id) open.pop();
      else unpaired = true;
    }
    if (c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0) {
      if (seenVisible) pendingBlank = true;
      continue;
    }
    if (pendingBlank) classes |= INNER_BLANK;
    pendingBlank = false;
    seenVisible = true;
    classes |= classesOf(c);
  }
  if (unpaired || open.length > 0) classes |= UNPAIRED_MARK;
  return classes;
}
