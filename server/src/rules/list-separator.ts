// list-separator: no 顿号 (or comma) between coordinated items that are each wholly in 《》 or in
// “” (GB/T 15834-2011 4.5.3.5): 《统计法》、《预算法》 → 《统计法》《预算法》.

import { defineRule, type Message } from "../engine/rule";
import { MARKED_LIST } from "../model/char-classes";
import { PUNCTUATION_KINDS } from "./chinese-text";

/** A closing mark, a separator and an opening mark of the same family. */
const SEPARATED = /[》”][、，,][《“]/g;
const PAUSES = "、，。；：！？,;:!?";

/**
 * The separators (offsets relative to the line, in order) between coordinated items that are
 * each wholly in 《》 or each wholly in “”, within text[from, to). Quiet when the list also holds
 * items outside the marks ("信访办、“五老说事”、“红管家”理事会"); a comma counts only in a list
 * that also uses 、 or ends with 等 (elsewhere it may part two clauses).
 */
export function listSeparators(text: string, from: number, to: number): number[] {
  let found: number[] | undefined;
  let done = from;
  SEPARATED.lastIndex = from;
  for (let m = SEPARATED.exec(text); m !== null && m.index < to; m = SEPARATED.exec(text)) {
    const closer = m.index;
    if (closer < done) continue;
    const open = text[closer] === "》" ? "《" : "“";
    const close = text[closer];
    // The run's first item: back over items joined by separators.
    let first = openerOf(text, closer, open, close, from);
    if (first < 0) {
      done = closer + 1;
      SEPARATED.lastIndex = done;
      continue;
    }
    while (first - 2 >= from && isSeparator(text[first - 1]) && text[first - 2] === close) {
      const before = openerOf(text, first - 2, open, close, from);
      if (before < 0) break;
      first = before;
    }
    // Forward over the items.
    const separators: number[] = [];
    let last = closer;
    for (;;) {
      if (last + 2 >= to || !isSeparator(text[last + 1]) || text[last + 2] !== open) break;
      const next = closerOf(text, last + 2, open, close, to);
      if (next < 0) break;
      separators.push(last + 1);
      last = next;
    }
    done = last + 1;
    SEPARATED.lastIndex = done;
    if (separators.length === 0) continue;
    // An unmarked item before or after makes a mixed list: leave it as written.
    if (first > from && text[first - 1] === "、") continue;
    if (mixedAfter(text, last + 1, to)) continue;
    const withPause = separators.some((s) => text[s] === "、");
    const endsWithDeng = text[last + 1] === "等";
    for (const s of separators) if (text[s] === "、" || withPause || endsWithDeng) (found ??= []).push(s);
  }
  return found ?? NONE;
}

const NONE: number[] = [];
Object.freeze(NONE);

const isSeparator = (ch: string | undefined): boolean => ch === "、" || ch === "，" || ch === ",";

/** The opener matching the closer at `at`, looking back to `from` (nested pairs counted), or -1. */
function openerOf(text: string, at: number, open: string, close: string, from: number): number {
  let depth = 0;
  for (let i = at - 1; i >= from; i--) {
    const ch = text[i];
    if (ch === close) depth++;
    else if (ch === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The closer matching the opener at `at`, looking on to `to`, or -1. */
function closerOf(text: string, at: number, open: string, close: string, to: number): number {
  let depth = 0;
  for (let i = at + 1; i < to; i++) {
    const ch = text[i];
    if (ch === open) depth++;
    else if (ch === close) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** After the last item: text running on to a 、 before any other pause is an unmarked item ("“红管家”理事会、……"). */
function mixedAfter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (PAUSES.includes(ch)) return ch === "、";
    if (ch === "“" || ch === "《" || ch === "（" || ch === "(") return false;
  }
  return false;
}

export default defineRule({
  id: "list-separator",
  meta: {
    name: { zh: "并列项间的顿号", en: "enumeration comma between quoted items" },
    description: { zh: "并列的书名号或引号之间不用顿号", en: "No 顿号 between coordinated items in 《》 or “”" },
    severity: "info",
    fixable: true,
    tags: ["punctuation"],
  },
  defaultOptions: {},
  check(model, context) {
    for (const line of model.lines) {
      const chars = line.facts.chars;
      // The line scan noted a 》、《 or ”、“ (with 、 ， or ,).
      if ((chars & MARKED_LIST) === 0) continue;
      if (!PUNCTUATION_KINDS.has(line.kind)) continue;
      const text = line.text;
      for (const s of listSeparators(text, line.facts.contentStart, line.facts.contentEnd)) {
        const at = line.start + s;
        const titles = text[s - 1] === "》";
        const sep = text[s];
        const name = sep === "、" ? { zh: "顿号", en: "顿号 (、)" } : { zh: "逗号", en: "comma" };
        const message: Message = titles
          ? { zh: `并列的书名号之间不用${name.zh}：“》${sep}《”应为“》《”（GB/T 15834-2011 4.5.3.5）`, en: `No ${name.en} between coordinated titles in 《》: "》${sep}《" should be "》《" (GB/T 15834-2011 4.5.3.5)` }
          : { zh: `并列的引号之间不用${name.zh}：应删去两个引号之间的“${sep}”（GB/T 15834-2011 4.5.3.5）`, en: `No ${name.en} between coordinated quoted items: remove the "${sep}" between the quotes (GB/T 15834-2011 4.5.3.5)` };
        context.report({
          start: at,
          end: at + 1,
          message,
          fixes: [{ title: { zh: `删除“${text[s]}”`, en: `Remove "${text[s]}"` }, edits: [{ start: at, end: at + 1, newText: "" }], safe: true, preferred: true }],
        });
      }
    }
  },
});
