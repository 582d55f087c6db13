// What the fix-all command says when it is done: how many problems it fixed, and which are left
// for the writer and why (fix-all applies safe fixes only: a duplicate's copy, a placeholder's
// text or a heading's level are the writer's to decide).

import type { Message, Problem } from "../engine/rule";
import { localize, type Language } from "../i18n";

/** Short names of the rules, and why fix-all leaves their findings. */
const LEFT_BECAUSE: Record<string, { name: Message; why: Message }> = {
  placeholder: {
    name: { zh: "待填写的模板内容", en: "template leftovers" },
    why: { zh: "需要您填写；“D”等替代字可用快速修复还原", en: "they need your text; stand-ins such as \"D\" have a quick fix" },
  },
  "duplicate-paragraph": {
    name: { zh: "重复段落", en: "repeated paragraphs" },
    why: { zh: "保留哪一段由您决定，快速修复可删除副本", en: "which copy to keep is yours to decide; the quick fix deletes the copy" },
  },
  "numbering-hierarchy": {
    name: { zh: "标题层级", en: "heading levels" },
    why: { zh: "需要调整标题层级，无法自动判断", en: "the headings need rearranging, which cannot be guessed" },
  },
  "numbering-sequence": {
    name: { zh: "标题序号", en: "heading numbers" },
    why: { zh: "改号会使其他序号出错，可用“重新编号标题”", en: "changing them alone would break other numbers; Renumber Headings can" },
  },
  "numbering-style": {
    name: { zh: "序号写法", en: "numbering styles" },
    why: { zh: "没有安全的自动修复", en: "there is no safe automatic fix" },
  },
  "enumeration-sequence": {
    name: { zh: "列举序号", en: "enumerations" },
    why: { zh: "改号会改变列举的含义", en: "changing them would change what the list says" },
  },
  "date-format": {
    name: { zh: "日期写法", en: "date formats" },
    why: { zh: "无法确定原意（如两位年份）", en: "what was meant cannot be told for sure (a two-digit year, say)" },
  },
  "date-weekday": {
    name: { zh: "星期", en: "weekdays" },
    why: { zh: "日期和星期哪个写错了由您判断，快速修复可按日期改星期", en: "whether the date or the weekday is wrong is yours to judge; the quick fix changes the weekday" },
  },
  "year-consistency": {
    name: { zh: "年份", en: "years" },
    why: { zh: "哪个年份正确由您判断", en: "which year is right is yours to judge" },
  },
  "doc-number-format": {
    name: { zh: "发文字号", en: "document numbers" },
    why: { zh: "没有安全的自动修复", en: "there is no safe automatic fix" },
  },
  // Punctuation (issue 13): the marks whose right form is certain are fixed; these are not.
  "punctuation-width": {
    name: { zh: "英文引号", en: "ASCII quotes" },
    why: { zh: "引号配不成对，每个引号的方向需要您确认，快速修复按推测改", en: "they do not pair up: which way each one goes is yours to check; the quick fix guesses" },
  },
  "punctuation-pair": {
    name: { zh: "不成对的引号、括号", en: "unpaired quotes and brackets" },
    why: { zh: "缺少的一半该补在哪里由您判断", en: "where the missing half belongs is yours to judge" },
  },
  "toc-mismatch": {
    name: { zh: "目录", en: "contents entries" },
    why: { zh: "目录与正文哪个对由您核对，快速修复可按正文改写目录", en: "whether the contents or the text is right is yours to check; the quick fix follows the text" },
  },
};

const DEFAULT_WHY: Message = { zh: "没有安全的自动修复", en: "there is no safe automatic fix" };

export function fixAllReport(before: number, left: readonly Problem[], language: Language): string {
  const fixed = Math.max(0, before - left.length);
  const zh = language === "zh";
  if (left.length === 0) {
    if (fixed === 0) return zh ? "公文助手：没有发现问题。" : "Gongwen: no problems found.";
    return zh ? `公文助手：已修复 ${fixed} 个问题，没有剩下的问题。` : `Gongwen: fixed ${plural(fixed, "problem")}; none left.`;
  }
  const byRule = new Map<string, number>();
  for (const p of left) byRule.set(p.ruleId, (byRule.get(p.ruleId) ?? 0) + 1);
  const parts = [...byRule].map(([ruleId, count]) => {
    const known = LEFT_BECAUSE[ruleId];
    const name = known ? localize(known.name, language) : ruleId;
    const why = localize(known?.why ?? DEFAULT_WHY, language);
    return zh ? `${name} ${count} 处（${why}）` : `${name}: ${count} (${why})`;
  });
  const head = fixed === 0
    ? (zh ? "公文助手：没有可以自动修复的问题。" : "Gongwen: nothing could be fixed automatically.")
    : (zh ? `公文助手：已修复 ${fixed} 个问题。` : `Gongwen: fixed ${plural(fixed, "problem")}.`);
  return zh
    ? `${head}剩下 ${left.length} 个需要您处理：${parts.join("；")}。`
    : `${head} ${plural(left.length, "problem")} left for you: ${parts.join("; ")}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
