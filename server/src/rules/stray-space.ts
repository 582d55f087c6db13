// stray-space: a blank inside Chinese text — between two Han characters of a sentence, before or
// after Chinese punctuation, inside a number or date ("202 4 年", "65.3 %") — is a leftover of
// PDF copying or typing. Like punctuation-width, one finding per line (a PDF copy has them on
// every line), with a fix for the line and the document-wide fix.

import { defineRule, type Message, type RelatedLocation, type RuleContext } from "../engine/rule";
import { INNER_BLANK } from "../model/char-classes";
import { LineMemo, type LineTable } from "../engine/memo";
import type { LineKind } from "../model/document";
import { scanSpaces, type SpaceReason, type StraySpace } from "./stray-space-scan";

/**
 * Prose lines. Not the sign-off, date and 版记 (pushed right or aligned with blanks), the masthead
 * and 发文字号, contents, tables, code or markup.
 */
const SPACE_KINDS: ReadonlySet<LineKind> = new Set<LineKind>(["body", "heading", "title", "addressee", "attachment"]);
const MAX_RELATED = 50;
const STEP_LINES = 4096;

const REASONS: Record<SpaceReason, Message> = {
  han: { zh: "汉字之间不应有空格", en: "no blank between Chinese characters" },
  punctuation: { zh: "标点前后不应有空格", en: "no blank before or after Chinese punctuation" },
  number: { zh: "数字或日期中间不应有空格", en: "no blank inside a number or date" },
  unit: { zh: "数字与百分号、单位之间不应有空格", en: "no blank between a number and its % or unit" },
};

const plainSpaces = new LineMemo<StraySpace[]>();
const markdownSpaces = new LineMemo<StraySpace[]>();

export default defineRule({
  id: "stray-space",
  meta: {
    name: { zh: "多余空格", en: "stray blank" },
    description: { zh: "中文文本中多余的空格（汉字之间、标点前后、数字中间）", en: "Stray blanks in Chinese text (between characters, around punctuation, inside numbers)" },
    severity: "warning",
    fixable: true,
    tags: ["spacing"],
  },
  defaultOptions: {},
  *check(model, context) {
    // The memo's table is made on the first line that needs it: most documents have few such
    // lines, and a table holds two arrays as long as the document.
    let table: LineTable<StraySpace[]> | undefined;
    const lines = model.lines;
    for (let i = 0; i < lines.length; i++) {
      if ((i & (STEP_LINES - 1)) === STEP_LINES - 1) yield;
      // The bit test first: most lines have no blank inside and never reach the memo.
      const line = lines[i];
      if ((line.facts.chars & INNER_BLANK) === 0 || !SPACE_KINDS.has(line.kind)) continue;
      table ??= (model.isMarkdown ? markdownSpaces : plainSpaces).table(model.uri, model.lines);
      let found = table.get(i);
      if (found === undefined) {
        found = scanSpaces(line.text, line.facts, model.isMarkdown);
        table.set(i, found);
      }
      if (found.length > 0) reportLine(line.start, found, context);
    }
  },
});

/** One finding for a line's stray blanks: the first one, the others as related locations. */
function reportLine(base: number, found: readonly StraySpace[], context: RuleContext<object>): void {
  const first = found[0];
  const reason = REASONS[first.reason];
  const message: Message =
    found.length === 1
      ? { zh: `多余的空格：${reason.zh}`, en: `Stray blank: ${reason.en}` }
      : { zh: `多余的空格：本行有${found.length}处（${reason.zh}等）`, en: `${found.length} stray blanks in this line (${reason.en}, …)` };
  const related: RelatedLocation[] | undefined =
    found.length > 1 ? found.slice(1, 1 + MAX_RELATED).map((f) => ({ start: base + f.start, end: base + f.end, message: { zh: `同一行：${REASONS[f.reason].zh}`, en: `Same line: ${REASONS[f.reason].en}` } })) : undefined;
  context.report({
    start: base + first.start,
    end: base + first.end,
    message,
    related,
    fixes: [
      {
        title: found.length === 1 ? { zh: "删除空格", en: "Remove the blank" } : { zh: `删除本行${found.length}处多余的空格`, en: `Remove the ${found.length} stray blanks of this line` },
        edits: found.map((f) => ({ start: base + f.start, end: base + f.end, newText: "" })),
        safe: true,
        preferred: true,
      },
    ],
  });
}
