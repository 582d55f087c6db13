// The half-width marks of one line that Chinese text wants full-width: what punctuation-width
// reports, a pure function of the line's text (memoised per line by the rule).

import { lineLiteralSpans, insideSpans, type Spans } from "../model/literal-spans";
import type { LineFacts } from "../model/line";
import { ASCII_QUOTE, ASCII_SEPARATOR, DIGIT, HALF_WIDTH_PUNCTUATION, MARKED_LIST, NUMBER_SIGN } from "../model/char-classes";
import { chineseAt, docNumberRanges, extraMarkerPunctuation, hanAt, holdsChinese, inRanges, isAlphanumericCode, isBlankCode, isDigitCode, isLatinLetterCode, nextSignificant, NO_RANGES, previousSignificant } from "./chinese-text";
import { listSeparators } from "./list-separator";

/** One mark to change: its offset (relative to the line) and its full-width form. */
export interface WidthMark {
  at: number;
  to: string;
}

export interface WidthHits {
  /** Marks whose full-width form is certain: fix-all changes them. */
  certain: WidthMark[];
  /** ASCII quotes in a line whose quotes cannot be paired with certainty: a guess, offered, never applied by fix-all. */
  guessed: WidthMark[];
}

export const NO_WIDTH_HITS: WidthHits = { certain: [], guessed: [] };
Object.freeze(NO_WIDTH_HITS);

const FULL: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。" };
/** The marks the scan looks at (half-width ones and the full-width ones they pair with), by UTF-16 code. */
const IS_CANDIDATE = new Uint8Array(0x10000);
for (const ch of ",;:?!().\"'（）“”‘’") IS_CANDIDATE[ch.charCodeAt(0)] = 1;
/** The classes a line needs for the scan to have anything to look at. */
export const WIDTH_TRIGGERS = HALF_WIDTH_PUNCTUATION | ASCII_QUOTE | ASCII_SEPARATOR;
/** Closing Chinese marks after which a full stop still ends the sentence: ”’）》」』】〕 */
const isClosingCode = (c: number): boolean => c === 0x201d || c === 0x2019 || c === 0xff09 || c === 0x300b || c === 0x300d || c === 0x300f || c === 0x3011 || c === 0x3015;

/** The marks of `text` (a line with its facts) that punctuation-width reports. */
export function scanWidth(text: string, facts: LineFacts, markdown: boolean): WidthHits {
  if ((facts.chars & WIDTH_TRIGGERS) === 0) return NO_WIDTH_HITS;
  const from = facts.contentStart;
  const to = facts.contentEnd;
  // Most lines with a "." have it in a number (3.5%): no full stop, nothing to pair.
  if ((facts.chars & (HALF_WIDTH_PUNCTUATION | ASCII_QUOTE)) === 0 && !mayHoldFullStop(text, from, to)) return NO_WIDTH_HITS;
  // What other rules own: the heading marker (numbering-style), punctuation after markers
  // (marker-punctuation), separators between quoted list items (list-separator).
  const marker = facts.marker;
  const extra = extraMarkerPunctuation(text, marker, facts.enumerations);
  // A 文号 ("X政发(2024)5号") is doc-number-format's: its brackets become 〔〕, not （）.
  const docNumbers = (facts.chars & (NUMBER_SIGN | DIGIT)) === (NUMBER_SIGN | DIGIT) ? docNumberRanges(text) : NO_RANGES;
  let spans: Spans | undefined;
  let separators: number[] | undefined;
  const positions: number[] = [];
  for (let i = from; i < to; i++) {
    if (IS_CANDIDATE[text.charCodeAt(i)] === 0) continue;
    if (marker !== undefined && i >= marker.start && i < marker.end) continue;
    if (extra.length > 0 && inRanges(extra, i)) continue;
    if (docNumbers.length > 0 && inRanges(docNumbers, i)) continue;
    spans ??= lineLiteralSpans(text, facts, markdown);
    if (spans.length > 0 && insideSpans(spans, i)) continue;
    if (text.charCodeAt(i) === 0x2c && (facts.chars & MARKED_LIST) !== 0) {
      separators ??= listSeparators(text, from, to);
      if (separators.includes(i)) continue;
    }
    positions.push(i);
  }
  if (positions.length === 0 || !positions.some((i) => text.charCodeAt(i) < 0x80)) return NO_WIDTH_HITS;

  // Marks already flagged count as Chinese punctuation for their neighbours: a list of offsets
  // (a line has a few), not a set per line.
  const flagged: number[] = [];
  const certain: WidthMark[] = [];
  const guessed: WidthMark[] = [];
  const isChinese = (j: number) => j >= 0 && (chineseAt(text, j) || (flagged.length > 0 && flagged.includes(j)));
  const flag = (i: number, replacement: string, list = certain) => {
    flagged.push(i);
    list.push({ at: i, to: replacement });
  };

  // Pause and stop marks first: brackets and quotes next to them then see them as Chinese.
  const between: number[] = [];
  for (const i of positions) {
    const code = text.charCodeAt(i);
    // Brackets and quotes are paired below.
    if (code > 0x7f || code === 0x28 || code === 0x29 || code === 0x22 || code === 0x27) continue;
    const ch = text[i];
    const p = previousSignificant(text, i, from);
    const n = nextSignificant(text, i, to);
    const pc = p < 0 ? -1 : text.charCodeAt(p);
    const nc = n < 0 ? -1 : text.charCodeAt(n);
    if (ch === "," || ch === ";" || ch === ":") {
      // 1,000  10:30  1:500: a number, not a pause.
      if (p === i - 1 && n === i + 1 && isDigitCode(pc) && isDigitCode(nc)) continue;
      if (ch === ":" && markdown && text[i - 1] === "]") continue; // [^1]: a footnote definition
      if (isChinese(p) || isChinese(n)) flag(i, FULL[ch]);
    } else if (ch === "?" || ch === "!") {
      if (text[i + 1] === "=" || (ch === "!" && text[i + 1] === "[")) continue; // != and ![image]
      // After a Latin word the mark ends a Latin phrase ("Yes we can!").
      if (isChinese(p)) flag(i, FULL[ch]);
    } else if (ch === ".") {
      const stop = fullStop(text, i, to, p);
      if (stop === "stop") flag(i, "。");
      else if (stop === "between") between.push(i);
    }
  }
  // "夯实统计基础.全面完成……": in a line whose other marks are half-width too (a text converted
  // wholesale) a "." between two Han characters is a full stop; alone it may be a name's interpunct.
  if (certain.length > 0) for (const i of between) flag(i, "。");

  pairBrackets(text, positions, from, to, isChinese, flag);
  pairQuotes(text, positions, from, to, isChinese, flag, (i, to) => flag(i, to, guessed));
  if (certain.length === 0 && guessed.length === 0) return NO_WIDTH_HITS;
  certain.sort((a, b) => a.at - b.at);
  return { certain, guessed };
}

/**
 * A "." that ends a Chinese sentence: right after a Han character, a closing mark or a per cent
 * sign, at the end of the line, before a closing mark, or before a blank and more text. Between
 * two Han characters it may also stand for the interpunct of a name (买买提.艾力): "between"
 * then, decided by the rest of the line. "..", "3." and "X.X" are left alone.
 */
function fullStop(text: string, i: number, to: number, p: number): "stop" | "between" | undefined {
  if (p !== i - 1 || text[i + 1] === "." || text[i - 1] === ".") return undefined;
  const before = text.charCodeAt(p);
  if (isLatinLetterCode(before)) return latinWordEndsSentence(text, i, to) ? "stop" : undefined;
  if (!hanAt(text, p) && !isClosingCode(before) && before !== 0x25 && before !== 0xff05 && before !== 0x2030) return undefined;
  const n = nextSignificant(text, i, to);
  if (n < 0) return "stop";
  const next = text.charCodeAt(i + 1);
  if (isClosingCode(next)) return "stop";
  if (isBlankCode(next)) return chineseAt(text, n) || isDigitCode(text.charCodeAt(n)) ? "stop" : undefined;
  return hanAt(text, p) && hanAt(text, i + 1) ? "between" : undefined;
}

/**
 * "管养路树210km." "推广使用Excel." : a Chinese sentence ending in a short Latin word (a unit, a
 * product name) glued to a number or a Han character, at the end of the line. A Latin sentence
 * ("… in the world.") has a blank before its last word and is left alone.
 */
function latinWordEndsSentence(text: string, i: number, to: number): boolean {
  if (nextSignificant(text, i, to) >= 0) return false;
  let j = i - 1;
  while (j >= 0 && i - j <= 12 && isLatinLetterCode(text.charCodeAt(j))) j--;
  if (j < 0 || i - j > 12) return false;
  return hanAt(text, j) || isDigitCode(text.charCodeAt(j));
}

/** Whether some "." of text[from, to) follows a Han character, a closing mark or a per cent sign. */
function mayHoldFullStop(text: string, from: number, to: number): boolean {
  for (let i = text.indexOf(".", from + 1); i >= 0 && i < to; i = text.indexOf(".", i + 1)) {
    const before = text.charCodeAt(i - 1);
    if (hanAt(text, i - 1) || isClosingCode(before) || before === 0x25 || before === 0xff05 || before === 0x2030 || (isLatinLetterCode(before) && latinWordEndsSentence(text, i, to))) return true;
  }
  return false;
}

type Flag = (i: number, to: string) => void;

/**
 * Round brackets of either width paired in order. A pair with a half-width bracket is Chinese
 * when it holds Chinese, is half full-width already, or follows Chinese text ("增长(GDP)"); after
 * a Latin word it is Latin ("f(x)", "Windows(R)"). A blank pair ("( )") is a placeholder's.
 */
function pairBrackets(text: string, positions: number[], from: number, to: number, isChinese: (j: number) => boolean, flag: Flag): void {
  const stack: number[] = [];
  const pairs: Array<[number, number]> = [];
  const lone: number[] = [];
  for (const i of positions) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) stack.push(i);
    else if (c === 0x29 || c === 0xff09) {
      const open = stack.pop();
      if (open === undefined) lone.push(i);
      else pairs.push([open, i]);
    }
  }
  lone.push(...stack);
  for (const [open, close] of pairs) {
    const halfOpen = text[open] === "(";
    const halfClose = text[close] === ")";
    if (!halfOpen && !halfClose) continue;
    let blank = true;
    for (let k = open + 1; k < close && blank; k++) blank = isBlankCode(text.charCodeAt(k));
    if (blank) continue;
    const before = previousSignificant(text, open, from);
    const afterLatin = open > from && isAlphanumericCode(text.charCodeAt(open - 1));
    const chinese = !halfOpen || !halfClose || holdsChinese(text, open + 1, close) || (!afterLatin && isChinese(before));
    if (!chinese) continue;
    if (halfOpen) flag(open, "（");
    if (halfClose) flag(close, "）");
  }
  for (const i of lone) {
    if (text[i] === "(") {
      const n = nextSignificant(text, i, to);
      if (n >= 0 && hanAt(text, n) && !(i > from && isAlphanumericCode(text.charCodeAt(i - 1)))) flag(i, "（");
    } else if (text[i] === ")") {
      const p = previousSignificant(text, i, from);
      // "2)加强" is a list number, not a bracket closing Chinese text.
      if (p >= 0 && p === i - 1 && chineseAt(text, p)) flag(i, "）");
    }
  }
}

/**
 * ASCII quotes: in each family (double, single) paired in order with the curly ones, an ASCII
 * quote closing whatever is open. The pairing is certain when the line's quotes of that family
 * balance (or leave open only a curly quote opening the line: a quotation running over several
 * paragraphs); otherwise the ASCII quotes of the family are guessed from their neighbours.
 */
function pairQuotes(text: string, positions: number[], from: number, to: number, isChinese: (j: number) => boolean, flag: Flag, guess: Flag): void {
  for (const family of QUOTE_FAMILIES) {
    const stack: number[] = [];
    const pairs: Array<[number, number]> = [];
    let ascii = 0;
    let broken = false;
    for (const i of positions) {
      const c = text.charCodeAt(i);
      if (c === family.asciiCode) {
        // An apostrophe ("Xi'an", "it's") is not a quote.
        if (family.ascii === "'" && i > 0 && isAlphanumericCode(text.charCodeAt(i - 1)) && isAlphanumericCode(text.charCodeAt(i + 1))) continue;
        ascii++;
        const open = stack.pop();
        if (open === undefined) stack.push(i);
        else pairs.push([open, i]);
      } else if (c === family.openCode) stack.push(i);
      else if (c === family.closeCode) {
        const open = stack.pop();
        if (open === undefined) broken = true;
        else pairs.push([open, i]);
      }
    }
    if (ascii === 0) continue;
    const leftOpen = stack.length === 1 && text[stack[0]] === family.open && previousSignificant(text, stack[0], from) < 0;
    const certain = !broken && (stack.length === 0 || leftOpen);
    if (certain) {
      for (const [open, close] of pairs) {
        if (text[open] !== family.ascii && text[close] !== family.ascii) continue;
        const chinese = holdsChinese(text, open + 1, close) || isChinese(previousSignificant(text, open, from)) || isChinese(nextSignificant(text, close, to));
        if (!chinese) continue;
        if (text[open] === family.ascii) flag(open, family.open);
        if (text[close] === family.ascii) flag(close, family.close);
      }
      continue;
    }
    let nth = 0;
    for (const i of positions) {
      if (text[i] !== family.ascii) continue;
      if (family.ascii === "'" && i > 0 && isAlphanumericCode(text.charCodeAt(i - 1)) && isAlphanumericCode(text.charCodeAt(i + 1))) continue;
      nth++;
      const p = previousSignificant(text, i, from);
      const n = nextSignificant(text, i, to);
      if (!isChinese(p) && !isChinese(n)) continue;
      guess(i, opensQuote(text, i, from, to, nth) ? family.open : family.close);
    }
  }
}

/**
 * Whether an ASCII quote that cannot be paired opens a quotation: after the start, a blank, an
 * opening mark or a pause it opens; before the end, a blank or a pause it closes; between two
 * words its place in the line decides (the first, third … open).
 */
function opensQuote(text: string, i: number, from: number, to: number, nth: number): boolean {
  const before = i > from ? text[i - 1] : "";
  const after = i + 1 < to ? text[i + 1] : "";
  if (before === "" || isBlankCode(before.charCodeAt(0)) || OPENING_CONTEXT.includes(before)) return true;
  if (after === "" || isBlankCode(after.charCodeAt(0)) || CLOSING_CONTEXT.includes(after)) return false;
  return nth % 2 === 1;
}

const OPENING_CONTEXT = "（《“‘【〔「『：，；。、！？(:,;";
const CLOSING_CONTEXT = "）》”’】〕」』：，；。、！？),;:.!?";

const QUOTE_FAMILIES = [
  { ascii: '"', open: "“", close: "”", asciiCode: 0x22, openCode: 0x201c, closeCode: 0x201d },
  { ascii: "'", open: "‘", close: "’", asciiCode: 0x27, openCode: 0x2018, closeCode: 0x2019 },
];
