// doc-number-format: a 发文字号 as GB/T 9704-2012 7.2.5 writes it, X政发〔2024〕5号 — the year in
// full inside 〔〕, the number without 第 and without leading zeros, no spaces — wherever one
// appears: the 版头 line above the title, or a citation "（国发〔2022〕22号）".

import type { Line } from "../model/document";
import { ASCII_BRACKET, DIGIT, HALF_WIDTH_PUNCTUATION, NUMBER_SIGN, PAIRED_MARK } from "../model/char-classes";
import { literalSpans, overlapsSpans } from "../model/literal-spans";
import { LineMemo } from "../engine/memo";
import { defineRule, type Message } from "../engine/rule";
import { documentYears, fullYearOf } from "./date-lines";

/**
 * The bracketed year and the number of a 文号, after an organisation code (a Han character or a
 * Latin letter, possibly a space away): 〔2024〕5号, [2024]5号, 【2024】第05号, （2024） 5 号 …
 */
const DOC_NUMBER = /(?<=[\u4e00-\u9fffA-Za-z])([ \u3000]*)([〔［[【〈（(])[ \u3000]*(\d{2,4})[ \u3000]*([〕］\]】〉）)])([ \u3000]*)(第?)[ \u3000]*(\d{1,5})([ \u3000]*)号/g;
/**
 * Organisation codes end like these before a year in round brackets ("国发（2022）22号"); other
 * text before "（2024）5号" is as likely a heading or a lot number ("工程（2024）3号标段").
 */
const CODE_ENDINGS = "发函字办复通令报呈规纪电批示决";

interface Hit {
  /** Relative to the line: from the bracket (or the blanks before it) to 号. */
  start: number;
  end: number;
  year: string;
  number: string;
  problems: Array<"brackets" | "di" | "zeros" | "blanks" | "year">;
}

const NO_HITS: Hit[] = [];
const memo = { plain: new LineMemo<Hit[]>(), markdown: new LineMemo<Hit[]>() };

const PROBLEM_TEXT: Record<Hit["problems"][number], Message> = {
  brackets: { zh: "年份用六角括号“〔〕”括入", en: "the year in 〔〕" },
  year: { zh: "年份标全称", en: "the year in full" },
  di: { zh: "顺序号不加“第”字", en: "no 第 before the number" },
  zeros: { zh: "顺序号不编虚位", en: "no leading zeros in the number" },
  blanks: { zh: "不留空格", en: "no spaces" },
};

export default defineRule({
  id: "doc-number-format",
  meta: {
    name: { zh: "发文字号写法", en: "document number format" },
    description: { zh: "发文字号应写作“X政发〔2024〕5号”：年份用六角括号、标全称，顺序号不加“第”、不编虚位", en: "Document numbers (发文字号) are written like X政发〔2024〕5号: the full year in 〔〕, no 第, no leading zeros" },
    severity: "warning",
    fixable: true,
    tags: ["document-number"],
  },
  defaultOptions: {},
  check(model, context) {
    const table = (model.isMarkdown ? memo.markdown : memo.plain).table(model.uri, model.lines);
    for (const line of model.lines) {
      const chars = line.facts.chars;
      if ((chars & NUMBER_SIGN) === 0 || (chars & DIGIT) === 0 || (chars & (PAIRED_MARK | ASCII_BRACKET | HALF_WIDTH_PUNCTUATION)) === 0 || !isScanned(line)) continue;
      let hits = table.get(line.index);
      if (hits === undefined) {
        hits = findDocNumbers(line.text, model.isMarkdown);
        table.set(line.index, hits);
      }
      for (const hit of hits) {
        let year = hit.year;
        let certain = true;
        if (hit.problems.includes("year")) {
          const full = fullYearOf(Number(year), documentYears(model.documents[model.lineDocument[line.index]]));
          certain = full !== undefined;
          if (full !== undefined) year = String(full);
        }
        const fixed = `〔${year}〕${Number(hit.number)}号`;
        const written = line.text.slice(hit.start, hit.end).trimStart();
        const start = line.start + hit.end - written.length;
        const list = hit.problems.map((p) => PROBLEM_TEXT[p]);
        context.report({
          start,
          end: line.start + hit.end,
          message: {
            zh: `发文字号格式不规范：${list.map((m) => m.zh).join("，")}${certain ? `，应为“${fixed}”` : ""}（GB/T 9704-2012 7.2.5）`,
            en: `Document number not in the standard form: ${list.map((m) => m.en).join(", ")}${certain ? `: "${fixed}"` : ""} (GB/T 9704-2012 7.2.5)`,
          },
          // Expanding a two-digit year is an inference: offered, not applied by fix-all.
          fixes: certain ? [{ title: { zh: `改为“${fixed}”`, en: `Change to "${fixed}"` }, edits: [{ start: line.start + hit.start, end: line.start + hit.end, newText: fixed }], safe: !hit.problems.includes("year"), preferred: true }] : [],
        });
      }
    }
  },
});

function isScanned(line: Line): boolean {
  return line.kind !== "blank" && line.kind !== "code" && line.kind !== "front-matter" && line.kind !== "markup";
}

/** The 文号 of one line that are not in the standard form (relative offsets). */
export function findDocNumbers(text: string, markdown: boolean): Hit[] {
  let hits: Hit[] | undefined;
  let spans: number[] | undefined;
  DOC_NUMBER.lastIndex = 0;
  for (let m = DOC_NUMBER.exec(text); m !== null; m = DOC_NUMBER.exec(text)) {
    const [whole, before, open, year, close, afterBracket, di, number, beforeSign] = m;
    const bracketAt = m.index + before.length;
    const round = open === "（" || open === "(";
    if (round && (before.length > 0 || !CODE_ENDINGS.includes(text[m.index - 1]))) continue;
    if (year.length === 3 || (year.length === 4 && (Number(year) < 1900 || Number(year) > 2199))) continue;
    if (Number(number) === 0) continue;
    const problems: Hit["problems"] = [];
    if (open !== "〔" || close !== "〕") problems.push("brackets");
    if (year.length === 2) problems.push("year");
    if (di) problems.push("di");
    if (number.length > 1 && number[0] === "0") problems.push("zeros");
    const inner = whole.slice(before.length);
    if (before.length > 0 || afterBracket.length > 0 || beforeSign.length > 0 || /[ \u3000]/.test(inner)) problems.push("blanks");
    if (problems.length === 0) continue;
    spans ??= literalSpans(text, markdown);
    if (overlapsSpans(spans, bracketAt, m.index + whole.length)) continue;
    (hits ??= []).push({ start: m.index, end: m.index + whole.length, year, number, problems });
  }
  return hits ?? NO_HITS;
}
