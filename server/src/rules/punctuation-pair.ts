// punctuation-pair: “” ‘’ 《》 （） 【】 〔〕 〈〉 「」 『』 must balance within a paragraph. Nesting
// (“…‘…’…”, 《…〈…〉…》) is correct, and so is a quotation over several paragraphs that opens
// every paragraph with “ and closes only in the last. Half-width ( ) and ASCII quotes pair with
// the full-width ones (“…" is closed), but a lone half-width mark is punctuation-width's to report.

import { defineRule, type Fix, type Message, type RelatedLocation } from "../engine/rule";
import type { DocumentModel, Line } from "../model/document";
import { ASCII_QUOTE, HALF_WIDTH_PUNCTUATION, PAIRED_MARK, UNPAIRED_MARK } from "../model/char-classes";
import { insideSpans, lineLiteralSpans } from "../model/literal-spans";
import { isAlphanumericCode, isBlankCode, isDigitCode, isLatinLetterCode, PUNCTUATION_KINDS } from "./chinese-text";

interface Family {
  open: string;
  close: string;
  zh: string;
  en: string;
  quote: boolean;
}

const FAMILIES: Family[] = [
  { open: "“", close: "”", zh: "双引号", en: "double quotation mark", quote: true },
  { open: "‘", close: "’", zh: "单引号", en: "single quotation mark", quote: true },
  { open: "《", close: "》", zh: "书名号", en: "title mark", quote: false },
  { open: "（", close: "）", zh: "括号", en: "parenthesis", quote: false },
  { open: "【", close: "】", zh: "方头括号", en: "lenticular bracket", quote: false },
  { open: "〔", close: "〕", zh: "六角括号", en: "tortoise-shell bracket", quote: false },
  { open: "〈", close: "〉", zh: "单书名号", en: "single title mark", quote: false },
  { open: "「", close: "」", zh: "直角引号", en: "corner bracket", quote: true },
  { open: "『", close: "』", zh: "双直角引号", en: "white corner bracket", quote: true },
];
/** The family a mark opens or closes, by UTF-16 code (index into FAMILIES + 1; 0 for none). */
const OPENS = new Uint8Array(0x10000);
const CLOSES = new Uint8Array(0x10000);
FAMILIES.forEach((f, k) => {
  OPENS[f.open.charCodeAt(0)] = k + 1;
  CLOSES[f.close.charCodeAt(0)] = k + 1;
});
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const LEFT_PAREN = 0x28;
const RIGHT_PAREN = 0x29;
/** Every mark this rule pairs, full-width and half-width: a table lookup per character of a line. */
const IS_MARK = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (OPENS[c] !== 0 || CLOSES[c] !== 0) IS_MARK[c] = 1;
for (const c of [QUOTE, APOSTROPHE, LEFT_PAREN, RIGHT_PAREN]) IS_MARK[c] = 1;
const DOUBLE = FAMILIES[0];
const SINGLE = FAMILIES[1];
const PAREN = FAMILIES[3];


const TRIGGERS = PAIRED_MARK | ASCII_QUOTE | HALF_WIDTH_PUNCTUATION;
/** Lines whose marks do not balance by themselves, or that hold ASCII quotes or brackets (which pair with full-width ones). */
const NEEDS_A_LOOK = UNPAIRED_MARK | ASCII_QUOTE | HALF_WIDTH_PUNCTUATION;

interface Open {
  at: number;
  family: Family;
  /** A half-width bracket or an ASCII quote: pairs, never reported here. */
  ascii: boolean;
}

type Report = (at: number, message: Message, related?: RelatedLocation[], fixes?: Fix[]) => void;

/**
 * The marks of one paragraph, fed in order; unmatched ones are reported. One instance serves every
 * paragraph of a check (reset()), its stack entries reused: most lines balance, and allocating
 * per mark was most of the rule's cost.
 */
class Paragraph {
  /** Open marks, innermost last: entries [0, depth) of a pool that only grows. */
  private stack: Open[] = [];
  private depth = 0;
  private strayClosers: Open[] = [];
  private first = -1;
  private text = "";
  constructor(private readonly report: Report) {}

  reset(text: string): void {
    this.text = text;
    this.depth = 0;
    this.first = -1;
    if (this.strayClosers.length > 0) this.strayClosers = [];
  }

  private push(at: number, family: Family, ascii: boolean): void {
    const entry = this.stack[this.depth];
    if (entry === undefined) this.stack.push({ at, family, ascii });
    else {
      entry.at = at;
      entry.family = family;
      entry.ascii = ascii;
    }
    this.depth++;
  }

  /** The innermost mark left open (full-width), when a line ends inside a pair. */
  innermostOpen(): Family | undefined {
    for (let k = this.depth - 1; k >= 0; k--) if (!this.stack[k].ascii) return this.stack[k].family;
    return undefined;
  }

  mark(at: number, c: number): void {
    if (this.first < 0) this.first = at;
    const stack = this.stack;
    const top = this.depth > 0 ? stack[this.depth - 1] : undefined;
    if (c === QUOTE || c === APOSTROPHE) {
      const family = c === QUOTE ? DOUBLE : SINGLE;
      if (top !== undefined && top.family === family) this.depth--;
      else this.push(at, family, true);
      return;
    }
    if (c === LEFT_PAREN) return this.push(at, PAREN, true);
    const opens = OPENS[c];
    if (opens !== 0) return this.push(at, FAMILIES[opens - 1], false);
    const ascii = c === RIGHT_PAREN;
    const family = ascii ? PAREN : FAMILIES[CLOSES[c] - 1];
    if (top !== undefined && top.family === family) {
      this.depth--;
      return;
    }
    const ch = String.fromCharCode(c);
    if (top !== undefined && (family === DOUBLE || family === SINGLE) && (top.family === DOUBLE || top.family === SINGLE)) {
      // ‘…” : one pair of quotes written with two kinds.
      this.depth--;
      if (!ascii && !top.ascii) {
        this.report(at, { zh: `引号不配对：「${this.text[top.at]}」与「${ch}」不是一对`, en: `Mismatched quotation marks: "${this.text[top.at]}" is closed by "${ch}"` }, [related(top.at, { zh: "与之配对的引号", en: "The quotation mark it pairs with" })]);
      }
      return;
    }
    let k = this.depth - 1;
    while (k >= 0 && stack[k].family !== family) k--;
    if (k >= 0) {
      // Marks opened inside this pair and never closed: 《…（…》.
      for (let j = this.depth - 1; j > k; j--) {
        const inner = stack[j];
        if (inner.ascii) continue;
        this.report(inner.at, { zh: `${inner.family.zh}未闭合：「${inner.family.open}」在「${ch}」之前没有对应的「${inner.family.close}」`, en: `Unclosed ${inner.family.en}: "${inner.family.open}" has no "${inner.family.close}" before "${ch}"` }, [related(at, { zh: "外层的后标号", en: "The enclosing closing mark" })]);
      }
      this.depth = k;
      return;
    }
    if (!ascii) this.strayClosers.push({ at, family, ascii });
  }

  /** Ends the paragraph; returns the position of a “ opening it and left open (a quotation that continues), else -1. */
  end(startsWithQuote: boolean): number {
    if (this.depth === 0 && this.strayClosers.length === 0) return -1;
    let continued = -1;
    const open: Open[] = [];
    for (let k = 0; k < this.depth; k++) if (!this.stack[k].ascii) open.push({ ...this.stack[k] });
    if (startsWithQuote && open.length === 1 && open[0].at === this.first && open[0].family === DOUBLE) {
      continued = open[0].at;
      open.length = 0;
    }
    // Two openers of one quote family with nothing between ("“先进集体“"): the second was meant to close.
    const reported = new Set<Open>();
    for (let i = 0; i + 1 < open.length; i++) {
      const a = open[i];
      const b = open[i + 1];
      if (a.family === b.family && a.family.quote && !reported.has(a)) {
        reported.add(a).add(b);
        this.report(b.at, { zh: `${a.family.zh}方向错误：此处的「${a.family.open}」应为「${a.family.close}」？`, en: `Wrong-way ${a.family.en}: should this "${a.family.open}" be "${a.family.close}"?` }, [related(a.at, { zh: "前一个前引号", en: "The opening mark before it" })], [directionFix(b.at, a.family.close)]);
      }
    }
    for (const o of open) {
      if (reported.has(o)) continue;
      this.report(o.at, { zh: `${o.family.zh}未闭合：「${o.family.open}」在本段中没有对应的「${o.family.close}」`, en: `Unclosed ${o.family.en}: "${o.family.open}" has no matching "${o.family.close}" in this paragraph` });
    }
    const stray = this.strayClosers;
    const pairedStray = new Set<Open>();
    for (let i = 0; i + 1 < stray.length; i++) {
      const a = stray[i];
      const b = stray[i + 1];
      if (a.family === b.family && a.family.quote && !pairedStray.has(a)) {
        pairedStray.add(a).add(b);
        this.report(a.at, { zh: `${a.family.zh}方向错误：此处的「${a.family.close}」应为「${a.family.open}」？`, en: `Wrong-way ${a.family.en}: should this "${a.family.close}" be "${a.family.open}"?` }, [related(b.at, { zh: "后一个后引号", en: "The closing mark after it" })], [directionFix(a.at, a.family.open)]);
      }
    }
    for (const c of stray) {
      if (pairedStray.has(c)) continue;
      this.report(c.at, { zh: `${c.family.zh}不配对：「${c.family.close}」前面没有对应的「${c.family.open}」`, en: `Unmatched ${c.family.en}: "${c.family.close}" has no "${c.family.open}" before it` });
    }
    return continued;
  }
}

const related = (at: number, message: Message): RelatedLocation => ({ start: at, end: at + 1, message });

const directionFix = (at: number, to: string): Fix => ({ title: { zh: `改为「${to}」`, en: `Change to "${to}"` }, edits: [{ start: at, end: at + 1, newText: to }], safe: false });

/** "2）" "b)" "三）" opening a clause: a list number written with one bracket, not an unclosed pair. */
function listNumberClose(text: string, i: number, from: number): boolean {
  let j = i - 1;
  const digits = () => isDigitCode(text.charCodeAt(j));
  if (digits()) while (j >= from && j >= i - 2 && digits()) j--;
  else if (isLatinLetterCode(text.charCodeAt(j))) j--;
  else while (j >= from && j >= i - 3 && "一二三四五六七八九十".includes(text[j])) j--;
  if (j === i - 1 || (j >= from && isAlphanumericCode(text.charCodeAt(j)))) return false;
  return j < from || isBlankCode(text.charCodeAt(j)) || "；;。，,：:、".includes(text[j]);
}

export default defineRule({
  id: "punctuation-pair",
  meta: {
    name: { zh: "标点不成对", en: "unpaired quote or bracket" },
    description: { zh: "引号、书名号、括号应在段内成对", en: "Quotation marks, title marks and brackets pair up within a paragraph" },
    severity: "warning",
    fixable: true,
    tags: ["punctuation"],
  },
  defaultOptions: {},
  check(model, context) {
    // The work per paragraph is a method called thousands of times, so it stays optimised: a
    // loop body in check() (run once per document) ran unoptimised on big documents.
    const run = new PairCheck(model, (problem) => context.report(problem));
    const lines = model.lines;
    for (let i = 0; i < lines.length; i++) i = run.paragraphAt(i);
    run.flushContinued();
  },
});

/** One check of a document: its paragraphs in order, and the quotations continued across them. */
class PairCheck {
  /** Quotations continued from earlier paragraphs: fine if the next paragraph opens with “ too. */
  private continued: number[] = [];
  private readonly paragraph: Paragraph;
  private readonly lines: Line[];
  private readonly text: string;
  private readonly markdown: boolean;

  constructor(model: DocumentModel, private readonly reportProblem: (problem: { start: number; end: number; message: Message; related?: RelatedLocation[]; fixes?: Fix[] }) => void) {
    this.lines = model.lines;
    this.text = model.text;
    this.markdown = model.isMarkdown;
    this.paragraph = new Paragraph((at, message, related, fixes) => this.reportProblem({ start: at, end: at + 1, message, related, fixes }));
  }

  flushContinued(): void {
    for (const at of this.continued) {
      this.reportProblem({ start: at, end: at + 1, message: { zh: "双引号未闭合：「“」在本段中没有对应的「”」，下一段也不以「“」开头", en: `Unclosed double quotation mark: "“" is not closed in its paragraph and the next paragraph does not continue the quotation` } });
    }
    if (this.continued.length > 0) this.continued = [];
  }

  /** Checks the paragraph starting on line `i`; returns its last line. */
  paragraphAt(i: number): number {
    const lines = this.lines;
    const line = lines[i];
    if (line.kind === "blank") return i;
    if (!PUNCTUATION_KINDS.has(line.kind)) {
      this.flushContinued();
      return i;
    }
    // Markdown wraps one paragraph over several lines.
    let last = i;
    if (this.markdown && line.kind === "body") while (last + 1 < lines.length && lines[last + 1].kind === "body" && !lines[last + 1].facts.markdownPrefix) last++;
    const startsWithQuote = this.text.charCodeAt(line.contentStart) === 0x201c;
    if (this.continued.length > 0 && !startsWithQuote) this.flushContinued();
    // The line scan noted whether each line's marks nest and balance: a paragraph of such lines,
    // without half-width ones that may pair with them, is balanced (and ends a continued quotation).
    let balanced = true;
    for (let k = i; k <= last && balanced; k++) balanced = (lines[k].facts.chars & NEEDS_A_LOOK) === 0;
    if (balanced) {
      if (this.continued.length > 0) this.continued = [];
      return last;
    }
    const paragraph = this.paragraph;
    paragraph.reset(this.text);
    for (let k = i; k <= last; k++) scanLine(lines[k], this.markdown, paragraph);
    // A paragraph (or a title) broken over two lines, by a copy from a PDF or web page or by the
    // writer, inside a pair:
    // "……根据《……关于" / "……的通知》要求……" closes on the next line.
    for (let extra = 0; extra < MAX_BROKEN_LINES && last + 1 < lines.length && (lines[last + 1].kind === "body" || lines[last + 1].kind === "title"); extra++) {
      const family = paragraph.innermostOpen();
      if (family === undefined || !closesFirst(lines[last + 1], family)) break;
      last++;
      scanLine(lines[last], this.markdown, paragraph);
    }
    const open = paragraph.end(startsWithQuote);
    if (open >= 0) this.continued.push(open);
    else if (this.continued.length > 0) this.continued = [];
    return last;
  }
}

/** How many following lines a pair may run on to when a paragraph was broken. */
const MAX_BROKEN_LINES = 3;

/** Whether the line's first mark of the family closes it. */
function closesFirst(line: Line, family: Family): boolean {
  const text = line.text;
  const open = family.open.charCodeAt(0);
  const close = family.close.charCodeAt(0);
  for (let i = line.facts.contentStart; i < line.facts.contentEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === close) return true;
    if (c === open) return false;
  }
  return false;
}

function scanLine(line: Line, markdown: boolean, paragraph: Paragraph): void {
  const facts = line.facts;
  if ((facts.chars & TRIGGERS) === 0) return;
  const text = line.text;
  const { contentStart: from, contentEnd: to, marker } = facts;
  let spans: number[] | undefined;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (IS_MARK[code] === 0) continue;
    if (marker !== undefined && i >= marker.start && i < marker.end) continue;
    // Apostrophes ("Xi'an") and list numbers ("2）") are not one half of a pair.
    if (code === APOSTROPHE && i > 0 && isAlphanumericCode(text.charCodeAt(i - 1)) && isAlphanumericCode(text.charCodeAt(i + 1))) continue;
    if ((code === 0xff09 || code === RIGHT_PAREN) && listNumberClose(text, i, from)) continue;
    spans ??= lineLiteralSpans(text, facts, markdown);
    if (spans.length > 0 && insideSpans(spans, i)) continue;
    paragraph.mark(line.start + i, code);
  }
}
