// The date reading the date rules build on: dates at any offset of a line, weekdays, the tokens
// one walk over a line finds (dates, ranges, abbreviated and Chinese years) and what it leaves
// alone, the years a title names, and hostile input.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDateAt, parseChineseYearAt, standardDateText, weekdayOf } from "../../server/src/model/dates";
import { scanDateTokens, type AnyDateToken } from "../../server/src/model/date-tokens";
import { titleYearsIn } from "../../server/src/model/title-years";
import { parseDocument } from "../../server/src/model/parse";
import { fullYearOf } from "../../server/src/rules/date-lines";
import { findDocNumbers } from "../../server/src/rules/doc-number-format";

/** Each token as "kind text" for readable assertions. */
function tokens(line: string, markdown = false): string[] {
  return scanDateTokens(line, markdown).map((t: AnyDateToken) => `${t.kind} ${line.slice(t.start, t.end)}${t.kind === "date" && t.foreign ? " (foreign)" : ""}`);
}

test("dates are read at an offset of a line, not only at its start", () => {
  const line = "会议于2024年3月5日召开";
  assert.equal(parseDateAt(line, 3)?.day, 5);
  assert.equal(parseDateAt(line, 3)?.length, 9);
  assert.equal(parseDateAt(line, 2), undefined);
  assert.equal(parseDateAt("见2024.3.5。", 1)?.separator, ".");
  assert.equal(parseChineseYearAt("于二零二四年", 1), 2024);
  assert.equal(parseChineseYearAt("三零二四年", 0), undefined, "year 3024 is no year of ours");
  assert.equal(standardDateText(2024, 3, 5), "2024年3月5日");
  assert.equal(standardDateText(2024, 3), "2024年3月");
});

test("weekdays of the Gregorian calendar", () => {
  assert.equal(weekdayOf(2024, 3, 5), 2, "a Tuesday");
  assert.equal(weekdayOf(2024, 2, 29), 4);
  assert.equal(weekdayOf(2000, 1, 1), 6);
  assert.equal(weekdayOf(1949, 10, 1), 6);
  assert.equal(weekdayOf(2023, 12, 31), 0);
});

test("a line's date tokens: the forms to correct", () => {
  assert.deepEqual(tokens("于2024.3.5、2024-03-05和2024/3/5召开"), ["date 2024.3.5", "date 2024-03-05", "date 2024/3/5"]);
  assert.deepEqual(tokens("2024年03月05日，03月05日"), ["date 2024年03月05日", "month-day 03月05日"]);
  assert.deepEqual(tokens("24年3月，23年底"), ["short-year 24", "short-year 23"]);
  assert.deepEqual(tokens("二零二四年三月五日"), ["chinese-year 二零二四年"]);
  assert.deepEqual(tokens("2023-2024年度，1-6月，3月1-5日"), ["range -", "range -", "range -"]);
  assert.deepEqual(tokens("20242025学年"), ["joined-years 20242025"]);
  assert.deepEqual(tokens("1月1日-10月28日"), ["range -"]);
  assert.deepEqual(tokens("于2024.1.1-2024.12.31开展"), ["date 2024.1.1", "date 2024.12.31"], "a range of numeric dates: both dates, the hyphen once they are fixed");
});

test("dates in the standard form are kept only where a weekday may stand beside them", () => {
  assert.deepEqual(tokens("2024年3月5日召开，3月8日结束"), []);
  assert.deepEqual(tokens("2024年3月5日（星期二）至3月8日（周五）"), ["date 2024年3月5日", "month-day 3月8日"]);
  assert.deepEqual(tokens("二〇二四年三月五日星期二"), ["date 二〇二四年三月五日"]);
  assert.deepEqual(tokens("二零二四年三月五日星期二"), ["chinese-year 二零二四年", "date 二零二四年三月五日"]);
});

test("a line's date tokens: what is not a date to correct", () => {
  for (const line of ["会议10:30开始", "电话0551-62345678", "3-5日内完成", "1-2年", "近10年来", "满15年3月", "表1-6月数据", "第1-3月", "（2023年3-4合刊）", "GB/T 15834-2011", "SN-2024-03-05", "2024-03-05-001", "1.2024.3.5", "增长1.5亿元", "18-35岁", "版本号2024.3.5"]) {
    const found = scanDateTokens(line, false).filter((t) => t.kind !== "month-day" && !(t.kind === "date" && t.foreign));
    assert.deepEqual(found, [], line);
  }
  assert.deepEqual(tokens("released 2024-03-05 in v1.2"), ["date 2024-03-05 (foreign)"]);
  assert.deepEqual(tokens("时间戳2024-03-05 10:30:00"), ["date 2024-03-05 (foreign)"]);
  assert.deepEqual(tokens("见https://example.com/2024-03-05/a.html，2024-03-05纪要.docx"), []);
  assert.deepEqual(tokens("运行`date 2024-03-05`即可", true), []);
  assert.deepEqual(tokens("运行`date 2024-03-05`即可", false), ["date 2024-03-05 (foreign)"], "backticks are literal in Markdown only");
  assert.deepEqual(tokens("2023—2024年、1～6月"), ["range —", "range ～"], "standard range marks are read (a document's own choice)");
  assert.ok(scanDateTokens("2023—2024年", false).every((t) => t.kind !== "range" || t.standard));
});

test("hostile and huge date-like input never throws", () => {
  const lines = [
    "9".repeat(100_000),
    "2024-".repeat(20_000),
    "2024.3.5-".repeat(10_000),
    "二零".repeat(50_000) + "年",
    "年月日".repeat(30_000),
    "1-".repeat(50_000) + "月",
    "〔2024〕".repeat(10_000) + "5号",
    "国发[" + " ".repeat(50_000) + "2024]5号",
    "2024" + " ".repeat(50_000) + "年3月",
    "\uD800年2024年3月5日\uDC00（星期\uD800）",
  ];
  for (const line of lines) {
    assert.doesNotThrow(() => scanDateTokens(line, true));
    assert.doesNotThrow(() => findDocNumbers(line, false));
  }
  const model = parseDocument({ text: lines.join("\n") });
  assert.ok(model.lines.length === lines.length);
});

test("the years a title names and what it says of them", () => {
  const of = (title: string) => titleYearsIn(title).map((y) => `${y.year} ${y.kind}${y.partial ? " part" : ""}`);
  assert.deepEqual(of("区统计局2024年工作计划"), ["2024 plan"]);
  assert.deepEqual(of("2023年工作总结及2024年工作计划"), ["2023 summary", "2024 plan"]);
  assert.deepEqual(of("区人社局2023年度工作总结及2024年度工作计划"), ["2023 summary", "2024 plan"]);
  assert.deepEqual(of("市民政局2023年“两纲”工作总结和2024年工作计划"), ["2023 summary", "2024 plan"]);
  assert.deepEqual(of("市民政局2023年第二季度民政工作计划"), ["2023 plan part"]);
  assert.deepEqual(of("关于开展2024年安全生产月活动的通知"), ["2024 other"]);
  assert.deepEqual(of("2023—2024学年工作计划"), [], "a span of years: neither alone");
  assert.deepEqual(of("“十四五”规划实施方案"), []);
});

test("a two-digit year is read only where the document makes the century certain", () => {
  assert.equal(fullYearOf(24, [2024]), 2024);
  assert.equal(fullYearOf(98, [2003]), 1998);
  assert.equal(fullYearOf(40, [2024]), undefined);
  assert.equal(fullYearOf(24, []), undefined);
});
