// duplicate-paragraph: a paragraph repeated, exactly or nearly, later in the text; the later
// copy is flagged with the first occurrence as related information and delete quick fixes.

import type { DocumentModel, Heading, Paragraph } from "../model/document";
import { FAMILY_RANK } from "../model/document";
import { defineRule, type Fix, type RuleContext, type TextEdit } from "../engine/rule";
import { DuplicateFinder, paragraphItems, type DuplicateMatch } from "./duplicates";

export default defineRule({
  id: "duplicate-paragraph",
  meta: {
    name: { zh: "重复段落", en: "duplicated paragraph" },
    description: { zh: "同一段落不应重复出现（含仅改动个别字的近似重复）", en: "A paragraph should not appear twice, nor nearly twice with a few characters changed" },
    severity: "warning",
    fixable: true,
    tags: ["duplicate", "copy-paste"],
  },
  defaultOptions: { minLength: 20, similarity: 0.9 },
  *check(model, context) {
    // In steps: on a 10 MB document the comparison takes a few hundred milliseconds, during
    // which a server should still answer (outline, folding) and drop a superseded version.
    const finder = new DuplicateFinder(paragraphItems(model), context.options);
    while (!finder.step(STEP_ITEMS)) yield;
    const matches = finder.matches.filter((m) => !parallelStatement(model, m));
    reportRepeatedHeadings(model, context, new Set(matches.map((m) => m.item)));
    if (matches.length === 0) return;
    const byParagraph = new Map<number, DuplicateMatch>();
    for (const m of matches) byParagraph.set(m.item, m);
    const runs = repeatedRuns(model, byParagraph);

    for (const m of matches) {
      const copy = model.paragraphs[m.item];
      const first = model.paragraphs[m.first];
      const firstLine = first.startLine + 1;
      const percent = Math.floor(m.similarity * 100);
      const message = m.exact
        ? { zh: `段落重复：与第${firstLine}行的段落相同`, en: `Duplicated paragraph: same as the paragraph on line ${firstLine}` }
        : { zh: `段落近似重复：与第${firstLine}行的段落相似度${percent}%`, en: `Nearly duplicated paragraph: ${percent}% similar to the paragraph on line ${firstLine}` };
      const fixes: Fix[] = [
        {
          title: { zh: "删除此重复段落", en: "Delete this repeated paragraph" },
          edits: [deleteLines(model, copy.startLine, copy.endLine)],
          // Deleting text is the user's decision: never part of fix-all.
          safe: false,
          preferred: m.exact,
        },
      ];
      const run = runs.get(m.item);
      if (run) {
        const [from, to] = run;
        fixes.push({
          title: { zh: `删除重复的整段内容（第${model.paragraphs[from].startLine + 1}至${model.paragraphs[to].endLine + 1}行）`, en: `Delete the whole repeated passage (lines ${model.paragraphs[from].startLine + 1}–${model.paragraphs[to].endLine + 1})` },
          edits: [deleteLines(model, model.paragraphs[from].startLine, model.paragraphs[to].endLine)],
          safe: false,
        });
      }
      context.report({
        start: copy.start,
        end: copy.end,
        message,
        fixes,
        related: [{ start: first.start, end: first.end, message: { zh: `首次出现（第${firstLine}行）`, en: `First occurrence (line ${firstLine})` } }],
      });
    }
  },
});

/** Paragraphs compared per step (a few milliseconds on a big document). */
const STEP_ITEMS = 512;

// Repeated headings: a section title written twice among the numbered siblings of one section
// ("七、巡察反馈预期效果评估 … 九、巡察反馈预期效果评估") is a copy-paste slip, however short. Only
// siblings (same document, same parent, same marker family) are compared, and only within one
// numbering run: when the numbers restart ("一、工作目标" again), a new part or a document the
// compilation split did not see begins, where the same title is legitimate. Generic titles under
// different parents ("（一）加强组织领导" under 一、 and under 二、) are not siblings.
/** Shortest heading text (characters after normalisation) compared: "其他" twice is too little to go on. */
const MIN_HEADING_TEXT = 4;

function reportRepeatedHeadings(model: DocumentModel, context: Pick<RuleContext<unknown>, "report">, alreadyFlagged: ReadonlySet<number>): void {
  if (model.headings.length < 2) return;
  const paragraphOf = new Array<Paragraph | undefined>(model.headings.length);
  for (const p of model.paragraphs) if (p.heading >= 0) paragraphOf[p.heading] = p;
  // Per sibling group: the previous sibling's number and the first heading of each text.
  // Keyed by a number (a string key per heading was most of this pass's time on big documents):
  // the parent heading, or the document for top-level headings, and the family.
  const groups = new Map<number, { last: number; firsts: Map<string, Heading> }>();
  for (const h of model.headings) {
    const key = (h.parent >= 0 ? 2 * h.parent : 2 * h.document + 1) * FAMILY_KEYS + (FAMILY_KEY.get(h.family) ?? 0);
    let group = groups.get(key);
    if (group === undefined || h.value <= group.last) groups.set(key, (group = { last: h.value, firsts: new Map() }));
    group.last = h.value;
    const text = headingKey(h.text);
    if (text.length < MIN_HEADING_TEXT) continue;
    const first = group.firsts.get(text);
    if (first === undefined) {
      group.firsts.set(text, h);
      continue;
    }
    const copy = paragraphOf[h.index];
    if (copy === undefined || alreadyFlagged.has(copy.index)) continue;
    const firstLine = first.line + 1;
    const firstText = model.lines[first.line];
    const line = model.lines[h.line];
    context.report({
      start: line.start + (line.text.length - line.text.trimStart().length),
      end: h.textEnd,
      message: { zh: `标题重复：与第${firstLine}行的标题“${h.text}”相同`, en: `Repeated heading: same as the heading on line ${firstLine} ("${h.text}")` },
      related: [{ start: firstText.start + (firstText.text.length - firstText.text.trimStart().length), end: first.textEnd, message: { zh: `首次出现（第${firstLine}行）`, en: `First occurrence (line ${firstLine})` } }],
    });
  }
}

/** A small number per marker family, for the sibling groups' keys. */
const FAMILY_KEY = new Map<string, number>(Object.keys(FAMILY_RANK).map((family, i) => [family, i]));
const FAMILY_KEYS = FAMILY_KEY.size;

/** Heading text compared without blanks, punctuation and width differences. */
function headingKey(text: string): string {
  // Most headings are Chinese, digits and Latin letters, which NFKC leaves as they are, with
  // common punctuation, which NFKC maps to punctuation or blanks (，→, …→...): the key is then
  // the text without that punctuation, found by one walk without the costly normalisation.
  let key = "";
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = HEADING_CHAR[text.charCodeAt(i)];
    if (kind === KEEP) continue;
    if (kind !== DROP) return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]+/gu, "");
    if (i > run) key += text.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? text : key + text.slice(run);
}
const KEEP = 1;
const DROP = 2;
/** Per UTF-16 code unit: KEEP (NFKC leaves it, not punctuation), DROP (NFKC gives punctuation or blanks only), 0 (normalise). */
const HEADING_CHAR = new Uint8Array(0x10000);
HEADING_CHAR.fill(KEEP, 0x4e00, 0xa000);
for (const [from, to] of [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]]) HEADING_CHAR.fill(KEEP, from, to + 1);
for (const ch of "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·,.;:?!()%％ \u3000-") HEADING_CHAR[ch.charCodeAt(0)] = DROP;

// Parallel statements: official writing deliberately repeats a sentence with one word swapped
// (安装前/安装后, 上半年/下半年, 城区/农村, 党员/群众). Such a near repeat is not a copy when the
// swap is short and the sentence is short, or when the two stand close together (items of one
// list) and are not long. A long paragraph pasted again, a copy far away, a copy with words
// inserted or deleted or with several different words changed (a revision, not a parallel), or
// with function words swapped (和/与) is still reported.
/** Normalised length under which a swapped word is parallel wording wherever it stands. */
const SHORT_PARALLEL = 50;
/** Normalised length under which a swapped word is parallel wording between nearby paragraphs. */
const NEARBY_PARALLEL = 80;
/** Paragraphs at most this far apart (in the same document) are nearby: one list, one passage. */
const NEARBY_DISTANCE = 8;
/** Longest swapped word, in characters, on either side (上半年/下半年 swaps one, 城区/农村地区 four). */
const MAX_SWAP = 4;

function parallelStatement(model: DocumentModel, m: DuplicateMatch): boolean {
  if (m.exact) return false;
  const first = model.paragraphs[m.first];
  const copy = model.paragraphs[m.item];
  const length = Math.max(first.normalized.length, copy.normalized.length);
  if (length >= NEARBY_PARALLEL) return false;
  const nearby = first.document === copy.document && m.item - m.first <= NEARBY_DISTANCE;
  if (length >= SHORT_PARALLEL && !nearby) return false;
  return swapsOnly(first.normalized, copy.normalized);
}

/** Function words: swapping them (和/与, 的/地) rewords a copy, it never makes a parallel statement. */
const FUNCTION_CHARS = /^[和与及并同跟或且而的地得之其了着过把被将对向从在于为以]+$/;

/**
 * True when b is a with one word swapped (each side 1..MAX_SWAP characters, nothing only
 * inserted or deleted, not function words), or with the same word swapped in two places:
 * "安装前的状况" / "安装后的状况", "城区学校…城区教师" / "农村学校…农村教师".
 */
function swapsOnly(a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  const ma = a.slice(p, a.length - s);
  const mb = b.slice(p, b.length - s);
  if (ma.length === 0 || mb.length === 0) return false;
  if (ma.length <= MAX_SWAP && mb.length <= MAX_SWAP) return !(FUNCTION_CHARS.test(ma) && FUNCTION_CHARS.test(mb));
  // The same swap twice: ma = x + shared + x, mb = y + shared + y.
  for (let i = 1; i <= MAX_SWAP && 2 * i < ma.length; i++) {
    const x = ma.slice(0, i);
    if (!ma.endsWith(x)) continue;
    for (let j = 1; j <= MAX_SWAP && 2 * j < mb.length; j++) {
      const y = mb.slice(0, j);
      if (mb.endsWith(y) && ma.slice(i, ma.length - i) === mb.slice(j, mb.length - j)) return !(FUNCTION_CHARS.test(x) && FUNCTION_CHARS.test(y));
    }
  }
  return false;
}

/**
 * Runs of consecutive later paragraphs that repeat a run of consecutive earlier ones, in the
 * same order: a copied passage. Short paragraphs (headings) inside or leading such a run are
 * included when their text equals the corresponding earlier paragraph. Maps every flagged
 * paragraph of a run of two or more repeats to the run's [first, last] paragraph.
 */
function repeatedRuns(model: DocumentModel, byParagraph: Map<number, DuplicateMatch>): Map<number, [number, number]> {
  const result = new Map<number, [number, number]>();
  const paragraphs = model.paragraphs;
  const counterpart = (later: number, earlier: number): boolean => {
    const m = byParagraph.get(later);
    if (m) return m.first === earlier;
    // An unflagged short paragraph (a heading) copied along with its section.
    return paragraphs[later].normalized.length > 0 && paragraphs[later].normalized === paragraphs[earlier].normalized;
  };
  let i = 0;
  while (i < paragraphs.length) {
    const m = byParagraph.get(i);
    if (!m) {
      i++;
      continue;
    }
    const offset = i - m.first;
    let start = i;
    // Headings copied with the passage lead it.
    while (start - 1 - offset >= 0 && !byParagraph.has(start - 1) && counterpart(start - 1, start - 1 - offset) && sameDocument(paragraphs, start - 1, start)) start--;
    let end = i;
    let flagged = 1;
    // The earlier run must end before the later one starts.
    while (end + 1 < paragraphs.length && end + 1 - offset < start && counterpart(end + 1, end + 1 - offset) && sameDocument(paragraphs, end, end + 1)) {
      end++;
      if (byParagraph.has(end)) flagged++;
    }
    // Trailing unflagged paragraphs are not part of the run.
    while (end > i && !byParagraph.has(end)) end--;
    if (flagged >= 2) for (let k = start; k <= end; k++) if (byParagraph.has(k)) result.set(k, [start, end]);
    i = end + 1;
  }
  return result;
}

function sameDocument(paragraphs: readonly Paragraph[], a: number, b: number): boolean {
  return paragraphs[a].document === paragraphs[b].document;
}

/**
 * Deletes whole lines with their line break. When the lines stand between blank lines, one of
 * the surrounding blank lines goes too, so the paragraph spacing stays as it was.
 */
export function deleteLines(model: DocumentModel, startLine: number, endLine: number): TextEdit {
  const lines = model.lines;
  const first = lines[startLine];
  const last = lines[endLine];
  if (last.breakEnd > last.end) {
    let end = last.breakEnd;
    const before = startLine === 0 || lines[startLine - 1].kind === "blank";
    const after = endLine + 1 < lines.length && lines[endLine + 1].kind === "blank";
    if (before && after && lines[endLine + 1].breakEnd > lines[endLine + 1].end) end = lines[endLine + 1].breakEnd;
    return { start: first.start, end, newText: "" };
  }
  // The last line of the text: remove the break before it instead (and a blank line before).
  if (startLine === 0) return { start: 0, end: last.end, newText: "" };
  let start = lines[startLine - 1].end;
  if (lines[startLine - 1].kind === "blank" && startLine >= 2) start = lines[startLine - 2].end;
  return { start, end: last.end, newText: "" };
}
