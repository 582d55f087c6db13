// The years a document's title is about, and what it says about each: `2024年工作计划` plans
// 2024, `2023年工作总结及2024年工作计划` reviews 2023 and plans 2024. Read once per parse; the
// year and date rules judge the body against it.

import type { Line, SubDocument, TitleYear, TitleKind } from "./document";

const YEAR = /(\d{4})\s*年(?:度)?/g;
/** A span of years in the title ("2023—2024学年", "2021-2025年规划"): the title is about neither alone. */
const YEAR_SPAN = /\d{4}\s*年?\s*(?:[-－–—―~～〜至到]|\s)\s*\d{4}/;
const PLAN = /计划|打算|安排|要点|思路|方案|部署|规划|目标任务/;
const SUMMARY = /总结|回顾|述职|完成情况|工作情况|开展情况/;
/** Part of a year: a quarter, a half, a month. */
const PART = /季度|上半年|下半年|[一二三四五六七八九十\d]+月|月份|前三季度|年中/;

/** The years named in a title, with their kind, as offsets relative to the title text. */
export function titleYearsIn(title: string): Array<Omit<TitleYear, "start" | "end"> & { start: number; end: number }> {
  if (YEAR_SPAN.test(title)) return [];
  const found: Array<{ year: number; start: number; end: number }> = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(title); m !== null; m = YEAR.exec(title)) {
    const year = Number(m[1]);
    if (year < 1900 || year > 2199) continue;
    // A digit before the year is a longer number, not a year.
    if (m.index > 0 && /\d/.test(title[m.index - 1])) continue;
    found.push({ year, start: m.index, end: m.index + m[0].length });
  }
  return found.map((y, k) => {
    const segment = title.slice(y.end, k + 1 < found.length ? found[k + 1].start : title.length);
    const plan = PLAN.exec(segment);
    const summary = SUMMARY.exec(segment);
    let kind: TitleKind = "other";
    if (plan && (!summary || plan.index < summary.index)) kind = "plan";
    else if (summary) kind = "summary";
    const cut = kind === "plan" ? plan!.index : kind === "summary" ? summary!.index : segment.length;
    return { year: y.year, kind, partial: PART.test(segment.slice(0, cut)), start: y.start, end: y.end };
  });
}

/** Sets each document's titleYears (absolute offsets in the title line). */
export function findTitleYears(lines: Line[], documents: SubDocument[]): void {
  for (const doc of documents) {
    if (doc.titleLine < 0 || doc.title === "" || !/\d{4}/.test(doc.title)) {
      doc.titleYears = [];
      continue;
    }
    const line = lines[doc.titleLine];
    const offset = line.start + Math.max(0, line.text.indexOf(doc.title));
    doc.titleYears = titleYearsIn(doc.title).map((y) => ({ ...y, start: offset + y.start, end: offset + y.end }));
  }
}
