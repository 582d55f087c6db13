// The blanks of one line that do not belong in Chinese text (what stray-space reports), a pure
// function of the line's text, memoised per line by the rule.

import { lineLiteralSpans, insideSpans, type Spans } from "../model/literal-spans";
import type { LineFacts } from "../model/line";
import { DIGIT, INNER_BLANK, NUMBER_SIGN } from "../model/char-classes";
import { PLACEHOLDER_PATTERNS } from "./placeholder-patterns";
import { docNumberRanges, hanAt, inRanges, isBlankCode, isCjkPunctuationCode, isDigitCode, NO_RANGES } from "./chinese-text";

export type SpaceReason = "han" | "punctuation" | "number" | "unit";

export interface StraySpace {
  /** Offsets relative to the line. */
  start: number;
  end: number;
  reason: SpaceReason;
}

export const NO_SPACES: StraySpace[] = [];
Object.freeze(NO_SPACES);

const BLANKS = /[ \t\u00a0\u3000]+/g;
/** Marks a blank never precedes or follows in Chinese text: pauses, stops, closing marks, dashes and ellipses. */
const PAUSE_OR_CLOSE = "，。、；：？！）》”’」』】〕〉…—";
const OPENING = "（《“‘【〔「『〈";
/** Pauses a run of blanks (alignment elsewhere) may still not precede. */
const PAUSE = "，。、；？！";
/** ASCII marks that punctuation-width turns full-width when they sit in Chinese text. */
const ASCII_PAUSE = ",;:?!";
const UNIT_AFTER_NUMBER = "%％‰℃";
/** 年 月 日: a number before them is a date's, never grouped in threes. */
const DATE_WORDS = "年月日";
const CHAPTER_FAMILIES = new Set(["chapter", "section", "article"]);
/** Marks after which a list number still starts a clause once the blank is gone ("。 四是"). */
const CLAUSE_END = "。；;：:，,！？!?、）)”」』】";
/** Separators around a two-character name padded to the width of three ("王　伟、李明华"). */
const NAME_DELIMITERS = " \t\u3000、，,：:；;（）()";

/** A Markdown heading, list or quote marker at the start of a line's content, up to its blank. */
const LEADING_MARKDOWN_MARKER = /(?:#{1,6}|[-*+>])(?=[ \t])/y;

/** The placeholder rule's "figure left blank" (全镇 个行政村): its finding, not a stray space. */
const BLANK_NUMBER = new RegExp(PLACEHOLDER_PATTERNS.find((p) => p.id === "blank-number")!.source, "y");

/** The blanks of `text` (a line with its facts) that stray-space reports, in order. */
export function scanSpaces(text: string, facts: LineFacts, markdown: boolean): StraySpace[] {
  if ((facts.chars & INNER_BLANK) === 0) return NO_SPACES;
  const from = facts.contentStart;
  const to = facts.contentEnd;
  if (letterSpaced(text, from, to)) return NO_SPACES;
  let spans: Spans | undefined;
  let found: StraySpace[] | undefined;
  // Blanks inside a 文号 ("国发〔2022〕 22号") are doc-number-format's.
  const docNumbers = (facts.chars & (NUMBER_SIGN | DIGIT)) === (NUMBER_SIGN | DIGIT) ? docNumberRanges(text) : NO_RANGES;
  const markerEnd = facts.marker?.end ?? -1;
  // "第一章 总则", "第一条 为了……": the blank after a chapter or article number is the heading's own.
  const chapterEnd = facts.marker !== undefined && CHAPTER_FAMILIES.has(facts.marker.family) ? facts.marker.end : -1;
  // "### …", "- ……", "> ……": the blank after a Markdown block marker is syntax, in plain text too
  // (Markdown pasted into .txt is exported as Markdown).
  LEADING_MARKDOWN_MARKER.lastIndex = from;
  const syntaxBlank = LEADING_MARKDOWN_MARKER.test(text) ? LEADING_MARKDOWN_MARKER.lastIndex : -1;
  BLANKS.lastIndex = from;
  for (let m = BLANKS.exec(text); m !== null && m.index < to; m = BLANKS.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    if (s <= from || e >= to) continue;
    if (docNumbers.length > 0 && (inRanges(docNumbers, s) || inRanges(docNumbers, e))) continue;
    const run = m[0];
    if (run.includes("\t")) continue;
    const before = text[s - 1];
    const after = text[e];
    // A blank bracket "（ ）" and a blank figure are the placeholder rule's.
    if ("（(【〔[".includes(before) && "）)】〕]".includes(after)) continue;
    BLANK_NUMBER.lastIndex = s;
    if (BLANK_NUMBER.test(text)) continue;
    spans ??= lineLiteralSpans(text, facts, markdown);
    if (spans.length > 0 && (insideSpans(spans, s - 1) || insideSpans(spans, e))) continue;
    if (s === chapterEnd || s === syntaxBlank) continue;
    // A blank before an in-sentence number ("加强 （2）完善") is where the list item starts: without
    // it the number would no longer read as one, and enumeration-sequence would judge another list.
    if (facts.enumerations.length > 0 && !CLAUSE_END.includes(text[s - 1]) && facts.enumerations.some((t) => t.start === e)) continue;
    const reason = judge(text, s, e, from, to, run, markerEnd);
    if (reason !== undefined) (found ??= []).push({ start: s, end: e, reason });
  }
  return found ?? NO_SPACES;
}

/** Why the blank run [s, e) is stray, or undefined when it may stay. */
function judge(text: string, s: number, e: number, from: number, to: number, run: string, markerEnd: number): SpaceReason | undefined {
  const before = text[s - 1];
  const after = text[e];
  const single = e - s === 1;
  // Two blanks or more align fields ("联系人：张三    电话：…", "姓  名"), but never before a pause.
  if (!single) return PAUSE.includes(after) ? "punctuation" : undefined;
  const ideographic = run === "\u3000";
  const leftHan = hanAt(text, s - 1);
  const rightHan = hanAt(text, e);
  const leftChinese = leftHan || isCjkPunctuationCode(text.charCodeAt(s - 1)) || isDigitCode(text.charCodeAt(s - 1));
  const rightChinese = rightHan || isCjkPunctuationCode(text.charCodeAt(e)) || isDigitCode(text.charCodeAt(e));
  // Before or after Chinese punctuation ("精神 ，", "素材， 会员群", "学习 《条例》").
  if (PAUSE_OR_CLOSE.includes(after) || OPENING.includes(before)) return "punctuation";
  if ((PAUSE_OR_CLOSE.includes(before) && rightChinese) || (OPENING.includes(after) && leftChinese)) {
    // The ideographic space after a heading number is typesetting ("一、　总体要求").
    if (ideographic && s === markerEnd) return undefined;
    return "punctuation";
  }
  // Around a half-width pause in Chinese text ("工作要点 , 以"): punctuation-width changes the mark.
  if (ASCII_PAUSE.includes(after) && (leftHan || isCjkPunctuationCode(text.charCodeAt(s - 1)))) return "punctuation";
  if (ASCII_PAUSE.includes(before) && (rightHan || hanAt(text, s - 2) || isCjkPunctuationCode(text.charCodeAt(s - 2)))) return "punctuation";
  if (before === "." && hanAt(text, s - 2) && rightChinese) return "punctuation";
  if (ideographic) return undefined;
  const leftDigit = isDigitCode(text.charCodeAt(s - 1));
  const rightDigit = isDigitCode(text.charCodeAt(e));
  if (leftDigit && UNIT_AFTER_NUMBER.includes(after)) return "unit";
  if (leftDigit && rightDigit) return brokenNumber(text, s, from, to) ? "number" : undefined;
  // "2024年 月 日": a date whose month and day are left blank to fill in by hand.
  if ((before === "年" && after === "月") || (before === "月" && after === "日")) return undefined;
  if (leftHan && rightHan) return namePadding(text, s, from, to) || twoWords(text, s, from, to) || wordList(text, s, from, to) ? undefined : "han";
  if (leftHan && rightDigit) return numberGap(text, e, 1, from, to) ? "number" : undefined;
  if (leftDigit && rightHan) return numberGap(text, s - 1, -1, from, to) ? "number" : undefined;
  return undefined;
}

/** The digit groups of the number around position `at` (a digit), joined by single spaces. */
function digitGroups(text: string, at: number, from: number, to: number): { start: number; end: number; groups: number[] } {
  let start = at;
  let end = at + 1;
  while (start > from && isDigitOrPoint(text, start - 1)) start--;
  while (end < to && isDigitOrPoint(text, end)) end++;
  const groups = [countDigits(text, start, end)];
  // Further groups across single spaces, both ways.
  while (start - 2 >= from && text[start - 1] === " " && isDigitCode(text.charCodeAt(start - 2))) {
    let k = start - 2;
    while (k > from && isDigitOrPoint(text, k - 1)) k--;
    groups.unshift(countDigits(text, k, start - 1));
    start = k;
  }
  while (end + 1 < to && text[end] === " " && isDigitCode(text.charCodeAt(end + 1))) {
    let k = end + 1;
    while (k < to && isDigitOrPoint(text, k)) k++;
    groups.push(countDigits(text, end + 1, k));
    end = k;
  }
  return { start, end, groups };
}

const isDigitOrPoint = (text: string, i: number): boolean => isDigitCode(text.charCodeAt(i)) || ((text[i] === "." || text[i] === "．") && isDigitCode(text.charCodeAt(i - 1)) && isDigitCode(text.charCodeAt(i + 1)));

function countDigits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (isDigitCode(text.charCodeAt(i))) n++;
  return n;
}

/**
 * A number split by a blank ("202 4 年", "1 5 日"): not grouped in threes (1 000 000) nor in long
 * groups (a phone number, 138 1234 5678), and standing in Chinese text (a Han character, % or
 * ‰ right beside it, or one blank away).
 */
function brokenNumber(text: string, at: number, from: number, to: number): boolean {
  const { start, end, groups } = digitGroups(text, at - 1, from, to);
  if (!splitByBlanks(groups, DATE_WORDS.includes(text[end] ?? "") || DATE_WORDS.includes(text[end + 1] ?? ""))) return false;
  const nextAt = text[end] === " " ? end + 1 : end;
  const prevAt = text[start - 1] === " " ? start - 2 : start - 1;
  return (nextAt < to && (hanAt(text, nextAt) || UNIT_AFTER_NUMBER.includes(text[nextAt]))) || (prevAt >= from && hanAt(text, prevAt));
}

/** Digit groups that are one number split by blanks: neither grouped in threes (1 000 000) nor in long groups (138 1234 5678). */
function splitByBlanks(groups: number[], dateWordAfter = false): boolean {
  if (groups.length < 2) return false;
  // Grouped in threes (1 000 000), but never a year ("2 023年").
  if (!dateWordAfter && groups[0] <= 3 && groups.slice(1).every((g) => g === 3)) return false;
  return !groups.every((g) => g >= 3) || (dateWordAfter && groups.reduce((a, b) => a + b, 0) === 4);
}

/**
 * A blank between a number and a Han character ("截至2023 年底", "共 5个"): stray when the number
 * is itself split by blanks, or when the number's other side touches a Han character directly. A
 * number spaced on both sides ("在 2024 年") is a spacing style, and one beside punctuation is left alone.
 */
function numberGap(text: string, digit: number, direction: 1 | -1, from: number, to: number): boolean {
  const { start, end, groups } = digitGroups(text, digit, from, to);
  if (groups.length > 1) return splitByBlanks(groups, DATE_WORDS.includes(text[end] ?? "") || DATE_WORDS.includes(text[end + 1] ?? ""));
  const far = direction === 1 ? end : start - 1;
  if (far < from || far >= to) return false;
  return hanAt(text, far);
}

/** "王 伟" between separators: a two-character name padded to line up with three-character names. */
function namePadding(text: string, s: number, from: number, to: number): boolean {
  const left = s - 2;
  const right = s + 2;
  return (left < from || NAME_DELIMITERS.includes(text[left])) && (right >= to || NAME_DELIMITERS.includes(text[right]));
}

/**
 * Short words set apart by single blanks, as a list ("参会人员：张三 李四 王五") or as fields
 * ("联系人：张三 电话：……"): deleting the blank would join two words. A field: a label of two to
 * four characters and a colon follows, after an earlier colon in the line. A list: both words
 * are two to four characters, and the first follows a colon or another blank in the line sets
 * short words apart the same way.
 */
function wordList(text: string, s: number, from: number, to: number): boolean {
  const before = wordAround(text, s - 1, -1, from, to);
  const after = wordAround(text, s + 1, 1, from, to);
  // Fields: the word after the blank is a label ending in a colon ("电话："), after an earlier field.
  if (shortWord(after.length) && ":：".includes(text[s + 1 + after.length] ?? "") && /[:：]/.test(text.slice(from, s))) return true;
  if (!shortWord(before.length) || !shortWord(after.length)) return false;
  const edge = s - 1 - before.length;
  if (edge >= from && ":：".includes(text[edge])) return true;
  // Another short word set apart by a single blank on either side.
  const next = s + 1 + after.length;
  if (next < to && text[next] === " " && shortWord(wordAround(text, next + 1, 1, from, to).length)) return true;
  return edge - 1 >= from && text[edge] === " " && shortWord(wordAround(text, edge - 1, -1, from, to).length);
}

const shortWord = (n: number): boolean => n >= 2 && n <= 4;
const SENTENCE_MARKS = "，。；！？";

/**
 * Two words of two to four characters on either side ("主持人 王伟", "加强 管理"): a label and its
 * value, or a word split in two, cannot be told apart; deleting the blank is not certain. A split
 * word shows itself when one side is a single character ("项 目负责人") or a long run ("参会 人员按时签到").
 */
function twoWords(text: string, s: number, from: number, to: number): boolean {
  // In running text (a line with pauses and stops) a blank between words is a leftover all the same.
  for (let i = from; i < to; i++) if (SENTENCE_MARKS.includes(text[i])) return false;
  // A numeral and its measure word are one word ("落实一 个责任人").
  if ("一二两三四五六七八九十百千万几每各".includes(text[s - 1]) && "个项名次件条位家户批所座台套种类份".includes(text[s + 1])) return false;
  return shortWord(wordAround(text, s - 1, -1, from, to).length) && shortWord(wordAround(text, s + 1, 1, from, to).length);
}

/** The length of the run of Han characters from `at` in `direction`. */
function wordAround(text: string, at: number, direction: 1 | -1, from: number, to: number): { length: number } {
  let n = 0;
  for (let i = at; i >= from && i < to && hanAt(text, i); i += direction) n++;
  return { length: n };
}

/** "个 人 工 作 总 结": every visible character set apart (a spaced-out title), three or more. */
function letterSpaced(text: string, from: number, to: number): boolean {
  let pieces = 0;
  let length = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isBlankCode(c)) {
      if (length > 0) pieces++;
      length = 0;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (++length > 1) return false;
  }
  return pieces + (length > 0 ? 1 : 0) >= 3;
}
