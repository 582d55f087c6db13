// date-format: dates in Chinese text as GB/T 9704 and GB/T 15835 write them (2024年3月5日):
// numeric forms and leading zeros, abbreviated years, 零 in a Chinese year, ranges joined by a
// hyphen, two years run together, and a 成文日期 in Chinese numerals.

import type { Line } from "../model/document";
import { standardDateText } from "../model/dates";
import { scanDateTokens, type AnyDateToken, type DateToken, type MonthDayToken, type RangeToken } from "../model/date-tokens";
import { defineRule, type Fix, type Message, type RuleContext, type TextEdit } from "../engine/rule";
import { dateTokensByLine, documentYears, fullYearOf, rangeMarkOf } from "./date-lines";

export default defineRule({
  id: "date-format",
  meta: {
    name: { zh: "日期写法", en: "date format" },
    description: { zh: "日期写法应规范：2024年3月5日（不用2024.3.5、2024-03-05、03月、24年，年份不用“零”，时间范围不用“-”）", en: "Dates written the standard way: 2024年3月5日 (not 2024.3.5, 2024-03-05, 03月 or 24年; 〇 not 零 in years; no hyphen in ranges)" },
    severity: "warning",
    fixable: true,
    tags: ["dates"],
  },
  defaultOptions: {},
  check(model, context) {
    const tokensOf = dateTokensByLine(model);
    const lines = model.lines;
    // The lines with date tokens, and each document's range marks (a compilation's documents each have their own).
    const dated: number[] = [];
    const marks = model.documents.map(() => ({ dash: 0, wave: 0 }));
    for (const line of lines) {
      const tokens = tokensOf(line);
      if (tokens.length === 0) continue;
      dated.push(line.index);
      for (const t of tokens) {
        if (t.kind !== "range" || !t.standard) continue;
        const m = marks[model.lineDocument[line.index]];
        if (t.dash === "～" || t.dash === "〜") m.wave++;
        else m.dash++;
      }
    }
    const rangeMarks = marks.map(rangeMarkOf);
    const years = new Map<number, number[]>();
    const yearsOf = (line: Line) => {
      const d = model.lineDocument[line.index];
      let list = years.get(d);
      if (list === undefined) years.set(d, (list = documentYears(model.documents[d])));
      return list;
    };
    const signOffs = new Set<number>();
    for (const doc of model.documents) {
      const date = doc.elements.date;
      if (date === undefined || date.date.form !== "chinese") continue;
      signOffs.add(date.line);
      const fixed = standardDateText(date.date.year, date.date.month, date.date.day);
      context.report({
        start: date.start,
        end: date.end,
        message: { zh: `成文日期应使用阿拉伯数字：“${date.text}”应为“${fixed}”（GB/T 9704-2012 7.3.5.4）`, en: `The date of a document (成文日期) is written in Arabic numerals: "${fixed}", not "${date.text}" (GB/T 9704-2012 7.3.5.4)` },
        fixes: [replaceFix(date.start, date.end, fixed)],
      });
    }
    // Tables that write every date one way (a column of 2024-03-05) are left as they are: each
    // table holding a dated line is judged once, as a whole.
    const tables = new TableStyles(lines, model.isMarkdown);
    for (const index of dated) {
      const line = lines[index];
      const quietStyle = tables.consistent(index);
      for (const t of tokensOf(line)) reportToken(context, line, t, { quietStyle, rangeMark: rangeMarks[model.lineDocument[index]], yearsOf, signOff: signOffs.has(index) });
    }
  },
});

/** Whether the table a line is in writes all its dates one way; found once per table. */
class TableStyles {
  /** Line index → whether its table is consistent, for the lines of tables already judged. */
  private readonly verdicts = new Map<number, boolean>();
  constructor(
    private readonly lines: readonly Line[],
    private readonly markdown: boolean,
  ) {}

  consistent(index: number): boolean {
    if (!isTableRow(this.lines[index])) return false;
    const known = this.verdicts.get(index);
    if (known !== undefined) return known;
    let from = index;
    while (from > 0 && isTableRow(this.lines[from - 1])) from--;
    let to = index;
    while (to + 1 < this.lines.length && isTableRow(this.lines[to + 1])) to++;
    const styles = new Set<string>();
    for (let k = from; k <= to; k++) {
      // Every date of the table, the standard ones too (the line scan leaves those out).
      for (const t of scanDateTokens(this.lines[k].text, this.markdown, true)) {
        const s = styleOf(t);
        if (s !== undefined) styles.add(s);
      }
    }
    const verdict = styles.size === 1;
    for (let k = from; k <= to; k++) this.verdicts.set(k, verdict);
    return verdict;
  }
}

interface TokenContext {
  /** In a table that writes its dates one way: forms and ranges are its style. */
  quietStyle: boolean;
  rangeMark: "—" | "～";
  yearsOf: (line: Line) => number[];
  /** The line is a 成文日期 in Chinese numerals, reported as a whole. */
  signOff: boolean;
}

function reportToken(context: RuleContext<object>, line: Line, t: AnyDateToken, c: TokenContext): void {
  const base = line.start;
  const text = line.text;
  switch (t.kind) {
    case "date": {
      if (c.quietStyle || t.foreign) return;
      if (t.date.form === "numeric") {
        const written = text.slice(t.start, t.end);
        const fixed = standardDateText(t.date.year, t.date.month, t.date.day);
        context.report({
          start: base + t.start,
          end: base + t.end,
          message: { zh: `日期应写作“${fixed}”，不写作“${written}”`, en: `Write the date as "${fixed}", not "${written}"` },
          fixes: [replaceFix(base + t.start, base + t.end, fixed)],
        });
      } else if (t.date.form === "ymd" && t.date.leadingZeros) reportZeros(context, line, t);
      return;
    }
    case "month-day":
      if (!c.quietStyle && t.leadingZeros) reportZeros(context, line, t);
      return;
    case "short-year": {
      if (c.quietStyle) return;
      const full = fullYearOf(t.value, c.yearsOf(line));
      if (full === undefined) return;
      const written = text.slice(t.start, t.end);
      const prefix = String(full).slice(0, 2);
      context.report({
        start: base + t.start,
        end: base + t.end + 1,
        message: { zh: `年份应写全称：“${written}年”应为“${full}年”`, en: `Write the year in full: "${full}年", not "${written}年"` },
        fixes: [{ title: { zh: `改为“${full}年”`, en: `Change to "${full}年"` }, edits: [{ start: base + t.start, end: base + t.start, newText: prefix }], safe: true, preferred: true }],
      });
      return;
    }
    case "chinese-year": {
      if (c.signOff) return;
      const written = text.slice(t.start, t.end);
      let fixed = "";
      for (let k = t.start; k < t.end; k++) fixed += t.zeros.includes(k) ? "〇" : text[k];
      const wrong = [...new Set(t.zeros.map((k) => text[k]))].join("”“");
      const edits: TextEdit[] = t.zeros.map((k) => ({ start: base + k, end: base + k + 1, newText: "〇" }));
      context.report({
        start: base + t.start,
        end: base + t.end,
        message: { zh: `年份中的零应写作“〇”，不写作“${wrong}”：“${written}”应为“${fixed}”`, en: `Zero in a year written in Chinese numerals is 〇, not ${wrong}: "${fixed}"` },
        fixes: [{ title: { zh: `改为“${fixed}”`, en: `Change to "${fixed}"` }, edits, safe: true, preferred: true }],
      });
      return;
    }
    case "range":
      if (!t.standard && !c.quietStyle) reportRange(context, line, t, c.rangeMark);
      return;
    case "joined-years": {
      const first = text.slice(t.start, t.split);
      const second = text.slice(t.split, t.end);
      const fixed = `${first}${c.rangeMark}${second}`;
      context.report({
        start: base + t.start,
        end: base + t.end,
        message: { zh: `两个年份连写：“${first}${second}”应为“${fixed}”`, en: `Two years run together: "${fixed}", not "${first}${second}"` },
        fixes: [{ title: { zh: `改为“${fixed}”`, en: `Change to "${fixed}"` }, edits: [{ start: base + t.split, end: base + t.split, newText: c.rangeMark }], safe: true, preferred: true }],
      });
      return;
    }
  }
}

const RANGE_NAME: Record<RangeToken["unit"], Message> = {
  year: { zh: "年份范围", en: "A range of years" },
  month: { zh: "月份范围", en: "A range of months" },
  day: { zh: "日期范围", en: "A range of days" },
  date: { zh: "时间范围", en: "A range of dates" },
};

function reportRange(context: RuleContext<object>, line: Line, t: RangeToken, mark: "—" | "～"): void {
  const base = line.start;
  // An ASCII ~ was meant as the wave; a hyphen takes the document's own range mark.
  const replacement = t.dash === "~" ? "～" : mark;
  const written = t.dash;
  const name = RANGE_NAME[t.unit];
  context.report({
    start: base + t.start,
    end: base + t.end,
    message: { zh: `${name.zh}应使用“${replacement}”连接，不用“${written}”（GB/T 15834-2011 4.13）`, en: `${name.en} is joined by "${replacement}", not "${written}" (GB/T 15834-2011 4.13)` },
    fixes: [{ title: { zh: `改为“${replacement}”`, en: `Change to "${replacement}"` }, edits: [{ start: base + t.start, end: base + t.end, newText: replacement }], safe: true, preferred: true }],
  });
}

/** 03月05日 → 3月5日: the zeros are deleted, nothing else changes. */
function reportZeros(context: RuleContext<object>, line: Line, t: DateToken | MonthDayToken): void {
  const base = line.start;
  const text = line.text;
  const edits: TextEdit[] = [];
  let fixed = "";
  // The year (four digits) keeps its zeros; a month or day of two digits starting with 0 loses it.
  for (let k = t.start; k < t.end; ) {
    const c = text.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) {
      let j = k + 1;
      while (j < t.end && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      if (j - k === 2 && c === 0x30) {
        edits.push({ start: base + k, end: base + k + 1, newText: "" });
        fixed += text[k + 1];
      } else fixed += text.slice(k, j);
      k = j;
    } else fixed += text[k++];
  }
  if (edits.length === 0) return;
  const written = text.slice(t.start, t.end);
  context.report({
    start: base + t.start,
    end: base + t.end,
    message: { zh: `日期中的月、日不编虚位：“${written}”应为“${fixed}”`, en: `No leading zeros in months and days: "${fixed}", not "${written}"` },
    fixes: [{ title: { zh: `改为“${fixed}”`, en: `Change to "${fixed}"` }, edits, safe: true, preferred: true }],
  });
}

function replaceFix(start: number, end: number, text: string): Fix {
  return { title: { zh: `改为“${text}”`, en: `Change to "${text}"` }, edits: [{ start, end, newText: text }], safe: true, preferred: true };
}

/** A table row: Markdown or pasted "| … |", or a row of tab-separated cells. */
function isTableRow(line: Line): boolean {
  if (line.kind === "table") return true;
  if (line.kind !== "body") return false;
  const first = line.text.indexOf("\t", line.contentStart - line.start);
  return first >= 0 && first < line.contentEnd - line.start && line.text.indexOf("\t", first + 1) >= 0 && line.text.indexOf("\t", first + 1) < line.contentEnd - line.start;
}

/** How a table writes a date: the form, its separator and whether months and days are padded. */
function styleOf(t: AnyDateToken): string | undefined {
  if (t.kind === "date") return t.date.form === "chinese" ? "chinese" : `${t.date.form}${t.date.separator ?? ""}${t.date.leadingZeros ? "0" : ""}`;
  if (t.kind === "month-day" && t.day !== undefined) return `ymd${t.leadingZeros ? "0" : ""}`;
  return undefined;
}
