// Completion at the start of a line: the next heading number of each level in scope, in the
// document's own style, and the heading snippets (一级标题 … 四级标题) carrying that number.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position, type Range } from "vscode-languageserver";
import { FAMILY_RANK, type DocumentModel, type Heading, type MarkerFamily } from "../model/document";
import { formatMarker, STANDARD_STYLE } from "../model/numbering";
import { isBlankCode } from "../model/text";

export const COMPLETION_TRIGGERS = ["（", "(", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

const CHILD_FAMILY: Partial<Record<MarkerFamily, MarkerFamily>> = { cn: "cn-paren", "cn-paren": "ar", ar: "ar-paren", "ar-paren": "circled" };
/** What may stand typed before a number is complete: an opener, a numeral, or both ("（三"). */
const TYPED_NUMBER = /^[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,3})?$/;
/** A snippet prefix being typed: Han characters or pinyin letters and digits (biaoti1). */
const TYPED_WORD = /^[\u4e00-\u9fffA-Za-z0-9]{0,8}$/;
/** Markdown before a heading marker: "## ", "**", "## **" (the model reads headings behind them). */
const MARKDOWN_LEAD = /^(?:(#{1,6})[ \t]+)?(?:\*\*|__)?/;

interface Candidate {
  family: MarkerFamily;
  value: number;
}

/** The heading snippets: what they insert and the prefixes they answer to (as the snippet file had them). */
const HEADING_SNIPPETS: ReadonlyArray<{ family: MarkerFamily; name: string; en: string; prefixes: string[] }> = [
  { family: "cn", name: "一级标题", en: "level 1 heading", prefixes: ["一级标题", "yjbt", "biaoti1"] },
  { family: "cn-paren", name: "二级标题", en: "level 2 heading", prefixes: ["二级标题", "ejbt", "biaoti2"] },
  { family: "ar", name: "三级标题", en: "level 3 heading", prefixes: ["三级标题", "sjbt", "biaoti3"] },
  { family: "ar-paren", name: "四级标题", en: "level 4 heading", prefixes: ["四级标题", "sijbt", "biaoti4"] },
];

interface Context {
  model: DocumentModel;
  doc: number;
  /** The last heading above the position in its document. */
  last: Heading | undefined;
  /** Absolute offsets: where what is being typed starts, the cursor, and how far the edit reaches. */
  from: number;
  cursor: number;
  typed: string;
  /** "#" count of a Markdown heading being typed, 0 otherwise. */
  hashes: number;
  line: number;
}

export function headingCompletions(model: DocumentModel, position: Position): CompletionItem[] {
  const context = contextAt(model, position);
  if (!context) return [];
  const items: CompletionItem[] = [];
  if (TYPED_NUMBER.test(context.typed)) items.push(...numberItems(context));
  if (TYPED_WORD.test(context.typed)) items.push(...snippetItems(context));
  return items;
}

function contextAt(model: DocumentModel, position: Position): Context | undefined {
  const line = model.lines[position.line];
  if (!line || line.kind === "toc-entry" || line.kind === "code") return undefined;
  // Clients may send positions past the line's end (or garbage): clamp, so the edit range is real.
  const character = Math.max(0, Math.min(Number.isInteger(position.character) ? position.character : 0, line.end - line.start));
  const cursor = line.start + character;
  let from = line.start;
  while (from < cursor && isBlankCode(model.text.charCodeAt(from))) from++;
  let hashes = 0;
  if (model.isMarkdown) {
    const lead = MARKDOWN_LEAD.exec(model.text.slice(from, cursor))!;
    hashes = lead[1]?.length ?? 0;
    from += lead[0].length;
  }
  const doc = model.lineDocument[position.line];
  let last: Heading | undefined;
  for (const h of model.headings) {
    if (h.line >= position.line) break;
    if (h.document === doc) last = h;
  }
  return { model, doc, last, from, cursor, typed: model.text.slice(from, cursor), hashes, line: position.line };
}

/** The next number of each level in scope: the deepest heading's sibling, its ancestors', and its first child. */
function candidatesOf(last: Heading | undefined, model: DocumentModel): Candidate[] {
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
  return candidates;
}

/** The next value of a family at the position: after its last number in scope, else 1. */
function nextValue(context: Context, family: MarkerFamily): number {
  for (let h = context.last; h; h = h.parent >= 0 ? context.model.headings[h.parent] : undefined) {
    if (h.family === family) return h.value + 1;
  }
  return 1;
}

/**
 * The end of the edit: past a closing bracket the editor put after the cursor when the opener
 * was typed ("（|）"), so accepting "（三）" leaves no second "）" behind.
 */
function editEnd(context: Context, label: string): number {
  if (!isOpener(context.typed[0]) || !isOpener(label[0])) return context.cursor;
  const next = context.model.text[context.cursor];
  return next === "）" || next === ")" ? context.cursor + 1 : context.cursor;
}

function isOpener(c: string | undefined): boolean {
  return c === "（" || c === "(";
}

/** The label as the user may type it: an opener typed in the other width still matches. */
function asTyped(label: string, typed: string): string {
  return isOpener(typed[0]) && isOpener(label[0]) ? typed[0] + label.slice(1) : label;
}

function rangeOf(context: Context, end: number): Range {
  const start = context.model.lines[context.line].start;
  return { start: { line: context.line, character: context.from - start }, end: { line: context.line, character: end - start } };
}

function numberItems(context: Context): CompletionItem[] {
  const { model, doc, typed } = context;
  const preferred = context.hashes > 0 ? familiesWithHashes(model, doc, context.hashes) : undefined;
  const rank = (c: Candidate) => (preferred?.has(c.family) ? -10 : 0) + FAMILY_RANK[c.family];
  return candidatesOf(context.last, model)
    .sort((a, b) => rank(a) - rank(b))
    .map((c) => {
      const [open, close] = styleFor(model, doc, c.family);
      return formatMarker(c.family, c.value, open, close);
    })
    // What was typed narrows the list: after "（" only bracketed numbers, after "二" only 二….
    .filter((label) => asTyped(label, typed).startsWith(typed))
    .map((label, i): CompletionItem => ({
      label,
      kind: CompletionItemKind.EnumMember,
      detail: "gongwen",
      sortText: String(i).padStart(2, "0"),
      filterText: asTyped(label, typed),
      preselect: i === 0,
      textEdit: { range: rangeOf(context, editEnd(context, label)), newText: label },
    }));
}

/** The numbering families the document writes behind this many "#" (Markdown). */
function familiesWithHashes(model: DocumentModel, doc: number, hashes: number): Set<MarkerFamily> {
  const families = new Set<MarkerFamily>();
  for (const h of model.headings) {
    if (h.document !== doc || !h.markdownPrefix) continue;
    const line = model.lines[h.line];
    let n = 0;
    while (line.text.charCodeAt(line.contentStart - line.start + n) === 0x23 /* # */) n++;
    if (n === hashes) families.add(h.family);
  }
  return families;
}

/** 一级标题 … 四级标题 with the number the heading should carry here, in the document's style. */
function snippetItems(context: Context): CompletionItem[] {
  const { model, doc, typed } = context;
  const lower = typed.toLowerCase();
  const items: CompletionItem[] = [];
  for (const snippet of HEADING_SNIPPETS) {
    const [open, close] = styleFor(model, doc, snippet.family);
    const number = formatMarker(snippet.family, nextValue(context, snippet.family), "", "");
    const example = open + number + close;
    for (const prefix of snippet.prefixes) {
      if (!prefix.startsWith(lower)) continue;
      items.push({
        label: prefix,
        labelDetails: { description: `${snippet.name} ${example}` },
        kind: CompletionItemKind.Snippet,
        detail: `${snippet.name} (${snippet.en}): ${example}标题`,
        filterText: prefix,
        sortText: `zz${prefix}`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: rangeOf(context, context.cursor), newText: `${escapeSnippet(open)}\${1:${number}}${escapeSnippet(close)}\${2:标题}\n$0` },
      });
    }
  }
  return items;
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, "\\$&");
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
