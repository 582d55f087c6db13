// date-weekday: a weekday given with a date must be that date's weekday (2024年3月5日（星期二）).

import type { DocumentModel, Line } from "../model/document";
import { weekdayOf } from "../model/dates";
import { WEEKDAY_WORD } from "../model/char-classes";
import type { AnyDateToken } from "../model/date-tokens";
import { defineRule, type Fix, type RuleContext } from "../engine/rule";
import { dateTokensByLine, documentYears } from "./date-lines";

const NAMES = "日一二三四五六";
const NAMES_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** A weekday right after a date: "（星期二）", "(周二)", " 星期二", "，星期二". */
const WEEKDAY_AFTER = /[\s\u3000]*(?:[（(][\s\u3000]*|，[\s\u3000]*)?(星期|周)([一二三四五六日天])(?!年)/y;

export default defineRule({
  id: "date-weekday",
  meta: {
    name: { zh: "星期与日期不符", en: "weekday not matching its date" },
    description: { zh: "日期后所注星期应与日期相符", en: "A weekday given with a date is that date's weekday" },
    severity: "warning",
    fixable: true,
    tags: ["dates"],
  },
  defaultOptions: {},
  check(model, context) {
    const tokensOf = dateTokensByLine(model);
    const contexts = new Map<number, YearContext>();
    for (const line of model.lines) {
      if ((line.facts.chars & WEEKDAY_WORD) === 0) continue;
      const tokens = tokensOf(line);
      if (tokens.length === 0) continue;
      // A date without its year takes the year of the last full date before it on the line.
      let lineYear: number | undefined;
      for (const t of tokens) {
        if (t.kind !== "date" && t.kind !== "month-day") continue;
        const year = t.kind === "date" ? t.date.year : lineYear;
        if (t.kind === "date") lineYear = t.date.year;
        const day = t.kind === "date" ? t.date.day : t.day;
        const month = t.kind === "date" ? t.date.month : t.month;
        if (day === undefined || (t.kind === "date" && t.foreign)) continue;
        WEEKDAY_AFTER.lastIndex = t.end;
        const m = WEEKDAY_AFTER.exec(line.text);
        if (m === null) continue;
        const written = m[2] === "天" ? 0 : NAMES.indexOf(m[2]);
        const at = line.start + WEEKDAY_AFTER.lastIndex - 1;
        const word = m[1];
        if (year !== undefined) {
          const actual = weekdayOf(year, month, day);
          if (actual !== written) report(context, line, t, at, word, m[2], actual, `${year}年${month}月${day}日`, true);
          continue;
        }
        // No year on the line: the years the document is about decide, and only when none fits.
        const d = model.lineDocument[line.index];
        let c = contexts.get(d);
        if (c === undefined) contexts.set(d, (c = yearContext(model, d)));
        if (c.candidates.length === 0 || c.candidates.some((y) => weekdayOf(y, month, day) === written)) continue;
        const actual = c.primary === undefined ? undefined : weekdayOf(c.primary, month, day);
        report(context, line, t, at, word, m[2], actual, `${c.primary ?? c.candidates[0]}年${month}月${day}日`, false);
      }
    }
  },
});

interface YearContext {
  /** Years the date may be in: those the document is about, and the year either side. */
  candidates: number[];
  /** The one year a yearless date most likely is in (the sign-off's, or the title's only year). */
  primary?: number;
}

function yearContext(model: DocumentModel, index: number): YearContext {
  const doc = model.documents[index];
  const years = documentYears(doc);
  const candidates = new Set<number>();
  for (const y of years) for (const k of [y - 1, y, y + 1]) candidates.add(k);
  const primary = doc.elements.date?.date.year ?? (years.length === 1 ? years[0] : undefined);
  return { candidates: [...candidates], primary };
}

function report(
  context: RuleContext<object>,
  line: Line,
  t: AnyDateToken,
  at: number,
  word: string,
  writtenName: string,
  actual: number | undefined,
  dateText: string,
  certain: boolean,
): void {
  const writtenText = word + writtenName;
  const start = line.start + t.start;
  if (actual === undefined) {
    context.report({
      start,
      end: at + 1,
      message: { zh: `星期与日期不符：${dateText.replace(/^\d+年/, "")}在本文所涉年份都不是${writtenText}`, en: `Weekday and date disagree: ${dateText.replace(/^\d+年/, "")} is not a ${NAMES_EN[writtenName === "天" ? 0 : NAMES.indexOf(writtenName)]} in the years this document is about` },
    });
    return;
  }
  const right = word + NAMES[actual];
  const fix: Fix = { title: { zh: `改为“${right}”`, en: `Change to "${right}"` }, edits: [{ start: at, end: at + 1, newText: NAMES[actual] }], safe: false, preferred: true };
  context.report({
    start,
    end: at + 1,
    message: certain
      ? { zh: `星期与日期不符：${dateText}是${right}，不是${writtenText}`, en: `Weekday and date disagree: ${dateText} is a ${NAMES_EN[actual]}, not "${writtenText}"` }
      : { zh: `星期与日期不符：${dateText}是${right}，不是${writtenText}（年份按本文推定）`, en: `Weekday and date disagree: ${dateText} (year taken from the document) is a ${NAMES_EN[actual]}, not "${writtenText}"` },
    fixes: [fix],
  });
}
