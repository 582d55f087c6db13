// year-consistency: a plan or summary is about the year its title names. A heading about another
// year's plans, a sign-off dated a year that cannot be the document's, a sentence that speaks of
// a past year as the future or of the plan's own year as the past: each points at text copied
// from an older document. A hint: it points, the writer decides.

import type { DocumentModel, Line, SubDocument, TitleYear } from "../model/document";
import { titleYearsIn } from "../model/title-years";
import { DATE_WORD, DIGIT } from "../model/char-classes";
import { defineRule, type Message, type RelatedLocation, type RuleContext } from "../engine/rule";

/** A heading that is about a year's plans or its review ends with the word that says so. */
const PLAN_HEADING = /(?:计划|打算|安排|思路|要点|目标任务|部署)(?:如下)?[：:]?$/;
const SUMMARY_HEADING = /(?:总结|回顾|完成情况|开展情况|工作情况)[：:]?$/;
/**
 * A sentence opening with a year and saying what will be done in it ("2023年，我们将继续……"):
 * 将 followed by a verb or an adverb of intent (将 before a noun is 把 and narrates the past).
 */
const FUTURE_SENTENCE = /(?:^|[。；！？])[\s\u3000]*(?:在|于)?(\d{4})\s*年(?:度)?(?![底初末中以前后内上下度])[，,]?[^。；！？]{0,30}?(?:将(?:要|会|继续|进一步|着力|持续|坚持|重点|全力|围绕|大力|加快|深入|切实|积极|全面|不断|紧紧|聚焦|始终|努力|扎实|按照|认真|严格)|力争|争取|拟(?=[\u4e00-\u9fff]))/g;
/** "将于2023年", "力争在2023年": the year something is yet to be done in. */
const FUTURE_BEFORE_YEAR = /(?:将|拟|力争|争取)(?:于|在|到)(\d{4})\s*年/g;
/** A sentence opening with a year and reporting what was done in it ("2024年，全区完成了……"). */
const PAST_SENTENCE = /(?:^|[。；！？])[\s\u3000]*(\d{4})\s*年(?:度)?[，,][^。；！？]{0,30}?(?:取得|完成|实现|达到|建成|获得)了/g;

export default defineRule({
  id: "year-consistency",
  meta: {
    description: { zh: "正文中的年份应与标题所述年份一致（工作计划、工作总结）", en: "Years in a plan or summary agree with the year its title names" },
    severity: "hint",
    fixable: false,
    tags: ["dates", "years"],
  },
  defaultOptions: {},
  check(model, context) {
    for (const doc of model.documents) {
      const plans = doc.titleYears.filter((y) => y.kind === "plan").map((y) => y.year);
      const summaries = doc.titleYears.filter((y) => y.kind === "summary").map((y) => y.year);
      if (plans.length === 0 && summaries.length === 0) continue;
      const title = titleRelated(model, doc);
      const check = new DocumentCheck(model, context, doc, plans, summaries, title);
      check.headings();
      check.signOff();
      check.sentences();
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
  headings(): void {
    for (const h of this.model.headings) {
      if (h.document !== this.doc.index || !/\d{4}/.test(h.text)) continue;
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

  /** Sentences about a year before the title's as the future, or about a plan's own year as the past. */
  sentences(): void {
    const { model, doc } = this;
    const from = doc.titleLine >= 0 ? doc.titleLine + 1 : doc.startLine;
    for (let i = from; i <= doc.bodyEndLine; i++) {
      const line = model.lines[i];
      if ((line.kind !== "body" && line.kind !== "heading") || (line.facts.chars & (DIGIT | DATE_WORD)) !== (DIGIT | DATE_WORD)) continue;
      const text = line.text;
      const seen = new Set<number>();
      const future = (re: RegExp) => {
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const year = Number(m[1]);
          if (year >= this.earliest || year < 1900) continue;
          const at = m.index + m[0].indexOf(m[1]);
          if (seen.has(at)) continue;
          seen.add(at);
          this.sentence(line, at, m.index + m[0].length, {
            zh: `标题为“${doc.title}”，此句却把${year}年当作将来来写，年份可能沿用了旧稿`,
            en: `The title is "${doc.title}", but this sentence speaks of ${year} as the future: a leftover from an older text?`,
          });
        }
      };
      future(FUTURE_SENTENCE);
      future(FUTURE_BEFORE_YEAR);
      if (!this.wholeYearPlan) continue;
      PAST_SENTENCE.lastIndex = 0;
      for (let m = PAST_SENTENCE.exec(text); m !== null; m = PAST_SENTENCE.exec(text)) {
        const year = Number(m[1]);
        if (!this.plans.includes(year)) continue;
        const at = m.index + m[0].indexOf(m[1]);
        this.sentence(line, at, m.index + m[0].length, {
          zh: `标题为“${doc.title}”，此句却把${year}年当作过去来写，内容可能沿用了旧稿`,
          en: `The title is "${doc.title}", but this sentence reports ${year} as done: a leftover from an older text?`,
        });
      }
    }
  }

  private sentence(line: Line, from: number, to: number, message: Message): void {
    this.report(line.start + from, line.start + to, message);
  }

  private report(start: number, end: number, message: Message): void {
    this.context.report({ start, end, message, related: [this.title] });
  }
}

function titleRelated(model: DocumentModel, doc: SubDocument): RelatedLocation {
  const line = model.lines[doc.titleLine];
  return { start: line.contentStart, end: line.contentEnd, message: { zh: `标题：${doc.title}`, en: `Title: ${doc.title}` } };
}
