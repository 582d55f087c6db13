// punctuation-pair: “” ‘’ 《》 （） 【】 〔〕 〈〉 「」 『』 must balance within a paragraph. Nesting
// (“…‘…’…”, 《…〈…〉…》) is correct, and so is a quotation over several paragraphs that opens
// every paragraph with “ and closes only in the last. Half-width ( ) and ASCII quotes pair with
// the full-width ones (“…" is closed), but a lone half-width mark is punctuation-width's to report.

import { defineRule, type Fix, type Message, type RelatedLocation } from "../engine/rule";
import type { Line } from "../model/document";
import { ASCII_QUOTE, HALF_WIDTH_PUNCTUATION, PAIRED_MARK } from "../model/char-classes";
import { insideSpans, literalSpans } from "../model/literal-spans";
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
const OPENS = new Map<string, Family>(FAMILIES.map((f) => [f.open, f]));
const CLOSES = new Map<string, Family>(FAMILIES.map((f) => [f.close, f]));
const DOUBLE = FAMILIES[0];
const SINGLE = FAMILIES[1];
const PAREN = FAMILIES[3];

const TOKEN = /[“”‘’《》（）【】〔〕〈〉「」『』()"']/g;
const TRIGGERS = PAIRED_MARK | ASCII_QUOTE | HALF_WIDTH_PUNCTUATION;

interface Open {
  at: number;
  family: Family;
  /** A half-width bracket or an ASCII quote: pairs, never reported here. */
  ascii: boolean;
}

type Report = (at: number, message: Message, related?: RelatedLocation[], fixes?: Fix[]) => void;

/** The marks of one paragraph, fed in order; unmatched ones are reported. */
class Paragraph {
  private stack: Open[] = [];
  private strayClosers: Open[] = [];
  private first = -1;
  constructor(private readonly report: Report, private readonly text: string) {}

  /** The innermost mark left open (full-width), when a line ends inside a pair. */
  innermostOpen(): Family | undefined {
    for (let k = this.stack.length - 1; k >= 0; k--) if (!this.stack[k].ascii) return this.stack[k].family;
    return undefined;
  }

  mark(at: number, ch: string): void {
    if (this.first < 0) this.first = at;
    const stack = this.stack;
    const top = stack[stack.length - 1];
    if (ch === '"' || ch === "'") {
      const family = ch === '"' ? DOUBLE : SINGLE;
      if (top !== undefined && top.family === family) stack.pop();
      else stack.push({ at, family, ascii: true });
      return;
    }
    if (ch === "(") return void stack.push({ at, family: PAREN, ascii: true });
    const opens = OPENS.get(ch);
    if (opens !== undefined) return void stack.push({ at, family: opens, ascii: false });
    const family = ch === ")" ? PAREN : CLOSES.get(ch)!;
    const ascii = ch === ")";
    if (top !== undefined && top.family === family) return void stack.pop();
    if (top !== undefined && family.quote && top.family.quote && (family === DOUBLE || family === SINGLE) && (top.family === DOUBLE || top.family === SINGLE)) {
      // ‘…” : one pair of quotes written with two kinds.
      stack.pop();
      if (!ascii && !top.ascii) {
        this.report(at, { zh: `引号不配对：「${this.text[top.at]}」与「${ch}」不是一对`, en: `Mismatched quotation marks: "${this.text[top.at]}" is closed by "${ch}"` }, [related(top.at, { zh: "与之配对的引号", en: "The quotation mark it pairs with" })]);
      }
      return;
    }
    let k = stack.length - 1;
    while (k >= 0 && stack[k].family !== family) k--;
    if (k >= 0) {
      // Marks opened inside this pair and never closed: 《…（…》.
      for (let j = stack.length - 1; j > k; j--) {
        const inner = stack[j];
        if (inner.ascii) continue;
        this.report(inner.at, { zh: `${inner.family.zh}未闭合：「${inner.family.open}」在「${ch}」之前没有对应的「${inner.family.close}」`, en: `Unclosed ${inner.family.en}: "${inner.family.open}" has no "${inner.family.close}" before "${ch}"` }, [related(at, { zh: "外层的后标号", en: "The enclosing closing mark" })]);
      }
      stack.length = k;
      return;
    }
    if (!ascii) this.strayClosers.push({ at, family, ascii });
  }

  /** Ends the paragraph; returns the position of a “ opening it and left open (a quotation that continues), else -1. */
  end(startsWithQuote: boolean): number {
    let continued = -1;
    const open = this.stack.filter((o) => !o.ascii);
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
    description: { zh: "引号、书名号、括号应在段内成对", en: "Quotation marks, title marks and brackets pair up within a paragraph" },
    severity: "warning",
    fixable: true,
    tags: ["punctuation"],
  },
  defaultOptions: {},
  check(model, context) {
    const text = model.text;
    const report: Report = (at, message, relatedLocations, fixes) => context.report({ start: at, end: at + 1, message, related: relatedLocations, fixes });
    // Quotations continued from earlier paragraphs: fine if the next paragraph opens with “ too.
    let continued: number[] = [];
    const flushContinued = () => {
      for (const at of continued) report(at, { zh: "双引号未闭合：「“」在本段中没有对应的「”」，下一段也不以「“」开头", en: `Unclosed double quotation mark: "“" is not closed in its paragraph and the next paragraph does not continue the quotation` });
      continued = [];
    };
    const lines = model.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.kind === "blank") continue;
      if (!PUNCTUATION_KINDS.has(line.kind)) {
        flushContinued();
        continue;
      }
      // Markdown wraps one paragraph over several lines.
      let last = i;
      if (model.isMarkdown && line.kind === "body") while (last + 1 < lines.length && lines[last + 1].kind === "body" && !lines[last + 1].facts.markdownPrefix) last++;
      const paragraph = new Paragraph(report, text);
      const startsWithQuote = text[line.contentStart] === "“";
      if (continued.length > 0 && !startsWithQuote) flushContinued();
      for (let k = i; k <= last; k++) scanLine(lines[k], model.isMarkdown, paragraph);
      // A paragraph broken over two lines (a copy from a PDF or web page) inside a pair:
      // "……根据《……关于" / "……的通知》要求……" closes on the next line.
      for (let extra = 0; extra < MAX_BROKEN_LINES && last + 1 < lines.length && lines[last + 1].kind === "body"; extra++) {
        const family = paragraph.innermostOpen();
        if (family === undefined || !closesFirst(lines[last + 1], family)) break;
        last++;
        scanLine(lines[last], model.isMarkdown, paragraph);
      }
      const open = paragraph.end(startsWithQuote);
      if (open >= 0) continued.push(open);
      else continued = [];
      i = last;
    }
    flushContinued();
  },
});

/** How many following lines a pair may run on to when a paragraph was broken. */
const MAX_BROKEN_LINES = 2;

/** Whether the line's first mark of the family closes it. */
function closesFirst(line: Line, family: Family): boolean {
  const text = line.text;
  for (let i = line.facts.contentStart; i < line.facts.contentEnd; i++) {
    if (text[i] === family.close) return true;
    if (text[i] === family.open) return false;
  }
  return false;
}

function scanLine(line: Line, markdown: boolean, paragraph: Paragraph): void {
  if ((line.facts.chars & TRIGGERS) === 0) return;
  const text = line.text;
  const { contentStart: from, contentEnd: to, marker } = line.facts;
  let spans: number[] | undefined;
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m !== null && m.index < to; m = TOKEN.exec(text)) {
    const i = m.index;
    if (marker !== undefined && i >= marker.start && i < marker.end) continue;
    const ch = text[i];
    // Apostrophes ("Xi'an") and list numbers ("2）") are not one half of a pair.
    if (ch === "'" && i > 0 && isAlphanumericCode(text.charCodeAt(i - 1)) && isAlphanumericCode(text.charCodeAt(i + 1))) continue;
    if ((ch === "）" || ch === ")") && listNumberClose(text, i, from)) continue;
    spans ??= literalSpans(text, markdown);
    if (spans.length > 0 && insideSpans(spans, i)) continue;
    paragraph.mark(line.start + i, ch);
  }
}
