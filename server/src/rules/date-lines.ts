// What the date rules share: which lines may hold dates (asked of each line's character classes
// first), each line's date tokens memoised across checks, the years a document is about, and
// the range mark a document uses.

import type { DocumentModel, Line, SubDocument } from "../model/document";
import { ASCII_SEPARATOR, CHINESE_ZERO, DATE_WORD, DIGIT } from "../model/char-classes";
import { scanDateTokens, type AnyDateToken } from "../model/date-tokens";
import { LineMemo, perModel } from "../engine/memo";

/** Prose and the 公文 elements around it; not code, front matter, markup or a 版头 mark. */
export function isDateLine(line: Line): boolean {
  switch (line.kind) {
    case "body":
    case "heading":
    case "title":
    case "addressee":
    case "attachment":
    case "signature":
    case "date":
    case "colophon":
    case "toc-entry":
    case "table":
      return true;
    default:
      return false;
  }
}

/** Lines whose characters can make a date, a range or a Chinese year: the rest are never scanned. */
export function mayHoldDates(chars: number): boolean {
  return ((chars & DIGIT) !== 0 && (chars & (DATE_WORD | ASCII_SEPARATOR)) !== 0) || (chars & (CHINESE_ZERO | DATE_WORD)) === (CHINESE_ZERO | DATE_WORD);
}

const NO_TOKENS: AnyDateToken[] = [];
const plainTokens = new LineMemo<AnyDateToken[]>();
const markdownTokens = new LineMemo<AnyDateToken[]>();

/**
 * The date tokens of every line (empty for lines that cannot hold dates), memoised per line
 * text: a re-check after an edit scans only the changed lines. Offsets are relative to each line.
 */
export function dateTokensByLine(model: DocumentModel): (line: Line) => AnyDateToken[] {
  return accessorOf(model);
}

// The date rules check the same model one after the other: they share one accessor.
const accessorOf = perModel(tokenAccessor);

function tokenAccessor(model: DocumentModel): (line: Line) => AnyDateToken[] {
  const table = (model.isMarkdown ? markdownTokens : plainTokens).table(model.uri, model.lines);
  return (line) => {
    if (!isDateLine(line) || !mayHoldDates(line.facts.chars)) return NO_TOKENS;
    let tokens = table.get(line.index);
    if (tokens === undefined) {
      tokens = scanDateTokens(line.text, model.isMarkdown);
      table.set(line.index, tokens);
    }
    return tokens;
  };
}

/**
 * The years a document is about: those its title names, its sign-off's and its 版记's. A date
 * written without its year, or with two digits, is read against these.
 */
export function documentYears(doc: SubDocument): number[] {
  const years = new Set<number>(doc.titleYears.map((y) => y.year));
  if (doc.elements.date) years.add(doc.elements.date.date.year);
  if (doc.elements.colophon?.issueDate) years.add(doc.elements.colophon.issueDate.date.year);
  return [...years];
}

/**
 * The full year of a two-digit one ("24" → 2024) when the document makes the century certain:
 * a year it is about lies within ten years of it (the nearest wins). Undefined otherwise.
 */
export function fullYearOf(value: number, years: readonly number[]): number | undefined {
  let best: number | undefined;
  let distance = Infinity;
  for (const reference of years) {
    for (const century of [1900, 2000, 2100]) {
      const d = Math.abs(century + value - reference);
      if (d <= 10 && d < distance) {
        best = century + value;
        distance = d;
      }
    }
  }
  return best;
}

/** The range marks a document already writes: "～" when it uses the wave more than the dash, else "—". */
export function rangeMarkOf(counts: { dash: number; wave: number }): "—" | "～" {
  return counts.wave > counts.dash ? "～" : "—";
}
