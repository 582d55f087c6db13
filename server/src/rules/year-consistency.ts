// year-consistency: a plan or summary is about the year its title names. A heading about another
// year's plans, a sign-off dated a year that cannot be the document's, a sentence that speaks of
// a past year as the future or of the plan's own year as the past: each points at text copied
// from an older document. A hint: it points, the writer decides.

import type { DocumentModel, Heading, Line, SubDocument, TitleYear } from "../model/document";
import { titleYearsIn } from "../model/title-years";
import { DATE_WORD, DIGIT } from "../model/char-classes";
import { defineRule, type Message, type RelatedLocation, type RuleContext } from "../engine/rule";
import { LineMemo } from "../engine/memo";

/** A heading that is about a year's plans or its review ends with the word that says so. */
const PLAN_HEADING = /(?:计划|打算|安排|思路|要点|目标任务|部署)(?:如下)?[：:]?$/;
const SUMMARY_HEADING = /(?:总结|回顾|完成情况|开展情况|工作情况)[：:]?$/;
/**
 * After a year opening a sentence, what says it is yet to come: 将 followed by a verb or an
 * adverb of intent (将 before a noun is 把 and narrates the past), 力争, 争取, 拟.
 */
const FUTURE_CLAUSE = /[，,]?[^。；！？]{0,30}?(?:将(?:要|会|继续|进一步|着力|持续|坚持|重点|全力|围绕|大力|加快|深入|切实|积极|全面|不断|紧紧|聚焦|始终|努力|扎实|按照|认真|严格)|力争|争取|拟(?=[\u4e00-\u9fff]))/y;
/** After a year opening a sentence, what reports it as done ("2024年，全区完成了……"). */
const PAST_CLAUSE = /[，,][^。；！？]{0,30}?(?:取得|完成|实现|达到|建成|获得)了/y;
/** Words right after "2023年" that make it part of the year, not the year itself: 年底, 年以来, 上半年 … */
const NOT_WHOLE_YEAR = "底初末中以前后内上下";

/** A year a sentence speaks of as still to come, or as already done. */
interface YearClause {
  year: number;
  kind: "future" | "past";
  /** Relative to the line: the year's first digit and the end of the words that say so. */
  start: number;
  end: number;
}

const NO_CLAUSES: YearClause[] = [];
const clauseMemo = new LineMemo<YearClause[]>();

/** The year clauses of one line: found at each 年 with four digits before it. */
export function yearClauses(text: string): YearClause[] {
  let out: YearClause[] | undefined;
  for (let k = text.indexOf("年", 4); k >= 0; k = text.indexOf("年", k + 1)) {
    const d0 = k - 4;
    const year = yearAt(text, d0);
    if (year < 0 || (d0 > 0 && isDigit(text.charCodeAt(d0 - 1)))) continue;
    // "将于2023年", "力争在2023年": the year something is yet to be done in.
    if (d0 >= 2 && "于在到".includes(text[d0 - 1]) && ("将拟".includes(text[d0 - 2]) || (d0 >= 3 && (text.startsWith("力争", d0 - 3) || text.startsWith("争取", d0 - 3))))) {
      (out ??= []).push({ year, kind: "future", start: d0, end: k + 1 });
      continue;
    }
    // Otherwise only a year opening a sentence ("2023年，我们将……", "在2023年，……").
    let b = d0;
    if (b > 0 && (text[b - 1] === "在" || text[b - 1] === "于")) b--;
    while (b > 0 && isBlankChar(text.charCodeAt(b - 1))) b--;
    if (b > 0 && !"。；！？".includes(text[b - 1])) continue;
    let after = k + 1;
    if (text[after] === "度") after++;
    if (NOT_WHOLE_YEAR.includes(text[after] ?? "。")) continue;
    FUTURE_CLAUSE.lastIndex = after;
    if (FUTURE_CLAUSE.test(text)) {
      (out ??= []).push({ year, kind: "future", start: d0, end: FUTURE_CLAUSE.lastIndex });
      continue;
    }
    PAST_CLAUSE.lastIndex = after;
    if (PAST_CLAUSE.test(text)) (out ??= []).push({ year, kind: "past", start: d0, end: PAST_CLAUSE.lastIndex });
  }
  return out ?? NO_CLAUSES;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isBlankChar = (c: number) => c === 0x20 || c === 0x3000 || c === 0x09 || c === 0xa0;

/** The four-digit number at `at`, or -1. */
function yearAt(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + c - 0x30;
  }
  return value;
}

export default defineRule({
  id: "year-consistency",
  meta: {
    name: { zh: "年份与标题不符", en: "year not matching the title" },
    description: { zh: "正文中的年份应与标题所述年份一致（工作计划、工作总结）", en: "Years in a plan or summary agree with the year its title names" },
    severity: "hint",
    fixable: false,
    tags: ["dates", "years"],
  },
  defaultOptions: {},
  check(model, context) {
    const checks = new Map<number, DocumentCheck>();
    for (const doc of model.documents) {
      const plans = doc.titleYears.filter((y) => y.kind === "plan").map((y) => y.year);
      const summaries = doc.titleYears.filter((y) => y.kind === "summary").map((y) => y.year);
      if (plans.length === 0 && summaries.length === 0) continue;
      const check = new DocumentCheck(model, context, doc, plans, summaries, titleRelated(model, doc));
      checks.set(doc.index, check);
      check.signOff();
    }
    if (checks.size === 0) return;
    for (const h of model.headings) checks.get(h.document)?.heading(h);
    const table = clauseMemo.table(model.uri, model.lines);
    for (const line of model.lines) {
      if ((line.kind !== "body" && line.kind !== "heading") || (line.facts.chars & (DIGIT | DATE_WORD)) !== (DIGIT | DATE_WORD)) continue;
      const check = checks.get(model.lineDocument[line.index]);
      if (check === undefined || !check.inBody(line.index)) continue;
      let clauses = table.get(line.index);
      if (clauses === undefined) {
        clauses = yearClauses(line.text);
        table.set(line.index, clauses);
      }
      for (const c of clauses) check.clause(line, c);
    }
  },
});

class DocumentCheck {
  private readonly earliest: number;
  /** A whole-year plan only: the plan's own year cannot be narrated as done. */
  private readonly wholeYearPlan: boolean;

  constructor(
    private readonly model: DocumentModel,
    private readonly context: RuleContext<object>,
    private readonly doc: SubDocument,
    private readonly plans: number[],
    private readonly summaries: number[],
    private readonly title: RelatedLocation,
  ) {
    this.earliest = Math.min(...doc.titleYears.map((y) => y.year));
    this.wholeYearPlan = summaries.length === 0 && doc.titleYears.every((y: TitleYear) => !y.partial);
  }

  /** "三、2023年工作打算" in a 2024 plan; "一、2022年工作总结" in a 2023 summary. */
  heading(h: Heading): void {
    if (!h.text.includes("年")) return;
    for (const y of titleYearsIn(h.text)) {
      const plan = y.kind === "plan" && PLAN_HEADING.test(h.text);
      const summary = y.kind === "summary" && SUMMARY_HEADING.test(h.text);
      if (!plan && !summary) continue;
      // A part of a year ("2023年上半年工作总结", "下半年工作打算") may plan the rest of the same year.
      const partial = y.partial || this.doc.titleYears.some((t) => t.partial);
      const fits = plan
        ? this.plans.length > 0 ? this.plans.includes(y.year) : this.summaries.some((s) => y.year === s + 1 || (partial && y.year === s))
        : this.summaries.length > 0 ? this.summaries.includes(y.year) : this.plans.some((p) => y.year === p - 1 || y.year === p);
      if (fits) continue;
      const line = this.model.lines[h.line];
      const at = line.text.indexOf(h.text, h.marker.end - line.start);
      this.report(at >= 0 ? line.start + at : h.marker.end, h.textEnd, {
        zh: `标题为“${this.doc.title}”，此处却是${y.year}年的${plan ? "工作安排" : "工作总结"}，年份可能沿用了旧稿`,
        en: `The title is "${this.doc.title}", but this heading ${plan ? "plans" : "reviews"} ${y.year}: a leftover from an older text?`,
      });
    }
  }

  /** A sign-off (or 印发) date no plan or summary of the title's years can carry. */
  signOff(): void {
    const allowed = new Set<number>();
    for (const p of this.plans) allowed.add(p - 1).add(p);
    for (const s of this.summaries) allowed.add(s).add(s + 1);
    const dates = [this.doc.elements.date, this.doc.elements.colophon?.issueDate].filter((d) => d !== undefined);
    for (const d of dates) {
      if (allowed.has(d.date.year)) continue;
      const written = this.model.text.slice(d.start, d.end);
      this.report(d.start, d.end, {
        zh: `日期“${written}”与标题“${this.doc.title}”的年份不符`,
        en: `The date "${written}" cannot belong to "${this.doc.title}"`,
      });
    }
  }

  /** Lines after the title and up to the end of the body are the document's text. */
  inBody(line: number): boolean {
    return line > this.doc.titleLine && line >= this.doc.startLine && line <= this.doc.bodyEndLine;
  }

  /** A year before the title's spoken of as the future; a whole-year plan's own year reported as done. */
  clause(line: Line, c: YearClause): void {
    const title = this.doc.title;
    if (c.kind === "future" && c.year < this.earliest) {
      this.report(line.start + c.start, line.start + c.end, {
        zh: `标题为“${title}”，此句却把${c.year}年当作将来来写，年份可能沿用了旧稿`,
        en: `The title is "${title}", but this sentence speaks of ${c.year} as the future: a leftover from an older text?`,
      });
    } else if (c.kind === "past" && this.wholeYearPlan && this.plans.includes(c.year)) {
      this.report(line.start + c.start, line.start + c.end, {
        zh: `标题为“${title}”，此句却把${c.year}年当作过去来写，内容可能沿用了旧稿`,
        en: `The title is "${title}", but this sentence reports ${c.year} as done: a leftover from an older text?`,
      });
    }
  }

  private report(start: number, end: number, message: Message): void {
    this.context.report({ start, end, message, related: [this.title] });
  }
}

function titleRelated(model: DocumentModel, doc: SubDocument): RelatedLocation {
  const line = model.lines[doc.titleLine];
  return { start: line.contentStart, end: line.contentEnd, message: { zh: `标题：${doc.title}`, en: `Title: ${doc.title}` } };
}
