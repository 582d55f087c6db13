// The dates of one line and the date-like slips around them, found by one walk over the line:
// full dates in any form, month-day dates, abbreviated years, Chinese years written with 零,
// ranges joined by a hyphen and two years run together. A pure function of the line text (the
// date rules memoise it per line); literal stretches (URLs, paths, file names, code) are left
// out. Offsets are relative to the line text.

import { isCalendarDate, isPlausibleYear, parseChineseYearAt, parseDateAt, type ParsedDate } from "./dates";
import { literalSpans, overlapsSpans } from "./literal-spans";

/** A full date: 2024年3月5日, 2024年3月, 2024.3.5, 2024-03-05, 2024/3/5, 二〇二四年三月五日. */
export interface DateToken {
  kind: "date";
  start: number;
  end: number;
  date: ParsedDate;
  /**
   * A numeric date among Latin text, a version number or a machine timestamp ("released
   * 2024-03-05", "V2024.3.5", "2024-03-05 10:30:00"): not Chinese running text.
   */
  foreign: boolean;
}

/** A date without a year: 3月5日, 03月05日, 3月. */
export interface MonthDayToken {
  kind: "month-day";
  start: number;
  end: number;
  month: number;
  day?: number;
  leadingZeros: boolean;
}

/** A two-digit year before a month or 底/初/末 ("24年3月", "23年底"): the digits' offsets. */
export interface ShortYearToken {
  kind: "short-year";
  start: number;
  end: number;
  /** 0–99 */
  value: number;
}

/** A year in Chinese digits written with 零 or ○ for 〇 ("二零二四年"). */
export interface ChineseYearToken {
  kind: "chinese-year";
  start: number;
  end: number;
  year: number;
  /** Offsets of the characters that should be 〇. */
  zeros: number[];
}

/** The mark joining a range of years, months, days or dates, with any blanks around it. */
export interface RangeToken {
  kind: "range";
  /** From the end of the left number (or its unit) to the start of the right number. */
  start: number;
  end: number;
  dash: string;
  unit: "year" | "month" | "day" | "date";
  /** Joined by a range mark the standard writes (— ― ～ 〜), not a hyphen or an ASCII ~. */
  standard: boolean;
}

/** Two years run together: "20242025学年度"; `split` is where the second year starts. */
export interface JoinedYearsToken {
  kind: "joined-years";
  start: number;
  end: number;
  split: number;
}

export type AnyDateToken = DateToken | MonthDayToken | ShortYearToken | ChineseYearToken | RangeToken | JoinedYearsToken;

const NO_TOKENS: AnyDateToken[] = [];
Object.freeze(NO_TOKENS);

const YEAR = 0x5e74; // 年
const MONTH = 0x6708; // 月
const DAY = 0x65e5; // 日
const XUE = 0x5b66; // 学

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLatinLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isBlank = (c: number) => c === 0x20 || c === 0x3000 || c === 0x09 || c === 0xa0;
const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;
/** Hyphens and dashes a range must not be joined by: - － – ‐ ‑ ‒ ﹣ and the ASCII ~. */
export const isRangeHyphen = (c: number) => c === 0x2d || c === 0xff0d || c === 0x2013 || c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0xfe63 || c === 0x7e;
/** The marks the standard joins ranges with: — (and ― for it), ～ (and 〜 for it). */
const isRangeMark = (c: number) => c === 0x2014 || c === 0x2015 || c === 0xff5e || c === 0x301c;
/** Characters that, before a number, make it part of a code, decimal or another date: letters, . / - _ */
const isCodeJoiner = (c: number) => isLatinLetter(c) || c === 0x2e || c === 0x2f || c === 0x2d || c === 0x5f || c === 0xff0e;
const CHINESE_DIGITS = "〇零○Ｏ一二三四五六七八九";
const isChineseDigit = (c: number) => CHINESE_DIGITS.includes(String.fromCharCode(c));
const isChineseNumeral = (c: number) => isChineseDigit(c) || c === 0x5341 || c === 0x767e || c === 0x5343 || c === 0x4e07; // 十百千万

/** Words before "NN年" that make it a span of years ("近10年", "满15年"), not an abbreviated year. */
const DURATION_BEFORE = "第近约逾超满每共历经了过用花隔达余多前后整这那该";
/** Words before "N-M月" that make it a figure, table or article number, not a range of months. */
const NUMBER_BEFORE = "第表图附款条";
/** What follows an abbreviated year that makes it a date: a month, or 底 初 末 中 上半年 下半年. */
const SHORT_YEAR_TAIL = /\d{1,2}\s*月|[底初末]|上半年|下半年/y;
const MONTH_DAY = /(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/y;

/**
 * The date tokens of one line, in order. `markdown`: the line is Markdown (its code spans and
 * link targets are literal too). Dates already written the standard way (2024年3月5日, 3月5日,
 * 二〇二四年三月五日) are kept only on a line that may name a weekday (星期, 周), where the
 * weekday rule needs them, or when `keepStandard` asks for every date (how a table writes its
 * dates). Never throws; linear in the line's length.
 */
export function scanDateTokens(text: string, markdown: boolean, keepStandard = false): AnyDateToken[] {
  let tokens: AnyDateToken[] | undefined;
  let cjkLine: boolean | undefined;
  let weekdays: boolean | undefined = keepStandard || undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3a) {
      // Most characters are ideographs: skipped with two comparisons. Of the rest, only dashes matter.
      if ((c >= 0x4e00 && c < 0xfe00) || !(c === 0x7e || (c >= 0x2010 && c <= 0x2015) || c === 0x301c || c === 0xfe63 || c === 0xff0d || c === 0xff5e)) continue;
    } else if (c >= 0x30) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const before = i > 0 ? text.charCodeAt(i - 1) : 0;
      const found = digitRun(text, i, j, before);
      if (found !== undefined) {
        if (found.kind === "date" && found.date.form === "numeric") found.foreign = isForeign(text, found.start, found.end, (cjkLine ??= hasCjk(text)));
        if (!isStandard(found) || (weekdays ??= mayNameWeekday(text))) (tokens ??= []).push(found);
      }
      i = (found !== undefined && (found.kind === "date" || found.kind === "month-day") ? found.end : j) - 1;
      continue;
    } else if (c !== 0x2d) continue;
    const range = rangeAt(text, i);
    if (range !== undefined) (tokens ??= []).push(range);
  }
  // Years in Chinese digits end in 年: looked up by the 年s of the line.
  let chinese: AnyDateToken[] | undefined;
  for (let k = text.indexOf("年", 4); k >= 0; k = text.indexOf("年", k + 1)) {
    if (!isChineseDigit(text.charCodeAt(k - 4)) || (k > 4 && isChineseNumeral(text.charCodeAt(k - 5)))) continue;
    const found = chineseAt(text, k - 4);
    for (const t of found) {
      if (!isStandard(t) || (weekdays ??= mayNameWeekday(text))) (chinese ??= []).push(t);
      if (t.end - 1 > k) k = t.end - 1;
    }
  }
  if (chinese !== undefined) tokens = tokens === undefined ? chinese : [...tokens, ...chinese].sort((a, b) => a.start - b.start);
  if (tokens === undefined) return NO_TOKENS;
  const spans = literalSpans(text, markdown);
  return spans.length === 0 ? tokens : tokens.filter((t) => !overlapsSpans(spans, t.start, t.end));
}

/** What a run of ASCII digits text[i, j) starts: a date, a month-day, a short year or joined years. */
function digitRun(text: string, i: number, j: number, before: number): AnyDateToken | undefined {
  const length = j - i;
  const after = text.charCodeAt(j);
  if (length === 4) {
    // After a hyphen only as the second date of a range ("2024.1.1-2024.12.31"), not in a code ("SN-2024-03-05").
    if (before === 0x2d ? i >= 2 && isLatinLetter(text.charCodeAt(i - 2)) : isCodeJoiner(before) || before === 0xff0e || isDigit(before)) return undefined;
    const date = parseDateAt(text, i);
    if (date === undefined) return undefined;
    const end = i + date.length;
    // A numeric date running on into a code (2024-03-05-001, 2024.3.5a), unless a second date follows (2024.1.1-2024.12.31).
    const next = text.charCodeAt(end);
    if (date.form === "numeric" && (isLatinLetter(next) || next === 0x2f || next === 0x5f || (next === 0x2d && parseDateAt(text, end + 1) === undefined))) return undefined;
    return { kind: "date", start: i, end, date, foreign: false };
  }
  if (isLatinLetter(before) || before === 0x2e || before === 0x2f || before === 0x5f) return undefined;
  if (length === 8 && (after === YEAR || (after === XUE && text.charCodeAt(j + 1) === YEAR))) {
    const first = Number(text.slice(i, i + 4));
    const second = Number(text.slice(i + 4, j));
    if (isPlausibleYear(first) && isPlausibleYear(second) && second > first && second - first <= 10) return { kind: "joined-years", start: i, end: j, split: i + 4 };
    return undefined;
  }
  if (length === 2 && after === YEAR && !(i > 0 && DURATION_BEFORE.includes(text[i - 1])) && before !== 0x2d) {
    SHORT_YEAR_TAIL.lastIndex = j + 1;
    const tail = SHORT_YEAR_TAIL.exec(text);
    if (tail !== null && (tail[0].charCodeAt(0) > 0x39 || validMonthAt(text, j + 1))) return { kind: "short-year", start: i, end: j, value: Number(text.slice(i, j)) };
    return undefined;
  }
  if (length <= 2 && (after === MONTH || isBlank(after))) {
    MONTH_DAY.lastIndex = i;
    const m = MONTH_DAY.exec(text);
    if (m === null) return undefined;
    const month = Number(m[1]);
    const day = m[2] === undefined ? undefined : Number(m[2]);
    // Any year will do for the day's range: 2月29日 is a date in leap years.
    if (month < 1 || month > 12 || (day !== undefined && !isCalendarDate(2024, month, day))) return undefined;
    const leadingZeros = (m[1].length === 2 && m[1][0] === "0") || (m[2] !== undefined && m[2].length === 2 && m[2][0] === "0");
    return { kind: "month-day", start: i, end: i + m[0].length, month, day, leadingZeros };
  }
  return undefined;
}

function validMonthAt(text: string, at: number): boolean {
  let k = at;
  while (isBlank(text.charCodeAt(k))) k++;
  let value = 0;
  let digits = 0;
  while (isDigit(text.charCodeAt(k)) && digits < 3) {
    value = value * 10 + text.charCodeAt(k) - 0x30;
    digits++;
    k++;
  }
  return digits > 0 && digits <= 2 && value >= 1 && value <= 12;
}

/**
 * A range joined by the hyphen at h: "2023-2024年", "2023年-2024年", "1-6月", "17日-19日",
 * "1月1日-10月28日", "2023年10月-2024年3月". Returns the hyphen's span with any blanks around it.
 */
function rangeAt(text: string, h: number): RangeToken | undefined {
  // Left: [blanks] [unit] digits.
  let k = h - 1;
  while (k >= 0 && isBlank(text.charCodeAt(k))) k--;
  const leftEnd = k + 1;
  let leftUnit = 0;
  const u = text.charCodeAt(k);
  if (u === YEAR || u === MONTH || u === DAY) {
    leftUnit = u;
    k--;
  }
  const digitsEnd = k + 1;
  while (k >= 0 && isDigit(text.charCodeAt(k))) k--;
  const digitsStart = k + 1;
  if (digitsEnd - digitsStart < 1 || digitsEnd - digitsStart > 4) return undefined;
  const before = k >= 0 ? text.charCodeAt(k) : 0;
  if (isCodeJoiner(before) || isRangeHyphen(before) || (k >= 0 && NUMBER_BEFORE.includes(text[k]))) return undefined;
  // Right: [blanks] digits unit.
  let r = h + 1;
  while (r < text.length && isBlank(text.charCodeAt(r))) r++;
  const rightStart = r;
  while (r < text.length && isDigit(text.charCodeAt(r))) r++;
  if (r - rightStart < 1 || r - rightStart > 4) return undefined;
  let rightUnit = text.charCodeAt(r);
  if (rightUnit === XUE && text.charCodeAt(r + 1) === YEAR) rightUnit = YEAR;
  if (rightUnit !== YEAR && rightUnit !== MONTH && rightUnit !== DAY) return undefined;
  const left = Number(text.slice(digitsStart, digitsEnd));
  const right = Number(text.slice(rightStart, r));
  const unit = rangeUnit(left, leftUnit, right, rightUnit, r - rightStart, before === MONTH);
  if (unit === undefined) return undefined;
  return { kind: "range", start: leftEnd, end: rightStart, dash: text[h], unit, standard: isRangeMark(text.charCodeAt(h)) };
}

/** `afterMonth`: the left number follows 月 ("3月1-5日"). */
function rangeUnit(left: number, leftUnit: number, right: number, rightUnit: number, rightDigits: number, afterMonth: boolean): RangeToken["unit"] | undefined {
  if (rightUnit === YEAR) {
    if ((leftUnit === 0 || leftUnit === YEAR) && isPlausibleYear(left) && isPlausibleYear(right) && left < right && right - left <= 100) return "year";
    // 2023年10月-2024年3月, 2023年12月1日-2024年1月31日
    if (leftUnit === MONTH && left >= 1 && left <= 12 && rightDigits === 4 && isPlausibleYear(right)) return "date";
    if (leftUnit === DAY && left >= 1 && left <= 31 && rightDigits === 4 && isPlausibleYear(right)) return "date";
    return undefined;
  }
  if (rightUnit === MONTH) {
    if ((leftUnit === 0 || leftUnit === MONTH) && left >= 1 && right <= 12 && left < right) return "month";
    if (leftUnit === DAY && left >= 1 && left <= 31 && right >= 1 && right <= 12) return "date";
    return undefined;
  }
  // Days only within a month ("3月1-5日", "17日-19日"): "3-5日内" counts days, a numeric range.
  if ((leftUnit === DAY || (leftUnit === 0 && afterMonth)) && left >= 1 && right <= 31 && left < right) return "day";
  return undefined;
}

/** At a Chinese digit four characters before 年: a year written with 零/○ and the full date it may start. */
function chineseAt(text: string, i: number): AnyDateToken[] {
  const year = parseChineseYearAt(text, i);
  if (year === undefined) return NO_TOKENS;
  const out: AnyDateToken[] = [];
  const zeros: number[] = [];
  for (let k = i; k < i + 4; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x96f6 || c === 0x25cb || c === 0xff2f) zeros.push(k); // 零 ○ Ｏ
  }
  if (zeros.length > 0) out.push({ kind: "chinese-year", start: i, end: i + 5, year, zeros });
  const date = parseDateAt(text, i);
  if (date !== undefined) out.push({ kind: "date", start: i, end: i + date.length, date, foreign: false });
  return out;
}

/** A date in its standard form: of use only to check a weekday beside it. */
function isStandard(t: AnyDateToken): boolean {
  return (t.kind === "date" && (t.date.form === "chinese" || (t.date.form === "ymd" && !t.date.leadingZeros))) || (t.kind === "month-day" && !t.leadingZeros);
}

function mayNameWeekday(text: string): boolean {
  return text.includes("星") || text.includes("周");
}

function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isCjk(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A numeric date that is not in Chinese running text: in a line without Chinese, next to a
 * Latin word, after a version mark (V, 版本), or the date of a timestamp with seconds.
 */
function isForeign(text: string, start: number, end: number, cjkLine: boolean): boolean {
  if (!cjkLine) return true;
  let k = start - 1;
  while (k >= 0 && (isBlank(text.charCodeAt(k)) || "([{\"'：:".includes(text[k]))) k--;
  if (k >= 0 && isLatinLetter(text.charCodeAt(k))) return true;
  if (k >= 1 && (text.slice(k - 1, k + 1) === "版本" || text.slice(k - 1, k + 1) === "本号")) return true;
  let r = end;
  while (r < text.length && (isBlank(text.charCodeAt(r)) || ")]}\"',".includes(text[r]))) r++;
  if (r < text.length && isLatinLetter(text.charCodeAt(r))) return true; // also the T of 2024-03-05T10:30
  return /^\s+\d{1,2}:\d{2}:\d{2}/.test(text.slice(end, end + 12));
}
