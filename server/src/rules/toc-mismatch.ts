// toc-mismatch: a compilation's table of contents against its documents — entries that match no
// title (or name a title that has since changed), titles missing from the contents, entries out
// of order, and the count in the collection title ("汇编（14篇）"). Page numbers are not checked.

import type { DocumentModel, Line, SubDocument, TableOfContents } from "../model/document";
import { defineRule, type RuleContext } from "../engine/rule";

/** Entries that are the table itself: "目录", "目次". */
const SELF_ENTRIES = new Set(["目录", "目次"]);
/** The count in a collection title: 汇编（14篇）, （共14篇）, 共十四篇. */
const COUNT = /[（(]\s*共?\s*(\d{1,3}|[一二三四五六七八九十百]{1,4})\s*篇\s*[）)]|共\s*(\d{1,3}|[一二三四五六七八九十百]{1,4})\s*篇/;

interface Entry {
  line: number;
  text: string;
  /** Index into `docs` of the document it names, or -1. */
  doc: number;
}

export default defineRule({
  id: "toc-mismatch",
  meta: {
    name: { zh: "目录与正文不符", en: "contents not matching the documents" },
    description: { zh: "汇编目录应与正文各篇标题、顺序和篇数一致", en: "A compilation's table of contents matches its documents' titles, order and count" },
    severity: "warning",
    fixable: true,
    tags: ["structure", "compilation"],
  },
  defaultOptions: {},
  check(model, context) {
    model.tocs.forEach((toc, k) => checkToc(model, context, toc, model.tocs[k + 1]?.captionLine ?? model.lines.length));
  },
});

function checkToc(model: DocumentModel, context: RuleContext<object>, toc: TableOfContents, nextToc: number): void {
  const collection = model.documents[model.lineDocument[toc.captionLine]];
  // The documents the contents lists: titled ones after it (an attachment's own pages are part of its document).
  const docs = model.documents.filter((d) => d.titleLine > toc.endLine && d.titleLine < nextToc && d.elements.attachmentLabel === undefined);
  const titleKey = (d: SubDocument) => model.lines[d.titleLine].facts.normalized;
  const collectionKey = collection.titleLine >= 0 && collection.titleLine < toc.captionLine ? withoutDigits(titleKey(collection)) : undefined;
  const earlierTitles = new Set(model.documents.filter((d) => d.titleLine >= 0 && d.titleLine < toc.captionLine).map(titleKey));

  const byTitle = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const key = titleKey(d);
    const list = byTitle.get(key);
    if (list) list.push(i);
    else byTitle.set(key, [i]);
  });
  const entries: Entry[] = [];
  let selfEntry: number | undefined;
  toc.entries.forEach((text, k) => {
    const line = toc.entryLines[k];
    // The contents list the collection itself and "目录" with their page numbers.
    if (collectionKey !== undefined && withoutDigits(text) === collectionKey) {
      selfEntry = line;
      return;
    }
    if (SELF_ENTRIES.has(text) || earlierTitles.has(text)) return;
    const candidates = byTitle.get(text);
    const doc = candidates && candidates.length > 0 ? candidates.shift()! : -1;
    entries.push({ line, text, doc });
  });
  const matched = entries.filter((e) => e.doc >= 0).length;
  // A document's own contents (its chapters and sections) name headings, not documents.
  if (matched < 2 || matched * 2 < entries.length) return;

  const listed = new Set(entries.map((e) => e.doc));
  const unlisted = docs.map((_, i) => i).filter((i) => !listed.has(i));
  const headingTexts = new Set(model.paragraphs.filter((p) => p.heading >= 0).map((p) => p.normalized));
  const paired = new Set<number>();
  entries.forEach((e, k) => {
    if (e.doc >= 0 || headingTexts.has(e.text)) return;
    // A renamed document: an unlisted title between the documents of the entries around this one.
    const low = lastMatched(entries, k, -1) ?? -1;
    const high = lastMatched(entries, k, 1) ?? docs.length;
    const renamed = unlisted.find((i) => i > low && i < high && !paired.has(i));
    if (renamed !== undefined) {
      paired.add(renamed);
      reportRenamed(model, context, e, docs[renamed]);
    } else {
      const range = entryRange(model.lines[e.line]);
      context.report({
        ...range,
        message: { zh: `目录条目“${model.text.slice(range.start, range.end)}”在正文中没有对应的标题`, en: `Contents entry "${model.text.slice(range.start, range.end)}" matches no document title` },
      });
    }
  });
  const caption = model.lines[toc.captionLine];
  for (const i of unlisted) {
    if (paired.has(i)) continue;
    const d = docs[i];
    const line = model.lines[d.titleLine];
    context.report({
      start: line.contentStart,
      end: line.contentEnd,
      message: { zh: `标题“${d.title}”未列入目录`, en: `Title "${d.title}" is missing from the contents` },
      related: [{ start: caption.contentStart, end: caption.contentEnd, message: { zh: "目录", en: "Contents" } }],
    });
  }
  reportOrder(model, context, entries, docs);
  if (collectionKey !== undefined) reportCount(model, context, collection, selfEntry, docs.length);
}

function lastMatched(entries: Entry[], from: number, step: -1 | 1): number | undefined {
  for (let k = from + step; k >= 0 && k < entries.length; k += step) if (entries[k].doc >= 0) return entries[k].doc;
  return undefined;
}

/** The entry's text without its page number and leaders. */
function entryRange(line: Line): { start: number; end: number } {
  const content = line.text.slice(line.contentStart - line.start, line.contentEnd - line.start);
  const page = /(?:[\t ]+|[.·…．\-—_]{2,}[\t ]*)?\d{1,4}[\t ]*$/.exec(content);
  const end = page && page.index > 0 ? line.contentStart + page.index : line.contentEnd;
  return { start: line.contentStart, end };
}

function reportRenamed(model: DocumentModel, context: RuleContext<object>, e: Entry, d: SubDocument): void {
  const range = entryRange(model.lines[e.line]);
  const written = model.text.slice(range.start, range.end);
  const titleLine = model.lines[d.titleLine];
  // A numbered entry ("3.XX市……") keeps its number.
  const marker = /^(?:\d{1,3}[.．、]|[一二三四五六七八九十]{1,3}、)/.exec(written);
  const start = range.start + (marker ? marker[0].length : 0);
  context.report({
    ...range,
    message: { zh: `目录条目与正文标题不一致：目录为“${written}”，正文为“${d.title}”`, en: `Contents entry differs from the title: "${written}" in the contents, "${d.title}" in the text` },
    related: [{ start: titleLine.contentStart, end: titleLine.contentEnd, message: { zh: "正文标题", en: "The document's title" } }],
    // Which of the two is right only the writer knows: offered, not applied by fix-all.
    fixes: [{ title: { zh: "将目录条目改为正文标题", en: "Use the document's title in the contents" }, edits: [{ start, end: range.end, newText: d.title }], safe: false, preferred: true }],
  });
}

/** Entries whose documents come in another order: those outside the longest run in order. */
function reportOrder(model: DocumentModel, context: RuleContext<object>, entries: Entry[], docs: SubDocument[]): void {
  const matched = entries.filter((e) => e.doc >= 0);
  const inOrder = longestIncreasing(matched.map((e) => e.doc));
  matched.forEach((e, k) => {
    if (inOrder.has(k)) return;
    const position = entries.indexOf(e) + 1;
    const d = docs[e.doc];
    const range = entryRange(model.lines[e.line]);
    const titleLine = model.lines[d.titleLine];
    context.report({
      ...range,
      message: { zh: `目录顺序与正文不一致：“${d.title}”是正文第${e.doc + 1}篇，在目录中排第${position}条`, en: `Contents out of order: "${d.title}" is document ${e.doc + 1} of the text but entry ${position} of the contents` },
      related: [{ start: titleLine.contentStart, end: titleLine.contentEnd, message: { zh: "正文标题", en: "The document's title" } }],
    });
  });
}

/** Indices of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}

/** The count the collection title names against the documents found. */
function reportCount(model: DocumentModel, context: RuleContext<object>, collection: SubDocument, selfEntry: number | undefined, count: number): void {
  const line = model.lines[collection.titleLine];
  const m = COUNT.exec(line.text);
  if (m === null) return;
  const written = m[1] ?? m[2];
  const value = /^\d+$/.test(written) ? Number(written) : chineseCount(written);
  if (value === undefined || value === count) return;
  const at = line.start + m.index + m[0].indexOf(written);
  const replacement = /^\d+$/.test(written) ? String(count) : undefined;
  const edits = replacement === undefined ? [] : [{ start: at, end: at + written.length, newText: replacement }];
  // The contents' own line for the collection carries the same count.
  if (replacement !== undefined && selfEntry !== undefined) {
    const entry = model.lines[selfEntry];
    const e = COUNT.exec(entry.text);
    const w = e?.[1] ?? e?.[2];
    if (e && w === written) edits.push({ start: entry.start + e.index + e[0].indexOf(w), end: entry.start + e.index + e[0].indexOf(w) + w.length, newText: replacement });
  }
  context.report({
    start: at,
    end: at + written.length,
    message: { zh: `汇编标题称${written}篇，正文实有${count}篇`, en: `The collection title says ${written} documents; the text holds ${count}` },
    fixes: edits.length === 0 ? [] : [{ title: { zh: `改为${count}篇`, en: `Change to ${count}` }, edits, safe: false, preferred: true }],
  });
}

function withoutDigits(normalized: string): string {
  return normalized.replace(/[0-9一二三四五六七八九十百]+篇/g, "篇");
}

function chineseCount(text: string): number | undefined {
  const digits = "一二三四五六七八九";
  if (/^[一二三四五六七八九]$/.test(text)) return digits.indexOf(text) + 1;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? digits.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? digits.indexOf(m[2]) + 1 : 0);
  return undefined;
}
