// Dates as 公文 write them: the standard form 2024年3月5日, and the other forms drafts use
// (Chinese numerals, leading zeros, 2024.3.5, 2024-03-05, 2024/3/5). Shared by the model's
// sign-off detection, the line scan for dates (date-tokens.ts) and the date rules.

export type DateForm =
  /** 2024年3月5日 (Arabic numerals with 年月日; leadingZeros tells whether 03月 or 05日 occur). */
  | "ymd"
  /** 二〇二四年三月五日 (also with 零 or ○ for zero). */
  | "chinese"
  /** 2024.3.5, 2024-03-05, 2024/3/5 (separator in `separator`). */
  | "numeric";

export interface ParsedDate {
  year: number;
  month: number;
  /** Absent for a month-only date (2024年3月). */
  day?: number;
  form: DateForm;
  /** "." "-" "/" for numeric dates. */
  separator?: string;
  /** A month or day written with a leading zero (03月, 2024-03-05). */
  leadingZeros: boolean;
  /** Length of the matched text. */
  length: number;
}

// Sticky: each is tried at one offset of a line without slicing the line.
const ARABIC_YMD = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/y;
const NUMERIC = /(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d.])/y;
const WHITE = /\s/;
const CN_YEAR_DIGITS = "〇零○Ｏ一二三四五六七八九";
const CHINESE_YMD = new RegExp(`([${CN_YEAR_DIGITS}]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?`, "y");
const CHINESE_YEAR = new RegExp(`[${CN_YEAR_DIGITS}]{4}(?=年)`, "y");

/** The date at offset `at` of `text` (the start by default), if one is there and it is a real calendar date. */
export function parseDateAt(text: string, at = 0): ParsedDate | undefined {
  const first = text.charCodeAt(at);
  if (first >= 0x30 && first <= 0x39) return parseArabicAt(text, at);
  CHINESE_YMD.lastIndex = at;
  const m = CHINESE_YMD.exec(text);
  if (m) {
    const year = chineseYearValue(m[1]);
    const month = smallChineseNumber(m[2]);
    const day = m[3] === undefined ? undefined : smallChineseNumber(m[3]);
    if (month === undefined || (m[3] !== undefined && day === undefined)) return undefined;
    return checked({ year, month, day, form: "chinese", leadingZeros: false, length: m[0].length });
  }
  return undefined;
}

/** 2024年3月5日 or 2024.3.5 at `at`; what follows the four digits says which to try. */
function parseArabicAt(text: string, at: number): ParsedDate | undefined {
  const next = text.charCodeAt(at + 4);
  if (next === 0x2e || next === 0x2d || next === 0x2f) {
    NUMERIC.lastIndex = at;
    const m = NUMERIC.exec(text);
    if (!m) return undefined;
    const leadingZeros = isZeroPadded(m[3]) || isZeroPadded(m[4]);
    return checked({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), form: "numeric", separator: m[2], leadingZeros, length: m[0].length });
  }
  if (next !== 0x5e74 && !WHITE.test(text.charAt(at + 4))) return undefined; // 年, or blanks before it
  ARABIC_YMD.lastIndex = at;
  const m = ARABIC_YMD.exec(text);
  if (m) {
    const day = m[3] === undefined ? undefined : Number(m[3]);
    const leadingZeros = isZeroPadded(m[2]) || (m[3] !== undefined && isZeroPadded(m[3]));
    return checked({ year: Number(m[1]), month: Number(m[2]), day, form: "ymd", leadingZeros, length: m[0].length });
  }
  return undefined;
}

/** A line's content that is nothing but one date (a sign-off date, a 成文日期). */
export function parseWholeDate(content: string): ParsedDate | undefined {
  const date = parseDateAt(content);
  return date && date.length === content.length ? date : undefined;
}

/** A year in four Chinese digits before 年 at `at` ("二〇二四", also with 零 ○ Ｏ for zero): its value, or undefined. */
export function parseChineseYearAt(text: string, at: number): number | undefined {
  CHINESE_YEAR.lastIndex = at;
  const m = CHINESE_YEAR.exec(text);
  if (!m) return undefined;
  const year = chineseYearValue(m[0]);
  return isPlausibleYear(year) ? year : undefined;
}

/** Years a document of ours may name: the calendar years the parser accepts. */
export function isPlausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** Whether year-month-day is a real calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return isPlausibleYear(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function checked(date: ParsedDate): ParsedDate | undefined {
  if (!isPlausibleYear(date.year) || date.month < 1 || date.month > 12) return undefined;
  if (date.day !== undefined && (date.day < 1 || date.day > daysInMonth(date.year, date.month))) return undefined;
  return date;
}

function isZeroPadded(digits: string): boolean {
  return digits.length === 2 && digits.charCodeAt(0) === 0x30;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day of the week, 0 = Sunday … 6 = Saturday (proleptic Gregorian calendar). */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The standard form GB/T 9704-2012 writes a date in: 2024年3月5日 (2024年3月 without a day). */
export function standardDateText(year: number, month: number, day?: number): string {
  return day === undefined ? `${year}年${month}月` : `${year}年${month}月${day}日`;
}

function chineseYearValue(digits: string): number {
  let year = 0;
  for (const ch of digits) year = year * 10 + cnDigit(ch);
  return year;
}

function cnDigit(ch: string): number {
  const i = "〇一二三四五六七八九".indexOf(ch);
  return i >= 0 ? i : 0; // 零 ○ Ｏ are zero too
}

/** 一 … 三十一 as months and days write them. */
function smallChineseNumber(text: string): number | undefined {
  if (text === "十") return 10;
  const ten = text.indexOf("十");
  if (ten < 0) return text.length === 1 ? cnDigit(text) || undefined : undefined;
  const tens = ten === 0 ? 1 : cnDigit(text[0]);
  const ones = ten === text.length - 1 ? 0 : cnDigit(text[ten + 1]);
  if (ten > 1 || text.length - ten > 2 || tens === 0) return undefined;
  return tens * 10 + ones;
}
