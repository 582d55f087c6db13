// Checking a Word document in the CLI: read its text with the .docx reader (loaded only when a
// Word document is met), check it as a text, and report paragraphs instead of lines and columns.

import type { DocumentModel } from "../model/document";
import { lineOfOffset } from "../model/offsets";
import type { Message, Rule } from "../engine/rule";
import type { WordText } from "../docx/read";
import { isWordName } from "../docx/names";
import { checkText, describe, type CheckRequest, type FileResult, type Locator, type ParagraphReport } from "./check";

/** Characters of context an excerpt shows. */
const EXCERPT_LENGTH = 24;
const EXCERPT_BEFORE = 6;

/** The mark (index into paragraphStarts) of the paragraph holding `offset` of the given line. */
function markAt(word: WordText, offset: number, lineStart: number, lineEnd: number): number {
  const starts = word.paragraphStarts;
  let lo = -1;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Before the first cell of a table row ("| "): the row's first paragraph, not the line above.
  const next = lo + 1;
  if (next < starts.length && starts[next] > offset && starts[next] <= lineEnd && (lo < 0 || starts[lo] < lineStart)) return next;
  return Math.max(0, lo);
}

function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** A few words of the line around `column` (0-based, code points), "…" where cut. */
export function excerptOf(lineText: string, column: number): string {
  const chars = Array.from(lineText.replace(/\t/g, " ").trimEnd());
  // Indentation (the two full-width spaces of a body paragraph) is not worth showing.
  let indent = 0;
  while (indent < chars.length && /\s/.test(chars[indent])) indent++;
  const at = Math.max(column, indent);
  const from = at - indent <= EXCERPT_BEFORE * 2 ? indent : at - EXCERPT_BEFORE;
  const to = Math.min(chars.length, from + EXCERPT_LENGTH);
  return (from > indent ? "…" : "") + chars.slice(from, to).join("") + (to < chars.length ? "…" : "");
}

export function paragraphReport(word: WordText): ParagraphReport & { paragraphOfLine(model: DocumentModel, line: number): number } {
  const locate: Locator = (model, offset) => {
    const line = model.lines[lineOfOffset(model, offset)];
    const mark = markAt(word, offset, line.start, line.end);
    const start = word.paragraphStarts[mark] ?? 0;
    const column = offset > start ? codePoints(model.text, start, offset) + 1 : 1;
    // The excerpt comes from the paragraph's own stretch of the line: a table cell, not its row.
    const next = word.paragraphStarts[mark + 1];
    const from = Math.max(line.start, Math.min(start, offset));
    const to = next !== undefined && next <= line.end && next > from ? next : line.end;
    const stretch = model.text.slice(from, to).replace(/\s*\|\s*$/, "");
    return { line: word.paragraphNumbers[mark] ?? 1, column, excerpt: excerptOf(stretch, codePoints(model.text, from, Math.max(from, offset))) };
  };
  const paragraphOfLine = (model: DocumentModel, lineNumber: number): number => {
    const line = model.lines[lineNumber - 1];
    if (!line) return lineNumber;
    return word.paragraphNumbers[markAt(word, line.start, line.start, line.end)] ?? lineNumber;
  };
  const relabel = (model: DocumentModel, m: Message): Message => {
    const p = (n: string) => paragraphOfLine(model, Number(n));
    return {
      zh: m.zh.replace(/第(\d+)行的段落/g, (_, n: string) => `第${p(n)}段`).replace(/第(\d+)行/g, (_, n: string) => `第${p(n)}段`).replace(/第(\d+)至(\d+)行/g, (_, a: string, b: string) => `第${p(a)}至${p(b)}段`),
      en: m.en
        .replace(/\bthe (paragraph|heading) on line (\d+)/g, (_, what: string, n: string) => (what === "paragraph" ? `paragraph ${p(n)}` : `the heading in paragraph ${p(n)}`))
        .replace(/\blines (\d+)–(\d+)/g, (_, a: string, b: string) => `paragraphs ${p(a)}–${p(b)}`)
        .replace(/\bline (\d+)/g, (_, n: string) => `paragraph ${p(n)}`),
    };
  };
  return { locate, relabel, paragraphOfLine };
}

const FIX_REFUSED: Message = {
  zh: "--fix 不改写 Word 文件：问题已照常列出，请在 Word 中修改（或把文本另存为 .txt/.gw 后再用 --fix）",
  en: "--fix does not rewrite Word files: the findings are listed as usual; correct them in Word (or save the text as .txt/.gw and fix that)",
};

/** Whether a request is for a Word document: named like one, or bytes from standard input. */
export function isWordRequest(request: CheckRequest): boolean {
  return request.bytes !== undefined || (request.text === undefined && isWordName(request.path));
}

/** Reads and checks one Word document. Never throws. */
export async function checkWordDocument(request: CheckRequest, rules: readonly Rule<object>[], onRuleError?: (ruleId: string, error: unknown) => void): Promise<FileResult> {
  const pick = (m: Message) => (request.language === "zh" ? m.zh : m.en);
  // The reader (and its unzipper) is loaded the first time a Word document is met: the CLI starts no slower.
  const { DocxError, readDocx, readWordFile } = await import("../docx/read");
  let word: WordText;
  try {
    word = request.bytes !== undefined ? readDocx(request.bytes, request.path) : await readWordFile(request.path);
  } catch (error) {
    return { path: request.path, findings: [], fixed: 0, unit: "paragraph", error: error instanceof DocxError ? pick(error.text) : `internal error: ${describe(error)}` };
  }
  let result: ReturnType<typeof checkText>;
  try {
    result = checkText(word.text, { ...request, fix: false }, rules, onRuleError, paragraphReport(word));
  } catch (error) {
    return { path: request.path, findings: [], fixed: 0, unit: "paragraph", error: `internal error: ${describe(error)}` };
  }
  const { text: _, ...rest } = result;
  const report: FileResult = { path: request.path, encoding: "Word", ...rest, unit: "paragraph" };
  if (request.fix) report.error = pick(FIX_REFUSED);
  return report;
}
