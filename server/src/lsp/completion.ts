// Completion of the next heading number at the start of a line, in the document's own style.

import { CompletionItemKind, type CompletionItem, type Position } from "vscode-languageserver";
import { FAMILY_RANK, type DocumentModel, type Heading, type MarkerFamily } from "../model/document";
import { formatMarker, STANDARD_STYLE } from "../model/numbering";
import { isBlankCode } from "../model/text";

export const COMPLETION_TRIGGERS = ["（", "(", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

const CHILD_FAMILY: Partial<Record<MarkerFamily, MarkerFamily>> = { cn: "cn-paren", "cn-paren": "ar", ar: "ar-paren", "ar-paren": "circled" };
const TYPED = /^(?:[（(]|[一二三四五六七八九十]{1,3}|\d{1,3})?$/;

interface Candidate {
  family: MarkerFamily;
  value: number;
}

export function headingCompletions(model: DocumentModel, position: Position): CompletionItem[] {
  const line = model.lines[position.line];
  if (!line || line.kind === "toc-entry" || line.kind === "code") return [];
  // Clients may send positions past the line's end (or garbage): clamp, so the edit range is real.
  const character = Math.max(0, Math.min(Number.isInteger(position.character) ? position.character : 0, line.end - line.start));
  const cursor = line.start + character;
  let contentStart = line.start;
  while (contentStart < cursor && isBlankCode(model.text.charCodeAt(contentStart))) contentStart++;
  const typed = model.text.slice(contentStart, cursor);
  if (!TYPED.test(typed)) return [];

  const doc = model.lineDocument[position.line];
  let last: Heading | undefined;
  for (const h of model.headings) {
    if (h.line >= position.line) break;
    if (h.document === doc) last = h;
  }
  const candidates: Candidate[] = [];
  const seen = new Set<MarkerFamily>();
  for (let h = last; h; h = h.parent >= 0 ? model.headings[h.parent] : undefined) {
    if (seen.has(h.family)) continue;
    seen.add(h.family);
    candidates.push({ family: h.family, value: h.value + 1 });
  }
  const child = last ? CHILD_FAMILY[last.family] : undefined;
  if (child && !seen.has(child)) candidates.push({ family: child, value: 1 });
  if (!last) candidates.push({ family: "cn", value: 1 }, { family: "cn-paren", value: 1 });

  const range = { start: { line: position.line, character: contentStart - line.start }, end: { line: position.line, character } };
  return candidates
    .sort((a, b) => FAMILY_RANK[a.family] - FAMILY_RANK[b.family])
    .map((c, i): CompletionItem => {
      const [open, close] = styleFor(model, doc, c.family);
      const label = formatMarker(c.family, c.value, open, close);
      return {
        label,
        kind: CompletionItemKind.EnumMember,
        detail: "gongwen",
        sortText: String(i).padStart(2, "0"),
        filterText: typed + label,
        textEdit: { range, newText: label },
      };
    });
}

/** The writing the document already uses most for a family; the standard one otherwise. */
function styleFor(model: DocumentModel, doc: number, family: MarkerFamily): [string, string] {
  const counts = new Map<string, { n: number; open: string; close: string }>();
  for (const h of model.headings) {
    if (h.document !== doc || h.family !== family) continue;
    const c = counts.get(h.marker.style);
    if (c) c.n++;
    else counts.set(h.marker.style, { n: 1, open: h.marker.open, close: h.marker.close });
  }
  let best: { n: number; open: string; close: string } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  if (best) return [best.open, best.close];
  return STANDARD_STYLE[family] ?? ["", ""];
}
