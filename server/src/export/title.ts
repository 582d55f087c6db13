// Where a long title wraps (GB/T 9704 7.3.1): lines of balanced length, broken between words
// (after 关于/印发/年 or punctuation, never inside a number or before a closing mark), never a
// lone character on a line. Shared by the Word writer and the preview.

import { widthInChars } from "./layout";

/** Characters a line may not start with (closing punctuation) and not end with (opening). */
const NO_LINE_START = "，。、；：？！）》」』”’〕】…—·%％";
const NO_LINE_END = "（《「『“‘〔【";
/** Words a break may follow: a title turns here naturally. */
const GOOD_AFTER = ["关于", "印发", "转发", "批转", "年度", "年", "和", "及", "与", "暨", "、", "，", "”", "》", "）", "办公室", "人民政府", "委员会", "局", "厅", "中心"];
/** Words a break may precede. */
const GOOD_BEFORE = ["关于", "工作", "实施"];
/** Words a break may not precede: they continue the word before ("人民政府|办公室"). */
const BAD_BEFORE = ["的", "之", "办公室", "委员会"];

function breakCost(text: string, at: number): number {
  const before = text[at - 1];
  const after = text[at];
  if (NO_LINE_START.includes(after) || NO_LINE_END.includes(before)) return 20;
  if (/[0-9A-Za-z]/.test(before) && /[0-9A-Za-z.％%]/.test(after)) return 20;
  if (BAD_BEFORE.some((w) => text.startsWith(w, at))) return 4;
  if (GOOD_AFTER.some((w) => text.startsWith(w, at - w.length))) return 0;
  if (GOOD_BEFORE.some((w) => text.startsWith(w, at))) return 0.5;
  return 2.5;
}

/** The title's lines: one when it fits, else balanced lines broken at the best places. */
export function splitTitle(text: string, charsPerLine: number): string[] {
  const total = widthInChars(text);
  if (charsPerLine <= 2 || total <= charsPerLine) return [text];
  const count = Math.ceil(total / charsPerLine);
  const lines: string[] = [];
  let rest = text;
  for (let k = count; k > 1; k--) {
    const restWidth = widthInChars(rest);
    // Slightly longer upper lines: the title narrows downwards.
    const target = Math.min(charsPerLine, Math.ceil(restWidth / k));
    let best = -1;
    let bestScore = Infinity;
    let width = 0;
    for (let at = 1; at < rest.length; at++) {
      width += widthInChars(rest[at - 1]);
      if (width > charsPerLine) break;
      const remaining = restWidth - width;
      // Never a lone character, and what is left must still fit in the lines that remain.
      if (width < 2 || remaining < 2 || remaining > charsPerLine * (k - 1)) continue;
      const score = Math.abs(width - target) + breakCost(rest, at);
      if (score < bestScore) {
        bestScore = score;
        best = at;
      }
    }
    if (best < 0) break;
    lines.push(rest.slice(0, best));
    rest = rest.slice(best);
  }
  lines.push(rest);
  return lines;
}
